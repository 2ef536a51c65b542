"""The drill scheduler with fixed clocks: weak answers come back tomorrow, strong ones later, never past 21 days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tracker.db import open_session
from tracker.drills import MAXIMUM_INTERVAL_DAYS, due_cards, next_card, record_attempt
from tracker.models import Learner

T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def learner(session) -> Learner:
    person = Learner(handle="ada", name="Ada", target_role="ai-engineer", start_date=date(2026, 11, 2))
    session.add(person)
    session.flush()
    return person


def answer(session, person, card, rating: int, at: datetime) -> None:
    record_attempt(
        session,
        person,
        card,
        question_key="q",
        answer="a",
        seconds=80,
        score=rating * 20,
        criteria={},
        rating=rating,
        feedback={},
        now=at,
    )


def test_again_comes_back_tomorrow_and_good_later(db_path):
    with open_session() as session:
        person = learner(session)
        weak = next_card(session, person, T0, "rag-design")
        strong = next_card(session, person, T0, "eval-strategy")
        answer(session, person, weak, 1, T0)
        answer(session, person, strong, 3, T0)
        assert weak.due - T0.replace(tzinfo=None) <= timedelta(days=1)
        assert strong.due > weak.due
        assert weak.id in {c.id for c in due_cards(session, person, T0 + timedelta(days=1))}
        assert strong.id not in {c.id for c in due_cards(session, person, T0 + timedelta(days=1))}


def test_intervals_are_capped_inside_the_plan(db_path):
    with open_session() as session:
        person = learner(session)
        card = next_card(session, person, T0, "cross-team")
        moment = T0
        for _ in range(8):
            answer(session, person, card, 4, moment)
            assert card.due - moment.replace(tzinfo=None) <= timedelta(days=MAXIMUM_INTERVAL_DAYS, hours=1)
            moment = card.due.replace(tzinfo=UTC)


def test_the_most_overdue_theme_is_drilled_first(db_path):
    with open_session() as session:
        person = learner(session)
        first = next_card(session, person, T0)
        answer(session, person, first, 3, T0)
        second = next_card(session, person, T0)
        assert second.theme != first.theme
