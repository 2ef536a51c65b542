"""Drill scheduling: one spaced-repetition card per interview theme (and per question drawn from the
learner's own work), rescheduled by FSRS after every scored answer.

The scheduler's longest interval is 21 days so that, inside a 90-day plan, every theme comes back at
least a few times; learning steps are off because drills are days apart, not minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from curriculum.drills import Question, load_bank
from curriculum.errors import UserError
from tracker.db import upsert
from tracker.models import DrillAttempt, DrillCard, Learner
from tracker.rules import check_fsrs, check_seconds, check_text_lengths

if TYPE_CHECKING:
    from fsrs import Scheduler

    from grader.answers import GeneratedQuestion

MAXIMUM_INTERVAL_DAYS = 21


def scheduler() -> Scheduler:
    from fsrs import Scheduler

    return Scheduler(
        learning_steps=(), relearning_steps=(), maximum_interval=MAXIMUM_INTERVAL_DAYS, enable_fuzzing=False
    )


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _naive(moment: datetime) -> datetime:
    return _aware(moment).replace(tzinfo=None)


def ensure_theme_cards(session: Session, learner: Learner, now: datetime) -> list[DrillCard]:
    """Every bank theme gets a card, new and due now, the first time the learner drills.

    Missing cards are added with INSERT ... ON CONFLICT DO NOTHING: twelve `drill score` started at once
    all see no cards, all insert, and the unique (learner, key) keeps one card each, without an error.
    """
    themes = load_bank().themes  # loaded before the first statement, not while holding the write lock
    held = set(session.scalars(select(DrillCard.key).where(DrillCard.learner_id == learner.id)))
    missing = [
        {"learner_id": learner.id, "key": f"theme:{theme.key}", "theme": theme.key, "due": _naive(now), "fsrs": {}}
        for theme in themes
        if f"theme:{theme.key}" not in held
    ]
    if missing:
        session.flush()
        session.execute(
            upsert(session, DrillCard).values(missing).on_conflict_do_nothing(index_elements=["learner_id", "key"])
        )
    return list(session.scalars(select(DrillCard).where(DrillCard.learner_id == learner.id)))


def cards_from_findings(
    session: Session, learner: Learner, findings: list[dict[str, Any]], project_id: int | None, now: datetime
) -> list[DrillCard]:
    """After a grade, the interviewer's questions about that repository become drill cards (idempotent)."""
    from grader.answers import questions_from_findings

    return _question_cards(session, learner, questions_from_findings(findings), project_id, now)


def cards_from_review(
    session: Session, learner: Learner, questions: list[dict[str, Any]], project_id: int | None, now: datetime
) -> list[DrillCard]:
    """The Claude review's interview questions (with its expected answer points as key points) as cards."""
    from grader.answers.from_review import questions_from_review

    return _question_cards(session, learner, questions_from_review(questions), project_id, now)


def _question_cards(
    session: Session, learner: Learner, questions: list[GeneratedQuestion], project_id: int | None, now: datetime
) -> list[DrillCard]:
    """One card per question, added once: a second grade of the same repository adds nothing (an upsert)."""
    keys = [f"project:{project_id or 0}:{question.key}" for question in questions]
    rows = [
        {
            "learner_id": learner.id,
            "key": key,
            "theme": question.theme,
            "prompt": question.prompt,
            "question": question.model_dump(mode="json"),
            "project_id": project_id,
            "due": _naive(now),
            "fsrs": {},
        }
        for key, question in zip(keys, questions, strict=True)
    ]
    if not rows:
        return []
    for row in rows:  # an upsert skips the ORM's flush check: the same limits on both engines, here
        check_text_lengths(DrillCard, {name: value for name, value in row.items() if name != "question"})
    session.flush()
    session.execute(
        upsert(session, DrillCard).values(rows).on_conflict_do_nothing(index_elements=["learner_id", "key"])
    )
    found = session.scalars(select(DrillCard).where(DrillCard.learner_id == learner.id, DrillCard.key.in_(keys)))
    by_key = {card.key: card for card in found}
    return [by_key[key] for key in dict.fromkeys(keys)]


def due_cards(session: Session, learner: Learner, now: datetime) -> list[DrillCard]:
    query = (
        select(DrillCard)
        .where(DrillCard.learner_id == learner.id, DrillCard.due <= _naive(now))
        .order_by(DrillCard.due, DrillCard.id)
    )
    return list(session.scalars(query))


def next_card(session: Session, learner: Learner, now: datetime, theme: str | None = None) -> DrillCard:
    """The most overdue card (of a theme, when given); with nothing due, the one due soonest."""
    ensure_theme_cards(session, learner, now)
    if theme is not None:
        load_bank().theme(theme)  # unknown theme -> a clear error listing the themes
    query = select(DrillCard).where(DrillCard.learner_id == learner.id).order_by(DrillCard.due, DrillCard.id)
    if theme is not None:
        query = query.where(DrillCard.theme == theme)
    card = session.scalars(query).first()
    if card is None:
        raise UserError(f"no drill card for theme {theme!r}")
    return card


