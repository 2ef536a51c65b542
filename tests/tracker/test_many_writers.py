"""24 real processes, 5 mixed writes each, all at once: every write succeeds and every row is there.

Each process runs the real command line (`log`, `task done`, `drill score`, `artifact add`, `story add`) on
one shared record, SQLite file or PostgreSQL. Four processes share each task key, and all of them add the
learner's first drill cards, so the upserts race too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.tracker.conftest import add_learner
from tests.tracker.processes import run_at_once
from tracker.db import open_session
from tracker.models import Artifact, DrillAttempt, DrillCard, LogEntry, Story, TaskState

PROCESSES = 24
TASK_KEYS = ["w01-pick-role-family", "w01-collect-job-descriptions", "w01-score-competencies", "w02-stack-note"]
ANSWER = "Problem: slow answers. Metrics: p95 from 4 s to 1.2 s on 200 questions. Failure: stale index."


def _commands(n: int) -> list[list[str]]:
    writes = [
        ["log", "--minutes", "1", f"p{n}", "--date", "2026-01-20"],
        ["task", "done", TASK_KEYS[n % len(TASK_KEYS)]],
        ["drill", "score", "--theme", "rag-design", "--answer", ANSWER, "--seconds", "60", "--json"],
        ["artifact", "add", "--week", "1", "--kind", "demo", "--title", f"p{n}", "--date", "2026-01-20"],
        ["story", "add", "--title", f"p{n}", "--theme", "rag-design"],
    ]
    return writes[n % 5 :] + writes[: n % 5]  # each process in its own order


@pytest.mark.slow
def test_24_processes_writing_at_once_all_succeed(record_url: str, tmp_path: Path):
    add_learner(record_url, "ada")
    outcomes = [o for process in run_at_once([_commands(n) for n in range(PROCESSES)], tmp_path) for o in process]

    failed = [(o.argv[0], o.code, o.err) for o in outcomes if o.code != 0 or o.err]
    assert not failed, failed[:3]
    assert len(outcomes) == PROCESSES * 5
    with open_session(record_url, read_only=True) as session:
        logs = sorted(session.scalars(select(LogEntry.note)))
        tasks = dict(session.execute(select(TaskState.task_key, TaskState.status)).all())
        attempts = session.scalar(select(func.count(DrillAttempt.id)))
        cards = session.scalar(select(func.count(DrillCard.id)))
        artifacts = sorted(session.scalars(select(Artifact.title)))
        stories = sorted(session.scalars(select(Story.title)))
    expected = sorted(f"p{n}" for n in range(PROCESSES))
    assert logs == artifacts == stories == expected
    assert tasks == dict.fromkeys(TASK_KEYS, "done")
    assert attempts == PROCESSES
    from curriculum.drills import load_bank

    assert cards == len(load_bank().themes), "one card per theme, however many processes added them"

    latencies = sorted(o.ms for o in outcomes)
    print(
        f"\n{record_url.split(':')[0]}: {PROCESSES} processes x 5 writes = {len(outcomes)} commands, all exit 0; "
        f"per command median {latencies[len(latencies) // 2]:.0f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95)]:.0f} ms, max {latencies[-1]:.0f} ms",
        file=sys.stderr,
    )
