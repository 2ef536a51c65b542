"""The plan bar: a light widget (one line of text) so the dashboard's first frame stays cheap to paint."""

from __future__ import annotations

from textual import events
from textual.widgets import Static


class PlanBar(Static):
    """`━━━━━━╸──────────  22%`: days done out of the plan, drawn to the widget's width."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.total = 0  # the plan's length in days, known with the learner's view
        self.progress = 0

    def update_progress(self, progress: int, total: int) -> None:
        self.total = total
        self.progress = max(0, min(progress, self.total))
        self._draw(self.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._draw(event.size.width)

    def _draw(self, width: int) -> None:
        share = self.progress / self.total if self.total else 0
        label = f" {share:4.0%}"
        cells = max(0, width - len(label))
        done = round(cells * share)
        bar = "━" * done + ("╸" if 0 < done < cells else "")
        rest = "━" * max(0, cells - len(bar))
        self.update(f"[$accent]{bar}[/][$panel-lighten-2]{rest}[/]{label}")