@dataclass(frozen=True)
class DrillQuestion:
    """What to ask: a bank question, or a question drawn from the learner's own work."""

    key: str
    theme: str
    prompt: str
    question: Question


def question_for(session: Session, learner: Learner, card: DrillCard) -> DrillQuestion:
    """For a theme card, the bank question asked least recently (never-asked first, in bank order)."""
    if card.question:
        own = Question.model_validate({k: v for k, v in card.question.items() if k in Question.model_fields})
        return DrillQuestion(key=card.key, theme=card.theme, prompt=own.prompt, question=own)
    asked: dict[str, datetime] = {}
    rows = session.execute(
        select(DrillAttempt.question_key, DrillAttempt.created_at).where(
            DrillAttempt.learner_id == learner.id, DrillAttempt.theme == card.theme
        )
    )
    for key, at in rows:
        asked[key] = max(at, asked.get(key, at))
    questions = load_bank().questions(card.theme)
    chosen = min(questions, key=lambda q: (q.key in asked, asked.get(q.key, datetime.min)))
    return DrillQuestion(key=chosen.key, theme=card.theme, prompt=chosen.prompt, question=chosen)


def record_attempt(
    session: Session,
    learner: Learner,
    card: DrillCard,
    *,
    question_key: str,
    answer: str,
    seconds: float | None,
    score: int,
    criteria: dict[str, Any],
    rating: int,
    feedback: dict[str, Any],
    now: datetime,
) -> DrillAttempt:
    """Store the attempt and reschedule the card with the rating its score maps to.

    The card is read again under a row lock (PostgreSQL; SQLite's write lock is already held), so two answers
    scored at once are both applied to the schedule, one after the other, instead of one overwriting the other.
    """
    from fsrs import Card, Rating

    check_seconds(seconds)
    session.refresh(card, with_for_update=True)
    try:
        state = Card.from_dict(check_fsrs(card.fsrs)) if card.fsrs else None  # type: ignore[arg-type]
    except UserError:
        state = None  # a schedule written by an older import that FSRS cannot read: start the card afresh
    if state is None:
        state = Card(card_id=card.id, due=_aware(now))
    rescheduled, _log = scheduler().review_card(state, Rating(rating), review_datetime=_aware(now))
    card.fsrs = dict(rescheduled.to_dict())
    card.due = _naive(rescheduled.due)
    attempt = DrillAttempt(
        learner_id=learner.id,
        card_id=card.id,
        theme=card.theme,
        question_key=question_key,
        answer=answer,
        seconds=seconds,
        score=score,
        criteria=criteria,
        rating=rating,
        feedback=feedback,
        created_at=_naive(now),
    )
    session.add(attempt)
    session.flush()
    return attempt


@dataclass(frozen=True)
class ThemeStats:
    theme: str
    attempts: int
    average: float | None
    last: int | None
    trend: float | None  # mean of the last three minus mean of the first three, once there are four
    average_seconds: float | None
    due: datetime | None


def theme_due(session: Session, learner: Learner, theme: str) -> datetime | None:
    """When a theme comes back: its soonest card (a theme can hold bank and project cards). The one due date
    every view shows, the drill result and the Stats table alike."""
    query = select(func.min(DrillCard.due)).where(DrillCard.learner_id == learner.id, DrillCard.theme == theme)
    return session.scalar(query)


def drill_stats(session: Session, learner: Learner) -> list[ThemeStats]:
    attempts = session.scalars(
        select(DrillAttempt).where(DrillAttempt.learner_id == learner.id).order_by(DrillAttempt.created_at)
    ).all()
    cards = session.scalars(select(DrillCard).where(DrillCard.learner_id == learner.id)).all()
    due: dict[str, datetime] = {}
    for card in cards:  # each theme's soonest card, as theme_due gives it
        due[card.theme] = min(card.due, due.get(card.theme, card.due))
    by_theme: dict[str, list[DrillAttempt]] = {}
    for attempt in attempts:
        by_theme.setdefault(attempt.theme, []).append(attempt)
    stats = []
    for theme in [t.key for t in load_bank().themes] + sorted(set(by_theme) - {t.key for t in load_bank().themes}):
        rows = by_theme.get(theme, [])
        scores = [a.score for a in rows]
        timed = [a.seconds for a in rows if a.seconds is not None]
        stats.append(
            ThemeStats(
                theme=theme,
                attempts=len(rows),
                average=round(sum(scores) / len(scores), 1) if scores else None,
                last=scores[-1] if scores else None,
                trend=round(sum(scores[-3:]) / 3 - sum(scores[:3]) / 3, 1) if len(scores) >= 4 else None,
                average_seconds=round(sum(timed) / len(timed), 1) if timed else None,
                due=due.get(theme),
            )
        )
    return stats
