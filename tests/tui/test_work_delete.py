"""Correcting the record from the app: delete with a statement of what goes with it, a confirmation, and undo."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static, TabbedContent

from tests.tui.conftest import rows, settle, type_text
from tests.tui.test_work import open_work
from tui.screens.confirm import ConfirmDialog
from tui.screens.work_forms import ArtifactForm


def ok(result) -> None:
    assert result.code == 0, result.err


def seed(ada) -> None:
    ok(ada("project", "add", "--name", "Support RAG", "--problem", "slow answers"))
    ok(ada("artifact", "add", "--project", "Support RAG", "--week", "3", "--kind", "eval-report",
           "--title", "Retrieval eval", "--metric", "recall@5=0.62->0.81", "--metric", "p95=900 ms",
           "--date", "2026-11-20"))  # fmt: skip
    ok(ada("decision", "add", "--project", "Support RAG", "--layer", "evaluation", "--decision", "golden set gate"))
    ok(ada("story", "add", "--title", "Judge drift", "--artifact", "1", "--project", "Support RAG"))
    ok(ada("log", "--minutes", "45", "labelled queries", "--date", "2026-11-19"))


async def press_delete(app, pilot, tab: str, table: str, row: int = 0) -> ConfirmDialog:
    screen = app.screen
    screen.query_one(TabbedContent).active = tab
    await pilot.pause()
    screen.query_one(table, DataTable).focus()
    screen.query_one(table, DataTable).move_cursor(row=row)
    await pilot.pause()
    await pilot.press("x")
    await settle(pilot)
    assert isinstance(app.screen, ConfirmDialog)
    return app.screen


async def test_the_artifact_form_starts_on_the_title(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await open_work(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ArtifactForm)
        assert app.focused is form.query_one("#title", Input)
        await type_text(pilot, "13")  # typing straight away writes the title, and the week stays this week's
        assert form.query_one("#title", Input).value == "13"
        assert form.query_one("#week", Input).value == "3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # a title that is only a number is refused, in one line
    assert rows(db_path, "SELECT count(*) FROM artifacts") == [(0,)]


async def test_deleting_an_artifact_says_what_goes_asks_and_can_be_undone(make_app, ada, db_path):
    seed(ada)
    app = make_app()
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await open_work(app, pilot)
        dialog = await press_delete(app, pilot, "artifacts-tab", "#artifacts")
        statement = str(dialog.query_one("#confirm-statement", Static).content)
        assert "artifact #1 'Retrieval eval' (week 3), with its 2 metrics" in statement
        assert "Story #1 'Judge drift' stays, without its link to this proof." in statement
        await pilot.press("enter")  # Keep has the focus: a stray enter deletes nothing
        await settle(pilot)
        assert app.screen is screen
        assert rows(db_path, "SELECT count(*) FROM artifacts") == [(1,)]

        await press_delete(app, pilot, "artifacts-tab", "#artifacts")
        await pilot.press("y")
        await settle(pilot)
        assert rows(db_path, "SELECT count(*) FROM artifacts") == [(0,)]
        assert rows(db_path, "SELECT count(*) FROM artifact_metrics") == [(0,)]
        assert rows(db_path, "SELECT artifact_id FROM stories") == [(None,)]
        assert screen.query_one("#artifacts", DataTable).row_count == 0

        await pilot.press("u")
        await settle(pilot)
        assert screen.query_one("#artifacts", DataTable).row_count == 1
    assert rows(db_path, "SELECT id, title FROM artifacts") == [(1, "Retrieval eval")]
    assert rows(db_path, "SELECT name, baseline, result FROM artifact_metrics ORDER BY id") == [
        ("recall@5", 0.62, 0.81),
        ("p95", None, 900.0),
    ]
    assert rows(db_path, "SELECT artifact_id FROM stories") == [(1,)]


async def test_projects_decisions_stories_and_logs_can_be_deleted_too(make_app, ada, db_path):
    seed(ada)
    app = make_app()
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await open_work(app, pilot)
        evaluation = next(i for i, (layer, _) in enumerate(screen._decision_rows) if layer == "evaluation")
        for tab, table, row in (
            ("logs-tab", "#logs", 0),
            ("stories-tab", "#stories", 0),
            ("decisions-tab", "#decisions", evaluation),
        ):
            await press_delete(app, pilot, tab, table, row)
            await pilot.press("y")
            await settle(pilot)
        dialog = await press_delete(app, pilot, "projects-tab", "#projects")
        statement = str(dialog.query_one("#confirm-statement", Static).content)
        assert "project 'Support RAG'" in statement
        assert "Its 1 artifact stays in the record, under no project." in statement
        await pilot.press("y")
        await settle(pilot)
    assert rows(db_path, "SELECT count(*) FROM log_entries") == [(0,)]
    assert rows(db_path, "SELECT count(*) FROM stories") == [(0,)]
    assert rows(db_path, "SELECT count(*) FROM decisions") == [(0,)]
    assert rows(db_path, "SELECT count(*) FROM projects") == [(0,)]
    assert rows(db_path, "SELECT title, project_id FROM artifacts") == [("Retrieval eval", None)]
