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
# How long a SQLite writer waits for another process's write to finish before giving up (SQLite's busy
# handler retries with backoff until then). Generous: 24 processes writing at once on a slow, shared laptop
# must all get their turn; a process that really hangs still ends in one line, not a frozen terminal.
BUSY_TIMEOUT_MS = 60_000
PG_CONNECT_TIMEOUT_S = 10
# The execution option that marks a read-only session (see open_session, _begin_sqlite, _begin_server).
READ_ONLY = "proofwork_read_only"

# SQLite errors that come from the machine or a person (a locked, missing, read-only or full file),
# not from a bug in our SQL: these become one line; anything else keeps its traceback.
_SQLITE_ENVIRONMENT_ERRORS = (
    "database is locked",
    "unable to open database file",
    "attempt to write a readonly database",
    "disk i/o error",
    "database or disk is full",
)
# A file that is not a SQLite database, or one whose pages are damaged (truncated, overwritten).
_SQLITE_DAMAGE = ("file is not a database", "database disk image is malformed")

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


def describe(url: str) -> str:
    """The record as a person knows it: a SQLite file's path, or the server URL without its password."""
    path = sqlite_path(url) if is_sqlite(url) else None
    return str(path) if path is not None else safe_url(url)


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL (None for PostgreSQL or an in-memory database)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own implicit transactions are turned off: the "begin" hook below says how each one starts.
    # Nothing here changes the file: the database is checked to be proofwork's before WAL mode is set on it
    # (journal_mode is stored in the file), so a read pointed at another application's file leaves it as it was.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: the next pragmas may wait on a lock
    cursor.execute("PRAGMA foreign_keys=ON")
    # FULL, not NORMAL: in WAL mode NORMAL can lose the last commits on a power cut. A learner commits a
    # few times a day, so one fsync a commit costs nothing and a logged day is never lost.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _begin_sqlite(connection: Any) -> None:
    """Reads never take the write lock; writes take it first, so they queue instead of failing.

    A write transaction starts with BEGIN IMMEDIATE: it waits (busy timeout) for the one write lock before
    reading anything. A deferred transaction that read an old snapshot cannot become a writer, and SQLite
    fails it at once with "database is locked" instead of waiting. A read-only session starts a deferred
    transaction, which in WAL mode never waits for writers, and sets query_only, so a service that writes
    inside a read-only session fails loudly in the tests instead of racing in the field.
    """
    read_only = bool(connection.get_execution_options().get(READ_ONLY))
    info = connection.connection.info
    if info.get("query_only", False) != read_only:
        connection.exec_driver_sql(f"PRAGMA query_only={int(read_only)}")
        info["query_only"] = read_only
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _begin_server(connection: Any) -> None:
    # PostgreSQL readers never block writers (MVCC); READ ONLY makes a stray write in a read session an error.
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("SET TRANSACTION READ ONLY")


