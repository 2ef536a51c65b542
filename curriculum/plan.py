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
    """Whether the learner keeps up with the plan; `days` is how far ahead or behind (0 when on track).

    Tasks and hours count only what the weekly budget requires (see `curriculum.workload`): stretch tasks are
    extra, neither expected nor credited.
    """

    status: PaceStatus
    days: int
    expected_tasks: int
    done_tasks: int
    expected_artifact_weeks: int
    artifact_weeks: int
    expected_hours: float
    done_hours: float
    weekly_hours: float


def _halves(hours: float) -> int:
    # Task estimates are whole half-hours: counting in halves keeps every comparison exact.
    return round(hours * 2)


@dataclass(frozen=True)
class _Schedule:
    """The required work per week for one budget, in half-hours and tasks."""

    halves: list[int]
    tasks: list[int]
    keys: dict[str, int]  # required task key -> its half-hours
    length_days: int

    @classmethod
    def of(cls, plan: Plan, weekly_hours: float) -> _Schedule:
        from curriculum.workload import plan_load  # here: it loads the pydantic models, which PlanPosition avoids

        loads = plan_load(plan, weekly_hours)
        keys = {task.key: _halves(task.hours) for load in loads for task in load.tasks if task.required}
        return cls(
            [_halves(load.required_hours) for load in loads],
            [len(load.required_keys) for load in loads],
            keys,
            plan.length_days,
        )

    def expected_sevenths(self, day: int) -> int:
        """7 x the half-hours expected done by the end of `day` (sevenths keep the spread over a week exact)."""
        day = max(0, min(day, self.length_days))
        full = min(day // 7, len(self.halves))
        expected = 7 * sum(self.halves[:full])
        if full < len(self.halves):
            expected += self.halves[full] * (day % 7)
        return expected

    def expected_tasks(self, day: int) -> int:
        day = max(0, min(day, self.length_days))
        full = min(day // 7, len(self.tasks))
        expected = sum(self.tasks[:full])
        if full < len(self.tasks):
            expected += self.tasks[full] * (day % 7) // 7
        return expected

    def first_day(self, sevenths: int, *, beyond: bool) -> int:
        """The first plan day by whose end the expected work reaches `sevenths` (passes it, with `beyond`)."""
        for day in range(self.length_days + 1):
            expected = self.expected_sevenths(day)
            if expected > sevenths or (not beyond and expected >= sevenths):
                return day
        return self.length_days


def expected_tasks_by(day: int, plan: Plan, weekly_hours: float) -> int:
    """Required tasks the plan expects done by the end of `day` at this weekly budget.

    Each week's required tasks are spread evenly over its seven days and rounded down, so nothing is due on day
    1 and the whole week's are due on its seventh day. The final days add no tasks: they are slack.
    """
    return _Schedule.of(plan, weekly_hours).expected_tasks(day)


def expected_hours_by(day: int, plan: Plan, weekly_hours: float) -> float:
    """Required hours the plan expects done by the end of `day`, each week's spread evenly over its days."""
    return _Schedule.of(plan, weekly_hours).expected_sevenths(day) / 14


def pace(
    position: PlanPosition,
    plan: Plan,
    done_task_keys: Set[str],
    artifact_weeks: Set[int],
    weekly_hours: float,
) -> Pace:
    """Compare finished work and shipped weekly proof with what the plan expects by `position.day`.

    `done_task_keys` should hold the tasks marked done *and* those marked skipped: skipping is a decision the
    learner made (as roadmap.sh counts it), not a lag. Only tasks the budget requires count; keys not in the
    plan are ignored. Proof cannot be skipped, so artifacts are counted separately and only for what shipped.

    Work is weighed in estimated hours, so a four-hour task counts for more than a half-hour one. With
    E(d) = required hours expected by the end of day d (each week's spread evenly over its days) and D = the
    hours of finished required tasks:
    - behind on work: the plan first expected more than D on the first day where E(d) > D; the lag is today
      minus that day (0 while that day is still today).
    - ahead on work: D would first be due on the first day where E(d) >= D; the lead is that day minus today.
      Exactly E(today) done is on track.
    - proof lag: days since the deadline (the week's last day) of the first elapsed week not covered by
      proof, where the learner has proof for `len(artifact_weeks)` weeks (counted, not matched week by week).
    - days = the work lead or lag, unless proof lags, in which case it is -(the larger lag): being "ahead" on
      tasks never hides a finished week without proof.
    - |days| <= PACE_GRACE_DAYS reads as on track (days 0).
    """
    schedule = _Schedule.of(plan, weekly_hours)
    done_keys = set(done_task_keys) & set(schedule.keys)
    done_halves = sum(schedule.keys[key] for key in done_keys)
    done_hours = done_halves / 2
    proofs = len({week for week in artifact_weeks if 1 <= week <= len(plan.weeks)})
    if position.phase != "active" or position.day is None:
        finished = position.phase == "finished"
        status: PaceStatus = "finished" if finished else "not_started"
        return Pace(
            status,
            0,
            len(schedule.keys) if finished else 0,
            len(done_keys),
            len(plan.weeks) if finished else 0,
            proofs,
            sum(schedule.halves) / 2 if finished else 0.0,
            done_hours,
            weekly_hours,
        )

    today = position.day
    expected = schedule.expected_sevenths(today)
    done = 7 * done_halves
    expected_weeks = sum(1 for week in range(1, len(plan.weeks) + 1) if week_end_day(week, plan) < today)
    if done > expected:
        work_lead = schedule.first_day(done, beyond=False) - today
    elif done < expected:
        work_lead = schedule.first_day(done, beyond=True) - today
    else:
        work_lead = 0
    proof_lag = 0
    if proofs < expected_weeks:
        proof_lag = today - week_end_day(proofs + 1, plan)
    days = work_lead if proof_lag == 0 else -max(proof_lag, -work_lead)
    status = "on_track" if abs(days) <= PACE_GRACE_DAYS else "ahead" if days > 0 else "behind"
    return Pace(
        status,
        0 if status == "on_track" else abs(days),
        schedule.expected_tasks(today),
        len(done_keys),
        expected_weeks,
        proofs,
        expected / 14,
        done_hours,
        weekly_hours,
    )
