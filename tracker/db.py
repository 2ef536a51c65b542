"""Where the learner's record lives and how to open it.

SQLite in the platform's user data folder by default (WAL, foreign keys, a busy timeout so the TUI and a
command line can write at once); `--db` or `PROOFWORK_DB_URL` points at another file or at PostgreSQL
(`postgresql+psycopg://user:password@host:5432/proofwork`), where a cohort shares one database.
The schema is brought to the newest migration on open, so a learner never runs migrations by hand.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curriculum.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

ENV_URL = "PROOFWORK_DB_URL"
BUSY_TIMEOUT_MS = 15_000
PG_CONNECT_TIMEOUT_S = 10

# SQLite errors that come from the machine or a person (a locked, missing, read-only or full file),
# not from a bug in our SQL: these become one line; anything else keeps its traceback.
_SQLITE_ENVIRONMENT_ERRORS = (
    "database is locked",
    "unable to open database file",
    "attempt to write a readonly database",
    "disk i/o error",
    "database or disk is full",
    "file is not a database",
)

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


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


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def safe_url(url: str) -> str:
    """The URL with its password hidden, for messages."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable URL>"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL (None for PostgreSQL or an in-memory database)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own implicit transactions are turned off: SQLAlchemy's "begin" hook below issues
    # BEGIN IMMEDIATE, so two writers queue on the busy timeout instead of failing with
    # "database is locked" when a read transaction later tries to write (a deferred transaction that
    # read an old snapshot cannot be upgraded to a writer, and SQLite fails it without waiting).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: the next pragmas may wait on a lock
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # FULL, not NORMAL: in WAL mode NORMAL can lose the last commits on a power cut. A learner commits a
    # few times a day, so one fsync a commit costs nothing and a logged day is never lost.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_engine_for(url: str) -> Engine:
    """A new engine with the settings every proofwork database gets; not migrated, not cached."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        if is_sqlite(url):
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _on_sqlite_connect)
            event.listen(engine, "begin", _begin_immediate)
        else:
            engine = create_engine(url, pool_pre_ping=True, connect_args=_server_connect_args(url))
    except (ArgumentError, NoSuchModuleError) as error:
        raise UserError(f"cannot use database URL {safe_url(url)}: {error}") from None
    except ImportError as error:
        raise UserError(
            f"cannot use database URL {safe_url(url)}: its driver is not installed ({error.name}); "
            "for PostgreSQL install proofwork[postgres]"
        ) from None
    return engine


def _server_connect_args(url: str) -> dict[str, Any]:
    # libpq waits forever for a server that silently drops packets; a URL's own connect_timeout wins.
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_driver_name() in ("psycopg", "psycopg2") and "connect_timeout" not in parsed.query:
        return {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    return {}


def engine_for(url: str) -> Engine:
    """One engine per URL per process, migrated to head on first use."""
    with _engines_lock:
        engine = _engines.get(url)
        if engine is not None:
            return engine
        engine = create_engine_for(url)
        from tracker.migrate import upgrade_to_head

        try:
            upgrade_to_head(engine)
        except Exception as error:
            engine.dispose()
            raise as_user_error(error, url) or error from None
        _engines[url] = engine
        return engine


def dispose_engine(url: str) -> None:
    """Close the pooled connections of one URL (tests drop PostgreSQL schemas after this)."""
    with _engines_lock:
        engine = _engines.pop(url, None)
    if engine is not None:
        engine.dispose()


def as_user_error(error: BaseException, url: str) -> UserError | None:
    """The one-line message for a database failure a person caused, or None when it is a bug."""
    from sqlalchemy.exc import DataError, OperationalError

    if isinstance(error, DataError):
        return UserError(f"the database refused a value: {_first_line(error)}")
    if not isinstance(error, OperationalError):
        return None
    detail = _first_line(error)
    if is_sqlite(url):
        if not detail.lower().startswith(_SQLITE_ENVIRONMENT_ERRORS):
            return None
        return UserError(f"cannot use the database {safe_url(url)}: {detail}")
    # psycopg raises OperationalError only for the connection and the server's state (bugs in our
    # SQL are ProgrammingError): unreachable host, wrong password, missing database, server gone.
    return UserError(f"cannot reach the database {safe_url(url)}: {detail}")


def _first_line(error: Any) -> str:
    text = str(getattr(error, "orig", None) or error)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    detail = lines[0] if lines else type(error).__name__
    return detail.removeprefix("connection failed: ")


@contextmanager
def open_session(url: str | None = None) -> Iterator[Session]:
    """A session that commits when the block ends cleanly and rolls back (changing nothing) otherwise."""
    from sqlalchemy.orm import Session

    resolved = resolve_url(url)
    engine = engine_for(resolved)
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except Exception as error:
            session.rollback()
            friendly = as_user_error(error, resolved)
            if friendly is not None:
                raise friendly from None
            raise
        except BaseException:
            session.rollback()
            raise
