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

from tracker.drills import cards_from_findings, cards_from_review
from tracker.grades import save_grade
from tracker.learners import current_learner, learner_setting
from tracker.models import Learner


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
