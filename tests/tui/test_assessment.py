"""Assessment: the gap chart against the target role, focus and fit, and the history of assessments."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tests.tui.conftest import SCORES, rows, settle
from tui.screens.assessment import AssessmentScreen
from tui.screens.assessment_form import AssessmentFormScreen


async def open_assessment(app, pilot) -> AssessmentScreen:
    await settle(pilot)
    await pilot.press("3")
    await pilot.pause()
    await settle(pilot)
    assert isinstance(app.screen, AssessmentScreen)
    return app.screen


async def test_without_an_assessment_the_screen_says_how_to_take_one(make_app, ada):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_assessment(app, pilot)
        assert "No self-assessment yet" in str(screen.query_one("#gap-chart", Static).content)
        assert not screen.query_one("#assessment-history").display


async def test_the_gap_chart_marks_the_lowest_two(make_app, assessed):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_assessment(app, pilot)
        chart = str(screen.query_one("#gap-chart", Static).content)
        evaluation = next(line for line in chart.splitlines() if line.startswith("Evaluation"))
        assert "1/" in evaluation and "focus" in evaluation
        assert "Work first on" in str(screen.query_one("#focus", Static).content)


async def test_taking_it_again_records_the_change(make_app, assessed, db_path):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_assessment(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AssessmentFormScreen)
        assert form.scores == SCORES  # starts from the last assessment
        await pilot.press("right", "right", "3")  # evaluation 1 -> 3
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        history = screen.query_one("#assessment-history", DataTable)
        assert len(history.columns) == 3  # competency + two sittings
        row = history.get_row("evaluation")
        assert "3" in str(row[-1]) and "▲2" in str(row[-1])
        assert "▲2" in str(screen.query_one("#gap-chart", Static).content)
    assert rows(db_path, "SELECT count(*) FROM assessments") == [(2,)]
