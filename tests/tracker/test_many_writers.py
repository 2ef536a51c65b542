"""24 real processes, 5 mixed writes each, all at once: every write succeeds and every row is there.

Each process runs the real command line (`log`, `task done`, `drill score`, `artifact add`, `story add`) on
one shared record, SQLite file or PostgreSQL. The processes are forked from this one after the modules and
the curriculum are loaded, so the test pays for one interpreter start, not 24: the race between writers is
what is tested, and it is the same race as between 24 terminals. Four processes share each task key, so the
task upsert races too.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.tracker.conftest import add_learner
from tracker.db import open_session
from tracker.models import Artifact, DrillAttempt, LogEntry, Story, TaskState

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


def _child(n: int, go: Path, report: Path) -> None:
    """Wait for the start signal, run the five commands, write one line per command, never return."""
    code = 1
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        errors = os.open(report.with_suffix(".err"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(devnull, 1)
        os.dup2(errors, 2)
        from tui.cli.app import run

        while not go.exists():
            time.sleep(0.002)
        lines = []
        for argv in _commands(n):
            started = time.perf_counter()
            result = run(argv)
            lines.append(f"{argv[0]} {result} {(time.perf_counter() - started) * 1000:.1f}\n")
        report.write_text("".join(lines))
        code = 0
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


def _warm_up() -> None:
    """Load in this process what every child would otherwise load on its own (they share it after fork)."""
    import grader.answers  # noqa: F401
    import tui.cli.commands  # noqa: F401
    from curriculum.catalog import load_catalog
    from curriculum.drills import load_bank

    load_catalog()
    load_bank()


@pytest.mark.slow
def test_24_processes_writing_at_once_all_succeed(record_url: str, tmp_path: Path):
    add_learner(record_url, "ada")
    _warm_up()
    go = tmp_path / "go"
    reports = [tmp_path / f"p{n}.txt" for n in range(PROCESSES)]
    children = []
    for n, report in enumerate(reports):
        pid = os.fork()
        if pid == 0:
            _child(n, go, report)
        children.append(pid)
    started = time.perf_counter()
    go.touch()
    try:
        codes = [os.waitpid(pid, 0)[1] for pid in children]
    except BaseException:
        for pid in children:
            os.kill(pid, signal.SIGKILL)
        raise
    elapsed = time.perf_counter() - started

    results = []
    for report in reports:
        errors = report.with_suffix(".err").read_text()
        assert report.exists(), errors
        for line in report.read_text().splitlines():
            command, code, ms = line.split()
            results.append((command, int(code), float(ms), errors))
    failed = [(command, code, errors) for command, code, _, errors in results if code != 0]
    assert codes == [0] * PROCESSES and not failed, failed[:3]
    assert len(results) == PROCESSES * 5

    with open_session(record_url) as session:
        logs = sorted(session.scalars(select(LogEntry.note)))
        tasks = dict(session.execute(select(TaskState.task_key, TaskState.status)).all())
        attempts = session.scalar(select(func.count(DrillAttempt.id)))
        artifacts = sorted(session.scalars(select(Artifact.title)))
        stories = sorted(session.scalars(select(Story.title)))
    expected = sorted(f"p{n}" for n in range(PROCESSES))
    assert logs == artifacts == stories == expected
    assert tasks == dict.fromkeys(TASK_KEYS, "done")
    assert attempts == PROCESSES

    latencies = sorted(ms for _, _, ms, _ in results)
    print(
        f"\n{record_url.split(':')[0]}: {PROCESSES} processes x 5 writes = {len(results)} commands, all exit 0, "
        f"in {elapsed:.1f} s; per command median {latencies[len(latencies) // 2]:.0f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95)]:.0f} ms, max {latencies[-1]:.0f} ms",
        file=sys.stderr,
    )
