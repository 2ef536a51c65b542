"""Turning what a person types into values, with one clear message when it is wrong.

The command line and the TUI both call these, so a date or a metric means the same thing everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from curriculum.errors import UserError


def parse_date(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"{what} {text!r} is not a calendar date (use YYYY-MM-DD, e.g. 2026-11-02)") from None


def parse_week(value: int | str) -> int:
    try:
        week = int(value)
    except (TypeError, ValueError):
        raise UserError(f"week {value!r} is not a number from 1 to 12") from None
    if not 1 <= week <= 12:
        raise UserError(f"week {week} is outside the plan: weeks run from 1 to 12")
    return week


@dataclass(frozen=True)
class MetricText:
    """A metric as typed: `hallucination rate=12->4 %` (baseline 12, result 4, unit %)."""

    name: str
    baseline: float | None
    result: float
    unit: str


_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_METRIC = re.compile(
    rf"^\s*(?P<name>[^=]+?)\s*=\s*(?:(?P<baseline>{_NUMBER})\s*(?:->|→)\s*)?(?P<result>{_NUMBER})\s*(?P<unit>[^\d\s+\->→].*)?$"
)


def parse_metric(text: str) -> MetricText:
    match = _METRIC.match(text)
    if not match:
        raise UserError(
            f"metric {text!r} is not of the form 'name=RESULT [unit]' or 'name=BASELINE->RESULT [unit]', "
            "e.g. 'hallucination rate=12->4 %'"
        )
    baseline = match["baseline"]
    return MetricText(
        name=match["name"].strip(),
        baseline=float(baseline) if baseline is not None else None,
        result=float(match["result"]),
        unit=(match["unit"] or "").strip(),
    )


def parse_score(text: str) -> tuple[str, int]:
    """`evaluation=3` -> ("evaluation", 3); the range and key are checked against the catalog later."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise UserError(f"score {text!r} is not of the form competency=N, e.g. evaluation=2")
    try:
        return key.strip(), int(value)
    except ValueError:
        raise UserError(f"score {text!r}: {value!r} is not a whole number from 1 to 5") from None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "learner"
