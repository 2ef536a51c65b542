"""Layout snapshots at 80x24 (the smallest terminal we promise) and 160x48. A complement to the behaviour
tests, not a replacement: they catch a card pushed off screen or a column that no longer fits.

Update after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`, and look at the
SVGs in `__snapshots__` before committing them.
"""

from __future__ import annotations

import pytest

from tests.tui.conftest import settle


@pytest.fixture
def record(ada):
    """A lived-in record: a week of logs, ticked tasks with a note, proof for week 1, an assessment."""
    for day in ("2026-11-15", "2026-11-16", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21"):
        assert ada("log", "--minutes", "50", "read and built", "--date", day).code == 0
    import json

    week1 = json.loads(ada("task", "list", "--week", "1", "--json").out)
    for task in week1:
        assert ada("task", "done", task["key"]).code == 0
    week3 = json.loads(ada("task", "list", "--week", "3", "--json").out)
    assert ada("task", "done", week3[0]["key"]).code == 0
    assert ada("task", "note", week3[0]["key"], "chunked at 512 tokens").code == 0
    assert (
        ada(
            "artifact",
            "add",
            "--week",
            "1",
            "--kind",
            "job-research",
            "--title",
            "Role brief",
            "--metric",
            "job posts read=20",
            "--date",
            "2026-11-08",
        ).code
        == 0
    )
    return ada


async def _ready(pilot) -> None:
    await settle(pilot)
    await pilot.pause(0.2)


def _section(key: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
        await _ready(pilot)

    return run_before


def test_today_at_80x24(snap_compare, make_app, record):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_ready)


def test_today_at_160x48(snap_compare, make_app, record):
    assert snap_compare(make_app(), terminal_size=(160, 48), run_before=_ready)


def test_roadmap_at_80x24(snap_compare, make_app, record):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_section("2"))


def test_work_at_80x24(snap_compare, make_app, record):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_section("4"))
