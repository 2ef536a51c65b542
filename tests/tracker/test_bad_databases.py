"""A database proofwork cannot use is one line, exit 2, and left exactly as it was.

Not a database, damaged (truncated, overwritten), written by a newer proofwork, holding tables without
proofwork's schema version, another application's SQLite file: a read and a write are both refused before
anything touches the file (byte for byte the same, no new files beside it).
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.tracker.conftest import add_learner
from tracker.db import dispose_engine
from tui.cli.app import run

READ = ["status", "--json"]
WRITE = ["log", "--minutes", "5", "should not be written"]


def proofwork(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder with the hash of its bytes."""
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())}


def sql(path: Path, *statements: str) -> None:
    """Run statements on the file and close it: nothing stays open to write the file later."""
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        for statement in statements:
            connection.execute(statement)


def proofwork_record(path: Path) -> None:
    """A real record with enough rows to span many pages, in one file (the last close removes the -wal)."""
    url = f"sqlite:///{path}"
    learner_id = add_learner(url, "ada")
    dispose_engine(url)
    rows = [
        f"INSERT INTO log_entries (learner_id, day, minutes, note, created_at) VALUES "
        f"({learner_id}, '2026-01-{1 + n % 28:02d}', 1, '{'x' * 300}', '2026-01-01 00:00:00')"
        for n in range(200)
    ]
    sql(path, *rows)
    assert not Path(f"{path}-wal").exists()


def not_a_database(path: Path) -> None:
    path.write_text("name,minutes\nada,45\n" * 400)


def truncated(path: Path) -> None:
    proofwork_record(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def overwritten(path: Path) -> None:
    proofwork_record(path)
    with open(path, "r+b") as handle:  # garbage over a few pages in the middle (a bad sector, a stray write)
        handle.seek(4096 * 6)
        handle.write(b"\xa5" * 4096 * 3)


def overwritten_header(path: Path) -> None:
    proofwork_record(path)
    with open(path, "r+b") as handle:
        handle.write(b"not sqlite at all")


def newer_schema(path: Path) -> None:
    proofwork_record(path)
    sql(path, "UPDATE alembic_version SET version_num = '0099'")


def tables_without_version(path: Path) -> None:
    proofwork_record(path)
    sql(path, "DROP TABLE alembic_version")


def another_application(path: Path) -> None:
    sql(path, "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)", "INSERT INTO users VALUES (1, 'a@b.org')")


def another_application_in_wal_mode(path: Path) -> None:
    another_application(path)
    sql(path, "PRAGMA journal_mode=WAL")


def another_alembic_application(path: Path) -> None:
    """Another application that numbers its migrations as proofwork does: the revision alone proves nothing."""
    another_application(path)
    sql(
        path,
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
        "INSERT INTO alembic_version VALUES ('0001')",
    )


BAD: dict[str, tuple[Callable[[Path], None], str]] = {
    "not a database": (not_a_database, "is not a proofwork record: it is not a SQLite database at all"),
    "truncated": (truncated, "is damaged (database disk image is malformed)"),
    "overwritten": (overwritten, "is damaged"),
    "overwritten header": (overwritten_header, "it is not a SQLite database at all"),
    "newer schema": (newer_schema, "was written by a newer proofwork (schema 0099; this one knows up to"),
    "tables without version": (tables_without_version, "is not a proofwork record (it holds tables"),
    "another application": (another_application, "is not a proofwork record (it holds tables users"),
    "another application, WAL": (another_application_in_wal_mode, "it holds tables users"),
    "another alembic application": (another_alembic_application, "is not a proofwork record (schema 0001, but"),
}


@pytest.mark.parametrize("kind", BAD)
@pytest.mark.parametrize("argv", [READ, WRITE], ids=["read", "write"])
def test_a_bad_database_is_one_line_exit_2_and_left_untouched(kind, argv, tmp_path, capsys):
    make, expected = BAD[kind]
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "other.db"
    make(path)
    before = fingerprint(folder)

    code, out, err = proofwork(capsys, "--db", str(path), *argv)

    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and expected in err, err
    assert "nothing was changed" in err
    assert fingerprint(folder) == before, "the file (and the folder) are byte for byte as they were"


def test_a_damaged_record_points_at_restore(tmp_path, capsys):
    path = tmp_path / "record.db"
    truncated(path)
    _, _, err = proofwork(capsys, "--db", str(path), *READ)
    assert "proofwork restore" in err


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("UPDATE alembic_version SET version_num = '0099'", "was written by a newer proofwork (schema 0099"),
        ("DROP TABLE alembic_version", "is not a proofwork record (it holds tables"),
    ],
    ids=["newer schema", "tables without version"],
)
def test_a_server_database_that_is_not_ours_is_refused_and_untouched(pg_url, capsys, change, expected):
    add_learner(pg_url, "ada")
    dispose_engine(pg_url)
    engine = create_engine(pg_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(change))
        with engine.connect() as connection:
            before = connection.execute(text("SELECT count(*) FROM log_entries")).scalar()
        for argv in (READ, WRITE):
            code, out, err = proofwork(capsys, "--db", pg_url, *argv)
            assert (code, out) == (2, "")
            assert len(err.strip().splitlines()) == 1 and expected in err, err
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM log_entries")).scalar() == before
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_server_database_of_another_application_is_refused_but_shared_tables_are_fine(new_pg_url, capsys):
    """proofwork never creates its tables among another application's; beside its own record, others may live."""
    init = ["init", "--name", "Ada", "--target-role", "AI Engineer", "--start", "2026-01-05"]
    theirs, ours = new_pg_url(), new_pg_url()
    engine = create_engine(theirs)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE wiki_pages (id serial PRIMARY KEY)"))
    code, out, err = proofwork(capsys, "--db", theirs, *init)
    assert (code, out) == (2, "")
    assert "it holds tables wiki_pages" in err and "a database (or a schema) of its own" in err
    with engine.connect() as connection:
        assert connection.execute(text("SELECT to_regclass('learners')")).scalar() is None
    engine.dispose()

    assert proofwork(capsys, "--db", ours, *init)[0] == 0
    engine = create_engine(ours)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE wiki_pages (id serial PRIMARY KEY)"))
    engine.dispose()
    dispose_engine(ours)
    code, _, err = proofwork(capsys, "--db", ours, *WRITE)
    assert code == 0, err


def test_a_new_or_empty_file_becomes_a_record(tmp_path, capsys):
    empty = tmp_path / "empty.db"
    empty.touch()
    for path in (empty, tmp_path / "new.db"):
        init = ["--db", str(path), "init", "--name", "Ada", "--target-role", "AI Engineer", "--start", "2026-01-05"]
        code, _, err = proofwork(capsys, *init)
        assert code == 0, err
        with contextlib.closing(sqlite3.connect(path)) as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        dispose_engine(f"sqlite:///{path}")
