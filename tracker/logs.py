"""Daily logs: minutes and a note per day, the raw material of streaks and the activity heatmap."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.inputs import check_plan_day
from tracker.models import Learner, LogEntry
from tracker.rules import check_day_total, check_minutes


def add_log(
    session: Session, learner: Learner, minutes: int, note: str, day: date, *, today: date | None = None
) -> LogEntry:
    """Add time to a day; a day never holds more than 24 hours, however many processes log at once.

    The day is one the plan has reached (not before day 1, not after `today`). The rule on the total reads the
    day's minutes, then inserts: two writers must not both read the old total. On SQLite the write transaction
    already holds the database's one write lock (BEGIN IMMEDIATE). On PostgreSQL the learner's row is locked
    first (FOR NO KEY UPDATE: it queues this learner's log writes behind each other, but not the inserts
    elsewhere whose foreign keys only share-lock that row). A row lock rather than SERIALIZABLE: SERIALIZABLE
    would fail the loser, and the whole command would need a retry loop.
    """
    check_plan_day(day, learner.start_date, today, "the log's day")
    check_minutes(minutes)
    session.execute(select(Learner.id).where(Learner.id == learner.id).with_for_update(key_share=True))
    logged = session.scalar(
        select(func.coalesce(func.sum(LogEntry.minutes), 0)).where(
            LogEntry.learner_id == learner.id, LogEntry.day == day
        )
    )
    check_day_total(day, int(logged or 0), minutes)
    entry = LogEntry(learner_id=learner.id, day=day, minutes=minutes, note=note.strip())
    session.add(entry)
    session.flush()
    return entry


def minutes_by_day(session: Session, learner: Learner, since: date | None = None) -> dict[date, int]:
    """Total minutes per logged day (one grouped query: it serves streaks and the heatmap)."""
    query = select(LogEntry.day, func.sum(LogEntry.minutes)).where(LogEntry.learner_id == learner.id)
    if since is not None:
        query = query.where(LogEntry.day >= since)
    return {day: int(total) for day, total in session.execute(query.group_by(LogEntry.day))}


def recent_logs(session: Session, learner: Learner, limit: int = 20) -> list[LogEntry]:
    query = (
        select(LogEntry)
        .where(LogEntry.learner_id == learner.id)
        .order_by(LogEntry.day.desc(), LogEntry.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


# -- what the Work screen shows --------------------------------------------------------------------------


@dataclass(frozen=True)
class LogListing:
    id: int
    day: str  # ISO date
    minutes: int
    note: str

    @classmethod
    def of(cls, entry: LogEntry) -> LogListing:
        return cls(entry.id, entry.day.isoformat(), entry.minutes, entry.note)
