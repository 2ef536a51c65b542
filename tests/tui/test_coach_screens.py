"""The coach in the app: the Roles screen (8), the calibration card on Assessment, the week's load on Roadmap."""

from __future__ import annotations

from datetime import date

from textual.widgets import OptionList, Static

from tests.tui.conftest import settle
from tui.screens.assessment import AssessmentScreen
from tui.screens.roadmap import RoadmapScreen
from tui.screens.roles import RolesScreen

WEEK_7 = date(2026, 12, 18)  # Ada started on 2026-11-02
FOUR_ON_EVALUATION = [
    "--score", "instruction_design=3", "--score", "data_handling=2", "--score", "evaluation=4",
    "--score", "backend_integration=2", "--score", "model_economics=2", "--score", "safety_compliance=2",
    "--score", "product_thinking=2",
]  # fmt: skip


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def open_section(app, pilot, key: str):
    await settle(pilot)
    await pilot.press(key)
    await pilot.pause()
    await settle(pilot)
    return app.screen


async def test_roles_screen_lists_the_roles_with_pay_and_sources(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_section(app, pilot, "8")
        assert isinstance(screen, RolesScreen)
        roles = screen.query_one("#role-list", OptionList)
        assert roles.option_count == 12
        assert "Take the self-assessment" in text(screen, "#role-closest")
        # No assessment: the target role is shown first, with its pay, source and year.
        info = text(screen, "#role-info")
        assert "AI Engineer" in info and "$120K-$160K" in info and "Alcor AI Salary Report (2025)" in info
        assert "2025-2026" in info and "Evaluation: 4" in info
        assert "Prompt engineer who already writes some code" in text(screen, "#role-matrix")


async def test_roles_screen_names_the_closest_role_and_switches_region(make_app, ada):
    ada("assess", *FOUR_ON_EVALUATION)
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_section(app, pilot, "8")
        assert isinstance(screen, RolesScreen) and screen.view is not None
        closest = screen.view.role(screen.view.closest or "")
        assert closest.title in text(screen, "#role-closest") and f"{closest.fit}%" in text(screen, "#role-closest")
        assert "What it needs that you lack" in text(screen, "#role-closest")
        assert closest.title in text(screen, "#role-info")  # the closest role is highlighted first
        await pilot.press("down")
        await pilot.pause()
        shown = screen.query_one("#role-list", OptionList).highlighted
        assert shown is not None and screen.view.roles[shown].title in text(screen, "#role-info")
        await pilot.press("r")
        await pilot.pause()
        assert "Pay, Europe" in text(screen, "#role-info")
        assert screen.focused is screen.query_one("#role-list")  # the list has the keys, not a text box
        detail = screen.query_one("#role-detail")
        assert detail.max_scroll_y > 0, "the test needs a detail taller than the terminal"
        await pilot.press("pagedown")
        await pilot.pause()
        assert detail.scroll_y > 0 and screen.focused is screen.query_one("#role-list")


async def test_assessment_screen_shows_the_disagreement(make_app, ada):
    ada("assess", *FOUR_ON_EVALUATION)
    app = make_app(today=WEEK_7)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_section(app, pilot, "3")
        assert isinstance(screen, AssessmentScreen)
        card = text(screen, "#calibration")
        evaluation = next(line for line in card.splitlines() if line.startswith("Evaluation"))
        assert "you [b]4[/] · evidence [b]1[/]" in evaluation and "⚠" in evaluation
        assert "You rate Evaluation 4/5, but the evidence shows 1 at best" in card
        assert screen.query_one("#calibration").border_subtitle != "in line"


async def test_assessment_screen_in_line_when_the_evidence_agrees(make_app, ada):
    ada("assess", *FOUR_ON_EVALUATION)
    app = make_app(today=date(2026, 11, 10))  # week 2: nothing was asked for yet, nothing contradicts
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_section(app, pilot, "3")
        assert "⚠" not in text(screen, "#calibration")
        assert screen.query_one("#calibration").border_subtitle == "in line"


async def test_roadmap_week_shows_its_load_against_the_budget(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_section(app, pilot, "2")
        assert isinstance(screen, RoadmapScreen)
        info = text(screen, "#week-info")  # week 3 (the conftest's today)
        assert "9 h required of your 10 h" in info and "3 h stretch" in info
        tasks = screen.query_one("#week-tasks")
        assert "(stretch)" in str(tasks.get_row("w03-chunking-comparison")[1])  # type: ignore[attr-defined]
