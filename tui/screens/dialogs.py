"""Small dialogs used from several sections: write a piece of text, log time."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static, TextArea

from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from tui.app import ProofworkApp


class Dialog(ModalScreen[Any]):
    """A centred box with a title, fields, a hint line and Save/Cancel; escape cancels, ctrl+s saves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "request_save", "Save", priority=True),
        Binding("ctrl+o", "editor", "Open in $EDITOR", priority=True),
    ]
    TITLE_TEXT: ClassVar[str] = ""
    ENTER_SAVES: ClassVar[bool] = True  # long forms: enter moves to the next field, ctrl+s saves
    HINT: ClassVar[str] = "enter or ctrl+s saves · ctrl+o edits the box in $EDITOR · esc cancels"

    @property
    def proofwork(self) -> ProofworkApp:
        return cast("ProofworkApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.dialog_title()
            yield from self.compose_fields()
            yield Static(self.hint(), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield KeyBar()

    def dialog_title(self) -> str:
        return self.TITLE_TEXT

    def hint(self) -> str:
        return self.HINT

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        """Subclasses check and save; they dismiss only when the save went through."""

    def action_request_save(self) -> None:
        """Every way to save (ctrl+s, enter, the button) comes here: one save at a time, never two.

        A save runs in a worker and the dialog closes when it is done; a second enter meanwhile (the first
        save of the day can wait for the database to open) would otherwise save the same entry twice.
        """
        if self.proofwork.jobs_running(self):
            self.notify("Saving…", timeout=2)
            return
        self.action_save()

    def action_editor(self) -> None:
        """Edit the focused text box in $EDITOR (long notes and descriptions are easier there)."""
        from tui.widgets.editor import edit_text

        widget = self.focused
        if not isinstance(widget, TextArea | Input):
            self.notify("Move to a text box first (tab), then ctrl+o.", severity="warning")
            return
        edited = edit_text(self.app, widget.text if isinstance(widget, TextArea) else widget.value)
        if edited is None:
            return
        if isinstance(widget, TextArea):
            widget.load_text(edited)
        else:
            widget.value = " ".join(edited.split())

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_request_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _input_submitted(self) -> None:
        if self.ENTER_SAVES:
            self.action_request_save()
        else:
            self.focus_next()


class ConfirmDialog(ModalScreen[bool]):
    """Ask before doing something again. Cancel has focus, so an accidental enter does nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "Cancel"),
        Binding("y", "answer(True)", "Yes"),
    ]

    def __init__(self, question: str, yes: str = "Yes, again") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm") as box:
            box.border_title = "Again?"
            yield Static(self.question, markup=False)
            yield Static("y does it again · enter or esc cancels", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="no", compact=True)
                yield Button(self.yes, variant="warning", id="yes", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


def field(label: str, widget: Input | TextArea | Any) -> Horizontal:
    """One form row: a label on the left, the field filling the rest."""
    return Horizontal(Label(label, classes="field-label"), widget, classes="field")


def form_labels(screen: Screen[Any]) -> dict[str, str]:
    """Field id -> the label the form shows for it, for every `field` row on `screen`."""
    labels: dict[str, str] = {}
    for row in screen.query(".field"):
        names = [str(label.content).strip() for label in row.query(".field-label").results(Label)]
        for widget in row.children:
            if widget.id and names:
                labels[widget.id] = names[0]
    return labels


def in_form_words(message: str, screen: Screen[Any]) -> str:
    """A service's message in the words of the form on `screen`: `--title must not be empty` reads
    `Title must not be empty` where the form labels its `title` field so. Flags the form has no field
    for stay as they are (the message is the command line's too)."""
    import re

    labels = form_labels(screen)
    if not labels:
        return message

    def label(match: re.Match[str]) -> str:
        flag = match.group(1)
        return labels.get(flag) or labels.get(flag.replace("-", "_")) or match.group(0)

    worded = re.sub(r"--([a-z][a-z0-9-]*)", label, message)
    return worded[:1].upper() + worded[1:]  # a sentence in a form: "Day '2026-13-45' is not a calendar date"


class TextDialog(Dialog):
    """Ask for a piece of text (a note); ctrl+o opens $EDITOR. Returns the text, or None if cancelled."""

    def __init__(self, title: str, value: str = "", *, multiline: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.multiline = multiline

    def hint(self) -> str:
        save = "ctrl+s saves" if self.multiline else "enter saves"
        return f"{save} · ctrl+o opens $EDITOR · esc cancels"

    def dialog_title(self) -> str:
        return self.title_text

    def compose_fields(self) -> ComposeResult:
        if self.multiline:
            yield TextArea(self.value, id="text", compact=True, soft_wrap=True, classes="long-text")
        else:
            yield Input(self.value, id="text", compact=True)

    def on_mount(self) -> None:
        self.query_one("#text").focus()

    def _text(self) -> str:
        widget = self.query_one("#text")
        return widget.text if isinstance(widget, TextArea) else cast(Input, widget).value

    def action_save(self) -> None:
        self.dismiss(self._text())


class LogTimeDialog(Dialog):
    """today: log time. Minutes (or 1h30), a note on what was done, and the day (today unless changed)."""

    TITLE_TEXT = "Log time"

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day

    def compose_fields(self) -> ComposeResult:
        yield field("Time", Input(placeholder="45 or 1h30", id="minutes", compact=True))
        yield field("What", Input(placeholder="what you did (optional)", id="note", compact=True))
        yield field("Day", Input(self.day.isoformat(), id="day", compact=True))

    def on_mount(self) -> None:
        self.query_one("#minutes").focus()

    def action_save(self) -> None:
        from curriculum.errors import UserError
        from tracker.inputs import parse_date, parse_minutes

        try:
            minutes = parse_minutes(self.query_one("#minutes", Input).value)
            day = parse_date(self.query_one("#day", Input).value, "day")
        except UserError as error:
            self.proofwork.show_error(error)
            return
        note = self.query_one("#note", Input).value

        def save(session: Any, learner: Any) -> None:
            from tracker.logs import add_log

            add_log(session, learner, minutes, note, day)

        def saved(_: None) -> None:
            self.notify(f"Logged {minutes} min on {day.isoformat()}.", timeout=4)
            self.dismiss(True)

        self.proofwork.record_job(save, saved)
