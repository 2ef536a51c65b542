"""`proofwork backup`: a consistent, self-contained copy of the SQLite record, or the pg_dump line."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.tracker.conftest import populate_record
from tracker.db import dispose_engine, open_session
from tracker.models import Learner, LogEntry
from tracker.transfer import dump
from tui.cli.app import run


def proofwork(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def record(url: str) -> dict[str, object]:
    with open_session(url) as session:
        payload = dump(session.connection())
    del payload["exported_at"]
    return payload


@pytest.fixture
def source(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'record.db'}"
    populate_record(url, "ada")
    populate_record(url, "bob")
    yield url
    dispose_engine(url)


def test_the_backup_holds_the_same_record_in_one_file(source, tmp_path, capsys):
    target = tmp_path / "copy.db"
    code, out, err = proofwork(capsys, "--db", source, "backup", str(target))
    assert code == 0, err
    assert out.startswith(f"Backed up 2 learner record(s) to {target}")
    assert not Path(f"{target}-wal").exists()
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy_url = f"sqlite:///{target}"
    assert record(copy_url) == record(source)
    dispose_engine(copy_url)


def test_a_backup_taken_during_writes_is_consistent(source, tmp_path, capsys):
    stop = threading.Event()
    written = []

    def keep_writing() -> None:
        with open_session(source) as session:
            learner_id = session.scalar(select(Learner.id).where(Learner.handle == "ada"))
        while not stop.is_set():
            with open_session(source) as session:
                session.add(LogEntry(learner_id=learner_id, day=date(2026, 2, 1), minutes=1, note="during"))
            written.append(1)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while len(written) < 20:
            stop.wait(0.01)
        codes = [proofwork(capsys, "--db", source, "backup", str(tmp_path / f"b{n}.db"))[0] for n in range(3)]
    finally:
        stop.set()
        writer.join()
    assert codes == [0, 0, 0]
    counts = []
    for n in range(3):
        with sqlite3.connect(tmp_path / f"b{n}.db") as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            counts.append(copy.execute("SELECT count(*) FROM log_entries WHERE note = 'during'").fetchone()[0])
    assert counts == sorted(counts) and counts[0] >= 20


def test_a_folder_gets_a_dated_file_and_the_default_goes_to_the_data_folder(source, tmp_path, capsys):
    folder = tmp_path / "backups"
    folder.mkdir()
    assert proofwork(capsys, "--db", source, "backup", str(folder))[0] == 0
    assert [p.name.startswith("proofwork-") and p.suffix == ".db" for p in folder.iterdir()] == [True]
    assert proofwork(capsys, "--db", source, "backup")[0] == 0
    from tracker.db import default_db_path

    assert len(list((default_db_path().parent / "backups").glob("proofwork-*.db"))) == 1


def test_mistakes_are_one_line_exit_2_and_write_nothing(source, tmp_path, capsys):
    code, out, err = proofwork(capsys, "--db", source, "backup", str(tmp_path / "nowhere" / "x.db"))
    assert (code, out) == (2, "")
    nowhere = tmp_path / "nowhere"
    expected = f"proofwork: cannot back up to {nowhere / 'x.db'}: folder {nowhere} does not exist"
    assert err.strip() == expected
    assert not (tmp_path / "nowhere").exists()

    target = tmp_path / "taken.db"
    target.write_text("precious")
    code, _, err = proofwork(capsys, "--db", source, "backup", str(target))
    assert code == 2 and "exists" in err and "--force" in err
    assert target.read_text() == "precious"
    assert proofwork(capsys, "--db", source, "backup", "--force", str(target))[0] == 0
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM learners").fetchone()[0] == 2

    code, _, err = proofwork(capsys, "--db", str(tmp_path / "none.db"), "backup", str(tmp_path / "n.db"))
    assert code == 2 and "nothing to back up" in err
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "n.db").exists()
    assert not list(tmp_path.glob(".proofwork-tmp-*")), "no temporary file is left behind"


def test_on_postgresql_it_prints_the_pg_dump_command_and_exits_2(capsys):
    url = "postgresql+psycopg://mentor:s3cret@db.example.org:5433/cohort"
    code, out, err = proofwork(capsys, "--db", url, "backup", "cohort.dump")
    assert (code, out) == (2, "")
    assert err.strip() == (
        "proofwork: this record lives on PostgreSQL; back it up with the server's tool: "
        "pg_dump --format=custom --file=cohort.dump 'postgresql://mentor@db.example.org:5433/cohort'"
    )
    assert "s3cret" not in err


KILLED_BACKUP = """
import sys, time
import tracker.backup

def stuck(source, temporary, doing):
    temporary.write_bytes(b"x" * 1_000_000)  # half a copy, as a big record takes a while
    print("copying", flush=True)
    time.sleep(600)

tracker.backup._copy = stuck
tracker.backup.backup_sqlite(sys.argv[1], tracker.backup.Path(sys.argv[2]))
"""


def test_a_killed_backup_leaves_a_temporary_file_the_next_backup_removes(source, tmp_path, capsys):
    folder = tmp_path / "backups"
    folder.mkdir()
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_BACKUP, source, str(folder / "killed.db")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "copying"
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    left = [p for p in folder.iterdir() if p.name.startswith(".proofwork-tmp-")]
    assert len(left) == 1 and left[0].stat().st_size == 1_000_000
    old = time.time() - 60
    os.utime(left[0], (old, old))  # older than a writer needs between creating a file and locking it

    assert proofwork(capsys, "--db", source, "backup", str(folder / "next.db"))[0] == 0
    assert sorted(p.name for p in folder.iterdir()) == ["next.db"]


def test_ctrl_c_during_a_backup_leaves_nothing(source, tmp_path, capsys, monkeypatch):
    import tracker.backup

    def interrupted(source_path: Path, temporary: Path, doing: str) -> None:
        temporary.write_bytes(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(tracker.backup, "_copy", interrupted)
    assert proofwork(capsys, "--db", source, "backup", str(tmp_path / "b.db"))[0] == 1
    assert sorted(p.name for p in tmp_path.iterdir() if "b.db" in p.name or p.name.startswith(".proofwork")) == []
