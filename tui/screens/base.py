"""What every section screen shares: the nav bar, the key bar, a reload on return, task actions, and the focus model.

The focus model, the same on every section (new screens inherit it by subclassing `SectionScreen`):
- Keys act on the screen unless a text box has focus; then they type. Esc leaves the box (focus goes to the
  screen's `HOME` widget, or to no widget), and from there 1-7, `l` and `?` work again. A screen never opens
  with a text box focused, so arriving on it never traps the keys.
- Enter never repeats a job by accident: `run_once` starts a job, and the same job again (Tab wrapped back to
  a box, Enter pressed twice) first asks, with Cancel focused.
- Page keys scroll the screen's `PAGE_SCROLL` container, whatever has focus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.markup import escape
from textual.screen import Screen

from tui.widgets.key_bar import KeyBar
from tui.widgets.nav import NavBar

if TYPE_CHECKING:
    from textual.widget import Widget

    from tui.app import ProofworkApp
    from tui.widgets.task_table import TaskTable


def is_text_box(widget: object) -> bool:
    """A widget that takes printable keys as text (an input, an editable text area)."""
    # Imported here: Input and TextArea are not needed to draw the dashboard's first frame.
    from textual.widgets import Input, TextArea

    if isinstance(widget, TextArea):
        return not widget.read_only
    return isinstance(widget, Input)


class SectionScreen(Screen[None]):
    """A top-level section (one per app mode). Subclasses compose their body and say how to reload it."""

    SECTION: ClassVar[str] = ""
    HELP: ClassVar[str] = ""  # one paragraph for the `?` screen
    # Where Esc (and opening the screen) puts focus: a selector; None for the first widget that is not a text
    # box; "" for no widget at all (every key then reaches the screen's own bindings, enter included).
    HOME: ClassVar[str | None] = None
    PAGE_SCROLL: ClassVar[str | None] = None  # the container page keys scroll; None: no page keys
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_box", "Leave the box", show=False),
    ]
    AUTO_FOCUS = ""  # Textual's auto focus could land in a text box: `focus_home` places focus instead

    def __init__(self) -> None:
        super().__init__()
        self._last_job: str | None = None

    @property
    def proofwork(self) -> ProofworkApp:
        return cast("ProofworkApp", self.app)

    def compose(self) -> ComposeResult:
        yield NavBar(self.SECTION)
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def reload(self) -> None:
        """Read the record again and redraw; called each time the screen comes back into view."""

    # -- the focus model ------------------------------------------------------------------------------

    @on(events.Mount)
    def _place_focus(self) -> None:
        # Textual's AUTO_FOCUS would put the cursor in the first focusable widget, which may be a text box:
        # then 1-7 type digits instead of switching sections. Start on the home widget instead. (A decorated
        # handler, so screens keep their own `on_mount`, sync or async.)
        self.call_after_refresh(self._focus_home_unless_placed)

    def _focus_home_unless_placed(self) -> None:
        if self.focused is None or is_text_box(self.focused):
            self.focus_home()

    def home_widget(self) -> Widget | None:
        if self.HOME == "":
            return None
        if self.HOME is not None:
            found = self.query(self.HOME)
            if found and found.first().focusable:
                return found.first()
        return next((w for w in self.focus_chain if not is_text_box(w)), None)

    def focus_home(self) -> None:
        """Focus the screen's home widget (or none), so keys act on the screen."""
        home = self.home_widget()
        if home is not None:
            home.focus()
        else:
            self.set_focus(None)

    def action_leave_box(self) -> None:
        """Esc: out of a text box, so the keys act again; elsewhere, `escape_pressed` decides."""
        if is_text_box(self.focused):
            self.focus_home()
        else:
            self.escape_pressed()

    def escape_pressed(self) -> None:
        """Esc outside a text box; screens with something to close override this."""

    def run_once(self, job: str, asking: str, start: Callable[[], object]) -> None:
        """Start `job`, unless it is the same job this screen started last: then ask first, Cancel focused.

        `job` names the work and its input (`grade:https://github.com/a/b`); `asking` is the question shown
        (`Grade a/b again?`). Enter in a box Tab wrapped back to, or a second Enter, so never repeats work.
        """
        if job != self._last_job:
            self._last_job = job
            start()
            return
        from tui.screens.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                start()

        self.app.push_screen(ConfirmDialog(asking), answered)

    def forget_job(self) -> None:
        """The last job no longer counts as done (it failed, or its input changed)."""
        self._last_job = None

    def page_target(self) -> Widget | None:
        """The container page keys scroll (`PAGE_SCROLL`); screens with tabs pick the visible one."""
        return self.query_one(self.PAGE_SCROLL) if self.PAGE_SCROLL else None

    def action_page(self, direction: int) -> None:
        """Page keys scroll the screen's main column, whatever has focus (a table keeps its cursor)."""
        target = self.page_target()
        if target is None:
            return
        if direction > 0:
            target.scroll_page_down(animate=False)
        else:
            target.scroll_page_up(animate=False)

    def on_screen_resume(self) -> None:
        # Textual calls this handler of every class in the MRO: screens override `resumed`, not this.
        self.resumed()

    def resumed(self) -> None:
        """Each time the screen comes back into view: read the record again."""
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

    def write_retro(self, week: int) -> None:
        """Open the retro form for `week`; the screen reloads when it is saved."""
        from tui.screens.writing_forms import RetroForm

        def written(saved: bool | None) -> None:
            if saved:
                self.reload()

        self.app.push_screen(RetroForm(week), written)

    def task_commands(self) -> Iterable[SystemCommand]:
        """Palette entries acting on the highlighted task of this screen's task table."""
        from tui.widgets.task_table import TaskTable

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
