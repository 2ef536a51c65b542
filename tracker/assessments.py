"""Self-assessments over the seven competencies, and the gap report against the target role."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from curriculum.assessment import GapReport, check_scores, gap_report
from curriculum.catalog import load_catalog
from curriculum.errors import UserError
from tracker.models import Assessment, AssessmentScore, Learner


def record_assessment(session: Session, learner: Learner, scores: dict[str, int]) -> Assessment:
    catalog = load_catalog()
    check_scores(scores, catalog)
    missing = [key for key in catalog.competency_keys if key not in scores]
    if missing:
        raise UserError(f"score every competency; missing: {', '.join(missing)}")
    assessment = Assessment(learner_id=learner.id, target_role=learner.target_role)
    assessment.scores = [AssessmentScore(competency=key, score=scores[key]) for key in catalog.competency_keys]
    session.add(assessment)
    session.flush()
    return assessment


def assessment_history(session: Session, learner: Learner) -> list[Assessment]:
    """Oldest first."""
    query = (
        select(Assessment)
        .where(Assessment.learner_id == learner.id)
        .options(selectinload(Assessment.scores))
        .order_by(Assessment.taken_at, Assessment.id)
    )
    return list(session.scalars(query))


def latest_gaps(session: Session, learner: Learner) -> GapReport:
    history = assessment_history(session, learner)
    if not history:
        raise UserError("no assessment yet: run `proofwork assess` to score yourself on the seven competencies")
    catalog = load_catalog()
    previous = history[-2].as_dict() if len(history) > 1 else None
    return gap_report(history[-1].as_dict(), catalog.role(learner.target_role), catalog, previous)
