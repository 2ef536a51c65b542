"""The plan calendar (day, week, month, final days) and the pace formula."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from curriculum.catalog import Catalog
from curriculum.plan import PlanPosition, expected_hours_by, expected_tasks_by, locate, pace
from curriculum.workload import week_load

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


HOURS = 10.0  # the plan's default budget; week 1 then requires 8 h, week 2 9 h, week 3 9 h


def required(catalog: Catalog, *weeks: int, hours: float = HOURS) -> set[str]:
    return {key for week in weeks for key in week_load(catalog.week(week), hours).required_keys}


def week_hours(catalog: Catalog, week: int, hours: float = HOURS) -> float:
    return week_load(catalog.week(week), hours).required_hours


def test_the_budget_used_in_these_tests(catalog: Catalog) -> None:
    assert [week_hours(catalog, week) for week in (1, 2, 3)] == [8, 9, 9]


def test_expected_work_spread_over_the_week(catalog: Catalog) -> None:
    first = week_hours(catalog, 1)
    total = sum(week_hours(catalog, week.number) for week in catalog.plan.weeks)
    assert expected_hours_by(0, catalog.plan, HOURS) == 0
    assert expected_hours_by(1, catalog.plan, HOURS) == pytest.approx(first / 7)
    assert expected_hours_by(7, catalog.plan, HOURS) == first
    assert expected_hours_by(84, catalog.plan, HOURS) == total
    assert expected_hours_by(90, catalog.plan, HOURS) == total  # the final days add no work
    tasks = len(required(catalog, 1))
    assert expected_tasks_by(1, catalog.plan, HOURS) == tasks // 7
    assert expected_tasks_by(7, catalog.plan, HOURS) == tasks


def test_on_track_when_the_week_is_done(catalog: Catalog) -> None:
    position = locate(START, on_day(7), catalog.plan)
    result = pace(position, catalog.plan, required(catalog, 1), set(), HOURS)
    assert result.status == "on_track" and result.days == 0
    assert result.expected_tasks == result.done_tasks == len(required(catalog, 1))
    assert result.expected_hours == result.done_hours == 8
    assert result.expected_artifact_weeks == 0  # week 1's proof is due at the end of day 7, not before


def test_behind_when_nothing_is_done(catalog: Catalog) -> None:
    position = locate(START, on_day(14), catalog.plan)
    result = pace(position, catalog.plan, set(), set(), HOURS)
    # Work was expected from the end of day 1: thirteen days of it are missing on day 14.
    assert (result.status, result.days) == ("behind", 13)
    assert result.expected_artifact_weeks == 1 and result.artifact_weeks == 0


def test_ahead_when_two_weeks_are_done_on_day_three(catalog: Catalog) -> None:
    position = locate(START, on_day(3), catalog.plan)
    result = pace(position, catalog.plan, required(catalog, 1, 2), set(), HOURS)
    # 17 hours are due by the end of day 14: done 11 days early.
    assert result.done_hours == 17
    assert (result.status, result.days) == ("ahead", 11)


def test_missing_proof_overrides_a_work_lead(catalog: Catalog) -> None:
    position = locate(START, on_day(10), catalog.plan)
    done = required(catalog, 1, 2)
    no_proof = pace(position, catalog.plan, done, set(), HOURS)
    assert (no_proof.status, no_proof.days) == ("behind", 3)  # week 1's proof was due on day 7
    with_proof = pace(position, catalog.plan, done, {1}, HOURS)
    assert (with_proof.status, with_proof.days) == ("ahead", 4)


@pytest.mark.parametrize(("day", "status", "days"), [(3, "on_track", 0), (4, "on_track", 0), (5, "behind", 2)])
def test_one_day_of_lag_is_on_track(catalog: Catalog, day: int, status: str, days: int) -> None:
    # Three hours done (the job descriptions): 8 h over 7 days first expects more than 3 h at the end of day 3.
    done = {"w01-collect-job-descriptions"}
    result = pace(locate(START, on_day(day), catalog.plan), catalog.plan, done, set(), HOURS)
    assert result.done_hours == 3 and result.done_tasks == 1
    assert (result.status, result.days) == (status, days)


def test_hours_weigh_more_than_task_counts(catalog: Catalog) -> None:
    # On day 5, one 3-hour task is two days behind; two half-hour tasks (more tasks, less work) are further.
    position = locate(START, on_day(5), catalog.plan)
    big = pace(position, catalog.plan, {"w01-collect-job-descriptions"}, set(), HOURS)
    small = pace(position, catalog.plan, {"w01-score-competencies", "w01-block-deep-work"}, set(), HOURS)
    assert small.done_tasks > big.done_tasks
    assert small.days > big.days and small.status == big.status == "behind"


def test_stretch_tasks_are_neither_expected_nor_credited(catalog: Catalog) -> None:
    position = locate(START, on_day(7), catalog.plan)
    stretch = {"w01-typed-text-tool"}  # 6 h: beyond 10 h a week once the core and the workbench are in
    at_ten = pace(position, catalog.plan, stretch, set(), HOURS)
    assert (at_ten.done_hours, at_ten.done_tasks, at_ten.expected_hours) == (0, 0, 8)
    at_twenty = pace(position, catalog.plan, stretch, set(), 20)
    assert (at_twenty.done_hours, at_twenty.expected_hours) == (6, 14)


def test_the_budget_sets_what_is_expected(catalog: Catalog) -> None:
    position = locate(START, on_day(7), catalog.plan)
    core = {task.key for task in catalog.week(1).tasks if task.core}
    assert pace(position, catalog.plan, core, set(), 5).status == "on_track"
    at_ten = pace(position, catalog.plan, core, set(), HOURS)
    assert (at_ten.status, at_ten.days) == ("behind", 2)  # 10 h a week expects more than 5 h after day 4
    assert at_ten.weekly_hours == HOURS


def test_unknown_keys_and_out_of_plan_weeks_are_ignored(catalog: Catalog) -> None:
    position = locate(START, on_day(20), catalog.plan)
    result = pace(position, catalog.plan, {"w01-not-a-task", "anything"}, {0, 13, 40}, HOURS)
    assert result.done_tasks == 0 and result.done_hours == 0 and result.artifact_weeks == 0


def test_skipped_tasks_count_when_passed_in(catalog: Catalog) -> None:
    # The tracker passes done and skipped keys together: skipping is a decision, not a lag.
    position = locate(START, on_day(7), catalog.plan)
    assert pace(position, catalog.plan, required(catalog, 1), set(), HOURS).status == "on_track"


def test_not_started_and_finished(catalog: Catalog) -> None:
    early = pace(locate(START, START - timedelta(days=1), catalog.plan), catalog.plan, set(), set(), HOURS)
    assert (early.status, early.days, early.expected_tasks, early.expected_hours) == ("not_started", 0, 0, 0)
    total = len(required(catalog, *range(1, 13)))
    late = pace(locate(START, on_day(95), catalog.plan), catalog.plan, required(catalog, 1), {1, 2}, HOURS)
    assert (late.status, late.expected_tasks, late.done_tasks) == ("finished", total, len(required(catalog, 1)))
    assert late.expected_hours == sum(week_hours(catalog, week) for week in range(1, 13))
    assert (late.expected_artifact_weeks, late.artifact_weeks) == (12, 2)


def test_final_days_expect_every_week_but_the_last(catalog: Catalog) -> None:
    position = locate(START, on_day(88), catalog.plan)
    result = pace(position, catalog.plan, required(catalog, *range(1, 13)), set(range(1, 12)), HOURS)
    # Week 12's proof is due on day 90, so on day 88 only weeks 1-11 are expected.
    assert result.expected_artifact_weeks == 11
    assert (result.status, result.days) == ("on_track", 0)  # all done, nothing more due: not "ahead"


def test_on_schedule_mid_week_is_on_track(catalog: Catalog) -> None:
    # Day 17 is week 3's third day: 17 h + 3/7 of 9 h are due; weeks 1-2 and the week-3 core (4 h) are done.
    position = locate(START, on_day(17), catalog.plan)
    core = {"w03-index-corpus", "w03-label-queries", "w03-retrieval-checks"}
    result = pace(position, catalog.plan, required(catalog, 1, 2) | core, {1, 2}, HOURS)
    assert result.done_hours == 21
    assert (result.status, result.days) == ("on_track", 0)


def test_behind_counts_from_the_first_day_expecting_more(catalog: Catalog) -> None:
    # Day 21 with weeks 1-2 done and proven, nothing of week 3: more than 17 h was expected from day 15.
    position = locate(START, on_day(21), catalog.plan)
    result = pace(position, catalog.plan, required(catalog, 1, 2), {1, 2}, HOURS)
    assert (result.status, result.days) == ("behind", 6)
