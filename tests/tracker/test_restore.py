"""`proofwork restore FILE`: a backup back in place, even after a writer was killed mid-write.

The case that corrupted records: a writer killed with SIGKILL leaves a `-wal` file holding its committed
transactions; a backup copied over the database by hand then meets that log, SQLite replays it into the
wrong file, and the record is damaged. `restore` moves the database and its `-wal`/`-shm` aside together
(they stay a consistent, openable database), installs a checked copy, and opens it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tracker.conftest import populate_record
from tracker.db import dispose_engine
from tui.cli.app import run

WRITER = """
import sys
from datetime import date
from sqlalchemy import select
from tracker.db import open_session
from tracker.models import Learner, LogEntry

with open_session() as session:
    learner_id = session.scalar(select(Learner.id).where(Learner.handle == "ada"))
for n in range(100_000):
    with open_session() as session:
        session.add(LogEntry(learner_id=learner_id, day=date(2026, 3, 1 + n % 28), minutes=1, note=f"after-{n}"))
    print(n, flush=True)
"""


# The app, idle but open: a connection that has read the record and waits.
HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("SELECT 1 FROM learners").fetchall()
print("open", flush=True)
sys.stdin.read()
"""


def proofwork(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def integrity(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def notes(path: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return {row[0] for row in connection.execute("SELECT note FROM log_entries")}


def kill_a_writer(url: str, after: int) -> int:
    """Start a process writing one commit after another; SIGKILL it mid-stream. Returns commits it reported."""
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PROOFWORK_DB_URL": url, "PYTHONPATH": str(root)},
        cwd=root,
    )
    assert child.stdout is not None
    done = 0
    for _ in child.stdout:
        done += 1
        if done >= after:
            break
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate(timeout=30)
    return done + len(rest.split())


@pytest.fixture
def record(db_path: Path) -> Path:
    populate_record(f"sqlite:///{db_path}", "ada")
    return db_path


@pytest.mark.slow
def test_restore_after_a_killed_writer_gives_a_whole_record_and_keeps_the_old_one(record, tmp_path, capsys):
    backup = tmp_path / "backup.db"
    assert proofwork(capsys, "backup", str(backup))[0] == 0
    backed_up = notes(backup)
    dispose_engine(f"sqlite:///{record}")
    committed = kill_a_writer(f"sqlite:///{record}", after=30)
    assert Path(f"{record}-wal").exists(), "the killed writer left its log behind"

    code, out, err = proofwork(capsys, "restore", str(backup))

    assert code == 0, err
    assert f"Restored 1 learner record(s) from {backup} to {record}." in out
    kept = [Path(name) for name in out.split("is kept as ", 1)[1].rstrip(".\n").split(", ")]
    assert kept[0].name.startswith("record.db.before-restore-") and Path(f"{kept[0]}-wal") in kept
    assert integrity(record) == "ok"
    assert notes(record) == backed_up
    assert not Path(f"{record}-wal").exists() or Path(f"{record}-wal").stat().st_size == 0
    # The record moved aside is whole too, with every commit the killed writer reported: nothing was lost.
    assert integrity(kept[0]) == "ok"
    assert {f"after-{n}" for n in range(committed)} <= notes(kept[0])
    # And proofwork goes on using the restored record.
    assert proofwork(capsys, "log", "--minutes", "5", "after restore")[0] == 0
    assert "after restore" in notes(record)


def test_a_copy_by_hand_is_what_restore_prevents(record, tmp_path, capsys):
    """The README's old advice: a backup copied over a database whose -wal was left behind gets that log
    replayed into it. proofwork then refuses the damaged file instead of writing into it."""
    backup = tmp_path / "backup.db"
    assert proofwork(capsys, "backup", str(backup))[0] == 0
    dispose_engine(f"sqlite:///{record}")
    insert = (
        "INSERT INTO log_entries (learner_id, day, minutes, note, created_at) "
        "VALUES (1, '2026-03-01', 1, ?, '2026-03-01')"
    )
    with contextlib.closing(sqlite3.connect(record, isolation_level=None)) as writer:
        writer.executemany(insert, [(f"a{n}" * 100,) for n in range(300)])
        writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the database grows past the backup
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.executemany(insert, [(f"b{n}" * 100,) for n in range(300)])  # then a log the kill leaves behind
        left_behind = Path(f"{record}-wal").read_bytes()
    Path(f"{record}-wal").write_bytes(left_behind)
    record.write_bytes(backup.read_bytes())  # the copy by hand
    before = record.read_bytes()
    code, out, err = proofwork(capsys, "log", "--minutes", "5")
    assert (code, out) == (2, "")
    assert "is damaged" in err and "proofwork restore" in err
    assert record.read_bytes() == before


def test_restore_refuses_what_is_not_a_good_backup(record, tmp_path, capsys):
    before = record.read_bytes()
    garbage = tmp_path / "garbage.db"
    garbage.write_text("not a database " * 100)
    foreign = tmp_path / "foreign.db"
    with contextlib.closing(sqlite3.connect(foreign)) as connection:
        connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)")
    truncated = tmp_path / "truncated.db"
    assert proofwork(capsys, "backup", str(tmp_path / "whole.db"))[0] == 0
    truncated.write_bytes((tmp_path / "whole.db").read_bytes()[:20_000])
    cases = {
        tmp_path / "missing.db": "no backup file",
        garbage: "is not a proofwork backup",
        foreign: "is not a proofwork record (it holds tables users",
        truncated: "is damaged",
        record: "is the record itself",
    }
    for backup, expected in cases.items():
        code, out, err = proofwork(capsys, "restore", str(backup))
        assert (code, out) == (2, ""), backup
        assert len(err.strip().splitlines()) == 1 and expected in err, err
    assert record.read_bytes() == before
    assert sorted(p.name for p in record.parent.iterdir() if "before-restore" in p.name) == []


def test_restore_refuses_while_another_process_has_the_record_open(record, tmp_path, capsys):
    backup = tmp_path / "backup.db"
    assert proofwork(capsys, "backup", str(backup))[0] == 0
    root = Path(__file__).resolve().parents[2]
    holder = subprocess.Popen(  # the app, idle but open
        [sys.executable, "-c", HOLDER, str(record)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        code, out, err = proofwork(capsys, "restore", str(backup))
        assert (code, out) == (2, "")
        assert "is open in another proofwork process" in err
    finally:
        holder.communicate("", timeout=30)
    assert proofwork(capsys, "restore", str(backup))[0] == 0


def test_an_older_backup_is_upgraded_when_restored(record, tmp_path, capsys):
    from tests.tracker.test_migrations import build_at
    from tracker.db import create_engine_for
    from tracker.migrate import HEAD, revisions

    old = tmp_path / "old.db"
    engine = create_engine_for(f"sqlite:///{old}")
    build_at(engine, revisions()[0])
    engine.dispose()
    code, _, err = proofwork(capsys, "restore", str(old))
    assert code == 0, err
    with contextlib.closing(sqlite3.connect(record)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_on_postgresql_restore_prints_the_pg_restore_command(capsys):
    url = "postgresql+psycopg://mentor:s3cret@db.example.org:5433/cohort"
    code, out, err = proofwork(capsys, "--db", url, "restore", "cohort.dump")
    assert (code, out) == (2, "")
    assert "pg_restore --clean --if-exists --dbname='postgresql://mentor@db.example.org:5433/cohort' cohort.dump" in err
    assert "s3cret" not in err
