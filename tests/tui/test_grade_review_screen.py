"""The Claude review from the Grade screen: quoted before anything is sent, sent only on `s`, read in its tab,
saved with the grade. The real grader on a real repository; the real SDK against a mock transport."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2
import pytest
from textual.widgets import Markdown, TabbedContent

from grader.claude import make_client
from tests.grader.claude.conftest import MockAPI, ok
from tests.grader.conftest import Repo
from tests.grader.review import repos
from tests.grader.review.conftest import recorded
from tests.tui.conftest import SIZE, notifications, rows, settle
from tui.screens.grade import GradeScreen
from tui.screens.grade_review import ReviewDialog


@pytest.fixture(autouse=True)
def _isolated_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import anthropic._base_client

    monkeypatch.setattr(anthropic._base_client, "INITIAL_RETRY_DELAY", 0.001)
    monkeypatch.setenv("PROOFWORK_CACHE_DIR", str(tmp_path / "grader-cache"))


@pytest.fixture
def support_bot(tmp_path: Path) -> str:
    repo = Repo(tmp_path / "support-bot")
    for path, text in repos.support_bot().items():
        repo.write(path, text)
    repo.commit("Add files")
    return str(repo.path)


@pytest.fixture
def claude_api(monkeypatch: pytest.MonkeyPatch) -> Callable[..., MockAPI]:
    def install(*replies: Any) -> MockAPI:
        api = MockAPI(*replies)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "test")

        def client(settings: Any) -> Any:
            return make_client(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(api)))

        monkeypatch.setattr("grader.review.run.make_client", client)
        return api

    return install


async def grade_here(pilot: Any, target: str) -> GradeScreen:
    app = pilot.app
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, GradeScreen)
    await pilot.press("ctrl+g")
    screen.query_one("#grade-target").value = target
    await pilot.press("enter")
    await settle(pilot, rounds=20)
    assert screen.report is not None and screen._run_id is not None
    return screen


async def test_the_review_is_quoted_then_sent_only_when_asked_and_saved_with_the_grade(
    make_app, ada, db_path, support_bot, claude_api
):
    api = claude_api(ok(recorded("support_bot")))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await grade_here(pilot, support_bot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReviewDialog)
        quote = app.screen.quote
        assert quote.cost_usd is not None and quote.cost_usd > 0 and quote.input_tokens > 1000
        assert "$" in quote.text() and "input tokens" in quote.text()
        assert api.requests == []  # quoted: nothing has left the machine
        await pilot.press("enter")  # Cancel has focus
        await settle(pilot)
        assert app.screen is screen and api.requests == []
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("s")  # send
        await settle(pilot, rounds=20)
        assert len(api.requests) == 1
        assert screen.query_one(TabbedContent).active == "review-tab"
        review = screen.query_one("#grade-review", Markdown).source
        assert "Claude review" in review and "Strengths" in review and "est. $" in review
        assert any("Review saved with grade" in n for n in notifications(app))
    saved = "SELECT model, cost_usd, json_extract(report, '$.review.status') FROM grade_runs"
    model, cost, status = rows(db_path, saved)[0]
    assert model and cost and cost > 0 and status == "reviewed"
    assert len(rows(db_path, "SELECT id FROM grade_runs")) == 1  # the review joined the grade, no second run


async def test_without_a_key_the_screen_says_what_it_skipped_and_sends_nothing(make_app, ada, support_bot):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await grade_here(pilot, support_bot)
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is screen
        assert any("no ANTHROPIC_API_KEY" in n for n in notifications(app))


async def test_a_cap_below_the_quote_disables_sending(make_app, ada, support_bot, claude_api, isolated_home):
    api = claude_api(ok(recorded("support_bot")))
    config = isolated_home / "config" / "proofwork" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[review]\nmax_cost = 0.0001\n")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await grade_here(pilot, support_bot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReviewDialog) and app.screen.quote.over_cap
        await pilot.press("s")
        await settle(pilot)
        assert app.screen is screen and api.requests == []


async def test_the_review_needs_a_grade_made_here(make_app, ada):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert any("Grade a repository here first" in n for n in notifications(app))
