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
from tracker.models import DrillAttempt, DrillCard, Learner

if TYPE_CHECKING:
    from fsrs import Scheduler

    from grader.answers import GeneratedQuestion

MAXIMUM_INTERVAL_DAYS = 21


def _scheduler() -> Scheduler:
    from fsrs import Scheduler

    return Scheduler(
        learning_steps=(), relearning_steps=(), maximum_interval=MAXIMUM_INTERVAL_DAYS, enable_fuzzing=False
    )


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _naive(moment: datetime) -> datetime:
    return _aware(moment).replace(tzinfo=None)


def ensure_theme_cards(session: Session, learner: Learner, now: datetime) -> list[DrillCard]:
    """Every bank theme gets a card, new and due now, the first time the learner drills."""
    existing = {card.key: card for card in session.scalars(select(DrillCard).where(DrillCard.learner_id == learner.id))}
    for theme in load_bank().themes:
        key = f"theme:{theme.key}"
        if key not in existing:
            card = DrillCard(learner_id=learner.id, key=key, theme=theme.key, due=_naive(now), fsrs={})
            session.add(card)
            existing[key] = card
    session.flush()
    return list(existing.values())


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
    cards = []
    for question in questions:
        key = f"project:{project_id or 0}:{question.key}"
        card = session.scalar(select(DrillCard).where(DrillCard.learner_id == learner.id, DrillCard.key == key))
        if card is None:
            card = DrillCard(
                learner_id=learner.id,
                key=key,
                theme=question.theme,
                prompt=question.prompt,
                question=question.model_dump(mode="json"),
                project_id=project_id,
                due=_naive(now),
                fsrs={},
            )
            session.add(card)
        cards.append(card)
    session.flush()
    return cards


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
    """Store the attempt and reschedule the card with the rating its score maps to."""
    from fsrs import Card, Rating

    state = Card.from_dict(card.fsrs) if card.fsrs else Card(card_id=card.id, due=_aware(now))  # type: ignore[arg-type]
    rescheduled, _log = _scheduler().review_card(state, Rating(rating), review_datetime=_aware(now))
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
