"""Asking before something is lost: the statement of what goes, then y to go ahead, n or escape to keep it."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.widgets.key_bar import KeyBar


class ConfirmDialog(ModalScreen[bool]):
    """Returns True only on an explicit yes; Keep has the focus, so a stray enter loses nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes, delete"),
        Binding("n", "answer(False)", "No, keep it"),
        Binding("escape", "answer(False)", "Keep it", show=False),
    ]

    def __init__(self, title: str, statement: str, *, yes: str = "Delete") -> None:
        super().__init__()
        self.title_text = title
        self.statement = statement
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            yield Static(self.statement, id="confirm-statement", markup=False)
            yield Static(f"y: {self.yes.lower()} · n or esc: keep it", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(self.yes, variant="error", id="yes", compact=True)
                yield Button("Keep", id="no", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)
