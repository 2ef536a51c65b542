"""The proofwork Textual app: eight sections the learner moves between with 1-8, a palette, and help on `?`.

This module stays light on purpose: it imports Textual and nothing heavy, so the dashboard frame paints before
SQLAlchemy, the curriculum or the grader are loaded (each section screen is imported when first opened, and
the record is read in worker threads). Every read and write goes through `tracker` services via
`RecordAccess`, the same functions the command line calls, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.record import RecordAccess
from tui.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session
    from textual.theme import Theme

    from tracker.models import Learner

Result = TypeVar("Result")

# (mode name, key, label): the order of the nav bar and of the 1-8 keys.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("today", "1", "Today"),
    ("roadmap", "2", "Roadmap"),
    ("assessment", "3", "Assessment"),
    ("work", "4", "Work"),
    ("grade", "5", "Grade"),
    ("export", "6", "Export"),
    ("drill", "7", "Drill"),
    ("roles", "8", "Roles"),
)


def _today_screen() -> Screen[Any]:
    from tui.screens.today import TodayScreen

    return TodayScreen()


def _roadmap_screen() -> Screen[Any]:
    from tui.screens.roadmap import RoadmapScreen

    return RoadmapScreen()


def _assessment_screen() -> Screen[Any]:
    from tui.screens.assessment import AssessmentScreen

    return AssessmentScreen()


def _work_screen() -> Screen[Any]:
    from tui.screens.work import WorkScreen

    return WorkScreen()


def _grade_screen() -> Screen[Any]:
    from tui.screens.grade import GradeScreen

    return GradeScreen()


def _export_screen() -> Screen[Any]:
    from tui.screens.export import ExportScreen

    return ExportScreen()


def _drill_screen() -> Screen[Any]:
    from tui.screens.drill import DrillScreen

    return DrillScreen()


def _roles_screen() -> Screen[Any]:
    from tui.screens.roles import RolesScreen

    return RolesScreen()


class ProofworkApp(App[None]):
    """The daily app. `today` pins the date (tests, demos); by default the real date, read on each use."""

    CSS_PATH = "proofwork.tcss"
    TITLE = "proofwork"
    DEFAULT_MODE = "today"
    MODES: ClassVar[dict[str, Any]] = {
        "today": _today_screen,
        "roadmap": _roadmap_screen,
        "assessment": _assessment_screen,
        "work": _work_screen,
        "grade": _grade_screen,
        "export": _export_screen,
        "drill": _drill_screen,
        "roles": _roles_screen,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(key, f"section('{mode}')", label, show=False) for mode, key, label in SECTIONS),
        # alt+1-7 reach a section from inside a text box too (and esc then a digit typed fast, which a
        # terminal sends as the same two bytes, works like esc, pause, digit).
        *(Binding(f"alt+{key}", f"section('{mode}')", show=False, priority=True) for mode, key, _ in SECTIONS),
        Binding("l", "log_time", "Log"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        record: RecordAccess | None = None,
        *,
        today: date | None = None,
        settings_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.record = record or RecordAccess()
        self._pinned_today = today
        self._settings_file = settings_file
        self.settings: Settings = load_settings(settings_file)
        self._jobs: dict[Screen[Any], int] = {}
        self._first_frame_shown = False
        self._after_first_frame: list[Callable[[], object]] = []

    # -- the date -------------------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self._pinned_today or date.today()

    # -- lifecycle and theme --------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def on_ready(self) -> None:
        # Textual sends Ready once the first frame is laid out; frames before it are not displayed (the app
        # starts inside a batch update), so work deferred "after refresh" would still delay the first frame.
        self._first_frame_shown = True
        waiting, self._after_first_frame = self._after_first_frame, []
        for callback in waiting:
            self.screen.call_after_refresh(callback)

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the first frame is on the terminal (after the next refresh, once it is)."""
        if self._first_frame_shown:
            self.screen.call_after_refresh(callback)
        else:
            self._after_first_frame.append(callback)

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self.settings.theme:
            return
        self.settings.theme = theme.name
        try:
            save_settings(self.settings, self._settings_file)
        except OSError as error:
            self.notify(f"could not remember the theme: {error}", severity="warning")

    # -- the record ------------------------------------------------------------------------------------

    def record_job(
        self,
        job: Callable[[Session, Learner], Result],
        done: Callable[[Result], object] | None = None,
        *,
        failed: Callable[[Exception], object] | None = None,
    ) -> None:
        """Run `job(session, learner)` in a worker thread; `done(result)` then runs on the UI thread.

        A `UserError` (a person's mistake: bad input, no profile) becomes an error notification and calls
        `failed`; anything else is a bug and stops the app with its traceback.
        """
        self._run_job(lambda: self.record.run(job), done, failed, getattr(job, "__name__", "job"))

    def session_job(
        self,
        job: Callable[[Session], Result],
        done: Callable[[Result], object] | None = None,
        *,
        failed: Callable[[Exception], object] | None = None,
    ) -> None:
        """Like `record_job`, for jobs that come before a learner exists (startup, onboarding)."""
        self._run_job(lambda: self.record.run_without_learner(job), done, failed, getattr(job, "__name__", "job"))

    def _run_job(
        self,
        call: Callable[[], Result],
        done: Callable[[Result], object] | None,
        failed: Callable[[Exception], object] | None,
        name: str,
    ) -> None:
        from curriculum.errors import UserError

        owner = self.screen  # the screen that asked: `jobs_running(screen)` tells a dialog a save is under way
        self._jobs[owner] = self._jobs.get(owner, 0) + 1

        def finished() -> None:
            left = self._jobs.get(owner, 1) - 1
            if left > 0:
                self._jobs[owner] = left
            else:
                self._jobs.pop(owner, None)

        def work() -> None:
            try:
                result = call()
            except UserError as error:
                self.call_from_thread(finished)
                self.call_from_thread(self.show_error, error, owner)
                if failed is not None:
                    self.call_from_thread(failed, error)
                return  # anything else is a bug: the worker fails and the app stops with its traceback
            self.call_from_thread(finished)
            if done is not None:
                self.call_from_thread(done, result)

        self.run_worker(work, thread=True, group="record", description=name)

    def jobs_running(self, screen: Screen[Any]) -> int:
        """Record jobs started from `screen` that have not finished yet."""
        return self._jobs.get(screen, 0)

    def show_error(self, error: Exception, screen: Screen[Any] | None = None) -> None:
        """A person's mistake as a notification, in the words of the form it came from (its field labels,
        not the command line's flags) when `screen` (by default the current one) holds a form."""
        from tui.screens.dialogs import in_form_words

        text = in_form_words(str(error), screen or self.screen)
        self.notify(text, title="Not done", severity="error", timeout=10, markup=False)

    # -- navigation ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Section keys, log time and help belong to the section screens: not while a dialog or the
        # onboarding holds the screen (they would leave it half-done underneath).
        if action in {"section", "log_time", "help"}:
            from tui.screens.base import SectionScreen

            return isinstance(self.screen, SectionScreen)
        return True

    def action_section(self, mode: str) -> None:
        if mode != self.current_mode:
            self.switch_mode(mode)

    def action_log_time(self) -> None:
        from tui.screens.dialogs import LogTimeDialog

        self.push_screen(LogTimeDialog(self.today))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    # -- the command palette -----------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from tui.screens.base import SectionScreen

        if isinstance(screen, SectionScreen):
            for mode, _key, label in SECTIONS:
                yield SystemCommand(
                    f"go: {label.lower()}", f"Open the {label} section", lambda m=mode: self.action_section(m)
                )
            yield SystemCommand("today: log time", "Log minutes of focused work", self.action_log_time)
            yield SystemCommand("help: keys and commands", "Every key of this screen", self.action_help)
            yield SystemCommand("grade: grade a repository", "Grade a URL or local path", self._grade_command)
            yield SystemCommand("assessment: take the self-assessment", "Score the seven competencies", self._assess)
            yield from screen.palette()
        yield SystemCommand("theme: change theme", "Pick a colour theme (remembered)", self.action_change_theme)
        yield SystemCommand("app: quit", "Leave proofwork (ctrl+q)", self.action_quit)

    async def _grade_command(self) -> None:
        if self.current_mode != "grade":
            await self.switch_mode("grade")
        await self.screen.run_action("focus_target")

    def _assess(self) -> None:
        from tui.screens.assessment_form import AssessmentFormScreen

        self.push_screen(AssessmentFormScreen())
