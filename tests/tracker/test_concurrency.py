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

# A command line: the real `proofwork log` (click, the service, one transaction: read the day's total,
# then insert), run again and again in one process so 60 invocations don't pay 60 interpreter starts.
CLI_WRITER = """
import contextlib, io, sys, time
from pathlib import Path
from tui.cli.app import run

name, rows, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
with contextlib.redirect_stdout(io.StringIO()):
    assert run(["status", "--json"]) == 0  # import, migrate and connect before the race starts
print("ready", flush=True)
while not go.exists():
    time.sleep(0.005)
for i in range(rows):
    started = time.perf_counter()
    code = run(["log", "--minutes", "1", f"{name}-{i}", "--date", f"2026-01-{5 + i % 20:02d}"])
    if code != 0:
        sys.exit(code)
    print(f"{name}-{i}", round((time.perf_counter() - started) * 1000, 1), file=sys.stderr, flush=True)
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
    print(f"{name}-{i}", round((time.perf_counter() - started) * 1000, 1), file=sys.stderr, flush=True)
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
    add_learner(engine_url, "ada")  # the only learner: `proofwork log` needs no --learner
    go = tmp_path / "go"
    scripts = [TUI_WRITER] + [CLI_WRITER] * (WRITERS - 1)
    workers = [_start(script, f"w{n}", go, engine_url) for n, script in enumerate(scripts)]
    for worker in workers:  # every process has imported and connected: the writes really overlap
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    go.touch()
    outputs = [worker.communicate(timeout=120) for worker in workers]
    elapsed = time.perf_counter() - started

    reported: set[str] = set()
    latencies: list[float] = []
    for worker, (_, err) in zip(workers, outputs, strict=True):
        assert "locked" not in err.lower(), err
        assert worker.returncode == 0, err
        lines = [line.split() for line in err.splitlines()]
        assert len(lines) == ROWS_EACH, err
        reported |= {note for note, _ in lines}
        latencies += [float(ms) for _, ms in lines]

    with open_session(engine_url) as session:
        notes = set(session.scalars(select(LogEntry.note)))
        total = session.scalar(select(func.count(LogEntry.id)))
    assert total == WRITERS * ROWS_EACH
    assert reported == notes == {f"w{n}-{i}" for n in range(WRITERS) for i in range(ROWS_EACH)}
    latencies.sort()
    print(
        f"\n{engine_url.split(':')[0]}: {WRITERS} processes x {ROWS_EACH} commits = {total} rows in "
        f"{elapsed:.2f}s; commit latency median {latencies[len(latencies) // 2]:.1f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95)]:.1f} ms, max {latencies[-1]:.1f} ms"
    )
