"""The values today's view is made of, as plain dataclasses that load without SQLAlchemy or pydantic.

`tracker.today.build_today` fills them from the record; `tracker.today_cache` stores them as JSON and reads
them back (`view_from_dict`) so the app can draw the learner's day before the database layer has loaded.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from curriculum.plan import Pace, PlanPosition
from curriculum.record import Nudge
from curriculum.reminders import Reminder


@dataclass(frozen=True)
class TaskRow:
    key: str
    week: int
    title: str
    status: str
    note: str
    hours: float = 0.0
    required: bool = True  # False: a stretch task, beyond what the learner's weekly hours require


@dataclass(frozen=True)
class WeekFocus:
    number: int
    title: str
    objective: str
    proof_artifact: str
    month_objective: str
    stages: list[str]
    proof_shipped: bool


@dataclass(frozen=True)
class RecentLog:
    """One of the last log entries, newest first: what the learner did lately, in their words."""

    day: date
    minutes: int
    note: str


@dataclass(frozen=True)
class TodayView:
    today: date
    learner: str
    target_role: str
    position: PlanPosition
    week: WeekFocus | None
    tasks: list[TaskRow]
    pace: Pace
    streak_current: int
    streak_best: int
    minutes_today: int
    minutes_this_week: int
    drills_due: int
    nudges: list[Nudge]
    next_step: str
    reminders: list[Reminder] = field(default_factory=list)  # rituals due or overdue (re-assessment, peer review)
    weekly_hours: float = 0.0  # the learner's budget, to set this week's logged time against
    activity: dict[date, int] = field(default_factory=dict)  # minutes per day, last 12 weeks (heatmap)
    recent: list[RecentLog] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = data.pop("today").isoformat()
        data["day"] = self.position.day
        data["week_number"] = self.position.week
        data["activity"] = {day.isoformat(): minutes for day, minutes in sorted(self.activity.items())}
        data["recent"] = [{**asdict(log), "day": log.day.isoformat()} for log in self.recent]
        data["reminders"] = [{**asdict(r), "due": r.due.isoformat()} for r in self.reminders]
        return data


def view_from_dict(data: dict[str, Any]) -> TodayView:
    """The inverse of `TodayView.to_dict` (after a JSON round trip); raises KeyError/TypeError/ValueError."""
    week = data["week"]
    return TodayView(
        today=date.fromisoformat(data["date"]),
        learner=data["learner"],
        target_role=data["target_role"],
        position=PlanPosition(**data["position"]),
        week=WeekFocus(**week) if week is not None else None,
        tasks=[TaskRow(**task) for task in data["tasks"]],
        pace=Pace(**data["pace"]),
        streak_current=data["streak_current"],
        streak_best=data["streak_best"],
        minutes_today=data["minutes_today"],
        minutes_this_week=data["minutes_this_week"],
        drills_due=data["drills_due"],
        nudges=[Nudge(**nudge) for nudge in data["nudges"]],
        next_step=data["next_step"],
        reminders=[Reminder(**{**r, "due": date.fromisoformat(r["due"])}) for r in data["reminders"]],
        weekly_hours=data["weekly_hours"],
        activity={date.fromisoformat(day): minutes for day, minutes in data["activity"].items()},
        recent=[RecentLog(date.fromisoformat(log["day"]), log["minutes"], log["note"]) for log in data["recent"]],
    )
