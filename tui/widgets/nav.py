"""The bar at the top of every section: the sections with their keys, the current one lit."""

from __future__ import annotations

from textual import events
from textual.widgets import Static

BRAND_MIN_WIDTH = 90  # below this the app's name gives its room to the section names


class NavBar(Static):
    """`proofwork  1 Today  2 Roadmap ...`; each entry is also clickable."""

    def __init__(self, current: str) -> None:
        super().__init__(id="nav")
        self.current = current

    def on_mount(self) -> None:
        self._draw(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._draw(event.size.width)

    def _draw(self, width: int) -> None:
        from tui.app import SECTIONS

        parts = ["[b $text-accent] proofwork [/]"] if width >= BRAND_MIN_WIDTH else []
        for mode, key, label in SECTIONS:
            style = "reverse b $accent" if mode == self.current else "$text-muted"
            parts.append(f"[@click=app.section('{mode}')][{style}] {key} {label} [/][/]")
        self.update("".join(parts))
