"""How a plan task reads in a row: its status mark, its title (dimmed once finished) and its note's first line.

Shared by the interactive `TaskTable` and the Today screen's first frame, which shows the same rows as text
before the table (a DataTable, costly to style) takes over; kept apart so that frame needs no DataTable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape  # the table's cells are Rich markup; the preview's Content markup reads the same

if TYPE_CHECKING:
    from tracker.today_view import TaskRow

STATUS_MARK = {"done": "[green]✔[/]", "skipped": "[dim]–[/]", "doing": "[yellow]…[/]", "todo": "[dim]·[/]"}


def task_cells(task: TaskRow) -> tuple[str, str, str]:
    """(mark, title, note) as markup."""
    title = escape(task.title)
    if task.status in ("done", "skipped"):
        title = f"[dim]{title}[/]"
    if not task.required:
        title += " [dim italic](stretch)[/]"  # beyond what the learner's weekly hours require
    note = escape(task.note.splitlines()[0]) if task.note else ""
    return STATUS_MARK.get(task.status, "?"), title, f"[dim]{note}[/]"
