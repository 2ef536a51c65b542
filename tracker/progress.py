"""Progress over the whole plan: each week's and each stage's status, for the roadmap.

A week counts as done only when its tasks are finished (done or skipped) *and* its proof has shipped: progress
needs evidence. The proof rule is the one `tracker.today` uses for this week's focus, so both agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.catalog import Week, load_catalog
from curriculum.plan import locate
from tracker.models import Artifact, Learner
from tracker.tasks import finished_task_keys

WeekStatus = Literal["done", "current", "late", "upcoming"]
StageStatus = Literal["done", "in_progress", "late", "upcoming"]


@dataclass(frozen=True)
class WeekProgress:
    number: int
    title: str
    month: int
    tasks_finished: int
    tasks_total: int
    artifacts: int
    proof_shipped: bool
    status: WeekStatus


@dataclass(frozen=True)
class StageProgress:
    key: str
    number: int
    title: str
    weeks: list[int]
    artifacts: int
    status: StageStatus


@dataclass(frozen=True)
class RoadmapProgress:
    current_week: int | None
    weeks: list[WeekProgress]
    stages: list[StageProgress]

    def week(self, number: int) -> WeekProgress:
        return self.weeks[number - 1]

    def stage(self, key: str) -> StageProgress:
        return next(stage for stage in self.stages if stage.key == key)


def proof_shipped(kinds: Iterable[str], week: Week) -> bool:
    """A week's proof has shipped when an artifact of one of its kinds exists (any kind, if it names none)."""
    shipped = set(kinds)
    return bool(shipped & set(week.artifact_kinds)) or bool(shipped and not week.artifact_kinds)


def roadmap_progress(session: Session, learner: Learner, today: date) -> RoadmapProgress:
    catalog = load_catalog()
    position = locate(learner.start_date, today, catalog.plan)
    finished = finished_task_keys(session, learner)
    kinds_by_week: dict[int, list[str]] = {}
    artifacts_by_stage: dict[str, int] = {}
    query = select(Artifact.week, Artifact.kind, Artifact.stage).where(Artifact.learner_id == learner.id)
    for week_number, kind, stage in session.execute(query):
        kinds_by_week.setdefault(week_number, []).append(kind)
        artifacts_by_stage[stage] = artifacts_by_stage.get(stage, 0) + 1
    if position.phase == "finished":
        current = len(catalog.plan.weeks) + 1
    elif position.phase == "not_started":
        current = 0
    else:
        current = position.week or 0
    weeks = []
    for week in catalog.plan.weeks:
        done_tasks = sum(1 for task in week.tasks if task.key in finished)
        shipped = proof_shipped(kinds_by_week.get(week.number, []), week)
        status: WeekStatus
        if done_tasks == len(week.tasks) and shipped:
            status = "done"
        elif week.number == current:
            status = "current"
        elif week.number < current:
            status = "late"
        else:
            status = "upcoming"
        weeks.append(
            WeekProgress(
                number=week.number,
                title=week.title,
                month=week.month,
                tasks_finished=done_tasks,
                tasks_total=len(week.tasks),
                artifacts=len(kinds_by_week.get(week.number, [])),
                proof_shipped=shipped,
                status=status,
            )
        )
    stages = [
        _stage_progress(stage.key, stage.number, stage.title, weeks, catalog.plan.weeks, artifacts_by_stage)
        for stage in catalog.stages
    ]
    return RoadmapProgress(position.week, weeks, stages)


def _stage_progress(
    key: str,
    number: int,
    title: str,
    weeks: list[WeekProgress],
    plan_weeks: list[Week],
    artifacts_by_stage: dict[str, int],
) -> StageProgress:
    mine = [progress for progress, week in zip(weeks, plan_weeks, strict=True) if key in week.stages]
    artifacts = artifacts_by_stage.get(key, 0)
    statuses = {progress.status for progress in mine}
    status: StageStatus
    if mine and statuses == {"done"}:
        status = "done"
    elif not mine:
        # A stage the calendar does not schedule is done once proof is filed under it.
        status = "done" if artifacts else "upcoming"
    elif "current" in statuses or ("done" in statuses and "upcoming" in statuses):
        status = "in_progress"
    elif "late" in statuses and "upcoming" not in statuses:
        status = "late"
    elif statuses <= {"upcoming"}:
        status = "upcoming"
    else:
        status = "in_progress"
    return StageProgress(key, number, title, [p.number for p in mine], artifacts, status)
