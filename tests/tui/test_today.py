"""Today: the day, the week's focus, ticking tasks, notes, logging time, streak and heatmap."""

from __future__ import annotations

from textual.widgets import Input, Static, TextArea

from tests.tui.conftest import errors, notifications, rows, settle, type_text
from tui.screens.dialogs import LogTimeDialog, TextDialog
from tui.screens.today import TodayScreen
from tui.widgets.plan_bar import PlanBar
from tui.widgets.task_table import TaskTable


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def test_the_dashboard_shows_the_day_the_week_and_its_tasks(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Day 20 of 90" in text(app, "#headline")
        assert app.screen.query_one("#plan-bar", PlanBar).progress == 20
        view = app.screen.view
        assert view is not None and view.week is not None and view.week.number == 3
        assert view.week.objective in text(app, "#week-text")
        table = app.screen.query_one("#tasks", TaskTable)
        assert table.row_count == len(view.tasks) >= 3
        assert "Streak" in text(app, "#stats") and "Pace" in text(app, "#stats")


async def test_space_ticks_the_highlighted_task_and_again_unticks_it(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#tasks", TaskTable)
        table.focus()
        key = table.selected_key
        await pilot.press("space")
        await settle(pilot)
        assert rows(db_path, "SELECT status FROM task_states WHERE task_key = ?", key) == [("done",)]
        assert app.screen.query_one("#tasks", TaskTable).tasks[key].status == "done"
        await pilot.press("space")
        await settle(pilot)
        assert rows(db_path, "SELECT status FROM task_states WHERE task_key = ?", key) == [("todo",)]
        await pilot.press("down", "s")
        await settle(pilot)
        second = app.screen.query_one("#tasks", TaskTable).selected_key
        assert second != key
        assert rows(db_path, "SELECT status FROM task_states WHERE task_key = ?", second) == [("skipped",)]


async def test_a_note_on_a_task_is_saved(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#tasks", TaskTable)
        table.focus()
        key = table.selected_key
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        app.screen.query_one("#text", TextArea).load_text("used recall@5 on 40 questions")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert rows(db_path, "SELECT note FROM task_states WHERE task_key = ?", key) == [("used recall@5 on 40 questions",)]


async def test_the_editor_key_under_a_test_harness_says_why_it_cannot_open(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        app.screen.query_one("#tasks", TaskTable).focus()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        assert any("real terminal" in message for message in notifications(app))


async def test_log_time_refuses_zero_and_nonsense_then_saves(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogTimeDialog)
        await type_text(pilot, "0")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LogTimeDialog)
        assert any("positive" in message for message in errors(app))
        app.screen.query_one("#minutes", Input).value = "lots"
        await pilot.press("enter")
        await settle(pilot)
        assert any("not a duration" in message for message in errors(app))
        assert rows(db_path, "SELECT count(*) FROM log_entries") == [(0,)]
        app.screen.query_one("#minutes", Input).value = "1h30"
        app.screen.query_one("#note", Input).value = "built the eval harness"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "1h30" in text(app, "#stats")
        assert "1 day " in text(app, "#heatmap")
    assert rows(db_path, "SELECT day, minutes, note FROM log_entries") == [("2026-11-21", 90, "built the eval harness")]


async def test_streaks_and_the_heatmap_count_logged_days(make_app, ada):
    for day in ("2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21"):
        assert ada("log", "--minutes", "45", "--date", day).code == 0
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert app.screen.view.streak_current == 4
        assert "4 days" in text(app, "#heatmap")
        assert "4 days" in text(app, "#stats")


async def test_a_nudge_shows_when_a_failure_pattern_does(make_app, ada):
    # Two weeks of logged study and no artifact: the tutorial treadmill.
    for day in range(8, 22):
        assert ada("log", "--minutes", "60", "--date", f"2026-11-{day:02d}").code == 0
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        view = app.screen.view
        assert view.nudges, "the record should trip a coach rule"
        nudges = app.screen.query_one("#nudges", Static)
        assert nudges.display and view.nudges[0].title in str(nudges.content)


async def test_a_command_line_write_shows_after_refresh(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert app.screen.view.minutes_today == 0
        assert ada("log", "--minutes", "25", "--date", "2026-11-21").code == 0
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.view.minutes_today == 25


async def test_a_remembered_view_is_in_the_first_frame_and_the_record_then_confirms_it(make_app, ada):
    assert ada("today", "--date", "2026-11-21").code == 0  # a run that read the record remembered the view
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = app.screen
        assert isinstance(screen, TodayScreen) and screen.remembered  # drawn in compose, before any worker
        assert "Day 20 of 90" in text(app, "#headline")
        assert screen.view is not None and screen.view.tasks[0].title in text(app, "#tasks-placeholder")
        await settle(pilot)
        table = screen.query_one("#tasks", TaskTable)  # the interactive table took over, with the keys
        assert table.row_count == len(screen.view.tasks) and app.focused is table
        assert not screen.query("#tasks-placeholder")


async def test_a_command_line_write_is_never_hidden_by_a_remembered_view(make_app, ada):
    assert ada("today", "--date", "2026-11-21").code == 0
    assert ada("log", "--minutes", "50", "evals", "--date", "2026-11-21").code == 0
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        assert not app.screen.remembered  # the record changed since: nothing remembered for it
        await settle(pilot)
        assert "50m" in text(app, "#stats")
