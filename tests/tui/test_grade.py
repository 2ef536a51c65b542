"""Grade: a target, progress from a worker (the UI stays live), the scorecard, findings, evidence, history.

The grader is driven through its published entry point, `grader.grade.grade_repository`; here a stand-in
module with that signature replaces it so the screen's behaviour is tested whatever the grader's state.
"""

from __future__ import annotations

import importlib.machinery
import sys
import threading
import types
from typing import Any

import pytest
from textual.widgets import Button, DataTable, Input, Markdown, ProgressBar, Static

from curriculum.errors import UserError
from tests.tui.conftest import errors, rows, settle, type_text
from tui.screens import grade as grade_screen
from tui.screens.dialogs import ConfirmDialog
from tui.screens.finding import FindingScreen
from tui.screens.grade import GradeScreen

REPORT: dict[str, Any] = {
    "overall": 62,
    "commit": "0123456789abcdef",
    "source": {"target": "https://github.com/ada/rag", "kind": "remote", "url": "https://github.com/ada/rag"},
    "coverage": {"rubric_weight_assessed": 0.9},
    "dimensions": {
        "evals": {
            "score": 40,
            "weight": 20,
            "findings": [
                {
                    "probe": "evals.harness",
                    "dimension": "evals",
                    "title": "An eval harness runs in CI",
                    "outcome": "failed",
                    "message": "No eval suite found.",
                    "evidence": [{"path": "tests/test_rag.py", "start_line": 3, "end_line": 9, "snippet": "def x"}],
                    "remediation": "Add an eval set with a baseline.",
                    "why": "Without evals, changes are guesses.",
                    "doc_url": "",
                }
            ],
        },
        "tests": {"score": 80, "weight": 15, "findings": []},
    },
}


class FakeReport:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def model_dump(self, mode: str = "python") -> dict[str, Any]:
        return self.data


