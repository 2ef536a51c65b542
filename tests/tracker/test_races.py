"""Writes that used to race: same command, same learner, same moment, in separate processes.

Under PostgreSQL's READ COMMITTED a read-then-insert lets two transactions both see "nothing yet": twelve
`drill score` collided on the first drill cards, twelve `task done` on the task's row, and ten `log --minutes
1000` for one day stored 10,000 minutes. Now each ends in exit 0 or one line, and the day holds 24 hours
at most. SQLite runs the same cases: its writers queue on the one write lock.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.tracker.conftest import add_learner
from tests.tracker.processes import Outcome, run_at_once
from tracker.db import open_session
from tracker.models import DrillAttempt, DrillCard, LogEntry, TaskState

ANSWER = "Problem: p95 was 4 s. Design: a cache. Metrics: p95 1.2 s on 200 questions. Failure: stale entries."


def _once_each(argv: list[str], processes: int, folder: Path) -> list[Outcome]:
    return [process[0] for process in run_at_once([[argv]] * processes, folder)]


def _report(name: str, url: str, outcomes: list[Outcome]) -> None:
    codes = [o.code for o in outcomes]
    print(
        f"\n{url.split(':')[0]} {name}: {codes.count(0)} exit 0, {codes.count(2)} exit 2 (one line), "
        f"{len(codes) - codes.count(0) - codes.count(2)} other",
        file=sys.stderr,
    )


@pytest.mark.slow
def test_twelve_first_drills_at_once_make_one_card_per_theme(record_url: str, tmp_path: Path):
    add_learner(record_url, "ada")
    argv = ["drill", "score", "--theme", "rag-design", "--answer", ANSWER, "--seconds", "70", "--json"]
    outcomes = _once_each(argv, 12, tmp_path)
    _report("12 x drill score", record_url, outcomes)
    assert [(o.code, o.err) for o in outcomes] == [(0, "")] * 12
    from curriculum.drills import load_bank

    with open_session(record_url, read_only=True) as session:
        assert session.scalar(select(func.count(DrillCard.id))) == len(load_bank().themes)
        assert session.scalar(select(func.count(DrillAttempt.id))) == 12


@pytest.mark.slow
def test_twelve_task_done_at_once_leave_one_row(record_url: str, tmp_path: Path):
    add_learner(record_url, "ada")
    outcomes = _once_each(["task", "done", "w01-pick-role-family"], 12, tmp_path)
    _report("12 x task done", record_url, outcomes)
    assert [(o.code, o.err) for o in outcomes] == [(0, "")] * 12
    with open_session(record_url, read_only=True) as session:
        assert session.execute(select(TaskState.task_key, TaskState.status)).all() == [("w01-pick-role-family", "done")]


@pytest.mark.slow
def test_ten_logs_of_1000_minutes_on_one_day_keep_the_24_hour_rule(record_url: str, tmp_path: Path):
    add_learner(record_url, "ada")
    outcomes = _once_each(["log", "--minutes", "1000", "--date", "2026-01-20"], 10, tmp_path)
    _report("10 x log --minutes 1000", record_url, outcomes)
    accepted = [o for o in outcomes if o.code == 0]
    refused = [o for o in outcomes if o.code != 0]
    assert len(accepted) == 1
    assert all(o.code == 2 and o.err.count("\n") == 1 for o in refused), [o.err for o in refused]
    assert all("would then hold more than 24 hours of logged work (1000 min already)" in o.err for o in refused)
    with open_session(record_url, read_only=True) as session:
        assert session.scalar(select(func.sum(LogEntry.minutes))) == 1000
