"""Export: pick a document, preview it rendered with its findings, save it; everything into a folder."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input, Markdown, Select, Static

from tests.tracker.exports.record import ok
from tests.tui.conftest import errors, notifications, settle
from tui.screens.export import ExportScreen


def support_rag(cli) -> None:
    """One project with an artifact (a metric against its baseline) and a decision with a rejected alternative."""
    ok(cli("project", "add", "--name", "Support RAG", "--problem", "agents wait for answers",
           "--repo", "https://github.com/ada/support-rag"))  # fmt: skip
    ok(cli("artifact", "add", "--project", "Support RAG", "--week", "3", "--kind", "eval-report",
           "--title", "Golden-set eval", "--link", "https://github.com/ada/support-rag/pull/4",
           "--metric", "hallucination rate=12->4 %"))  # fmt: skip
    ok(cli("decision", "add", "--project", "Support RAG", "--layer", "evaluation",
           "--decision", "gate merges on a golden set", "--metric", "hallucination rate",
           "--failure", "judge drift", "--mitigation", "weekly calibration",
           "--rejected", "manual spot checks"))  # fmt: skip


async def open_export(app, pilot) -> ExportScreen:
    await settle(pilot)
    await pilot.press("6")
    await pilot.pause()
    await settle(pilot)
    assert isinstance(app.screen, ExportScreen)
    return app.screen


async def pick(pilot, screen: ExportScreen, key: str) -> None:
    screen.query_one("#export-pick", Select).value = key
    await settle(pilot)


def findings_text(screen: ExportScreen) -> str:
    return str(screen.query_one("#export-findings", Static).content)


async def test_a_case_study_previews_its_metric_and_rejected_alternative_and_saves(make_app, ada, tmp_path):
    support_rag(ada)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(app, pilot)
        assert screen.query_one("#export-pick", Select).value == "case:Support RAG"  # the first project
        source = screen.query_one("#export-markdown", Markdown).source
        assert "from 12% to 4%" in source
        assert "manual spot checks" in source
        assert "no-non-goals" in findings_text(screen)  # the case-study check, beside the preview
        path_input = screen.query_one("#export-path", Input)
        assert path_input.value == "case-study-support-rag.md"  # the document's own name, as `export all`
        target = tmp_path / "cs.md"
        path_input.value = str(target)
        screen.query_one("#export-markdown").focus()
        await pilot.press("s")
        await settle(pilot)
        assert errors(app) == []
        assert any(str(target) in message for message in notifications(app))
    assert target.read_text(encoding="utf-8") == source


async def test_resume_json_saves_valid_json(make_app, ada, tmp_path):
    support_rag(ada)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(app, pilot)
        await pick(pilot, screen, "resume:json")
        path_input = screen.query_one("#export-path", Input)
        assert path_input.value == "resume.json"
        assert str(screen.query_one("#export-text", Static).content).lstrip().startswith("{")  # plain text
        path_input.value = str(tmp_path / "resume.json")
        path_input.focus()
        await pilot.press("enter")  # enter in the path box saves too
        await settle(pilot)
        assert errors(app) == []
    resume = json.loads((tmp_path / "resume.json").read_text(encoding="utf-8"))
    assert resume["projects"][0]["name"] == "Support RAG"


async def test_a_missing_folder_is_a_notification_and_writes_nothing(make_app, ada, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(app, pilot)
        assert screen.query_one("#export-pick", Select).value == "resume:md"  # no project: the resume
        screen.query_one("#export-path", Input).value = str(tmp_path / "nowhere" / "resume.md")
        await screen.run_action("save")
        await settle(pilot)
        assert any("does not exist" in message for message in errors(app))
        assert isinstance(app.screen, ExportScreen)
    assert not (tmp_path / "nowhere").exists()


async def test_no_projects_means_a_notification_for_a_case_study(make_app, ada):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(app, pilot)
        titles = [command.title for command in app.get_system_commands(screen)]
        assert {"export: case study", "export: resume", "export: retro", "export: everything"} <= set(titles)
        screen.action_case_study()
        await settle(pilot)
        assert any("No projects yet" in message for message in notifications(app))
        assert screen.query_one("#export-pick", Select).value == "resume:md"


async def test_a_retro_and_everything_into_a_folder(make_app, ada, tmp_path: Path):
    support_rag(ada)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(app, pilot)
        screen.action_retro()
        await settle(pilot)
        assert screen.query_one("#export-pick", Select).value == "retro:3"  # this week
        assert screen.query_one("#export-markdown", Markdown).source.startswith("# Week 3 retro")
        assert screen.query_one("#export-path", Input).value == "retro-week-03.md"
        screen.action_everything()
        await settle(pilot)
        assert screen.query_one("#export-path", Input).value == "proofwork-export"
        folder = tmp_path / "out"
        screen.query_one("#export-path", Input).value = str(folder)
        await screen.run_action("save")
        await settle(pilot)
        assert errors(app) == []
        assert "files written" in findings_text(screen)
    names = {path.name for path in folder.iterdir()}
    assert {"case-study-support-rag.md", "resume.md", "resume.json", "resume.html", "record.json"} <= names


async def test_the_palette_picks_a_document_and_everything_into_a_missing_folder_is_a_notification(
    make_app, ada, tmp_path: Path
):
    support_rag(ada)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export: everything")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#export-pick", Select).value == "all"
        screen.query_one("#export-path", Input).value = str(tmp_path / "no" / "such" / "folder")
        await screen.run_action("save")
        await settle(pilot)
        assert any("does not exist" in message for message in errors(app))
    assert not (tmp_path / "no").exists()
