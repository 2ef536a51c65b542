"""The activity heatmap's layout: weeks as columns, Monday first, levels by minutes, forgiving consistency."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.heatmap import build_heatmap, level

SATURDAY = date(2026, 11, 21)


def test_twelve_weeks_end_with_the_week_that_holds_today():
    heatmap = build_heatmap({}, SATURDAY)
    assert len(heatmap.weeks) == 12 and all(len(week) == 7 for week in heatmap.weeks)
    assert heatmap.weeks[-1][0].day == date(2026, 11, 16)  # Monday of this week
    assert heatmap.weeks[-1][5].day == SATURDAY and not heatmap.weeks[-1][5].future
    assert heatmap.weeks[-1][6].future  # Sunday has not happened yet
    assert heatmap.weeks[0][0].day == date(2026, 11, 16) - timedelta(weeks=11)


def test_levels_rise_with_minutes():
    assert [level(m) for m in (0, 10, 30, 59, 60, 119, 120, 600)] == [0, 1, 2, 2, 3, 3, 4, 4]


def test_future_minutes_are_ignored_and_consistency_counts_elapsed_days():
    activity = {SATURDAY: 45, SATURDAY - timedelta(days=1): 130, SATURDAY + timedelta(days=1): 60}
    heatmap = build_heatmap(activity, SATURDAY)
    assert heatmap.active_days == 2 and heatmap.total_minutes == 175
    assert heatmap.days_elapsed == 12 * 7 - 1
    assert heatmap.weeks[-1][4].level == 4


def test_days_before_the_plan_began_are_not_counted_as_missed():
    start = SATURDAY - timedelta(days=9)
    activity = {start + timedelta(days=n): 30 for n in range(10)}
    heatmap = build_heatmap(activity, SATURDAY, start=start)
    assert heatmap.days_elapsed == 10 and heatmap.consistency == 100
    early = heatmap.weeks[0][0]
    assert early.before_start and early.level == 0
