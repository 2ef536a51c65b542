"""Self-assessments over the seven competencies, and the gap report against the target role."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from curriculum.assessment import GapReport, check_scores, gap_report
from curriculum.catalog import load_catalog
from curriculum.errors import UserError
from curriculum.plan import locate
from tracker.calibration import learner_calibration
from tracker.models import Assessment, AssessmentScore, Learner
from tracker.tasks import set_task, task_states


def record_assessment(
    session: Session, learner: Learner, scores: dict[str, int], today: date | None = None
) -> Assessment:
    """Save a full set of scores; taken during a week with a re-assessment task, it also ticks that task."""
    catalog = load_catalog()
    check_scores(scores, catalog)
    missing = [key for key in catalog.competency_keys if key not in scores]
    if missing:
        raise UserError(f"score every competency; missing: {', '.join(missing)}")
    assessment = Assessment(learner_id=learner.id, target_role=learner.target_role)
    assessment.scores = [AssessmentScore(competency=key, score=scores[key]) for key in catalog.competency_keys]
    session.add(assessment)
    session.flush()
    _tick_reassessment(session, learner, today or date.today())
    return assessment


def _tick_reassessment(session: Session, learner: Learner, today: date) -> None:
    catalog = load_catalog()
    position = locate(learner.start_date, today, catalog.plan)
    if position.week is None:
        return
    ticking = {ritual.key for ritual in catalog.plan.rituals if ritual.ticked_by == "assessment"}
    states = task_states(session, learner)
    for task in catalog.week(position.week).tasks:
        state = states.get(task.key)
        if task.ritual in ticking and (state is None or state.status not in ("done", "skipped")):
            set_task(session, learner, task.key, status="done")


def assessment_history(session: Session, learner: Learner) -> list[Assessment]:
    """Oldest first."""
    query = (
        select(Assessment)
        .where(Assessment.learner_id == learner.id)
        .options(selectinload(Assessment.scores))
        .order_by(Assessment.taken_at, Assessment.id)
    )
    return list(session.scalars(query))


def latest_gaps(session: Session, learner: Learner, today: date | None = None) -> GapReport:
    """The gap report of the latest assessment, with each score set beside the record's evidence on `today`."""
    history = assessment_history(session, learner)
    if not history:
        raise UserError("no assessment yet: run `proofwork assess` to score yourself on the seven competencies")
    catalog = load_catalog()
    previous = history[-2].as_dict() if len(history) > 1 else None
    scores = history[-1].as_dict()
    report = gap_report(scores, catalog.role(learner.target_role), catalog, previous)
    return replace(report, calibration=learner_calibration(session, learner, report.scores, today or date.today()))


@dataclass(frozen=True)
class AssessmentPoint:
    """One sitting in the history, with how each score moved since the sitting before (None for the first)."""

    taken_at: datetime
    target_role: str
    scores: dict[str, int]
    change: dict[str, int] | None


def assessment_timeline(session: Session, learner: Learner) -> list[AssessmentPoint]:
    """Every assessment, newest first, each with its change since the previous one."""
    points: list[AssessmentPoint] = []
    previous: dict[str, int] | None = None
    for assessment in assessment_history(session, learner):
        scores = assessment.as_dict()
        change = None if previous is None else {k: v - previous[k] for k, v in scores.items() if k in previous}
        points.append(AssessmentPoint(assessment.taken_at, assessment.target_role, scores, change))
        previous = scores
    return points[::-1]
