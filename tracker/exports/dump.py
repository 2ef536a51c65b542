"""The learner's whole record as one JSON document: the open export nothing else depends on.

Every table that holds a learner's rows, each row with every column, so the file can be read back or
loaded elsewhere without proofwork. Dates are ISO strings; child rows (scores, metrics, decisions) nest
under their parent.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, selectinload

from tracker.models import (
    Artifact,
    Assessment,
    Base,
    DrillAttempt,
    DrillCard,
    Experience,
    GradeRun,
    Learner,
    LogEntry,
    Project,
    Retro,
    Story,
    TaskState,
)

DUMP_VERSION = 1


def record_dump(session: Session, learner: Learner) -> dict[str, Any]:
    def rows(model: Any, *options: Any) -> list[Any]:
        query = select(model).where(model.learner_id == learner.id).order_by(model.id)
        return list(session.scalars(query.options(*options)))

    return {
        "proofwork_record": DUMP_VERSION,
        "exported_at": datetime.now().replace(microsecond=0).isoformat(),
        "learner": row_dict(learner),
        "assessments": [
            {**row_dict(a), "scores": [row_dict(s) for s in a.scores]}
            for a in rows(Assessment, selectinload(Assessment.scores))
        ],
        "log_entries": [row_dict(r) for r in rows(LogEntry)],
        "task_states": [row_dict(r) for r in rows(TaskState)],
        "projects": [
            {**row_dict(p), "decisions": [row_dict(d) for d in p.decisions]}
            for p in rows(Project, selectinload(Project.decisions))
        ],
        "artifacts": [
            {**row_dict(a), "metrics": [row_dict(m) for m in a.metrics]}
            for a in rows(Artifact, selectinload(Artifact.metrics))
        ],
        "grade_runs": [row_dict(r) for r in rows(GradeRun)],
        "stories": [row_dict(r) for r in rows(Story)],
        "drill_cards": [row_dict(r) for r in rows(DrillCard)],
        "drill_attempts": [row_dict(r) for r in rows(DrillAttempt)],
        "retros": [row_dict(r) for r in rows(Retro)],
        "experiences": [row_dict(r) for r in rows(Experience)],
    }


def row_dict(row: Base) -> dict[str, Any]:
    """Every mapped column of a row (attributes, not relationships), JSON-ready."""
    mapper = inspect(type(row))
    return {column.key: _plain(getattr(row, column.key)) for column in mapper.column_attrs}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
