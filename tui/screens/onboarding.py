"""First run: who you are and where you are going, then the self-assessment, then the dashboard."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Select, Static

from curriculum.errors import UserError
from tui.screens.dialogs import field
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


WELCOME = (
    "[b]Welcome to proofwork.[/] Ninety days from prompt engineer to AI engineer, counted in shipped proof.\n"
    "First who you are and the role you want; then a two-minute self-assessment; then today's plan."
)


DEFAULT_TARGET = "ai-engineer"  # the role the product is named for; any other is one keypress away


class ProfileScreen(Screen[None]):
    """The profile form; `handle` is the `--learner` the app was opened with (a new learner)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Continue", priority=True),
        Binding("ctrl+q", "app.quit", "Quit", priority=True),
    ]

    def __init__(self, handle: str | None = None) -> None:
        super().__init__()
        self.handle = handle
        self._saving = False

    def compose(self) -> ComposeResult:
        from curriculum.catalog import load_catalog
        from tui.app import ProofworkApp

        roles = load_catalog().roles
        keys = {role.key for role in roles}
        today = self.app.today if isinstance(self.app, ProofworkApp) else None
        with VerticalScroll(id="onboarding"):
            yield Static(WELCOME, id="welcome")
            with Vertical(classes="form card") as form:
                form.border_title = "Your profile · step 1 of 2"
                yield field("Name", Input(placeholder="as it appears on exports", id="name", compact=True))
                yield field(
                    "Now",
                    Input(placeholder="your current role, e.g. Prompt Engineer", id="current", compact=True),
                )
                yield field(
                    "Target",
                    Select(
                        [(role.title, role.key) for role in roles],
                        value=DEFAULT_TARGET if DEFAULT_TARGET in keys else roles[0].key,
                        allow_blank=False,
                        id="target",
                        compact=True,
                    ),
                )
                yield field("Day 1", Input(today.isoformat() if today else "", id="start", compact=True))
                yield field("Hours/week", Input("10", id="hours", compact=True))
                with Horizontal(classes="buttons"):
                    yield Button("Continue", variant="primary", id="save", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#name").focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        from tracker.inputs import parse_date, parse_hours
        from tracker.learners import ProfileInput
        from tui.app import ProofworkApp

        app = self.app
        assert isinstance(app, ProofworkApp)
        if self._saving:
            return
        try:
            profile = ProfileInput(
                name=self.query_one("#name", Input).value,
                current_role=self.query_one("#current", Input).value,
                target_role=str(self.query_one("#target", Select).value),
                start_date=parse_date(self.query_one("#start", Input).value, "day 1"),
                weekly_hours=parse_hours(self.query_one("#hours", Input).value),
                handle=self.handle,
            )
        except UserError as error:
            app.show_error(error)
            return

        def save(session: Session) -> str:
            from tracker.learners import create_profile

            return create_profile(session, profile).name

        def saved(name: str) -> None:
            from tui.screens.assessment_form import AssessmentFormScreen

            self._saving = False
            app.notify(f"Profile saved for {name}.", timeout=4, markup=False)
            app.switch_screen(AssessmentFormScreen(onboarding=True))

        def failed(_: Exception) -> None:
            self._saving = False

        self._saving = True
        app.session_job(save, saved, failed=failed)
