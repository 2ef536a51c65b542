"""The activity heatmap: minutes logged per day, laid out as weeks (columns) of days (Monday first).

Pure layout over the minutes the dashboard already loads (`TodayView.activity`), so the TUI draws cells and
decides nothing: which day falls where and how intense it reads are settled here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.today import TodayView

# Minutes from which a day reads as level 1, 2, 3, 4 (0 is a day with no log).
LEVEL_FLOORS = (1, 30, 60, 120)


@dataclass(frozen=True)
class HeatCell:
    day: date
    minutes: int
    level: int  # 0 (no log) to 4 (two hours or more)
    future: bool  # after today: drawn blank, never counted as missed
    before_start: bool = False  # before the plan began: not counted as missed either


@dataclass(frozen=True)
class Heatmap:
    weeks: list[list[HeatCell]]  # oldest week first; each holds Monday..Sunday
    active_days: int
    total_minutes: int
    days_elapsed: int

    @property
    def consistency(self) -> int:
        """Share of elapsed days with a log, in percent: forgiving, a missed day costs a little."""
        return round(100 * self.active_days / self.days_elapsed) if self.days_elapsed else 0


def level(minutes: int) -> int:
    return sum(1 for floor in LEVEL_FLOORS if minutes >= floor)


def build_heatmap(activity: Mapping[date, int], today: date, weeks: int = 12, start: date | None = None) -> Heatmap:
    """`weeks` columns ending with the week that holds `today`.

    Days before `start` (the plan's day 1) are drawn but not counted as missed, unless they hold a log:
    consistency is measured over the days the learner could have shown up.
    """
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    columns = []
    for week in range(weeks):
        column = []
        for weekday in range(7):
            day = first + timedelta(days=7 * week + weekday)
            minutes = int(activity.get(day, 0)) if day <= today else 0
            early = start is not None and day < start and not minutes
            column.append(HeatCell(day, minutes, level(minutes), day > today, early))
        columns.append(column)
    elapsed = [cell for column in columns for cell in column if not cell.future and not cell.before_start]
    return Heatmap(
        weeks=columns,
        active_days=sum(1 for cell in elapsed if cell.minutes),
        total_minutes=sum(cell.minutes for cell in elapsed),
        days_elapsed=len(elapsed),
    )


def today_heatmap(view: TodayView) -> Heatmap:
    """The heatmap for the dashboard: the view's last 12 weeks, counted from the plan's day 1."""
    position = view.position
    start = None
    if position.day is not None:
        start = view.today - timedelta(days=position.day - 1)
    elif position.phase == "not_started":
        start = view.today + timedelta(days=position.days_until_start)
    return build_heatmap(view.activity, view.today, start=start)
