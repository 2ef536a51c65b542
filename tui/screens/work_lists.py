"""The Work screen's Stories and Logs tabs: each a table of rows (with ids, for deleting) and, for stories, the
highlighted story in its six parts. Filled from the typed listings the screen loads (`StoryListing`, `LogListing`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from rich.markup import escape as rich_escape  # DataTable cells are Rich markup
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import DataTable, Static

if TYPE_CHECKING:
    from tracker.logs import LogListing
    from tracker.stories import StoryListing


class _Row(Protocol):
    @property
    def id(self) -> int: ...


Row = TypeVar("Row", bound=_Row)


def cut(text: object, width: int) -> str:
    """One line of at most `width` characters, escaped for a table cell (Rich markup)."""
    line = str(text or "").replace("\n", " ")
    return rich_escape(line if len(line) <= width else line[: width - 1] + "…")


class RowList(Vertical, Generic[Row]):
    """A table of record rows; `selected()` is the highlighted row."""

    TABLE_ID = ""
    COLUMNS: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Row] = []

    def compose(self) -> ComposeResult:
        yield DataTable(id=self.TABLE_ID, cursor_type="row")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*self.COLUMNS)

    def fill(self, items: list[Row]) -> None:
        self.items = items
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for item in items:
            table.add_row(*self.cells(item), key=str(item.id))
        if items:
            table.move_cursor(row=min(row, table.row_count - 1))
        table.border_title = self.title()

    def selected(self) -> Row | None:
        row = self.query_one(DataTable).cursor_row
        return self.items[row] if 0 <= row < len(self.items) else None

    def cells(self, item: Row) -> tuple[str, ...]:
        raise NotImplementedError

    def title(self) -> str:
        return ""


class StoryList(RowList["StoryListing"]):
    TABLE_ID = "stories"
    COLUMNS = ("#", "title", "themes", "missing")

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static("", id="story-detail", classes="card")

    def fill(self, items: list[StoryListing]) -> None:
        super().fill(items)
        self._show()

    def cells(self, item: StoryListing) -> tuple[str, ...]:
        themes, missing = ", ".join(item.themes), ", ".join(item.missing_parts)
        return str(item.id), cut(item.title, 40), cut(themes, 30), cut(missing, 30)

    def title(self) -> str:
        return f"Stories ({len(self.items)})"

    @on(DataTable.RowHighlighted)
    def _show(self) -> None:
        detail = self.query_one("#story-detail", Static)
        story = self.selected()
        if story is None:
            detail.update("No stories yet: `proofwork story add` writes one in the six-part shape.")
            return
        lines = [f"[b]#{story.id} {escape(story.title)}[/]"]
        lines += [f"[b]{name.capitalize()}:[/] {escape(text) or '[dim]–[/]'}" for name, text in story.parts()]
        detail.update("\n".join(lines))


class LogList(RowList["LogListing"]):
    TABLE_ID = "logs"
    COLUMNS = ("#", "day", "minutes", "note")

    def cells(self, item: LogListing) -> tuple[str, ...]:
        return str(item.id), item.day, str(item.minutes), cut(item.note, 60)

    def title(self) -> str:
        return f"Time logs (latest {len(self.items)})"
