"""The TUI and command lines writing at the same time: no "database is locked", every write survives.

Real processes, started together, on a real database file (and on PostgreSQL). Each writer reads before
it writes inside one transaction, as `add_log` does: with SQLite's default deferred transactions that
read-then-write shape is what fails with "database is locked" instead of waiting its turn.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.tracker.conftest import add_learner
from tracker.db import open_session
from tracker.models import LogEntry

WRITERS = 4
ROWS_EACH = 60

# A command line: the real logging service, one transaction (read the day's total, then insert) per row.
CLI_WRITER = """
import sys, time
from datetime import date
from pathlib import Path
from tracker.db import open_session
from tracker.logs import add_log
from tracker.models import Learner
from sqlalchemy import select

name, rows, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
with open_session() as session:  # migrate and connect before the race starts
    learner_id = session.scalar(select(Learner.id))
print("ready", flush=True)
while not go.exists():
    time.sleep(0.005)
for i in range(rows):
    started = time.perf_counter()
    with open_session() as session:
        learner = session.get(Learner, learner_id)
        entry = add_log(session, learner, 1, f"{name}-{i}", date(2026, 1, 5 + i % 20))
    print(entry.id, round((time.perf_counter() - started) * 1000, 1), flush=True)
"""

# The TUI: longer transactions that read the dashboard's tables, write, and hold the lock a moment.
TUI_WRITER = """
import sys, time
from datetime import date
from pathlib import Path
from sqlalchemy import func, select
from tracker.db import open_session
from tracker.logs import add_log, minutes_by_day, recent_logs
from tracker.models import Learner, LogEntry

name, rows, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
with open_session() as session:
    learner_id = session.scalar(select(Learner.id))
print("ready", flush=True)
while not go.exists():
    time.sleep(0.005)
for i in range(rows):
    started = time.perf_counter()
    with open_session() as session:
        learner = session.get(Learner, learner_id)
        minutes_by_day(session, learner)
        recent_logs(session, learner)
        session.scalar(select(func.count(LogEntry.id)))
        entry = add_log(session, learner, 1, f"{name}-{i}", date(2026, 2, 1 + i % 20))
        time.sleep(0.005)
    print(entry.id, round((time.perf_counter() - started) * 1000, 1), flush=True)
"""


def _start(script: str, name: str, go: Path, url: str) -> subprocess.Popen[str]:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PROOFWORK_DB_URL": url, "PYTHONPATH": str(root)}
    return subprocess.Popen(
        [sys.executable, "-c", script, name, str(ROWS_EACH), str(go)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=root,
    )


@pytest.mark.slow
def test_concurrent_writers_never_see_a_locked_database(engine_url: str, tmp_path: Path):
    add_learner(engine_url, "ada")
    go = tmp_path / "go"
    scripts = [TUI_WRITER] + [CLI_WRITER] * (WRITERS - 1)
    workers = [_start(script, f"w{n}", go, engine_url) for n, script in enumerate(scripts)]
    for worker in workers:  # every process has imported and connected: the writes really overlap
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    go.touch()
    outputs = [worker.communicate(timeout=120) for worker in workers]
    elapsed = time.perf_counter() - started

    ids: list[int] = []
    latencies: list[float] = []
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert "locked" not in err.lower(), err
        assert worker.returncode == 0, err
        lines = [line.split() for line in out.splitlines()]
        assert len(lines) == ROWS_EACH
        ids += [int(row_id) for row_id, _ in lines]
        latencies += [float(ms) for _, ms in lines]

    with open_session(engine_url) as session:
        stored = set(session.scalars(select(LogEntry.id)))
        notes = set(session.scalars(select(LogEntry.note)))
        total = session.scalar(select(func.count(LogEntry.id)))
    assert total == WRITERS * ROWS_EACH
    assert set(ids) == stored, "a writer reported a commit that is not in the database"
    assert notes == {f"w{n}-{i}" for n in range(WRITERS) for i in range(ROWS_EACH)}
    latencies.sort()
    print(
        f"\n{engine_url.split(':')[0]}: {WRITERS} processes x {ROWS_EACH} commits = {total} rows in "
        f"{elapsed:.2f}s; commit latency median {latencies[len(latencies) // 2]:.1f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95)]:.1f} ms, max {latencies[-1]:.1f} ms"
    )
