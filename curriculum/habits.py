"""Streaks of active days (days with a log entry)."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from datetime import date, timedelta

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Streaks:
    current: int
    best: int


def streaks(active_days: Set[date], today: date) -> Streaks:
    """The current and best runs of consecutive active days.

    The current run counts back from today, or from yesterday when today has no log yet: the day is not over,
    so an unlogged morning does not break a streak. Days after `today` are ignored.
    """
    days = {day for day in active_days if day <= today}
    anchor = today if today in days else today - _ONE_DAY
    current = 0
    while anchor in days:
        current += 1
        anchor -= _ONE_DAY
    best = 0
    for day in days:
        if day - _ONE_DAY in days:
            continue  # not the first day of a run
        length = 1
        while day + length * _ONE_DAY in days:
            length += 1
        best = max(best, length)
    return Streaks(current, best)
