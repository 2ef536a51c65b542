"""The record at a glance: profile and counts, for `proofwork status`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from curriculum.catalog import load_catalog
from tracker.models import Artifact, Assessment, GradeRun, Learner, LogEntry, Project, Story


def record_status(session: Session, learner: Learner) -> dict[str, Any]:
    def count(column: Any, owner: Any) -> int:
        return int(session.scalar(select(func.count(column)).where(owner == learner.id)) or 0)

    minutes = session.scalar(
        select(func.coalesce(func.sum(LogEntry.minutes), 0)).where(LogEntry.learner_id == learner.id)
    )
    return {
        "name": learner.name,
        "handle": learner.handle,
        "current_role": learner.current_role,
        "target_role": load_catalog().role(learner.target_role).title,
        "start_date": learner.start_date.isoformat(),
        "weekly_hours": learner.weekly_hours,
        "assessments": count(Assessment.id, Assessment.learner_id),
        "log_entries": count(LogEntry.id, LogEntry.learner_id),
        "hours_logged": round(int(minutes or 0) / 60, 1),
        "artifacts": count(Artifact.id, Artifact.learner_id),
        "projects": count(Project.id, Project.learner_id),
        "stories": count(Story.id, Story.learner_id),
        "grades": count(GradeRun.id, GradeRun.learner_id),
    }
