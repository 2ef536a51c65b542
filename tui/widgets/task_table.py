"""A week's plan tasks as a table the keyboard can tick: space for done, s skip, d doing, n note."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist

from tui.widgets.task_marks import task_cells

if TYPE_CHECKING:
    from tracker.tasks import TaskRow


class TaskTable(DataTable[str]):
    """Rows are keyed by task key; the screen that holds the table saves what the keys ask for."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_done", "Done"),
        Binding("s", "set_status('skipped')", "Skip"),
        Binding("d", "set_status('doing')", "Doing"),
        Binding("n", "note", "Note"),
    ]

    class StatusWanted(Message):
        """The learner asked to move a task to `status`."""

        def __init__(self, key: str, status: str) -> None:
            super().__init__()
            self.key = key
            self.status = status

    class NoteWanted(Message):
        """The learner asked to write the note of a task."""

        def __init__(self, key: str, title: str, note: str) -> None:
            super().__init__()
            self.key = key
            self.title = title
            self.note = note

    def __init__(self, *, show_week: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.show_week = show_week
        self.tasks: dict[str, TaskRow] = {}
        self.add_column("", key="mark", width=1)
        self.add_column("task", key="title")
        self.add_column("note", key="note")

    def show(self, tasks: Sequence[TaskRow]) -> None:
        """Redraw, keeping the cursor on the same task when it is still there."""
        selected = self.selected_key
        self.clear()
        self.tasks = {task.key: task for task in tasks}
        for task in tasks:
            self.add_row(*task_cells(task), key=task.key)
        if selected in self.tasks:
            self.move_cursor(row=self.get_row_index(selected))

    @property
    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except CellDoesNotExist:  # a just-cleared table has no cell under the cursor
            return None
        return key

    @property
    def selected(self) -> TaskRow | None:
        key = self.selected_key
        return self.tasks.get(key) if key else None

    def action_toggle_done(self) -> None:
        task = self.selected
        if task:
            self.post_message(self.StatusWanted(task.key, "todo" if task.status == "done" else "done"))

    def action_set_status(self, status: str) -> None:
        task = self.selected
        if task:
            self.post_message(self.StatusWanted(task.key, "todo" if task.status == status else status))

    def action_note(self) -> None:
        task = self.selected
        if task:
            self.post_message(self.NoteWanted(task.key, task.title, task.note))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_toggle_done()
