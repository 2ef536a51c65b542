"""The plan calendar (day, week, month, final days) and the pace formula."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from curriculum.catalog import Catalog
from curriculum.plan import PlanPosition, expected_tasks_by, locate, pace

START = date(2025, 3, 10)


def on_day(day: int) -> date:
    return START + timedelta(days=day - 1)


def test_before_start(catalog: Catalog) -> None:
    position = locate(START, START - timedelta(days=3), catalog.plan)
    assert position == PlanPosition("not_started", None, None, None, days_until_start=3, days_since_end=0)


def test_day_one_is_the_start_date(catalog: Catalog) -> None:
    position = locate(START, START, catalog.plan)
    assert (position.phase, position.day, position.week, position.month) == ("active", 1, 1, 1)
    assert position.stages == catalog.week(1).stages
    assert position.days_until_start == 0 and not position.final_days


@pytest.mark.parametrize(
    ("day", "week", "month"),
    [
        (7, 1, 1),
        (8, 2, 1),
        (14, 2, 1),
        (15, 3, 1),
        (28, 4, 1),
        (29, 5, 2),
        (56, 8, 2),
        (57, 9, 3),
        (84, 12, 3),
    ],
)
def test_week_and_month_boundaries(catalog: Catalog, day: int, week: int, month: int) -> None:
    position = locate(START, on_day(day), catalog.plan)
    assert (position.day, position.week, position.month) == (day, week, month)
    assert position.stages == catalog.week(week).stages


@pytest.mark.parametrize("day", [85, 88, 90])
def test_final_days_stay_in_week_twelve(catalog: Catalog, day: int) -> None:
    position = locate(START, on_day(day), catalog.plan)
    assert (position.phase, position.day, position.week, position.month) == ("active", day, 12, 3)
    assert position.final_days


def test_day_84_is_not_a_final_day(catalog: Catalog) -> None:
    assert not locate(START, on_day(84), catalog.plan).final_days


def test_day_91_is_finished(catalog: Catalog) -> None:
    position = locate(START, on_day(91), catalog.plan)
    assert position.phase == "finished"
    assert (position.day, position.week, position.month) == (None, None, None)
    assert position.days_since_end == 1 and position.stages == []
    assert locate(START, on_day(100), catalog.plan).days_since_end == 10


def test_leap_day_counts_like_any_day(catalog: Catalog) -> None:
    # 2024 is a leap year: Jan 1 is day 1, Feb 29 is day 60, Mar 30 is day 90, Mar 31 is past the end.
    start = date(2024, 1, 1)
    assert locate(start, date(2024, 2, 29), catalog.plan).day == 60
    assert locate(start, date(2024, 3, 1), catalog.plan).day == 61
    assert locate(start, date(2024, 3, 30), catalog.plan).day == 90
    assert locate(start, date(2024, 3, 31), catalog.plan).phase == "finished"
    # The same dates a year later, without Feb 29, land one day earlier.
    assert locate(date(2023, 1, 1), date(2023, 3, 1), catalog.plan).day == 60


def test_expected_tasks_spread_over_the_week(catalog: Catalog) -> None:
    first = len(catalog.week(1).tasks)
    total = sum(len(week.tasks) for week in catalog.plan.weeks)
    assert expected_tasks_by(0, catalog.plan) == 0
    assert expected_tasks_by(1, catalog.plan) == first // 7
    assert expected_tasks_by(7, catalog.plan) == first
    assert expected_tasks_by(84, catalog.plan) == total
    assert expected_tasks_by(90, catalog.plan) == total  # the final days add no tasks


def week_keys(catalog: Catalog, *weeks: int) -> set[str]:
    return {task.key for week in weeks for task in catalog.week(week).tasks}


def test_on_track_when_the_week_is_done(catalog: Catalog) -> None:
    position = locate(START, on_day(7), catalog.plan)
    result = pace(position, catalog.plan, week_keys(catalog, 1), set())
    assert result.status == "on_track" and result.days == 0
    assert result.expected_tasks == result.done_tasks == len(catalog.week(1).tasks)
    assert result.expected_artifact_weeks == 0  # week 1's proof is due at the end of day 7, not before


def test_behind_when_nothing_is_done(catalog: Catalog) -> None:
    position = locate(START, on_day(14), catalog.plan)
    result = pace(position, catalog.plan, set(), set())
    # The first week-1 task was due at the end of day 2: twelve days overdue on day 14.
    assert (result.status, result.days) == ("behind", 12)
    assert result.expected_artifact_weeks == 1 and result.artifact_weeks == 0


def test_ahead_when_two_weeks_are_done_on_day_three(catalog: Catalog) -> None:
    position = locate(START, on_day(3), catalog.plan)
    result = pace(position, catalog.plan, week_keys(catalog, 1, 2), set())
    # Ten tasks are due by the end of day 14: done 11 days early.
    assert len(week_keys(catalog, 1, 2)) == 10
    assert (result.status, result.days) == ("ahead", 11)


def test_missing_proof_overrides_a_task_lead(catalog: Catalog) -> None:
    position = locate(START, on_day(10), catalog.plan)
    done = week_keys(catalog, 1, 2)
    no_proof = pace(position, catalog.plan, done, set())
    assert (no_proof.status, no_proof.days) == ("behind", 3)  # week 1's proof was due on day 7
    with_proof = pace(position, catalog.plan, done, {1})
    assert (with_proof.status, with_proof.days) == ("ahead", 4)


def test_one_day_of_lag_is_on_track(catalog: Catalog) -> None:
    position = locate(START, on_day(3), catalog.plan)
    result = pace(position, catalog.plan, {catalog.week(1).tasks[0].key}, set())
    assert result.expected_tasks == 2 and result.done_tasks == 1
    assert (result.status, result.days) == ("on_track", 0)


def test_unknown_keys_and_out_of_plan_weeks_are_ignored(catalog: Catalog) -> None:
    position = locate(START, on_day(20), catalog.plan)
    result = pace(position, catalog.plan, {"w01-not-a-task", "anything"}, {0, 13, 40})
    assert result.done_tasks == 0 and result.artifact_weeks == 0


def test_skipped_tasks_count_when_passed_in(catalog: Catalog) -> None:
    # The tracker passes done and skipped keys together: skipping is a decision, not a lag.
    position = locate(START, on_day(7), catalog.plan)
    keys = week_keys(catalog, 1)
    assert pace(position, catalog.plan, keys, set()).status == "on_track"


def test_not_started_and_finished(catalog: Catalog) -> None:
    early = pace(locate(START, START - timedelta(days=1), catalog.plan), catalog.plan, set(), set())
    assert (early.status, early.days, early.expected_tasks) == ("not_started", 0, 0)
    total = sum(len(week.tasks) for week in catalog.plan.weeks)
    late = pace(locate(START, on_day(95), catalog.plan), catalog.plan, week_keys(catalog, 1), {1, 2})
    assert (late.status, late.expected_tasks, late.done_tasks) == ("finished", total, 5)
    assert (late.expected_artifact_weeks, late.artifact_weeks) == (12, 2)


def test_final_days_expect_every_week_but_the_last(catalog: Catalog) -> None:
    all_keys = week_keys(catalog, *range(1, 13))
    position = locate(START, on_day(88), catalog.plan)
    result = pace(position, catalog.plan, all_keys, set(range(1, 12)))
    # Week 12's proof is due on day 90, so on day 88 only weeks 1-11 are expected.
    assert result.expected_artifact_weeks == 11
    assert (result.status, result.days) == ("on_track", 0)  # all done, nothing more due: not "ahead"


def test_exactly_on_schedule_mid_week_is_on_track(catalog: Catalog) -> None:
    # Week 3 has five tasks: by day 18 (its fourth day) two are expected.
    position = locate(START, on_day(18), catalog.plan)
    done = week_keys(catalog, 1, 2) | {task.key for task in catalog.week(3).tasks[:2]}
    result = pace(position, catalog.plan, done, {1, 2})
    assert (result.expected_tasks, result.done_tasks) == (12, 12)
    assert (result.status, result.days) == ("on_track", 0)


def test_behind_counts_from_the_oldest_overdue_task(catalog: Catalog) -> None:
    # Day 21 with weeks 1-2 done and proven, nothing of week 3: its first task was due on day 16.
    position = locate(START, on_day(21), catalog.plan)
    result = pace(position, catalog.plan, week_keys(catalog, 1, 2), {1, 2})
    assert (result.status, result.days) == ("behind", 5)
