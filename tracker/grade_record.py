"""A finished grade into the record: the run, and the interview questions about the repository as drill cards.

Drill cards need a learner; a grade made before any profile exists is saved unattached and makes no cards.
Questions from the Claude review come first (they are about this code, with its own expected answer points);
the template questions drawn from the static findings are added too, so a skipped review still yields cards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from curriculum.errors import UserError
from tracker.drills import cards_from_findings, cards_from_review
from tracker.grades import save_grade
from tracker.learners import current_learner, learner_setting
from tracker.models import GradeRun, Learner


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


def record_grade(session: Session, learner: Learner | None, report: dict[str, Any], now: datetime) -> RecordedGrade:
    """Save the run; for a learner, turn the repository's interview questions into drill cards."""
    run = save_grade(session, learner, report)
    if learner is None:
        return RecordedGrade(run.id, None, run.project_id)
    review = report.get("review") or {}
    cards = []
    if review.get("status") == "reviewed" and review.get("interview_questions"):
        cards += cards_from_review(session, learner, review["interview_questions"], run.project_id, now)
    findings = [f for dim in (report.get("dimensions") or {}).values() for f in dim.get("findings", [])]
    cards += cards_from_findings(session, learner, findings, run.project_id, now)
    return RecordedGrade(run.id, learner.handle, run.project_id, [card.prompt for card in cards])


def record_review(
    session: Session, learner: Learner | None, run_id: int, report: dict[str, Any], now: datetime
) -> RecordedGrade:
    """A review asked for after the grade was saved (the app's Grade screen): the run gets the reviewed report,
    the review's model, tokens and cost, and the review's interview questions become drill cards."""
    run = session.get(GradeRun, run_id)
    if run is None or (learner is not None and run.learner_id != learner.id):
        raise UserError(f"grade #{run_id} is not in this record")
    if str(report.get("commit") or "") != run.commit:
        raise UserError(f"the review is of commit {report.get('commit')}, grade #{run_id} of {run.commit}")
    review = report.get("review") or {}
    usage = review.get("usage") or {}
    run.report = report
    run.model = str(review.get("model") or "")
    run.input_tokens = int(usage.get("input_tokens") or 0)
    run.output_tokens = int(usage.get("output_tokens") or 0)
    run.cache_write_tokens = int(usage.get("cache_write_tokens") or 0)
    run.cache_read_tokens = int(usage.get("cache_read_tokens") or 0)
    run.cost_usd = review.get("cost_usd")
    cards = []
    if learner is not None and review.get("status") == "reviewed" and review.get("interview_questions"):
        cards = cards_from_review(session, learner, review["interview_questions"], run.project_id, now)
    session.flush()
    return RecordedGrade(run.id, learner.handle if learner else None, run.project_id, [c.prompt for c in cards])
