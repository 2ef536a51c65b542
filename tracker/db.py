"""Where the learner's record lives and how to open it.

SQLite in the platform's user data folder by default (WAL, foreign keys, a busy timeout so the TUI and a
command line can write at once); `--db` or `PROOFWORK_DB_URL` points at another file or at PostgreSQL.
The schema is brought to the newest migration on open, so a learner never runs migrations by hand.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curriculum.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

ENV_URL = "PROOFWORK_DB_URL"
BUSY_TIMEOUT_MS = 15_000


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("proofwork", appauthor=False)) / "proofwork.db"


def resolve_url(given: str | None = None) -> str:
    """`--db` (a path or a URL) wins over PROOFWORK_DB_URL, which wins over the default file."""
    raw = given or os.environ.get(ENV_URL) or ""
    if not raw:
        path = default_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" in raw:
        return raw
    path = Path(raw).expanduser()
    if path.is_dir():
        raise UserError(f"--db {raw} is a folder; give a database file path or a URL")
    if not path.parent.exists():
        raise UserError(f"--db {raw}: folder {path.parent} does not exist")
    return f"sqlite:///{path.resolve()}"


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own implicit transactions are turned off: SQLAlchemy's "begin" hook below issues
    # BEGIN IMMEDIATE, so two writers queue on the busy timeout instead of failing with
    # "database is locked" when a read transaction later tries to write.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@cache
def engine_for(url: str) -> Engine:
    """One engine per URL per process, migrated to head on first use."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _on_sqlite_connect)
            event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError) as error:
        raise UserError(f"cannot use database URL {url!r}: {error}") from None
    from tracker.migrate import upgrade_to_head

    upgrade_to_head(engine)
    return engine


@contextmanager
def open_session(url: str | None = None) -> Iterator[Session]:
    """A session that commits when the block ends cleanly and rolls back (changing nothing) otherwise."""
    from sqlalchemy.orm import Session

    engine = engine_for(resolve_url(url))
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
