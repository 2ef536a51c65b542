"""Roadmap: 12 weeks and 10 stages with status, a week's tasks with notes, a stage's prose."""

from __future__ import annotations

from textual.widgets import Markdown, OptionList, Static, TabbedContent

from tests.tui.conftest import rows, settle
from tui.screens.roadmap import RoadmapScreen
from tui.widgets.task_table import TaskTable


async def open_roadmap(app, pilot) -> RoadmapScreen:
    await settle(pilot)
    await pilot.press("2")
    await pilot.pause()
    await settle(pilot)
    assert isinstance(app.screen, RoadmapScreen)
    return app.screen


async def test_weeks_and_stages_are_listed_with_the_current_week_highlighted(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_roadmap(app, pilot)
        weeks = screen.query_one("#week-list", OptionList)
        assert weeks.option_count == 12
        assert weeks.highlighted == 2  # week 3
        assert "▶" in str(weeks.get_option_at_index(2).prompt)
        assert "!" in str(weeks.get_option_at_index(0).prompt)  # week 1 passed without proof
        assert screen.query_one("#stage-list", OptionList).option_count == 10
        assert "Week 3" in str(screen.query_one("#week-info", Static).content)


async def test_picking_a_week_shows_its_tasks_and_ticking_one_saves_it(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_roadmap(app, pilot)
        screen.query_one("#week-list", OptionList).focus()
        await pilot.press("down")  # week 4
        await pilot.pause()
        table = screen.query_one("#week-tasks", TaskTable)
        assert all(task.week == 4 for task in table.tasks.values())
        table.focus()
        key = table.selected_key
        await pilot.press("space")
        await settle(pilot)
        assert rows(db_path, "SELECT status FROM task_states WHERE task_key = ?", key) == [("done",)]
        assert key in str(screen.query_one("#task-detail", Static).content)


async def test_a_week_is_done_only_with_its_tasks_and_its_proof(make_app, ada):
    tasks = [t for t in __import__("json").loads(ada("task", "list", "--week", "1", "--json").out)]
    for task in tasks:
        assert ada("task", "done", task["key"]).code == 0
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_roadmap(app, pilot)
        assert screen.progress.week(1).status == "late"  # tasks done, no proof
    from curriculum.catalog import load_catalog

    kind = load_catalog().week(1).artifact_kinds[0]
    assert ada("artifact", "add", "--week", "1", "--kind", kind, "--title", "Role brief").code == 0
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_roadmap(app, pilot)
        assert screen.progress.week(1).status == "done"
        assert "✔" in str(screen.query_one("#week-list", OptionList).get_option_at_index(0).prompt)


async def test_a_stage_page_is_shown_as_markdown(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_roadmap(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "stages"
        await pilot.press("down")
        await pilot.pause(0.2)
        from curriculum.catalog import load_catalog

        second = load_catalog().stages[1]
        assert second.title in str(screen.query_one("#stage-info", Static).content)
        assert screen.query_one("#stage-prose", Markdown).source == second.prose
