"""The Assessment history box is drawn with its rows as soon as they arrive, not after a resize."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.tui.test_assessment import open_assessment


async def test_the_history_box_is_as_tall_as_its_rows_without_a_resize(make_app, assessed):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_assessment(app, pilot)
        await pilot.pause()
        table = screen.query_one("#assessment-history", DataTable)
        assert table.row_count == 7
        assert table.region.height >= table.row_count + 3  # header, seven rows, the border
