"""The record's rules, in one place: the commands, the app and `data import` all check values here.

Two kinds of rule:
- what a column can hold, the same on every engine: text no longer than its VARCHAR (SQLite ignores the
  length, PostgreSQL refuses the row), whole numbers in PostgreSQL's 32-bit INTEGER range, finite floats.
  Every ORM flush is checked (`check_flush`), and an import checks each row with the same function, so a
  record that fits on a laptop fits on the cohort's server and the reverse.
- what the plan means: minutes in a day, weekly hours, a known target role, a drill card's schedule.

Every failure is a `UserError` naming the field and the limit.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Float, Integer, String
from sqlalchemy.orm import Session

from curriculum.errors import UserError

MAX_MINUTES_A_DAY = 24 * 60
MAX_WEEKLY_HOURS = 100
MAX_DRILL_SECONDS = 24 * 60 * 60
# PostgreSQL's INTEGER (every integer column and id in the schema): SQLite would take more, PostgreSQL not.
MIN_INTEGER, MAX_INTEGER = -(2**31), 2**31 - 1


def check_column_value(column: Column[Any], value: Any, where: str) -> None:
    """One value against its column's type limits (None is left to the column's NOT NULL)."""
    if value is None:
        return
    kind = column.type
    if isinstance(kind, String) and kind.length is not None and isinstance(value, str) and len(value) > kind.length:
        raise UserError(f"{where} is {len(value):,} characters long; the record keeps at most {kind.length:,}")
    if isinstance(kind, Integer) and isinstance(value, int) and not MIN_INTEGER <= value <= MAX_INTEGER:
        raise UserError(f"{where} {value} is out of range (whole numbers up to {MAX_INTEGER:,})")
    if isinstance(kind, Float) and isinstance(value, float) and not math.isfinite(value):
        raise UserError(f"{where} must be a finite number, not {value}")


def check_text_lengths(model: type, values: dict[str, Any]) -> None:
    """Check values meant for `model` before they are used (e.g. a handle before it is looked up)."""
    table = model.__table__  # type: ignore[attr-defined]
    for name, value in values.items():
        check_column_value(table.c[name], value, name)


def check_flush(session: Session, _context: Any, _instances: Any) -> None:
    """Session hook: every new or changed row fits its columns, whichever engine is behind the session."""
    from sqlalchemy import inspect

    for row in (*session.new, *session.dirty):
        state = inspect(row)
        for attribute in state.mapper.column_attrs:
            if attribute.key in state.dict:  # only what is loaded or set: checking never triggers a query
                check_column_value(attribute.columns[0], state.dict[attribute.key], attribute.key)


def is_record_id(value: object) -> bool:
    """Whether `value` can be a row id at all (a huge number is no row, not a database error)."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_INTEGER


def check_minutes(minutes: int, what: str = "--minutes") -> int:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        raise UserError(f"{what} {minutes!r} must be a positive number of minutes")
    if minutes > MAX_MINUTES_A_DAY:
        raise UserError(f"{what} {minutes} is more than a day holds ({MAX_MINUTES_A_DAY} minutes)")
    return minutes


def check_day_total(day: object, logged: int, adding: int) -> None:
    if logged + adding > MAX_MINUTES_A_DAY:
        raise UserError(f"{day} would then hold more than 24 hours of logged work ({logged} min already)")


def check_weekly_hours(hours: float, what: str = "--hours") -> float:
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not math.isfinite(hours):
        raise UserError(f"{what} {hours!r} is not a number of hours")
    if not 0 < hours <= MAX_WEEKLY_HOURS:
        raise UserError(f"{what} {hours:g} is not a plausible weekly budget (1 to {MAX_WEEKLY_HOURS})")
    return float(hours)


def check_target_role(key: str, what: str = "target role") -> str:
    """A role key this proofwork knows (the dashboard, cohort and exports all look it up)."""
    from curriculum.catalog import load_catalog

    catalog = load_catalog()
    known = [role.key for role in catalog.roles]
    if key not in known:
        raise UserError(f"{what} {key!r} is not a role this proofwork knows ({', '.join(known)})")
    return key


def check_seconds(seconds: float | None, what: str = "--seconds") -> float | None:
    if seconds is None:
        return None
    if not math.isfinite(seconds) or not 0 <= seconds <= MAX_DRILL_SECONDS:
        raise UserError(f"{what} {seconds:g} is not a time an answer took (0 to {MAX_DRILL_SECONDS} seconds)")
    return seconds


def check_fsrs(state: Any, what: str = "fsrs") -> dict[str, Any]:
    """A drill card's schedule: empty (a new card) or a state the FSRS scheduler can review."""
    if state == {}:
        return state
    from fsrs import Card, Rating

    from tracker.drills import scheduler

    try:
        card = Card.from_dict(state)
        scheduler().review_card(card, Rating.Good, review_datetime=max(card.due, datetime.now(UTC)))
    except (KeyError, TypeError, ValueError, OverflowError, AttributeError, AssertionError):
        raise UserError(f"{what} is not a drill schedule (FSRS card state): {str(state)[:80]}") from None
    return dict(state)
