"""Fixtures for driving the real Textual app through Pilot against a real SQLite file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tui.app import ProofworkApp
from tui.record import RecordAccess

# Ada (the `ada` fixture) starts on 2026-11-02: this is day 20, week 3.
TODAY = date(2026, 11, 21)
SIZE = (100, 34)

SCORES = {
    "instruction_design": 4,
    "data_handling": 2,
    "evaluation": 1,
    "backend_integration": 3,
    "model_economics": 2,
    "safety_compliance": 3,
    "product_thinking": 3,
}


@pytest.fixture
def make_app(db_path: Path) -> Callable[..., ProofworkApp]:
    def make(today: date = TODAY, handle: str | None = None) -> ProofworkApp:
        return ProofworkApp(RecordAccess(f"sqlite:///{db_path}", handle), today=today)

    return make


async def settle(pilot: Pilot[Any], rounds: int = 6) -> None:
    """Wait until record jobs (and the jobs their callbacks start) are done and their results drawn."""
    app = pilot.app
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
        if not any(worker.is_running for worker in app.workers):
            await pilot.pause(0.05)
            if not any(worker.is_running for worker in app.workers):
                return


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*text)


def rows(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql, params).fetchall()


def notifications(app: ProofworkApp) -> list[str]:
    return [n.message for n in app._notifications]


def errors(app: ProofworkApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


@pytest.fixture
def assessed(ada: Callable[..., Any]) -> Callable[..., Any]:
    """Ada with one self-assessment on record."""
    args = [part for key, score in SCORES.items() for part in ("--score", f"{key}={score}")]
    assert ada("assess", *args).code == 0
    return ada