def create_engine_for(url: str) -> Engine:
    """A new engine with the settings every proofwork database gets; not checked, not migrated, not cached."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        if is_sqlite(url):
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _on_sqlite_connect)
            event.listen(engine, "begin", _begin_sqlite)
        else:
            engine = create_engine(url, pool_pre_ping=True, connect_args=_server_connect_args(url))
            event.listen(engine, "begin", _begin_server)
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
    """One engine per URL per process, checked to be a proofwork record and migrated to head on first use.

    A database proofwork did not create (another application's tables, a newer proofwork's schema, a file
    that is not a database or is damaged) is refused with one line before anything is written to it.
    """
    with _engines_lock:
        engine = _engines.get(url)
        if engine is not None:
            return engine
        engine = create_engine_for(url)
        from tracker import sqlite_file
        from tracker.migrate import upgrade_to_head

        path = sqlite_path(url) if is_sqlite(url) else None
        beside = sqlite_file.sidecars_present(path) if path else set()
        try:
            if path is None:
                upgrade_to_head(engine, describe(url))
            else:  # checked read-only first: a refused file keeps every byte
                schema = sqlite_file.probe(path, describe(url), BUSY_TIMEOUT_MS / 1000)
                upgrade_to_head(engine, describe(url), schema)
                sqlite_file.use_wal(engine)
        except Exception as error:
            engine.dispose()
            if path is not None:
                sqlite_file.remove_new_sidecars(path, beside)
            raise as_user_error(error, url) or error from None
        _engines[url] = engine
        return engine


def dispose_engine(url: str) -> None:
    """Close the pooled connections of one URL (tests drop PostgreSQL schemas after this; restore swaps files)."""
    with _engines_lock:
        engine = _engines.pop(url, None)
    if engine is not None:
        engine.dispose()


# Engines a forked child inherited: their connections belong to the parent, so the child must neither use
# nor close them (closing a PostgreSQL connection would end the parent's session). Kept referenced forever.
_inherited: list[Engine] = []


def _forget_engines_in_child() -> None:
    _inherited.extend(_engines.values())
    _engines.clear()


os.register_at_fork(after_in_child=_forget_engines_in_child)


def as_user_error(error: BaseException, url: str) -> UserError | None:
    """The one-line message for a database failure a person caused, or None when it is a bug."""
    from sqlalchemy.exc import DatabaseError, DataError, OperationalError

    if isinstance(error, UserError):
        return error
    if isinstance(error, DataError):
        return UserError(f"the database refused a value: {_first_line(error)}")
    if isinstance(error, OverflowError) and "too large to convert to SQLite" in str(error):
        # A number typed for an id or a count that no SQLite INTEGER holds (PostgreSQL says so as DataError).
        return UserError(f"a number is too large for the record ({error})")
    if not isinstance(error, DatabaseError):
        return None
    detail = _first_line(error)
    if is_sqlite(url):
        lowered = detail.lower()
        from tracker import sqlite_file

        if lowered.startswith(_SQLITE_DAMAGE[0]):
            return UserError(sqlite_file.not_a_database(describe(url)))
        if lowered.startswith(_SQLITE_DAMAGE):
            return UserError(sqlite_file.damaged(describe(url), detail))
        if isinstance(error, OperationalError) and lowered.startswith(_SQLITE_ENVIRONMENT_ERRORS):
            if lowered.startswith("database is locked"):
                return UserError(
                    f"the database {describe(url)} stayed locked by another proofwork process for "
                    f"{BUSY_TIMEOUT_MS / 1000:g} s; nothing was changed, try again"
                )
            return UserError(f"cannot use the database {safe_url(url)}: {detail}")
        return None
    if not isinstance(error, OperationalError):
        return None
    # psycopg raises OperationalError only for the connection and the server's state (bugs in our
    # SQL are ProgrammingError): unreachable host, wrong password, missing database, server gone.
    return UserError(f"cannot reach the database {safe_url(url)}: {detail}")


def _first_line(error: Any) -> str:
    text = str(getattr(error, "orig", None) or error)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    detail = lines[0] if lines else type(error).__name__
    return detail.removeprefix("connection failed: ")


@contextmanager
def open_session(url: str | None = None, *, read_only: bool = False) -> Iterator[Session]:
    """A session that commits when the block ends cleanly and rolls back (changing nothing) otherwise.

    `read_only=True` for commands that only read: on SQLite they never wait for, nor hold up, a writer.
    """
    from sqlalchemy.orm import Session

    resolved = resolve_url(url)
    engine = engine_for(resolved)
    bind = engine.execution_options(**{READ_ONLY: True}) if read_only else engine
    with Session(bind, expire_on_commit=False) as session:
        if not read_only:
            from sqlalchemy import event

            from tracker.rules import check_flush

            event.listen(session, "before_flush", check_flush)  # the same column limits on every engine
        try:
            yield session
            session.commit()
        except Exception as error:
            _quiet_rollback(session)
            friendly = as_user_error(error, resolved)
            if friendly is not None and friendly is not error:
                raise friendly from None
            raise
        except BaseException:
            _quiet_rollback(session)
            raise


def _quiet_rollback(session: Session) -> None:
    """Roll back after a failure; a rollback that fails too (server gone) must not hide the first error."""
    try:
        session.rollback()
    except Exception:
        session.invalidate()


def upsert(session: Session, model: type) -> Any:
    """`INSERT ... ON CONFLICT` for the session's engine: a write that cannot race a twin (no read first)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(model)
