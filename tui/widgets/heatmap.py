"""The 12-week activity heatmap: one column a week, one row a weekday, darker green for more minutes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

if TYPE_CHECKING:
    from tracker.heatmap import Heatmap

# GitHub's contribution greens read well on dark and light themes alike.
LEVEL_STYLE = ("$text-muted", "#0e6e3a", "#1f9d4d", "#2fc35f", "#5ef08a")
LEVEL_MARK = ("·", "■", "■", "■", "■")
WEEKDAYS = "MTWTFSS"


def render_heatmap(heatmap: Heatmap) -> str:
    """Content markup: seven rows of weekday label + one cell per week, then a legend and a summary line."""
    lines = []
    for weekday in range(7):
        cells = []
        for week in heatmap.weeks:
            cell = week[weekday]
            if cell.future or cell.before_start:
                cells.append("  ")
            else:
                cells.append(f"[{LEVEL_STYLE[cell.level]}]{LEVEL_MARK[cell.level]}[/] ")
        lines.append(f"[dim]{WEEKDAYS[weekday]}[/] " + "".join(cells).rstrip())
    legend = " ".join(f"[{style}]{mark}[/]" for style, mark in zip(LEVEL_STYLE, LEVEL_MARK, strict=True))
    lines.append(f"[dim]less[/] {legend} [dim]more[/]")
    hours = heatmap.total_minutes / 60
    active = f"{heatmap.active_days} day" + ("" if heatmap.active_days == 1 else "s")
    lines.append(f"[dim]{active} · {heatmap.consistency}% · {hours:.0f}h logged[/]")
    return "\n".join(lines)


class ActivityHeatmap(Static):
    """Draws a `tracker.heatmap.Heatmap`; the layout and levels are decided there."""

    def show(self, heatmap: Heatmap) -> None:
        self.update(render_heatmap(heatmap))
