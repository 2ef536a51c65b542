"""Reminders for the plan's rituals (monthly re-assessment, fortnightly peer review). Pure.

A ritual is a habit the plan repeats as ordinary tasks marked with `ritual:` in `content/plan.yaml`. For each
ritual, the reminder is about its latest task whose week has begun and that is not finished: due by the end of
its week while that week runs, overdue after. Older unfinished instances are not listed: the cadence matters,
not the backlog, and the next instance replaces the missed one.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from curriculum.plan import PlanPosition, week_end_day

if TYPE_CHECKING:  # annotations only: Reminder loads without pydantic (tracker.today_view draws it early)
    from curriculum.models import Plan, Task


@dataclass(frozen=True)
class Reminder:
    ritual: str
    title: str
    task_key: str
    task_title: str
    week: int
    due: date
    overdue: bool
    message: str
    command: str


def reminders(plan: Plan, start: date, position: PlanPosition, finished_task_keys: Set[str]) -> list[Reminder]:
    """The reminders for today, one at most per ritual, in the order the plan lists its rituals."""
    if position.phase != "active" or position.week is None:
        return []
    found = []
    for ritual in plan.rituals:
        instances: list[tuple[int, Task]] = [
            (week.number, task)
            for week in plan.weeks
            if week.number <= position.week
            for task in week.tasks
            if task.ritual == ritual.key
        ]
        if not instances:
            continue
        week, task = instances[-1]
        if task.key in finished_task_keys:
            continue
        due = start + timedelta(days=week_end_day(week, plan) - 1)
        today = start + timedelta(days=position.day - 1) if position.day else due
        late = (today - due).days
        command = "proofwork assess" if ritual.ticked_by == "assessment" else f"proofwork task done {task.key}"
        when = f"{late} day{'s' if late != 1 else ''} overdue (week {week})" if late > 0 else f"due by {due:%a %d %b}"
        found.append(
            Reminder(
                ritual.key, ritual.title, task.key, task.title, week, due, late > 0, f"{task.title}, {when}.", command
            )
        )
    return found
