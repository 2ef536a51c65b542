"""A read-only summary of the learner's record, in the shape the curriculum's coach rules expect.

Built with a handful of grouped queries so the dashboard stays fast on a three-year record.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from curriculum.coach import ArtifactFacts, ProjectFacts, RecordSummary
from curriculum.plan import PlanPosition
from tracker.artifacts import list_artifacts
from tracker.logs import minutes_by_day
from tracker.models import Artifact, Decision, DrillAttempt, Learner, Project, Story


def summarise_record(
    session: Session, learner: Learner, today: date, position: PlanPosition, minutes: dict[date, int]
) -> RecordSummary:
    artifacts = list_artifacts(session, learner)
    since = today - timedelta(days=13)
    return RecordSummary(
        today=today,
        position=position,
        artifacts=[
            ArtifactFacts(
                week=a.week,
                kind=a.kind,
                has_link=bool(a.link),
                metric_count=len(a.metrics),
                metrics_with_baseline=sum(1 for m in a.metrics if m.baseline is not None),
                created_on=a.shipped_on,
                project=a.project.name if a.project else None,
            )
            for a in artifacts
        ],
        log_days=set(minutes),
        minutes_last_14=sum(n for day, n in minutes.items() if since <= day <= today),
        projects=_project_facts(session, learner),
        stories=_count(session, select(func.count(Story.id)).where(Story.learner_id == learner.id)),
        stories_with_proof=_count(
            session,
            select(func.count(Story.id)).where(
                Story.learner_id == learner.id,
                (Story.artifact_id.is_not(None)) | (Story.project_id.is_not(None)),
            ),
        ),
        drill_attempts=_count(
            session, select(func.count(DrillAttempt.id)).where(DrillAttempt.learner_id == learner.id)
        ),
        drill_average=session.scalar(select(func.avg(DrillAttempt.score)).where(DrillAttempt.learner_id == learner.id)),
    )


def _count(session: Session, query: object) -> int:
    return int(session.scalar(query) or 0)  # type: ignore[call-overload]


def _project_facts(session: Session, learner: Learner) -> list[ProjectFacts]:
    artifact_counts = (
        select(Artifact.project_id, func.count(Artifact.id).label("n"))
        .where(Artifact.learner_id == learner.id)
        .group_by(Artifact.project_id)
        .subquery()
    )
    decision_counts = (
        select(Decision.project_id, func.count(Decision.id).label("n")).group_by(Decision.project_id).subquery()
    )
    query = (
        select(Project, func.coalesce(artifact_counts.c.n, 0), func.coalesce(decision_counts.c.n, 0))
        .outerjoin(artifact_counts, artifact_counts.c.project_id == Project.id)
        .outerjoin(decision_counts, decision_counts.c.project_id == Project.id)
        .where(Project.learner_id == learner.id)
    )
    return [
        ProjectFacts(
            name=project.name,
            created_on=project.created_at.date(),
            has_repo=bool(project.repo_url),
            artifact_count=int(n_artifacts),
            decision_count=int(n_decisions),
        )
        for project, n_artifacts, n_decisions in session.execute(query)
    ]


__all__ = ["minutes_by_day", "summarise_record"]
