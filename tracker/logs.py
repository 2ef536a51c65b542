"""Daily logs: minutes and a note per day, the raw material of streaks and the activity heatmap."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from curriculum.errors import UserError
from tracker.inputs import check_plan_day
from tracker.models import Learner, LogEntry

MAX_MINUTES_A_DAY = 24 * 60


def add_log(
    session: Session, learner: Learner, minutes: int, note: str, day: date, *, today: date | None = None
) -> LogEntry:
    check_plan_day(day, learner.start_date, today, "the log's day")
    if minutes <= 0:
        raise UserError(f"--minutes {minutes} must be a positive number of minutes")
    logged = session.scalar(
        select(func.coalesce(func.sum(LogEntry.minutes), 0)).where(
            LogEntry.learner_id == learner.id, LogEntry.day == day
        )
    )
    if int(logged or 0) + minutes > MAX_MINUTES_A_DAY:
        raise UserError(f"{day} would then hold more than 24 hours of logged work ({logged} min already)")
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
