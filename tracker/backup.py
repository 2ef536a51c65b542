"""A consistent copy of a SQLite record, taken while the app may be writing to it.

SQLite's online backup API copies a snapshot page by page under a read lock, so the copy is consistent
even with the TUI open; a plain file copy of a WAL database is not. The copy is written under a temporary
name, checked, and renamed into place: a crash never leaves a half backup under the real name.
A PostgreSQL record is backed up by the server's own tool: we print the exact `pg_dump` command.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from curriculum.errors import UserError
from tracker.db import BUSY_TIMEOUT_MS, default_db_path, is_sqlite, sqlite_path


@dataclass(frozen=True)
class Backup:
    path: Path
    size_bytes: int
    learners: int


def default_backup_name(now: datetime | None = None) -> str:
    return f"proofwork-{(now or datetime.now()).strftime('%Y%m%d-%H%M%S')}.db"


def pg_dump_command(url: str, target: str | None) -> str:
    """The pg_dump line for a PostgreSQL URL, without the password (pg_dump asks, or reads ~/.pgpass)."""
    from sqlalchemy.engine import URL, make_url

    given = make_url(url)
    parsed = URL.create(  # built afresh: URL.set() ignores password=None and would leak the password
        "postgresql", given.username, None, given.host, given.port, given.database, given.query
    )
    out = target or f"proofwork-{datetime.now():%Y%m%d}.dump"
    return f"pg_dump --format=custom --file={out} '{parsed.render_as_string(hide_password=False)}'"


def backup_sqlite(url: str, target: Path | None = None, *, force: bool = False) -> Backup:
    """Copy the record at `url` to `target` (a file, or a folder to put a dated file in)."""
    if not is_sqlite(url):
        raise UserError(
            "this record lives on PostgreSQL; back it up with the server's tool: "
            + pg_dump_command(url, str(target) if target else None)
        )
    source = sqlite_path(url)
    if source is None or not source.is_file():
        raise UserError(f"no database at {source or url} yet: nothing to back up")
    target = _target_path(target)
    if target.exists() and not force:
        raise UserError(f"{target} exists; choose another name or add --force to overwrite it")
    if target.resolve() == source.resolve():
        raise UserError("the backup cannot overwrite the database it copies")

    fd, temp_name = tempfile.mkstemp(prefix=".proofwork-backup-", suffix=".db", dir=target.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        _copy(source, temp)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    with sqlite3.connect(target) as copy:
        learners = copy.execute("SELECT count(*) FROM learners").fetchone()[0]
    copy.close()
    return Backup(target, target.stat().st_size, learners)


def _target_path(target: Path | None) -> Path:
    if target is None:
        folder = default_db_path().parent / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / default_backup_name()
    target = target.expanduser()
    if target.is_dir():
        return target / default_backup_name()
    if not target.parent.is_dir():
        raise UserError(f"cannot back up to {target}: folder {target.parent} does not exist")
    return target


def _copy(source: Path, temp: Path) -> None:
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    dst = sqlite3.connect(temp)
    try:
        src.backup(dst)
        # One self-contained file: no -wal or -shm beside it to forget when the backup is moved.
        dst.execute("PRAGMA journal_mode=DELETE")
        verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise RuntimeError(f"the backup copy failed its integrity check: {verdict}")
    except sqlite3.DatabaseError as error:
        raise UserError(f"cannot back up {source}: {error}") from None
    finally:
        dst.close()
        src.close()