@pytest.fixture
def fake_grader(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Install a `grader.grade` whose grade_repository waits for `release`, reporting progress first."""
    state: dict[str, Any] = {"release": threading.Event(), "calls": []}

    def grade_repository(target, ref=None, settings=None, progress=None, on_context=None):
        state["calls"].append(target)
        if target.startswith("ftp://"):
            raise UserError(f"{target}: only https GitHub URLs or local paths can be graded")
        for stage in ("fetch", "read", "probes"):
            if progress:
                progress(stage, 1, 2)
        state["release"].wait(5)
        return FakeReport(REPORT)

    module = types.ModuleType("grader.grade")
    module.__spec__ = importlib.machinery.ModuleSpec("grader.grade", None)
    module.grade_repository = grade_repository  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "grader.grade", module)
    return state


async def open_grade(app, pilot) -> GradeScreen:
    await settle(pilot)
    await pilot.press("5")
    await pilot.pause()
    await settle(pilot)
    assert isinstance(app.screen, GradeScreen)
    return app.screen


async def test_without_the_grader_the_screen_says_so(make_app, ada, monkeypatch):
    monkeypatch.setattr(grade_screen, "grader_installed", lambda: False)
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_grade(app, pilot)
        assert "not installed" in str(screen.query_one("#grade-status", Static).content)
        await pilot.press("ctrl+g")
        await type_text(pilot, "/tmp/repo")
        await pilot.press("enter")
        await settle(pilot)
        assert any("not installed" in message for message in errors(app))


async def test_nothing_typed_is_refused(make_app, ada, fake_grader):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await open_grade(app, pilot)
        await pilot.press("ctrl+g", "enter")
        await settle(pilot)
        assert any("Type a repository URL" in message for message in errors(app))
        assert fake_grader["calls"] == []


async def test_a_bad_url_is_a_notification_not_a_crash(make_app, ada, fake_grader, db_path):
    fake_grader["release"].set()
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_grade(app, pilot)
        await pilot.press("ctrl+g")
        await type_text(pilot, "ftp://example.com/repo")
        await pilot.press("enter")
        await settle(pilot)
        assert any("only https" in message for message in errors(app))
        assert "only https" in str(screen.query_one("#grade-status", Static).content)
        assert not screen.query_one("#grade-go", Button).disabled
        assert not screen.running
    assert rows(db_path, "SELECT count(*) FROM grade_runs") == [(0,)]


async def test_grading_runs_in_a_worker_then_shows_the_scorecard_and_saves_it(make_app, ada, fake_grader, db_path):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_grade(app, pilot)
        await pilot.press("ctrl+g")
        await type_text(pilot, "https://github.com/ada/rag")
        await pilot.press("enter")
        await pilot.pause(0.3)
        # The grade is waiting in its thread: the UI still answers and shows progress.
        assert screen.running and screen.query_one("#grade-go", Button).disabled
        bar = screen.query_one("#grade-progress", ProgressBar)
        assert bar.display and (bar.progress or 0) > 0
        assert "running probes" in str(screen.query_one("#grade-status", Static).content)
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "LogTimeDialog"
        await pilot.press("escape")
        fake_grader["release"].set()
        await settle(pilot)
        assert not screen.running
        dims = screen.query_one("#dimensions", DataTable)
        assert dims.row_count == 2
        assert "62" in str(screen.query_one("#grade-status", Static).content)
        findings = screen.query_one("#findings", DataTable)
        assert findings.row_count == 1
        findings.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FindingScreen)
        source = app.screen.query_one(Markdown).source
        assert "tests/test_rag.py:3-9" in source and "Add an eval set" in source
        await pilot.press("escape")
        await pilot.pause()
        history = screen.query_one("#grade-history", DataTable)
        assert history.row_count == 1
    assert rows(db_path, "SELECT overall, [commit] FROM grade_runs") == [(62.0, "0123456789abcdef")]


async def test_a_second_grade_shows_the_change_since_the_last(make_app, ada, fake_grader):
    fake_grader["release"].set()
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_grade(app, pilot)
        for again in (False, True):
            await pilot.press("ctrl+g")
            screen.query_one("#grade-target").value = "https://github.com/ada/rag"
            await pilot.press("enter")
            await pilot.pause()
            if again:  # the same repository from this screen: it asks, and y grades it again on purpose
                assert isinstance(app.screen, ConfirmDialog)
                await pilot.press("y")
            await settle(pilot)
        REPORT_CHANGED = dict(REPORT, overall=70)
        fake_grader["release"].set()
        original = sys.modules["grader.grade"].grade_repository
        sys.modules["grader.grade"].grade_repository = lambda *a, **k: FakeReport(REPORT_CHANGED)
        try:
            await pilot.press("ctrl+g", "enter")
            await pilot.pause()
            await pilot.press("y")
            await settle(pilot)
        finally:
            sys.modules["grader.grade"].grade_repository = original
        history = screen.query_one("#grade-history", DataTable)
        assert history.row_count == 3
        newest = history.get_row_at(0)
        assert "+8" in str(newest[-1])


async def test_enter_in_a_box_tab_wrapped_to_never_grades_the_same_commit_again(make_app, ada, fake_grader, db_path):
    fake_grader["release"].set()
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_grade(app, pilot)
        await pilot.press("ctrl+g")
        screen.query_one("#grade-target").value = "https://github.com/ada/rag"
        await pilot.press("enter")
        await settle(pilot)
        assert len(rows(db_path, "SELECT id FROM grade_runs")) == 1
        assert not isinstance(app.focused, Input)  # the results have the keys now
        for _ in range(12):  # tab round the screen until focus wraps back to the box
            await pilot.press("tab")
            if app.focused is screen.query_one("#grade-target"):
                break
        assert app.focused is screen.query_one("#grade-target")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # cancel has focus: a second careless enter does nothing either
        await settle(pilot)
        assert app.screen is screen and not screen.running
        assert len(rows(db_path, "SELECT id FROM grade_runs")) == 1


def _git_repository(path) -> str:
    import subprocess

    path.mkdir()
    (path / "README.md").write_text("# rag\n\nA retrieval service. Run `pytest`.\n")
    (path / "app.py").write_text("def answer(question: str) -> str:\n    return question.strip()\n")
    (path / "tests").mkdir()
    (path / "tests" / "test_app.py").write_text(
        "from app import answer\n\ndef test_answer():\n    assert answer(' a ') == 'a'\n"
    )
    env = {
        "GIT_AUTHOR_NAME": "Ada",
        "GIT_AUTHOR_EMAIL": "ada@example.com",
        "GIT_COMMITTER_NAME": "Ada",
        "GIT_COMMITTER_EMAIL": "ada@example.com",
        "HOME": str(path),
    }
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "."], ["git", "commit", "-qm", "first"]):
        subprocess.run(command, cwd=path, env={**__import__("os").environ, **env}, check=True)
    return str(path)


async def test_the_real_grader_grades_a_local_repository_and_saves_it(make_app, ada, db_path, tmp_path):
    pytest.importorskip("grader.grade")
    if not __import__("shutil").which("git"):
        pytest.skip("git is not installed")
    target = _git_repository(tmp_path / "rag")
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_grade(app, pilot)
        await pilot.press("ctrl+g")
        screen.query_one("#grade-target").value = target
        await pilot.press("enter")
        for _ in range(120):  # the grade runs in a thread; wait for it, not for a fixed time
            await pilot.pause(0.25)
            if not screen.running:
                break
        await settle(pilot)
        assert screen.report is not None, str(screen.query_one("#grade-status", Static).content)
        assert screen.query_one("#dimensions", DataTable).row_count >= 3
        assert screen.query_one("#grade-history", DataTable).row_count == 1
    assert rows(db_path, "SELECT count(*) FROM grade_runs") == [(1,)]


async def test_the_real_grader_refuses_a_url_it_cannot_grade(make_app, ada, db_path):
    pytest.importorskip("grader.grade")
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_grade(app, pilot)
        await pilot.press("ctrl+g")
        screen.query_one("#grade-target").value = "ftp://example.com/not/a/repo"
        await pilot.press("enter")
        for _ in range(40):
            await pilot.pause(0.25)
            if not screen.running:
                break
        await settle(pilot)
        assert errors(app), "a bad target must be a notification"
        assert screen.report is None and not screen.running
    assert rows(db_path, "SELECT count(*) FROM grade_runs") == [(0,)]
