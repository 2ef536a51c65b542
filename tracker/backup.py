"""A consistent copy of a SQLite record, taken while the app may be writing to it, and putting one back.

Backup: SQLite's online backup API copies a snapshot page by page under a read lock, so the copy is consistent
even with the TUI open; a plain file copy of a WAL database is not. The copy is written under a temporary
name, checked, and renamed into place (curriculum.files): a crash never leaves a half backup under the real
name, and the temporary file a killed backup leaves is removed by the next one.

Restore: a file copied over the record by hand meets the old record's `-wal` file, and SQLite replays that
log into the wrong database (the corruption the README's old advice caused). `restore` checks the backup,
moves the live database aside together with its `-wal` and `-shm` (kept, and openable as they were), installs
a checked copy, and opens it as proofwork would.

A PostgreSQL record is backed up and restored by the server's own tools: we print the exact command.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from curriculum.errors import UserError
from curriculum.files import replacing
from tracker.db import BUSY_TIMEOUT_MS, default_db_path, dispose_engine, is_sqlite, sqlite_path
from tracker.sqlite_file import SIDECARS, first_problem, in_use


@dataclass(frozen=True)
class Backup:
    path: Path
    size_bytes: int
    learners: int


@dataclass(frozen=True)
class Restored:
    path: Path
    source: Path
    learners: int
    kept: list[Path]  # the database it replaced, with its -wal and -shm, under their new names


def default_backup_name(now: datetime | None = None) -> str:
    return f"proofwork-{(now or datetime.now()).strftime('%Y%m%d-%H%M%S')}.db"


def _server_url(url: str) -> str:
    from sqlalchemy.engine import URL, make_url

    given = make_url(url)
    parsed = URL.create(  # built afresh: URL.set() ignores password=None and would leak the password
        "postgresql", given.username, None, given.host, given.port, given.database, given.query
    )
    return parsed.render_as_string(hide_password=False)


def pg_dump_command(url: str, target: str | None) -> str:
    """The pg_dump line for a PostgreSQL URL, without the password (pg_dump asks, or reads ~/.pgpass)."""
    out = target or f"proofwork-{datetime.now():%Y%m%d}.dump"
    return f"pg_dump --format=custom --file={out} '{_server_url(url)}'"


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
    if target.exists() and target.resolve() == source.resolve():
        raise UserError("the backup cannot overwrite the database it copies")
    with replacing(target, "backup") as temporary:
        _copy(source, temporary, "back up")
    with contextlib.closing(sqlite3.connect(target)) as copy:
        learners = copy.execute("SELECT count(*) FROM learners").fetchone()[0]
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


def _copy(source: Path, temp: Path, doing: str) -> None:
    """Page by page through SQLite's backup API into `temp`, one self-contained file, checked whole."""
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise UserError(f"cannot {doing} {source}: {error}") from None
    dst = sqlite3.connect(temp)
    try:
        src.backup(dst)
        # One self-contained file: no -wal or -shm beside it to forget when the backup is moved.
        dst.execute("PRAGMA journal_mode=DELETE")
        verdict = [row[0] for row in dst.execute("PRAGMA integrity_check(3)")]
        if verdict != ["ok"]:
            raise UserError(
                f"cannot {doing} {source}: the copy fails SQLite's integrity check ({first_problem(verdict)})"
            )
    except sqlite3.DatabaseError as error:
        raise UserError(f"cannot {doing} {source}: {error}") from None
    finally:
        dst.close()
        src.close()


def restore_sqlite(url: str, backup: Path) -> Restored:
    """Put `backup` in the place of the record at `url`; the replaced files are kept beside it."""
    if not is_sqlite(url):
        raise UserError(
            "this record lives on PostgreSQL; restore a pg_dump file with the server's tool: "
            f"pg_restore --clean --if-exists --dbname='{_server_url(url)}' {backup}"
        )
    live = sqlite_path(url)
    assert live is not None
    backup = backup.expanduser()
    if not backup.is_file():
        raise UserError(f"no backup file {backup}")
    if live.exists() and backup.resolve() == live.resolve():
        raise UserError(f"{backup} is the record itself; give a backup file")
    learners = check_backup(backup)
    dispose_engine(url)  # this process's own connections: nothing of ours writes to the old file afterwards
    _refuse_if_open(live)
    aside = _aside_name(live)
    moved: list[tuple[Path, Path]] = []
    try:
        with replacing(live, "the record") as temporary:
            _copy(backup, temporary, "restore")
            for end in ("", *SIDECARS):
                here, there = Path(f"{live}{end}"), Path(f"{aside}{end}")
                if here.exists():
                    os.rename(here, there)
                    moved.append((here, there))
    except BaseException:
        for here, there in reversed(moved):  # put the live record back as it was
            os.rename(there, here)
        raise
    _verify(url)
    return Restored(live, backup, learners, [there for _, there in moved])


def check_backup(backup: Path) -> int:
    """The number of learners in a backup that is whole and is a proofwork record; UserError otherwise."""
    from tracker.migrate import StoredSchema, refusal

    try:
        with contextlib.closing(sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)) as copy:
            verdict = [row[0] for row in copy.execute("PRAGMA integrity_check(3)")]
            if verdict != ["ok"]:
                raise UserError(f"{backup} is damaged ({first_problem(verdict)}); choose another backup")
            tables = frozenset(row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
            revision = None
            if "alembic_version" in tables:
                revision = copy.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            reason = refusal(StoredSchema(tables, revision), str(backup), foreign_tables_allowed=False)
            if reason is None and revision is None:
                reason = f"{backup} is an empty database, not a proofwork backup"
            if reason is not None:
                raise UserError(reason.replace("point --db at your record or at a new file", "choose another backup"))
            return int(copy.execute("SELECT count(*) FROM learners").fetchone()[0])
    except sqlite3.DatabaseError as error:
        if str(error).startswith("database disk image is malformed"):
            raise UserError(f"{backup} is damaged ({error}); choose another backup") from None
        raise UserError(f"{backup} is not a proofwork backup: {error}") from None


def _refuse_if_open(live: Path) -> None:
    """Refuse while another process has the record open: it would go on writing to the file moved aside."""
    if in_use(live):
        raise UserError(
            f"{live} is open in another proofwork process (the app, or a command still running); close it, then restore"
        )


def _aside_name(live: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = live.with_name(f"{live.name}.before-restore-{stamp}")
    n = 1
    while any(Path(f"{candidate}{end}").exists() for end in ("", *SIDECARS)):
        n += 1
        candidate = live.with_name(f"{live.name}.before-restore-{stamp}-{n}")
    return candidate


def _verify(url: str) -> None:
    """Open the installed record as every command will (checked, migrated, WAL), and check it whole."""
    from sqlalchemy import text

    from tracker.db import open_session

    with open_session(url, read_only=True) as session:
        verdict = list(session.scalars(text("PRAGMA integrity_check(3)")))
    if verdict != ["ok"]:
        raise UserError(f"the restored record fails SQLite's integrity check ({first_problem(verdict)})")
