"""Writing stories and retros in the app, and form errors in the words of the form."""

from __future__ import annotations

import json

from textual.widgets import DataTable, Input, SelectionList, TextArea

from tests.tui.conftest import SIZE, errors, rows, settle
from tui.screens.writing_forms import RetroForm, StoryForm


async def open_section(pilot, key: str):
    await settle(pilot)
    await pilot.press(key)
    await pilot.pause()
    await settle(pilot)
    return pilot.app.screen


async def test_a_story_is_written_edited_and_emptied_in_the_app(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        drill = await open_section(pilot, "7")
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StoryForm)
        form.query_one("#title", Input).value = "Cut support cost"
        form.query_one("#problem", TextArea).load_text("Agents waited 4 min for answers")
        form.query_one("#metrics", TextArea).load_text("wait 240 -> 30 s")
        form.query_one("#themes", SelectionList).select("cost-optimisation")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is drill
        saved = rows(db_path, "SELECT id, title, problem, metrics, themes FROM stories")
        assert len(saved) == 1
        story_id, title, problem, metrics, themes = saved[0]
        assert (title, problem, metrics) == ("Cut support cost", "Agents waited 4 min for answers", "wait 240 -> 30 s")
        assert json.loads(themes) == ["cost-optimisation"]
        table = drill.query_one("#drill-stories", DataTable)
        assert table.row_count == 1 and "Cut support cost" in str(table.get_row_at(0)[1])

        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StoryForm) and form.query_one("#title", Input).value == "Cut support cost"
        assert form.query_one("#themes", SelectionList).selected == ["cost-optimisation"]
        form.query_one("#metrics", TextArea).load_text("")  # emptied in the form: emptied in the record
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert rows(db_path, "SELECT metrics, problem FROM stories WHERE id = ?", story_id) == [
            ("", "Agents waited 4 min for answers")
        ]


async def test_a_story_without_a_title_is_refused_in_the_forms_words(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "7")
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StoryForm)  # still open, nothing lost
        assert "Title must not be empty" in errors(app)
        assert not any("--" in message for message in errors(app))
        assert rows(db_path, "SELECT id FROM stories") == []


async def test_the_weeks_retro_is_written_from_the_roadmap_and_shown_again(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        roadmap = await open_section(pilot, "2")
        await pilot.press("w")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RetroForm) and form.week == 3  # Ada's current week
        await pilot.press("ctrl+s")  # nothing written yet
        await settle(pilot)
        assert "Say at least one of Shipped, Slipped or Next" in errors(app)
        form.query_one("#shipped", TextArea).load_text("a 40-question eval set")
        form.query_one("#next", TextArea).load_text("wire it into CI")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is roadmap
        assert rows(db_path, "SELECT week, shipped, slipped, next FROM retros") == [
            (3, "a 40-question eval set", "", "wire it into CI")
        ]
        await pilot.press("w")
        await settle(pilot)
        assert app.screen.query_one("#shipped", TextArea).text == "a 40-question eval set"


async def test_log_time_errors_name_the_forms_fields(make_app, ada):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        app.screen.query_one("#day", Input).value = "2026-13-45"
        await pilot.press("4", "5", "enter")
        await settle(pilot)
        assert any(message.startswith("Day '2026-13-45' is not a calendar date") for message in errors(app))


def test_init_names_its_own_start_option(cli):
    result = cli("init", "--name", "Ada", "--target-role", "AI Engineer", "--start", "2026-13-01")
    assert result.code == 2
    assert "--start '2026-13-01' is not a calendar date" in result.err and "--date" not in result.err


async def test_the_work_sections_story_list_opens_the_same_form(make_app, ada, db_path):
    assert ada("story", "add", "--title", "Cut support cost", "--problem", "slow answers").code == 0
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        work = await open_section(pilot, "4")
        work.query_one("#work-tabs").active = "stories-tab"
        await pilot.pause()
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StoryForm) and form.query_one("#title", Input).value == "Cut support cost"
        form.query_one("#design", TextArea).load_text("hybrid search, re-ranked")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is work
    assert rows(db_path, "SELECT problem, design FROM stories") == [("slow answers", "hybrid search, re-ranked")]
