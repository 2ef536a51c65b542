"""The weekly retrospective in the learner's own words: what shipped, what slipped, what comes next."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.errors import UserError
from tracker.inputs import parse_week
from tracker.models import Learner, Retro


def write_retro(
    session: Session,
    learner: Learner,
    week: int | str,
    *,
    shipped: str,
    slipped: str,
    next_: str,
    keep_blank: bool = True,
) -> Retro:
    """One retro a week; writing it again replaces the parts given and keeps the others (`keep_blank`, the
    command line), or, from a form that shows all three parts, replaces all three."""
    number = parse_week(week)
    if not (shipped.strip() or slipped.strip() or next_.strip()):
        raise UserError("say at least one of --shipped, --slipped or --next")
    retro = session.scalar(select(Retro).where(Retro.learner_id == learner.id, Retro.week == number))
    if retro is None:
        retro = Retro(learner_id=learner.id, week=number, shipped="", slipped="", next="")
        session.add(retro)
    for field, value in (("shipped", shipped), ("slipped", slipped), ("next", next_)):
        if value.strip() or not keep_blank:
            setattr(retro, field, value.strip())
    session.flush()
    return retro


def get_retro(session: Session, learner: Learner, week: int) -> Retro | None:
    """The retro written for `week`, if any."""
    return session.scalar(select(Retro).where(Retro.learner_id == learner.id, Retro.week == parse_week(week)))


def retro_id(session: Session, learner: Learner, week: int | str) -> int:
    """The id of the retro written for `week`, for deleting it by week."""
    number = parse_week(week)
    found = session.scalar(select(Retro.id).where(Retro.learner_id == learner.id, Retro.week == number))
    if found is None:
        raise UserError(f"no retro written for week {number}")
    return int(found)
