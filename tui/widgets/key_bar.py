"""The key bar at the bottom of every screen: the keys that work right now, each clickable.

One line of text rather than Textual's Footer (a widget per key): the dashboard's first frame paints sooner,
and the content is the same, rebuilt whenever the active bindings change (focus moves, a dialog opens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.markup import escape
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyBar(Static):
    """Styled in proofwork.tcss (docked at the bottom, one line)."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._draw)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self._draw()

    def _draw(self) -> None:
        app = self.app
        parts = []
        seen: set[str] = set()
        palette = ""
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.action in seen:
                continue
            seen.add(binding.action)
            key = escape(app.get_key_display(binding))
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = f"[@click=app.simulate_key('{binding.key}')] [b $footer-key-foreground]{key}[/] palette[/]"
                continue
            if not binding.show:
                continue
            style = "b $footer-key-foreground" if enabled else "dim"
            click = f"@click=app.simulate_key('{binding.key}')"
            parts.append(f"[{click}][{style}] {key}[/] {escape(binding.description)}[/]")
        parts.sort(key=lambda part: "'ctrl+q'" in part)  # quit last, as people look for it
        text = "".join(parts)
        self.update(f"{palette} [dim]▏[/]{text}" if palette else text)
