"""The plan calendar: a start date and a day in, where the learner stands and whether they keep pace. Pure.

Calendar rules (documented here because every screen relies on them):
- Day 1 is the start date itself; day N is `start + (N - 1)` days, so leap days count like any other day.
- Week W covers days `7W - 6` to `7W` (week 1 is days 1-7, week 2 is days 8-14 ...).
- The twelve weeks cover days 1-84; days 85-90 are the plan's final days. They stay in week 12 (and month 3)
  with `final_days=True`: they close the last week's work rather than start a thirteenth.
- The month is the one the week belongs to in `content/plan.yaml` (weeks 1-4, 5-8, 9-12).
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # only in annotations: PlanPosition and Pace load without pydantic (tracker.today_view)
    from curriculum.models import Plan

Phase = Literal["not_started", "active", "finished"]
PaceStatus = Literal["ahead", "on_track", "behind", "not_started", "finished"]

# A lead or lag of one day is noise (a task done this evening instead of this morning), not a trend to report.
PACE_GRACE_DAYS = 1


@dataclass(frozen=True)
class PlanPosition:
    """Where a date falls in the plan. `day`, `week` and `month` are None outside the plan's 90 days."""

    phase: Phase
    day: int | None
    week: int | None
    month: int | None
    days_until_start: int
    days_since_end: int
    stages: list[str] = field(default_factory=list)
    final_days: bool = False


def locate(start: date, on: date, plan: Plan) -> PlanPosition:
    """The plan position of the date `on` for a plan that began on `start`."""
    day = (on - start).days + 1
    if day < 1:
        return PlanPosition("not_started", None, None, None, days_until_start=1 - day, days_since_end=0)
    if day > plan.length_days:
        return PlanPosition("finished", None, None, None, days_until_start=0, days_since_end=day - plan.length_days)
    week = plan.weeks[week_of_day(day, plan) - 1]
    return PlanPosition(
        "active",
        day,
        week.number,
        week.month,
        days_until_start=0,
        days_since_end=0,
        stages=list(week.stages),
        final_days=day > plan.week_days,
    )


def week_of_day(day: int, plan: Plan) -> int:
    """The week a plan day belongs to; the final days after the last whole week stay in the last week."""
    return min((day - 1) // 7 + 1, len(plan.weeks))


def week_end_day(week: int, plan: Plan) -> int:
    """The last day of a week: day 7W, except the last week, which runs to the plan's final day."""
    return plan.length_days if week >= len(plan.weeks) else 7 * week


@dataclass(frozen=True)
class Pace:
    """Whether the learner keeps up with the plan; `days` is how far ahead or behind (0 when on track)."""

    status: PaceStatus
    days: int
    expected_tasks: int
    done_tasks: int
    expected_artifact_weeks: int
    artifact_weeks: int


def expected_tasks_by(day: int, plan: Plan) -> int:
    """Tasks the plan expects done by the end of `day`.

    Each week's tasks are spread evenly over its seven days and rounded down, so nothing is due on day 1 and
    the whole week's tasks are due on its seventh day. The final days add no tasks: they are slack for what
    slipped.
    """
    day = max(0, min(day, plan.length_days))
    full_weeks = min(day // 7, len(plan.weeks))
    expected = sum(len(week.tasks) for week in plan.weeks[:full_weeks])
    if full_weeks < len(plan.weeks):
        expected += len(plan.weeks[full_weeks].tasks) * (day % 7) // 7
    return expected


def pace(position: PlanPosition, plan: Plan, done_task_keys: Set[str], artifact_weeks: Set[int]) -> Pace:
    """Compare finished tasks and shipped weekly proof with what the plan expects by `position.day`.

    `done_task_keys` should hold the tasks marked done *and* those marked skipped: skipping is a decision the
    learner made (as roadmap.sh counts it), not a lag. Keys not in the plan are ignored. Proof cannot be
    skipped, so artifacts are counted separately and only for what was really shipped.

    Formula (E(d) = tasks the plan expects done by the end of day d, see `expected_tasks_by`):
    - behind on tasks: the oldest planned task not yet matched by a done one was due on the first day where
      E(d) > done; the lag is today minus that day (0 while its day is still today).
    - ahead on tasks: the done count would first be due on the first day where E(d) >= done; the lead is
      that day minus today. Exactly E(today) done is on track.
    - proof lag: days since the deadline (the week's last day) of the first elapsed week not covered by
      proof, where the learner has proof for `len(artifact_weeks)` weeks (counted, not matched week by week).
    - days = the task lead or lag, unless proof lags, in which case it is -(the larger lag): being "ahead" on
      tasks never hides a finished week without proof.
    - |days| <= PACE_GRACE_DAYS reads as on track (days 0).
    """
    task_keys = {task.key for week in plan.weeks for task in week.tasks}
    done = len(set(done_task_keys) & task_keys)
    proofs = len({week for week in artifact_weeks if 1 <= week <= len(plan.weeks)})
    if position.phase != "active" or position.day is None:
        total_tasks = len(task_keys) if position.phase == "finished" else 0
        total_weeks = len(plan.weeks) if position.phase == "finished" else 0
        status: PaceStatus = "finished" if position.phase == "finished" else "not_started"
        return Pace(status, 0, total_tasks, done, total_weeks, proofs)

    today = position.day
    expected = expected_tasks_by(today, plan)
    expected_weeks = sum(1 for week in range(1, len(plan.weeks) + 1) if week_end_day(week, plan) < today)
    if done > expected:
        task_lead = _first_day_expecting(done, plan) - today
    elif done < expected:
        task_lead = _first_day_expecting(done + 1, plan) - today
    else:
        task_lead = 0
    proof_lag = 0
    if proofs < expected_weeks:
        proof_lag = today - week_end_day(proofs + 1, plan)
    days = task_lead if proof_lag == 0 else -max(proof_lag, -task_lead)
    if abs(days) <= PACE_GRACE_DAYS:
        return Pace("on_track", 0, expected, done, expected_weeks, proofs)
    return Pace("ahead" if days > 0 else "behind", abs(days), expected, done, expected_weeks, proofs)


def _first_day_expecting(count: int, plan: Plan) -> int:
    # The first plan day by whose end at least `count` tasks are expected (the last day if never).
    for day in range(plan.length_days + 1):
        if expected_tasks_by(day, plan) >= count:
            return day
    return plan.length_days
