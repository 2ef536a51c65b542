"""Turning what a person types into values, with one clear message when it is wrong.

The command line and the TUI both call these, so a date or a metric means the same thing everywhere.
"""

from __future__ import annotations

import math
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


# A number as people type it: `4.2`, `4,2` (decimal comma), `1,800.5` or `1.800,5` (grouped thousands),
# `1e3` or `2.5E-4` (scientific), with a sign (`-` or the typographic `−`).
_NUMBER = r"[-+−]?(?:\d[\d,.]*\d|\d|[.,]\d+)(?:[eE][-+]?\d+)?"
_ARROW = re.compile(r"\s*(?:->|→|=>|⟶)\s*")
_VALUE = re.compile(rf"^\s*(?P<number>{_NUMBER})\s*(?P<unit>.*?)\s*$")


def parse_number(text: str, what: str = "number") -> float:
    """`4,2` -> 4.2, `1,800.5` -> 1800.5, `1.800,5` -> 1800.5, `1e3` -> 1000.0; an ambiguous `1,800` is refused.

    One comma followed by exactly three digits is 1800 to some readers and 1.8 to others: rather than guess
    (and put a number 1000 times off on a resume), the learner is asked to write it unambiguously.
    """
    raw = text.strip().replace("−", "-")
    mantissa, exponent = re.fullmatch(r"(.*?)((?:[eE][-+]?\d+)?)", raw).groups()  # type: ignore[union-attr]
    sign = "-" if mantissa.startswith("-") else ""
    digits = mantissa.lstrip("+-")
    commas, dots = digits.count(","), digits.count(".")
    if commas and dots:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, fraction = digits.rpartition(decimal)
        if digits.count(decimal) != 1 or not _grouped(whole, thousands):
            raise UserError(f"{what} {text.strip()!r} is not a number")
        digits = whole.replace(thousands, "") + "." + fraction
    elif commas > 1 or dots > 1:
        separator = "," if commas else "."
        if not _grouped(digits, separator):
            raise UserError(f"{what} {text.strip()!r} is not a number")
        digits = digits.replace(separator, "")
    elif commas == 1:
        whole, _, fraction = digits.partition(",")
        if len(fraction) == 3 and whole.strip("0") and not exponent:
            raise UserError(
                f"{what} {text.strip()!r} could be {whole}{fraction} or {whole}.{fraction}: "
                f"write {whole}{fraction} or {whole}.{fraction}"
            )
        digits = f"{whole or 0}.{fraction}"
    try:
        value = float(sign + digits + exponent)
    except ValueError:
        raise UserError(f"{what} {text.strip()!r} is not a number") from None
    if not math.isfinite(value):
        raise UserError(f"{what} {text.strip()!r} is too large to record")
    return value


def _grouped(digits: str, separator: str) -> bool:
    """`1,234,567`: one to three digits, then groups of exactly three."""
    groups = digits.split(separator)
    return 1 <= len(groups[0]) <= 3 and all(len(group) == 3 and group.isdigit() for group in groups[1:])


def parse_metric(text: str) -> MetricText:
    """`name=RESULT unit` or `name=BASELINE->RESULT unit`, numbers written any way `parse_number` reads."""
    form = (
        f"metric {text!r} is not of the form 'name=RESULT [unit]' or 'name=BASELINE->RESULT [unit]', "
        "e.g. 'hallucination rate=12->4 %'"
    )
    name, sep, values = text.partition("=")
    if not sep or not name.strip() or len(name.strip()) > 200:
        raise UserError(form)
    parts = _ARROW.split(values)
    matches = [_VALUE.match(part) for part in parts]
    if len(parts) > 2 or not all(matches):
        raise UserError(form)
    numbers = [parse_number(m["number"], f"metric {name.strip()!r}: value") for m in matches if m]
    units = [m["unit"] for m in matches if m]
    for unit in units:
        if re.match(r"[\d.,+\-−]", unit) or _ARROW.search(unit) or "=" in unit or len(unit) > 40:
            raise UserError(form)
    unit = units[-1] or units[0]
    if len(units) == 2 and units[0] and units[1] and units[0] != units[1]:
        raise UserError(f"metric {text!r}: the baseline is in {units[0]!r} and the result in {units[1]!r}")
    return MetricText(
        name=name.strip(),
        baseline=numbers[0] if len(numbers) == 2 else None,
        result=numbers[-1],
        unit=unit,
    )


def check_plan_day(day: date, start: date, today: date | None = None, what: str = "date") -> date:
    """A day work was done on: not in the future, not before day 1 of the plan. Import checks the same."""
    today = today or date.today()
    if day > today:
        raise UserError(f"{what} {day} is in the future (today is {today}): record work once it is done")
    if day < start:
        hint = f"; to count it, move day 1 with `proofwork profile edit --start {day}`"
        raise UserError(
            f"{what} {day} is before day 1 of your plan ({start})" + (hint if (start - day).days <= 90 else "")
        )
    return day


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


_DURATION = re.compile(
    r"^\s*(?:(?P<hours>\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(?P<minutes>\d+)\s*(?:m(?:in(?:utes?)?)?)?)?\s*$"
)


def parse_minutes(text: str) -> int:
    """`45`, `45m`, `1h`, `1h30`, `1.5h` -> minutes; the range is checked where the log is written."""
    match = _DURATION.match(text.lower())
    if not text.strip() or not match or not (match["hours"] or match["minutes"]):
        raise UserError(f"time {text!r} is not a duration: type minutes (45) or hours and minutes (1h30)")
    hours = float(match["hours"] or 0)
    return round(hours * 60) + int(match["minutes"] or 0)


def parse_hours(text: str, what: str = "weekly hours") -> float:
    try:
        return float(text.strip())
    except ValueError:
        raise UserError(f"{what} {text!r} is not a number of hours, e.g. 10") from None


def format_metric(name: str, baseline: float | None, result: float, unit: str = "") -> str:
    """The typed form of a metric, the inverse of `parse_metric`: `hallucination rate=12->4 %`."""
    value = f"{baseline:.12g}->{result:.12g}" if baseline is not None else f"{result:.12g}"
    return f"{name}={value} {unit}".strip()
