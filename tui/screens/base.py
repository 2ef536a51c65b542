"""What every section screen shares: the nav bar, the footer, a reload on return, and task actions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import ComposeResult, SystemCommand
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer

from tui.widgets.nav import NavBar
from tui.widgets.task_table import TaskTable

if TYPE_CHECKING:
    from tui.app import ProofworkApp


class SectionScreen(Screen[None]):
    """A top-level section (one per app mode). Subclasses compose their body and say how to reload it."""

    SECTION: ClassVar[str] = ""
    HELP: ClassVar[str] = ""  # one paragraph for the `?` screen

    @property
    def proofwork(self) -> ProofworkApp:
        return cast("ProofworkApp", self.app)

    def compose(self) -> ComposeResult:
        yield NavBar(self.SECTION)
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def reload(self) -> None:
        """Read the record again and redraw; called each time the screen comes back into view."""

    def on_screen_resume(self) -> None:
        self.reload()

    def palette(self) -> Iterable[SystemCommand]:
        """This screen's entries for the command palette, titled `area: action`."""
        return ()

    # -- plan tasks (Today and Roadmap both show them) --------------------------------------------------

    def on_task_table_status_wanted(self, message: TaskTable.StatusWanted) -> None:
        key, status = message.key, message.status

        def save(session: Any, learner: Any) -> None:
            from tracker.tasks import set_task

            set_task(session, learner, key, status=status)

        self.proofwork.record_job(save, lambda _: self._task_saved(f"{key}: {status}"))

    def on_task_table_note_wanted(self, message: TaskTable.NoteWanted) -> None:
        from tui.screens.dialogs import TextDialog

        key = message.key

        def write(note: str | None) -> None:
            if note is None:
                return

            def save(session: Any, learner: Any) -> None:
                from tracker.tasks import set_task

                set_task(session, learner, key, note=note)

            self.proofwork.record_job(save, lambda _: self._task_saved(f"{key}: note saved"))

        self.app.push_screen(TextDialog(f"Note on: {escape(message.title)}", message.note, multiline=True), write)

    def _task_saved(self, text: str) -> None:
        self.notify(text, timeout=3, markup=False)
        self.reload()

    def task_commands(self) -> Iterable[SystemCommand]:
        """Palette entries acting on the highlighted task of this screen's task table."""
        tables = self.query(TaskTable)
        if not tables:
            return
        table = tables.first()
        yield SystemCommand("task: mark done", "Tick the highlighted task", table.action_toggle_done)
        yield SystemCommand(
            "task: mark doing",
            "Mark the highlighted task in progress",
            lambda: table.action_set_status("doing"),
        )
        yield SystemCommand(
            "task: skip",
            "Skip the highlighted task (a decision, not a lag)",
            lambda: table.action_set_status("skipped"),
        )
        yield SystemCommand("task: add note", "Write a note on the highlighted task", table.action_note)
