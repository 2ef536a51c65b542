"""Measurement: many cold `proofwork` processes writing to one record at once (a reliability figure).

    uv run python bench/writers.py [--processes 24] [--db URL]

Each process is a fresh interpreter (nothing shared, nothing preloaded: it imports proofwork and loads the
curriculum as a real command does) running five mixed writes through the command line: `log`, `task done`
(four processes per task key), `drill score`, `artifact add`, `story add`. They start together. Without
--db the record is a new temporary SQLite file; a PostgreSQL URL must name an empty database.

Prints how many commands failed (the target is none), every row count against what was written, the
longest time one transaction waited for SQLite's write lock (against the 60 s budget) and the wall time.
tests/tracker/test_many_writers.py runs the same mix as a test, forked from one warm process to stay cheap.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = r"""
import contextlib, io, sys, time
from pathlib import Path

n, go = int(sys.argv[1]), Path(sys.argv[2])
keys = ["w01-pick-role-family", "w01-collect-job-descriptions", "w01-score-competencies", "w02-stack-note"]
answer = "Problem: slow answers. Metrics: p95 from 4 s to 1.2 s on 200 questions. Failure: stale index."
writes = [
    ["log", "--minutes", "1", f"p{n}", "--date", "2026-01-20"],
    ["task", "done", keys[n % 4]],
    ["drill", "score", "--theme", "rag-design", "--answer", answer, "--seconds", "60", "--json"],
    ["artifact", "add", "--week", "1", "--kind", "demo", "--title", f"p{n}", "--date", "2026-01-20"],
    ["story", "add", "--title", f"p{n}", "--theme", "rag-design"],
]
while not go.exists():
    time.sleep(0.005)
import tracker.db

waits = [0.0]
begin = tracker.db._begin_sqlite
def timed(connection):
    started = time.perf_counter()
    begin(connection)
    waits.append(time.perf_counter() - started)
tracker.db._begin_sqlite = timed
from tui.cli.app import run

failed = 0
for argv in writes[n % 5:] + writes[:n % 5]:
    with contextlib.redirect_stdout(io.StringIO()):
        failed += run(argv) != 0
print(failed, max(waits))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=24)
    parser.add_argument("--db", help="a database URL (default: a new temporary SQLite file)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import func, select

    from tests.tracker.conftest import add_learner
    from tracker.db import open_session
    from tracker.models import Artifact, DrillAttempt, LogEntry, Story, TaskState

    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'record.db'}"
        add_learner(url, "ada")
        go = Path(folder) / "go"
        env = {**os.environ, "PROOFWORK_DB_URL": url, "PYTHONPATH": str(ROOT)}
        children = [
            subprocess.Popen(
                [sys.executable, "-c", CHILD, str(n), str(go)], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
            )
            for n in range(args.processes)
        ]
        time.sleep(1)
        started = time.perf_counter()
        go.touch()
        results = [child.communicate()[0].split() for child in children]
        elapsed = time.perf_counter() - started
        with open_session(url, read_only=True) as session:
            counts = {
                model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (LogEntry, TaskState, DrillAttempt, Artifact, Story)
            }
    failed = sum(int(result[0]) if result else 5 for result in results)
    longest_wait = max((float(result[1]) for result in results if result), default=0.0)
    print(f"{args.processes} cold processes x 5 writes on {url.split(':')[0]}: {failed} failed, {elapsed:.1f} s")
    print(f"rows: {counts} (expected {args.processes} of each, 4 task states)")
    print(f"longest wait for SQLite's write lock: {longest_wait:.1f} s (budget 60 s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
