"""The mentor's view of a cohort: every learner's day, pace, streak and latest grade on one screen.

Five queries whatever the cohort's size (learners, logged minutes per day, finished tasks, weeks with proof,
latest grade), grouped by learner in Python: a mentor following two hundred people must not cost two
hundred round trips to a shared server. A test counts the statements.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from curriculum.catalog import load_catalog
from curriculum.habits import streaks
from curriculum.plan import locate, pace
from tracker.models import Artifact, GradeRun, Learner, LogEntry, TaskState


@dataclass(frozen=True)
class CohortRow:
    handle: str
    name: str
    target_role: str
    start_date: date
    phase: str  # not_started, active, finished
    day: int | None
    week: int | None
    pace: str  # ahead, on_track, behind, not_started, finished
    pace_days: int
    streak_current: int
    streak_best: int
    minutes_last_7: int
    last_logged: date | None
    tasks_done: int
    proof_weeks: int
    latest_grade: float | None
    latest_grade_source: str | None
    latest_grade_at: datetime | None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("start_date", "last_logged", "latest_grade_at"):
            value = data[key]
            data[key] = value.isoformat() if value is not None else None
        return data


def cohort_report(session: Session, today: date) -> list[CohortRow]:
    """One row per learner, by handle."""
    learners = list(session.scalars(select(Learner).order_by(Learner.handle)))
    # Plain rows through the connection: a year of a cohort's logs is ~50k rows, and ORM row handling
    # would double the screen's time for columns that need no objects.
    connection = session.connection()
    minutes: dict[int, dict[date, int]] = defaultdict(dict)
    per_day = select(LogEntry.learner_id, LogEntry.day, func.sum(LogEntry.minutes)).group_by(
        LogEntry.learner_id, LogEntry.day
    )
    for learner_id, day, total in connection.execute(per_day):
        minutes[learner_id][day] = int(total)
    finished: dict[int, set[str]] = defaultdict(set)
    done = select(TaskState.learner_id, TaskState.task_key).where(TaskState.status.in_(("done", "skipped")))
    for learner_id, key in connection.execute(done):
        finished[learner_id].add(key)
    proof: dict[int, set[int]] = defaultdict(set)
    for learner_id, week in connection.execute(select(Artifact.learner_id, Artifact.week).distinct()):
        proof[learner_id].add(week)
    grades = _latest_grades(session)
    last_week = [today - timedelta(days=n) for n in range(7)]

    catalog = load_catalog()
    plan_tasks = {task.key for week in catalog.plan.weeks for task in week.tasks}
    rows = []
    for learner in learners:
        position = locate(learner.start_date, today, catalog.plan)
        days = minutes[learner.id]
        run = streaks(set(days), today)
        plan_pace = pace(position, catalog.plan, finished[learner.id], proof[learner.id], learner.weekly_hours)
        grade = grades.get(learner.id)
        rows.append(
            CohortRow(
                handle=learner.handle,
                name=learner.name,
                target_role=catalog.role(learner.target_role).title,
                start_date=learner.start_date,
                phase=position.phase,
                day=position.day,
                week=position.week,
                pace=plan_pace.status,
                pace_days=plan_pace.days,
                streak_current=run.current,
                streak_best=run.best,
                minutes_last_7=sum(days.get(day, 0) for day in last_week),
                last_logged=max((day for day in days if day <= today), default=None),
                tasks_done=len(finished[learner.id] & plan_tasks),  # stretch tasks count here, not in pace
                proof_weeks=plan_pace.artifact_weeks,
                latest_grade=grade[0] if grade else None,
                latest_grade_source=grade[1] if grade else None,
                latest_grade_at=grade[2] if grade else None,
            )
        )
    return rows


def _latest_grades(session: Session) -> dict[int, tuple[float, str, datetime]]:
    """Each learner's newest grade in one query (a window function; SQLite and PostgreSQL both have them).

    Only the summary columns: the full report JSON is large and the cohort screen does not need it.
    """
    newest_first = func.row_number().over(
        partition_by=GradeRun.learner_id, order_by=(GradeRun.created_at.desc(), GradeRun.id.desc())
    )
    ranked = (
        select(
            GradeRun.learner_id,
            GradeRun.overall,
            GradeRun.source,
            GradeRun.created_at,
            newest_first.label("rank"),
        )
        .where(GradeRun.learner_id.is_not(None))
        .subquery()
    )
    query = select(ranked.c.learner_id, ranked.c.overall, ranked.c.source, ranked.c.created_at).where(
        ranked.c.rank == 1
    )
    rows = session.connection().execute(query)
    return {learner_id: (overall, source, at) for learner_id, overall, source, at in rows}
