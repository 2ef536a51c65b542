"""The gap chart: each competency's score against the target role's level, the gap in a warning colour."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.markup import escape
from textual.widgets import Static

if TYPE_CHECKING:
    from curriculum.assessment import GapReport

LEVELS = 5


def bar(score: int, target: int) -> str:
    """Five cells: held levels solid, the levels still to reach up to the target hatched, the rest dots."""
    cells = []
    for level in range(1, LEVELS + 1):
        if level <= score:
            cells.append("[$success]██[/]")
        elif level <= target:
            cells.append("[$error]░░[/]")
        else:
            cells.append("[dim]··[/]")
    return "".join(cells)


def render_gaps(report: GapReport, titles: Mapping[str, str]) -> str:
    width = max(len(escape(title)) for title in titles.values()) + 2
    lines = []
    for key, score in report.scores.items():
        target = report.targets[key]
        gap = report.gaps[key]
        change = report.change.get(key) if report.change else None
        moved = ""
        if change:
            moved = f" [$success]▲{change}[/]" if change > 0 else f" [$error]▼{-change}[/]"
        focus = " [b $warning]◀ focus[/]" if key in report.focus else ""
        gap_text = f"gap {gap}" if gap > 0 else "[$success]met[/]"
        title = escape(titles.get(key, key))
        lines.append(f"{title:<{width}}{bar(score, target)} {score}/{target} {gap_text}{moved}{focus}")
    legend = "[$success]██[/] your level  [$error]░░[/] to reach the target  [dim]··[/] beyond it"
    return "\n".join([*lines, "", f"[dim]{legend}[/]"])


class GapChart(Static):
    def show(self, report: GapReport, titles: Mapping[str, str]) -> None:
        self.update(render_gaps(report, titles))
