"""A read-only summary of the learner's record, in the shape the curriculum's coach rules expect.

Built with a handful of grouped queries so the dashboard stays fast on a three-year record.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Float, func, select
from sqlalchemy.orm import Session

from curriculum.coach import ArtifactFacts, ProjectFacts, RecordSummary
from curriculum.plan import PlanPosition
from tracker.logs import minutes_by_day
from tracker.models import Artifact, ArtifactMetric, Decision, DrillAttempt, Learner, Project, Story


def summarise_record(
    session: Session, learner: Learner, today: date, position: PlanPosition, minutes: dict[date, int]
) -> RecordSummary:
    since = today - timedelta(days=13)
    return RecordSummary(
        today=today,
        position=position,
        artifacts=_artifact_facts(session, learner),
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
        # Typed Float: PostgreSQL's avg() of integers is numeric and would arrive as a Decimal.
        drill_average=session.scalar(
            select(func.avg(DrillAttempt.score, type_=Float)).where(DrillAttempt.learner_id == learner.id)
        ),
    )


def _artifact_facts(session: Session, learner: Learner) -> list[ArtifactFacts]:
    """One row per artifact with its metric counts, as plain columns: building ORM objects for every artifact
    and metric of a three-year record cost the dashboard most of its time."""
    metrics = (
        select(
            ArtifactMetric.artifact_id,
            func.count(ArtifactMetric.id).label("n"),
            func.count(ArtifactMetric.baseline).label("with_baseline"),  # count() skips NULL baselines
        )
        .group_by(ArtifactMetric.artifact_id)
        .subquery()
    )
    query = (
        select(
            Artifact.week,
            Artifact.kind,
            Artifact.link,
            Artifact.shipped_on,
            Project.name,
            func.coalesce(metrics.c.n, 0),
            func.coalesce(metrics.c.with_baseline, 0),
        )
        .outerjoin(metrics, metrics.c.artifact_id == Artifact.id)
        .outerjoin(Project, Project.id == Artifact.project_id)
        .where(Artifact.learner_id == learner.id)
        .order_by(Artifact.week, Artifact.shipped_on, Artifact.id)
    )
    return [
        ArtifactFacts(
            week=week,
            kind=kind,
            has_link=bool(link),
            metric_count=int(count),
            metrics_with_baseline=int(with_baseline),
            created_on=shipped_on,
            project=project,
        )
        for week, kind, link, shipped_on, project, count, with_baseline in session.execute(query)
    ]


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
