"""A week's load against the learner's weekly hours: which tasks the week requires, which are stretch. Pure.

The rule (one place, so the roadmap, today's tasks and the pace can never disagree):
- a `core` task is always required: the week cannot close without it, and the content guarantees that every
  week's core fits in the plan's `min_weekly_hours`;
- the other tasks are taken in the order the week lists them while they fit in what is left of the budget;
  the first that does not fit, and every task after it, is stretch. The list is a priority order and the budget
  draws one line across it, so more hours never make a task stretch that fewer hours required (a first-fit
  rule would let a small late task in at 8 hours and push it out at 10);
- so for any budget at or above `min_weekly_hours`, a week's required hours never exceed the budget. Below it,
  only the core is required and the week reports that it does not fit.

Stage exercises that no task covers are outside the 90 days at any budget; those covered only by stretch tasks
are outside them at this budget.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from curriculum.models import Plan, Stage, Week

ExerciseStatus = Literal["required", "stretch", "outside"]


@dataclass(frozen=True)
class TaskLoad:
    key: str
    title: str
    hours: float
    core: bool
    required: bool
    proof: str | None = None
    ritual: str | None = None


@dataclass(frozen=True)
class WeekLoad:
    """One week's tasks split into required and stretch for a weekly budget of `budget` hours."""

    number: int
    budget: float
    tasks: list[TaskLoad] = field(default_factory=list)

    @property
    def required_hours(self) -> float:
        return sum(task.hours for task in self.tasks if task.required)

    @property
    def stretch_hours(self) -> float:
        return sum(task.hours for task in self.tasks if not task.required)

    @property
    def fits(self) -> bool:
        return self.required_hours <= self.budget

    @property
    def required_keys(self) -> list[str]:
        return [task.key for task in self.tasks if task.required]


def week_load(week: Week, budget: float) -> WeekLoad:
    """Split a week's tasks for a weekly budget of `budget` hours (the rule is in the module docstring)."""
    left = budget - week.core_hours
    line_drawn = False
    tasks = []
    for task in week.tasks:
        if not task.core and not line_drawn:
            line_drawn = task.hours > left
            left -= 0 if line_drawn else task.hours
        required = task.core or not line_drawn
        tasks.append(TaskLoad(task.key, task.title, task.hours, task.core, required, task.proof, task.ritual))
    return WeekLoad(week.number, budget, tasks)


def plan_load(plan: Plan, budget: float) -> list[WeekLoad]:
    return [week_load(week, budget) for week in plan.weeks]


def required_task_keys(plan: Plan, budget: float) -> set[str]:
    return {key for load in plan_load(plan, budget) for key in load.required_keys}


@dataclass(frozen=True)
class ExerciseCoverage:
    """Whether the plan works through a stage exercise at this budget, and by which tasks."""

    stage: str
    key: str
    title: str
    hours: float
    status: ExerciseStatus
    tasks: list[str]


def exercise_coverage(stages: Iterable[Stage], plan: Plan, budget: float) -> list[ExerciseCoverage]:
    """Every stage exercise: covered by a required task, only by stretch tasks, or by none (outside the 90 days)."""
    covering: dict[str, list[TaskLoad]] = {}
    loads = {load.number: load for load in plan_load(plan, budget)}
    for week in plan.weeks:
        by_key = {task.key: task for task in loads[week.number].tasks}
        for task in week.tasks:
            for ref in task.covers:
                covering.setdefault(ref, []).append(by_key[task.key])
    result = []
    for stage in stages:
        for exercise in stage.exercises:
            tasks = covering.get(f"{stage.key}/{exercise.key}", [])
            status: ExerciseStatus
            if any(task.required for task in tasks):
                status = "required"
            elif tasks:
                status = "stretch"
            else:
                status = "outside"
            result.append(
                ExerciseCoverage(
                    stage.key, exercise.key, exercise.title, exercise.hours, status, [t.key for t in tasks]
                )
            )
    return result


def stage_hours_by_week(stages: Iterable[Stage], plan: Plan) -> dict[int, dict[str, float]]:
    """The share of each stage's estimated hours a week draws on: a stage's hours split evenly over the weeks
    that list it. It shows how the whole path (far more than 90 days of hours) is spread over the calendar."""
    hours = {stage.key: stage.hours for stage in stages}
    weeks_on: dict[str, int] = {}
    for week in plan.weeks:
        for key in week.stages:
            weeks_on[key] = weeks_on.get(key, 0) + 1
    return {week.number: {key: round(hours[key] / weeks_on[key], 1) for key in week.stages} for week in plan.weeks}
