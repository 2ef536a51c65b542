"""`?`: what this screen is for, its keys, the app-wide keys, and a word on the command palette."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

from tui.widgets.key_bar import KeyBar

APP_KEYS = """
| key | does |
|---|---|
| 1-8 | Today, Roadmap, Assessment, Work, Grade, Export, Drill, Roles (alt+1-8 from inside a text box too) |
| l | log time (from any section) |
| ctrl+p | command palette: every action, titled `area: action` |
| ? | this help |
| tab / shift+tab | move between panes |
| esc | leave a text box (then every key above works again); close a dialog |
| ctrl+o | in a text box: edit in $EDITOR |
| page up / down | scroll Today and the Roadmap's detail |
| ctrl+q | quit |

In a text box, keys type: press esc first, then 1-8, l or ?. A job that was just done (a grade of the same
repository) asks before it runs again; its Cancel has focus, so a stray enter changes nothing.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "app.pop_screen", "Close"),
    ]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help") as box:
            box.border_title = "Help · esc closes"
            yield Markdown(self._text())
        yield KeyBar()

    def _text(self) -> str:
        about = getattr(self.under, "HELP", "")
        rows = []
        for binding in self.under.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                rows.append(f"| {binding.key_display or binding.key} | {binding.description} |")
        for widget in self.under.query("*"):
            if widget.BINDINGS and widget.__class__.__module__.startswith("tui."):
                for binding in widget.BINDINGS:
                    if isinstance(binding, Binding) and binding.description:
                        rows.append(f"| {binding.key} | {binding.description} |")
        keys = "\n".join(dict.fromkeys(rows))
        section = f"| key | does |\n|---|---|\n{keys}\n" if rows else ""
        return f"## This screen\n\n{about}\n\n{section}\n## Everywhere\n{APP_KEYS}"
