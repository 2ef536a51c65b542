"""A process killed with SIGKILL in the middle of a bulk write leaves the record consistent and whole.

The child writes batches (log entries, an artifact and its metrics) one transaction each, and prints a
batch's number only after its commit returned. The parent kills it mid-stream, three times, then checks:
the file passes SQLite's integrity and foreign-key checks, every batch the child reported is there, and
no batch is half there (a transaction is all or nothing).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.tracker.conftest import add_learner
from tracker.db import open_session
from tracker.models import Artifact, ArtifactMetric, LogEntry

LOGS_PER_BATCH = 20
METRICS_PER_BATCH = 3

CHILD = """
import sys
from datetime import date
from tracker.db import open_session
from tracker.models import Artifact, ArtifactMetric, Learner, LogEntry
from sqlalchemy import select

round_no = int(sys.argv[1])
with open_session() as session:
    learner_id = session.scalar(select(Learner.id))
print("ready", flush=True)
for batch in range(100_000):
    tag = f"r{round_no}-b{batch}"
    with open_session() as session:
        session.add_all(
            LogEntry(learner_id=learner_id, day=date(2026, 1, 1 + n % 28), minutes=1, note=tag)
            for n in range(LOGS)
        )
        artifact = Artifact(
            learner_id=learner_id, week=1, kind="demo", title=tag, shipped_on=date(2026, 1, 9)
        )
        artifact.metrics = [ArtifactMetric(name=f"m{n}", result=n) for n in range(METRICS)]
        session.add(artifact)
    print(tag, flush=True)
""".replace("LOGS", str(LOGS_PER_BATCH)).replace("METRICS", str(METRICS_PER_BATCH))


def _run_and_kill(url: str, round_no: int, after_batches: int) -> set[str]:
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(round_no)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PROOFWORK_DB_URL": url, "PYTHONPATH": str(root)},
        cwd=root,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    committed = set()
    for line in child.stdout:
        committed.add(line.strip())
        if len(committed) >= after_batches:
            break
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate(timeout=30)
    committed |= {line.strip() for line in rest.splitlines() if line.strip()}
    assert child.returncode == -signal.SIGKILL
    return committed


@pytest.mark.slow
def test_sigkill_mid_write_keeps_every_committed_batch_and_no_partial_one(engine_url: str):
    add_learner(engine_url, "ada")
    reported: set[str] = set()
    for round_no, after in enumerate((15, 40, 7)):
        reported |= _run_and_kill(engine_url, round_no, after)

    with open_session(engine_url) as session:
        if engine_url.startswith("sqlite"):
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
        logs = dict(session.execute(select(LogEntry.note, func.count()).group_by(LogEntry.note)).all())
        artifacts = dict(
            session.execute(
                select(Artifact.title, func.count(ArtifactMetric.id))
                .join(ArtifactMetric, ArtifactMetric.artifact_id == Artifact.id)
                .group_by(Artifact.title)
            ).all()
        )
        orphans = session.scalar(
            select(func.count(ArtifactMetric.id)).where(ArtifactMetric.artifact_id.not_in(select(Artifact.id)))
        )

    missing = reported - set(logs)
    assert not missing, f"committed batches lost after SIGKILL: {sorted(missing)[:5]}"
    assert set(logs) == set(artifacts), "a batch has its log entries without its artifact, or the reverse"
    partial = {tag for tag, n in logs.items() if n != LOGS_PER_BATCH}
    partial |= {tag for tag, n in artifacts.items() if n != METRICS_PER_BATCH}
    assert not partial, f"half-written batches: {sorted(partial)}"
    assert orphans == 0
    assert len(logs) >= len(reported) >= 15 + 40 + 7
