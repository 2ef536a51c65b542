"""How an employer reaches the learner, and the jobs they held: checked as typed, stored as resumes print them.

Pure functions, so the command line, the app and `data import` apply the same rules. An empty value clears
a field; anything else is normalised (a GitHub handle becomes its profile URL) or refused in one line.
"""

from __future__ import annotations

import re
from datetime import date

from curriculum.errors import UserError

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_GITHUB_USER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$")
_LINKEDIN_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_%-]{1,99}$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
PRESENT = ("", "present", "now", "current", "today")


def one_line(value: str, what: str, limit: int) -> str:
    text = " ".join(value.split())
    if len(text) > limit:
        raise UserError(f"{what} is {len(text)} characters long; keep it under {limit}")
    return text


def parse_email(value: str) -> str:
    text = one_line(value, "email", 200)
    if text and not _EMAIL.match(text):
        raise UserError(f"email {text!r} is not an address like ada@example.com")
    return text


def parse_location(value: str) -> str:
    return one_line(value, "location", 200)


def parse_website(value: str) -> str:
    text = one_line(value, "website", 500)
    if not text:
        return ""
    if not re.match(r"^https?://", text, re.I):
        text = "https://" + text
    if not re.match(r"^https?://[^\s/]+\.[^\s/]+", text, re.I):
        raise UserError(f"website {value.strip()!r} is not a web address like https://ada.dev")
    return text


def parse_github(value: str) -> str:
    """`ada`, `@ada`, `github.com/ada` or the full URL -> `https://github.com/ada`."""
    text = one_line(value, "GitHub", 500)
    if not text:
        return ""
    user = re.sub(r"^(?:https?://)?(?:www\.)?github\.com/", "", text, flags=re.I).lstrip("@").rstrip("/")
    if not _GITHUB_USER.match(user):
        raise UserError(f"GitHub {value.strip()!r} is not a GitHub user name or https://github.com/NAME")
    return f"https://github.com/{user}"


def parse_linkedin(value: str) -> str:
    """`ada-l`, `in/ada-l`, `linkedin.com/in/ada-l` or the full URL -> `https://www.linkedin.com/in/ada-l`."""
    text = one_line(value, "LinkedIn", 500)
    if not text:
        return ""
    slug = re.sub(r"^(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/", "", text, flags=re.I)
    slug = re.sub(r"^in/", "", slug).rstrip("/")
    if not _LINKEDIN_SLUG.match(slug):
        raise UserError(f"LinkedIn {value.strip()!r} is not a profile name or https://www.linkedin.com/in/NAME")
    return f"https://www.linkedin.com/in/{slug}"


def profile_user(url: str) -> str:
    """The user name at the end of a GitHub or LinkedIn profile URL (JSON Resume's `profiles[].username`)."""
    return url.rstrip("/").rsplit("/", 1)[-1]


def parse_resume_date(value: str, what: str = "start", *, today: date | None = None) -> str:
    """A resume date as ISO 8601 at the precision given: `2023`, `2023-03`, `2023-03-14`.

    Also reads `03/2023`, `2023/03` and `Mar 2023`; for an end date, `present` (or nothing) means current.
    """
    text = " ".join(value.split()).lower()
    if what == "end" and text in PRESENT:
        return ""
    if not text:
        raise UserError(f"the {what} date is missing: write a year, or a month like 2023-03")
    year, month, day = _date_parts(text)
    if year is None:
        raise UserError(f"{what} date {value.strip()!r} is not a date like 2023, 2023-03 or Mar 2023")
    try:
        exact = date(year, month or 1, day or 1)
    except ValueError:
        raise UserError(f"{what} date {value.strip()!r} is not a calendar date") from None
    if exact > (today or date.today()):
        raise UserError(f"{what} date {value.strip()!r} is in the future")
    if day is not None:
        return exact.isoformat()
    return f"{year:04d}-{month:02d}" if month is not None else f"{year:04d}"


def _date_parts(text: str) -> tuple[int | None, int | None, int | None]:
    iso = re.fullmatch(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?", text)
    if iso:
        return int(iso[1]), int(iso[2]) if iso[2] else None, int(iso[3]) if iso[3] else None
    month_first = re.fullmatch(r"(\d{1,2})[/.-](\d{4})", text)
    if month_first:
        return int(month_first[2]), int(month_first[1]), None
    named = re.fullmatch(r"([a-z]+)\.?,? (\d{4})", text)
    if named and named[1] in _MONTHS:
        return int(named[2]), _MONTHS[named[1]], None
    return None, None, None


def check_date_order(start: str, end: str) -> None:
    """An end before the start is a typo; compared at the precision both share (`2023` vs `2023-03`)."""
    if end and end[: len(start)] < start[: len(end)]:
        raise UserError(f"the job ends ({end}) before it starts ({start})")
