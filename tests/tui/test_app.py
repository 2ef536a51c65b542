"""The shell: sections on 1-8, help, the command palette, the remembered theme, quitting, placeholders."""

from __future__ import annotations

import json
import subprocess
import sys

from textual.command import CommandPalette
from textual.widgets import Input, Markdown, Static

from tests.tui.conftest import settle, type_text
from tui.app import SECTIONS, ProofworkApp
from tui.record import RecordAccess
from tui.screens.dialogs import LogTimeDialog
from tui.screens.help import HelpScreen
from tui.settings import load_settings, settings_path


async def test_each_number_opens_its_section(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        for mode, key, _label in SECTIONS:
            await pilot.press(key)
            await pilot.pause()
            await settle(pilot)
            assert app.current_mode == mode
            assert mode == app.screen.SECTION


async def test_section_keys_do_not_leave_a_dialog_half_done(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("escape")  # focus is in the minutes box; escape closes the dialog
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        app.screen.set_focus(None)
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, LogTimeDialog) and app.current_mode == "today"


async def test_question_mark_shows_this_screens_keys(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one(Markdown).source
        this_screen, everywhere = text.split("## Everywhere")
        assert "+Artifact" in this_screen and "log time" not in this_screen
        assert "ctrl+p" in everywhere and "log time" in everywhere
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.SECTION == "work"


async def test_the_palette_offers_namespaced_commands_and_runs_them(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for expected in (
            "today: log time",
            "task: mark done",
            "grade: grade a repository",
            "go: roadmap",
            "theme: change theme",
            "assessment: take the self-assessment",
        ):
            assert expected in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "today: log")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, LogTimeDialog)


async def test_the_grade_command_lands_in_the_target_box(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await app._grade_command()
        await pilot.pause()
        assert app.current_mode == "grade"
        assert isinstance(app.focused, Input) and app.focused.id == "grade-target"


async def test_the_theme_is_remembered(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
    assert json.loads(settings_path().read_text())["theme"] == "nord"
    again = make_app()
    async with again.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_an_unreadable_settings_file_means_defaults(make_app, ada):
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("{not json")
    assert load_settings().theme == "textual-dark"
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"


async def test_ctrl_q_quits(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_export_and_drill_are_real_screens(make_app, ada):
    from tui.screens.drill import DrillScreen
    from tui.screens.export import ExportScreen

    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#export-path", Input).value == "resume.md"
        await pilot.press("7")
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)


async def test_several_learners_without_a_choice_is_a_message_not_a_crash(make_app, ada, cli):
    assert cli("init", "--name", "Grace", "--target-role", "AI Engineer", "--handle", "grace").code == 0
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert "several learners" in str(app.screen.query_one("#headline", Static).content)


async def test_a_database_path_in_a_missing_folder_is_a_message(tmp_path):
    app = ProofworkApp(RecordAccess(str(tmp_path / "nowhere" / "x.db")))
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert "does not exist" in str(app.screen.query_one("#headline", Static).content)


def test_importing_the_app_loads_nothing_heavy():
    """The dashboard frame must paint before SQLAlchemy, the SDK, radon or git are imported."""
    heavy = ["sqlalchemy", "anthropic", "radon", "git", "alembic", "curriculum.catalog", "pydantic"]
    code = (
        "import sys, tui.app, tui.screens.today, tui.cli.app;"
        f"print([name for name in {heavy!r} if name in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_plain_prints_todays_view(ada):
    result = ada("--plain")
    assert result.code == 0, result.err
    assert "Ada" in result.out and "Week" in result.out


def test_without_a_terminal_bare_proofwork_prints_todays_view(ada):
    result = ada()  # captured stdout is not a terminal
    assert result.code == 0, result.err
    assert "Ada" in result.out
