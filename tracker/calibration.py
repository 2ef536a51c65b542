"""The evidence a learner's record holds, in the shape `curriculum.calibration` judges self-ratings against.

Three grouped reads (artifacts with their metrics, the latest grade of each repository, drill attempts), so the
gap report stays quick on a long record.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.calibration import ArtifactFact, Calibration, DrillFact, EvidenceFacts, GradeFact, calibrate
from curriculum.catalog import load_catalog
from curriculum.plan import locate
from tracker.grades import _normalise as repository_key
from tracker.models import Artifact, ArtifactMetric, Assessment, DrillAttempt, GradeRun, Learner


def evidence_facts(session: Session, learner: Learner, today: date) -> EvidenceFacts:
    catalog = load_catalog()
    # Plain columns, not ORM objects: a three-year record holds hundreds of artifacts (bench/dashboard.py).
    artifacts = session.execute(
        select(Artifact.id, Artifact.title, Artifact.kind)
        .where(Artifact.learner_id == learner.id, Artifact.shipped_on <= today)
        .order_by(Artifact.id)
    ).all()
    metrics: dict[int, list[tuple[str, bool]]] = {}
    measured_query = (
        select(ArtifactMetric.artifact_id, ArtifactMetric.name, ArtifactMetric.baseline)
        .join(Artifact, Artifact.id == ArtifactMetric.artifact_id)
        .where(Artifact.learner_id == learner.id)
    )
    for artifact_id, name, baseline in session.execute(measured_query):
        metrics.setdefault(artifact_id, []).append((name, baseline is not None))
    latest: dict[str, GradeFact] = {}
    grades = select(GradeRun.source, GradeRun.scores).where(GradeRun.learner_id == learner.id).order_by(GradeRun.id)
    for source, scores in session.execute(grades):
        latest[repository_key(source)] = GradeFact(source, _scores(scores))
    drills = select(DrillAttempt.theme, DrillAttempt.score, DrillAttempt.created_at).where(
        DrillAttempt.learner_id == learner.id
    )
    return EvidenceFacts(
        position=locate(learner.start_date, today, catalog.plan),
        artifacts=[
            ArtifactFact(
                title=title,
                kind=kind,
                metric_names=[name for name, _ in metrics.get(artifact_id, [])],
                measured=any(baselined for _, baselined in metrics.get(artifact_id, [])),
            )
            for artifact_id, title, kind in artifacts
        ],
        grades=list(latest.values()),
        drills=[DrillFact(theme, int(score), at) for theme, score, at in session.execute(drills)],
    )


def _scores(raw: object) -> dict[str, float | None]:
    # A saved report is JSON from any past version: keep only numeric scores, everything else is "not assessed".
    if not isinstance(raw, dict):
        return {}
    return {
        str(name): float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
        for name, value in raw.items()
    }


def learner_calibration(session: Session, learner: Learner, scores: dict[str, int], today: date) -> Calibration:
    return calibrate(scores, evidence_facts(session, learner, today), load_catalog())


def calibration_on(session: Session, learner: Learner, day: date) -> Calibration | None:
    """The calibration as it stood on `day`: the last assessment taken by then, against the evidence of then.
    None when no assessment had been taken yet."""
    query = (
        select(Assessment)
        .where(Assessment.learner_id == learner.id, Assessment.taken_at <= datetime.combine(day, time.max))
        .order_by(Assessment.taken_at.desc(), Assessment.id.desc())
        .limit(1)
    )
    assessment = session.scalar(query)
    if assessment is None:
        return None
    return learner_calibration(session, learner, assessment.as_dict(), day)
