"""First run: profile, then the self-assessment with level descriptions, then the dashboard."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from tests.tui.conftest import errors, rows, settle, type_text
from tui.screens.assessment_form import AssessmentFormScreen
from tui.screens.onboarding import ProfileScreen
from tui.screens.today import TodayScreen


async def test_a_fresh_database_opens_the_profile_form(make_app, db_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        assert app.screen.query_one("#start", Input).value == "2026-11-21"
        assert str(app.screen.query_one("#target").value) == "ai-engineer"


async def test_an_empty_name_is_refused_with_a_notification_and_nothing_saved(make_app, db_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        assert any("name" in message for message in errors(app))
        assert rows(db_path, "SELECT count(*) FROM learners") == [(0,)]


async def test_bad_hours_and_a_bad_date_are_refused(make_app, db_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "Grace")
        app.screen.query_one("#hours", Input).value = "lots"
        await pilot.press("enter")
        await settle(pilot)
        assert any("hours" in message for message in errors(app))
        app.screen.query_one("#hours", Input).value = "10"
        app.screen.query_one("#start", Input).value = "2026-13-45"
        await pilot.press("enter")
        await settle(pilot)
        assert any("calendar date" in message for message in errors(app))
        assert isinstance(app.screen, ProfileScreen)
        assert rows(db_path, "SELECT count(*) FROM learners") == [(0,)]


async def test_profile_then_assessment_then_the_dashboard(make_app, db_path):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await type_text(pilot, "Grace Hopper")
        await pilot.press("tab")
        await type_text(pilot, "Prompt Engineer")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentFormScreen)
        # The five level descriptions sit beside the scores.
        assert app.screen.query_one("#levels", OptionList).option_count == 5
        first = app.screen.competencies[0]
        assert first.title in str(app.screen.query_one("#competency-text", Static).content)
        await pilot.press("4", "2", "1", "3", "2", "3", "3")
        assert app.screen.scores["evaluation"] == 1
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Grace Hopper" in str(app.screen.query_one("#headline", Static).content)
        assert "Day 1 of 90" in str(app.screen.query_one("#headline", Static).content)
    assert rows(db_path, "SELECT name, current_role, target_role FROM learners") == [
        ("Grace Hopper", "Prompt Engineer", "ai-engineer")
    ]
    assert rows(db_path, "SELECT count(*) FROM assessment_scores") == [(7,)]


async def test_saving_an_incomplete_assessment_says_what_is_missing(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        app.push_screen(AssessmentFormScreen())
        await pilot.pause()
        await pilot.press("3", "3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentFormScreen)
        assert any("missing" in message for message in errors(app))
    assert rows(db_path, "SELECT count(*) FROM assessments") == [(0,)]


async def test_the_assessment_can_wait(make_app, db_path):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await type_text(pilot, "Grace")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentFormScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.view is not None


async def test_a_new_learner_in_a_shared_database_onboards_under_their_handle(make_app, ada, db_path):
    app = make_app(handle="grace")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        await type_text(pilot, "Grace")
        await pilot.press("enter")
        await settle(pilot)
    assert sorted(rows(db_path, "SELECT handle FROM learners")) == [("ada",), ("grace",)]
