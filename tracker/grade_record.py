"""A finished grade into the record: the run, and the interview questions about the repository as drill cards.

Drill cards need a learner; a grade made before any profile exists is saved unattached and makes no cards.
Questions from the Claude review come first (they are about this code, with its own expected answer points);
the template questions drawn from the static findings are added too, so a skipped review still yields cards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from curriculum.errors import UserError
from curriculum.settings import learner_setting
from tracker.drills import cards_from_findings, cards_from_review
from tracker.grades import save_grade, stored_report
from tracker.learners import current_learner
from tracker.models import GradeRun, Learner

if TYPE_CHECKING:
    from grader.report import GradeReport


@dataclass(frozen=True)
class RecordedGrade:
    run_id: int
    learner: str | None
    project_id: int | None
    cards: list[str] = field(default_factory=list)  # prompts of the drill cards this grade holds


def learner_for_grade(session: Session, handle: str | None) -> Learner | None:
    """The learner a grade belongs to; None when nobody was named and the database has no profile yet."""
    nobody_named = learner_setting(handle) is None
    if nobody_named and not session.scalar(select(func.count()).select_from(Learner)):
        return None
    return current_learner(session, handle)


def record_grade(session: Session, learner: Learner | None, report: GradeReport, now: datetime) -> RecordedGrade:
    """Save the run; for a learner, turn the repository's interview questions into drill cards."""
    run = save_grade(session, learner, stored_report(report))
    if learner is None:
        return RecordedGrade(run.id, None, run.project_id)
    cards = []
    review = report.review
    if review is not None and review.status == "reviewed" and review.interview_questions:
        questions = [question.model_dump(mode="json") for question in review.interview_questions]
        cards += cards_from_review(session, learner, questions, run.project_id, now)
    findings = [finding.model_dump(mode="json") for finding in report.findings()]
    cards += cards_from_findings(session, learner, findings, run.project_id, now)
    return RecordedGrade(run.id, learner.handle, run.project_id, [card.prompt for card in cards])


def record_review(
    session: Session, learner: Learner | None, run_id: int, report: GradeReport, now: datetime
) -> RecordedGrade:
    """A review asked for after the grade was saved (the app's Grade screen): the run gets the reviewed report,
    the review's model, tokens and cost, and the review's interview questions become drill cards."""
    run = session.get(GradeRun, run_id)
    if run is None or (learner is not None and run.learner_id != learner.id):
        raise UserError(f"grade #{run_id} is not in this record")
    if report.commit != run.commit:
        raise UserError(f"the review is of commit {report.commit}, grade #{run_id} of {run.commit}")
    review = report.review
    run.report = dict(stored_report(report))
    usage = review.usage if review is not None else None
    run.model = (review.model if review is not None else None) or ""
    run.input_tokens = usage.input_tokens if usage else 0
    run.output_tokens = usage.output_tokens if usage else 0
    run.cache_write_tokens = usage.cache_write_tokens if usage else 0
    run.cache_read_tokens = usage.cache_read_tokens if usage else 0
    run.cost_usd = review.cost_usd if review is not None else None
    cards = []
    if learner is not None and review is not None and review.status == "reviewed" and review.interview_questions:
        questions = [question.model_dump(mode="json") for question in review.interview_questions]
        cards = cards_from_review(session, learner, questions, run.project_id, now)
    session.flush()
    return RecordedGrade(run.id, learner.handle if learner else None, run.project_id, [c.prompt for c in cards])
