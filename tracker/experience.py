"""The learner's work history, in their own words: the resume's Experience section and JSON Resume's `work`.

Nothing here is derived from the plan: a job is printed exactly as the learner wrote it, and a resume with
no job written prints no Experience heading at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.errors import UserError
from tracker.contact import check_date_order, one_line, parse_resume_date
from tracker.models import Experience, Learner
from tracker.rules import check_text_lengths, is_record_id

MAX_HIGHLIGHT = 400


@dataclass(frozen=True)
class ExperienceInput:
    """A job as typed. For an edit, None keeps the stored value; `highlights` given replaces them all."""

    role: str | None = None
    organisation: str | None = None
    location: str | None = None
    start: str | None = None
    end: str | None = None
    summary: str | None = None
    highlights: list[str] | None = field(default=None)


def add_experience(
    session: Session, learner: Learner, entry: ExperienceInput, *, today: date | None = None
) -> Experience:
    if not (entry.role or "").strip():
        raise UserError("say which role you held (--role), e.g. Prompt Engineer")
    if not (entry.start or "").strip():
        raise UserError("say when the job started (--start), e.g. 2023-03")
    row = Experience(learner_id=learner.id, organisation="", location="", end_date="", summary="", highlights=[])
    _fill(row, entry, today)
    session.add(row)
    session.flush()
    return row


def edit_experience(
    session: Session, learner: Learner, experience_id: int, entry: ExperienceInput, *, today: date | None = None
) -> Experience:
    row = get_experience(session, learner, experience_id)
    _fill(row, entry, today)
    session.flush()
    return row


def get_experience(session: Session, learner: Learner, experience_id: int) -> Experience:
    row = session.get(Experience, experience_id) if is_record_id(experience_id) else None
    if row is None or row.learner_id != learner.id:
        raise UserError(f"no job #{experience_id} in {learner.name}'s record; `proofwork experience list` shows them")
    return row


def _fill(row: Experience, entry: ExperienceInput, today: date | None) -> None:
    # Every check runs before the first field changes, so a refused edit leaves the row as it was.
    values = checked_experience(entry, start=row.start_date or "", end=row.end_date or "", today=today)
    for name, value in values.items():
        setattr(row, name, value)


def checked_experience(
    entry: ExperienceInput, *, start: str = "", end: str = "", today: date | None = None
) -> dict[str, Any]:
    """The given fields as stored (dates at the precision typed), or a UserError naming the first wrong one;
    `start` and `end` are the stored dates an edit leaves alone. The commands and `data import` check here."""
    values: dict[str, Any] = {}
    if entry.role is not None:
        values["role"] = one_line(entry.role, "the role", 200)
        if not values["role"]:
            raise UserError("the role must not be empty")
    if entry.organisation is not None:
        values["organisation"] = one_line(entry.organisation, "the organisation", 200)
    if entry.location is not None:
        values["location"] = one_line(entry.location, "the location", 200)
    if entry.start is not None:
        values["start_date"] = parse_resume_date(entry.start, "start", today=today)
    if entry.end is not None:
        values["end_date"] = parse_resume_date(entry.end, "end", today=today)
    if entry.summary is not None:
        values["summary"] = " ".join(entry.summary.split())
    if entry.highlights is not None:
        highlights = [one_line(text, "a highlight", MAX_HIGHLIGHT) for text in entry.highlights]
        values["highlights"] = [text for text in highlights if text]
    check_date_order(values.get("start_date", start), values.get("end_date", end))
    check_text_lengths(Experience, values)  # the column limits every write obeys, on both engines
    return values


def list_experience(session: Session, learner: Learner) -> list[Experience]:
    """Current jobs first, then by end and start date, newest first: the order resumes use."""
    rows = list(session.scalars(select(Experience).where(Experience.learner_id == learner.id)))
    return sorted(rows, key=lambda r: (r.end_date == "", r.end_date, r.start_date, r.id), reverse=True)


def experience_dict(row: Experience) -> dict[str, Any]:
    return {
        "id": row.id,
        "role": row.role,
        "organisation": row.organisation,
        "location": row.location,
        "start": row.start_date,
        "end": row.end_date,
        "summary": row.summary,
        "highlights": list(row.highlights or []),
    }
