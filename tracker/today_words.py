"""Today's headline and pace in words, written once for the command line and the Today screen.

Both draw the same `TodayView`; each adds its own markup (Rich colours in `tui/cli/today_text.py`, Textual's
theme variables in `tui/screens/today.py`) to a `Tone`, so the words cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from curriculum.plan import Pace
from curriculum.text import days
from tracker.today_view import TodayView

Tone = Literal["good", "bad", "plain"]


@dataclass(frozen=True)
class Headline:
    """`lead`: "Day 20 of 90", or the plan's start or end; `place`: "week 3 · month 1" ("" outside the plan)."""

    lead: str
    place: str

    def text(self) -> str:
        return f"{self.lead} · {self.place}" if self.place else self.lead


def headline_words(view: TodayView) -> Headline:
    position = view.position
    if position.phase == "not_started":
        return Headline(f"The plan starts in {days(position.days_until_start)}", "")
    if position.phase == "finished":
        return Headline(f"Day {view.plan_days} was {days(position.days_since_end)} ago: the plan is complete", "")
    return Headline(f"Day {position.day} of {view.plan_days}", f"week {position.week} · month {position.month}")


def pace_words(pace: Pace) -> tuple[str, Tone]:
    if pace.status == "ahead":
        return f"ahead by {days(pace.days)}", "good"
    if pace.status == "behind":
        return f"behind by {days(pace.days)}", "bad"
    if pace.status == "on_track":
        return "on track", "good"
    return pace.status.replace("_", " "), "plain"


def plan_day_done(view: TodayView) -> int:
    """How much of the plan has passed, in days (all of it once the plan is over)."""
    position = view.position
    if position.phase == "finished":
        return view.plan_days
    return position.day or 0
