"""A SQLite record as a file: checking it before proofwork writes to it, and knowing who has it open.

Before the first write, a file is opened read-only and checked: whole (quick_check reads every page once,
about 2 ms for a three-year record) and proofwork's (its tables and schema version). A read-only connection
never writes the file, not even the checkpoint SQLite runs when a read-write connection closes, so a file
proofwork refuses (another application's, a damaged one) keeps every byte; the `-wal`/`-shm` files SQLite
makes beside a WAL database just by opening it are removed again after a refusal.

Every open connection to a WAL database, in any process, holds a shared lock on one byte of its `-shm` file
for as long as it is open; the operating system drops it when the process dies. `in_use` tests that lock.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from curriculum.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from tracker.migrate import StoredSchema

SIDECARS = ("-wal", "-shm")
_SHM_DEAD_MAN_BYTE = 128  # SQLite's unix VFS: UNIX_SHM_BASE (120) + SQLITE_SHM_NLOCK (8)


def damaged(label: str, detail: str) -> str:
    return (
        f"the database {label} is damaged ({detail}); nothing was changed. "
        "Put a backup back with `proofwork restore BACKUP-FILE`"
    )


def first_problem(verdict: list[str]) -> str:
    """SQLite's check lists problems over several lines; the message is one line."""
    lines = [line.strip() for row in verdict for line in str(row).splitlines()]
    problems = [line for line in lines if line and not line.startswith("***")]
    more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
    return (problems[0] if problems else "failed its integrity check") + more


def not_a_database(label: str) -> str:
    return f"{label} is not a proofwork record: it is not a SQLite database at all; nothing was changed"


def probe(path: Path, label: str, timeout_s: float) -> StoredSchema | None:
    """Tables and schema version of an existing file, read-only, after checking its pages; None if new."""
    from tracker.migrate import StoredSchema

    try:
        if path.stat().st_size == 0:
            return None  # a new file (or one made with `touch`): proofwork creates its tables in it
    except FileNotFoundError:
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout_s)
    except sqlite3.Error as error:
        raise UserError(f"cannot open the database {label}: {error}") from None
    try:
        verdict = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
        if verdict != ["ok"]:
            raise UserError(damaged(label, first_problem(verdict)))
        tables = frozenset(
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith("sqlite_")
        )
        revision = None
        if "alembic_version" in tables:
            found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = found[0] if found else None
    except sqlite3.DatabaseError as error:
        detail = str(error)
        if detail.startswith("file is not a database"):
            raise UserError(not_a_database(label)) from None
        if detail.startswith("database disk image is malformed"):
            raise UserError(damaged(label, detail)) from None
        raise
    finally:
        connection.close()
    return StoredSchema(tables, revision)


def sidecars_present(path: Path) -> set[str]:
    return {end for end in SIDECARS if Path(f"{path}{end}").exists()}


def remove_new_sidecars(path: Path, before: set[str]) -> None:
    """After a refusal: remove the empty `-wal` (and its `-shm`) that opening the file created, if nobody has
    it open. This process must hold no connection to the file (POSIX locks are per process)."""
    wal = Path(f"{path}-wal")
    if "-wal" in before or not wal.exists() or wal.stat().st_size != 0 or in_use(path):
        return
    wal.unlink(missing_ok=True)
    if "-shm" not in before:
        Path(f"{path}-shm").unlink(missing_ok=True)


def in_use(path: Path) -> bool:
    """Whether a living process has this WAL database open (the app, a command still running).

    This process must hold no connection to it: closing our descriptor would drop our own SQLite locks, and
    our own locks never conflict with themselves.
    """
    try:
        fd = os.open(f"{path}-shm", os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DEAD_MAN_BYTE)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, _SHM_DEAD_MAN_BYTE)
        return False
    finally:
        os.close(fd)


def use_wal(engine: Engine) -> None:
    """Readers and a writer at once: WAL. Stored in the file, so set once, on a record that is proofwork's
    (a restored backup comes in rollback-journal mode); outside any transaction, as SQLite requires."""
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver is not None
        if str(driver.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
            driver.execute("PRAGMA journal_mode=WAL")
    finally:
        raw.close()
