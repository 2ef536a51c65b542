"""SQLite waits its turn: reads never take the write lock, writes queue for it instead of failing.

Another connection holds the write lock (an open write transaction, as a busy app or a long import would).
A read command still answers; a write command waits for the lock and then succeeds; one that waits longer
than the budget is one line. The budget is shortened here so that waiting in the wrong place fails the test
instead of slowing it: no test measures time.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, text

import tracker.db
from tests.tracker.conftest import add_learner
from tracker.db import dispose_engine, engine_for, open_session
from tui.cli.app import run


def proofwork(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tracker.db, "BUSY_TIMEOUT_MS", 300)


@pytest.fixture
def record(db_path: Path) -> Iterator[Path]:
    add_learner(f"sqlite:///{db_path}", "ada")
    dispose_engine(f"sqlite:///{db_path}")  # each test opens it afresh, with its own busy timeout
    yield db_path
    dispose_engine(f"sqlite:///{db_path}")


@contextlib.contextmanager
def write_lock_held(path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's open write transaction, with a row it has not committed."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        "INSERT INTO log_entries (learner_id, day, minutes, note, created_at) "
        "VALUES (1, '2026-01-06', 5, 'other', '2026-01-06')"
    )
    try:
        yield other
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()


READS = [
    ["status", "--json"],
    ["today", "--json"],
    ["task", "list", "--json"],
    ["gaps"],
    ["profile", "show", "--json"],
    ["experience", "list", "--json"],
    ["logs", "--json"],
    ["roles", "--json"],
    ["roadmap", "--json"],
    ["export", "resume"],
]


@pytest.mark.parametrize("argv", READS, ids=[" ".join(argv[:2]) for argv in READS])
def test_reads_answer_while_another_process_writes(record, short_wait, capsys, argv):
    with write_lock_held(record):
        code, _, err = proofwork(capsys, *argv)
    assert "locked" not in err
    assert code in (0, 2) and (code == 0 or "assess" in err), err  # gaps without an assessment says so


def test_a_writer_waits_for_the_lock_then_writes(record, capsys):
    with write_lock_held(record) as other:
        release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
        release.start()
        code, _, err = proofwork(capsys, "log", "--minutes", "20", "mine")
        release.join()
    assert code == 0, err
    with open_session(f"sqlite:///{record}", read_only=True) as session:
        assert sorted(session.scalars(text("SELECT note FROM log_entries"))) == ["mine", "other"]


def test_a_writer_that_waits_past_the_budget_is_one_line(record, short_wait, capsys):
    with write_lock_held(record):
        code, out, err = proofwork(capsys, "log", "--minutes", "20", "mine")
    assert (code, out) == (2, "")
    assert err.strip().endswith("stayed locked by another proofwork process for 0.3 s; nothing was changed, try again")


def test_a_read_only_session_cannot_write(engine_url):
    add_learner(engine_url, "ada")
    with pytest.raises(Exception, match=r"readonly|read-only"), open_session(engine_url, read_only=True) as session:
        session.execute(text("UPDATE learners SET name = 'Eve'"))
    with open_session(engine_url) as session:
        assert session.scalar(text("SELECT name FROM learners")) == "Ada"


def test_writes_take_the_lock_only_after_the_curriculum_is_loaded(record, capsys):
    """`task done` checks the key against the plan (a second of parsing in a fresh process) before it writes."""
    import curriculum.catalog

    curriculum.catalog.clear_cache()
    engine = engine_for(f"sqlite:///{record}")
    loaded_at_lock: list[bool] = []

    def on_statement(_connection, _cursor, statement, *_args) -> None:
        if statement == "BEGIN IMMEDIATE":
            loaded_at_lock.append(curriculum.catalog._default_catalog is not None)

    event.listen(engine, "before_cursor_execute", on_statement)
    try:
        assert proofwork(capsys, "task", "done", "w01-pick-role-family")[0] == 0
    finally:
        event.remove(engine, "before_cursor_execute", on_statement)
    assert loaded_at_lock == [True]
