"""Bring a database to the newest schema, cheaply when it is already there.

The app calls this on every start, so the common case (already at head) must not pay for importing
Alembic: one query compares the stored revision with HEAD, and Alembic is loaded only to change
something. A test keeps HEAD equal to the newest migration file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import Connection, Engine

HEAD = "0004"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any constant works: it only has to be the same in every proofwork process on the server.
_PG_MIGRATION_LOCK = 0x70726F6F66


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def revisions() -> list[str]:
    """Every revision id, oldest first (the history is linear)."""
    return [script.revision for script in reversed(list(script_directory().walk_revisions()))]


def current_revision(engine: Engine) -> str | None:
    return inspect_record(engine).revision


@dataclass(frozen=True)
class StoredSchema:
    """What a database holds before proofwork touches it: its tables and the Alembic revision, if any."""

    tables: frozenset[str]
    revision: str | None


def inspect_record(engine: Engine) -> StoredSchema:
    """Read (never write) the tables and the stored revision, in a read-only transaction."""
    from sqlalchemy import inspect, text

    from tracker.db import READ_ONLY

    with engine.connect().execution_options(**{READ_ONLY: True}) as connection:
        tables = frozenset(inspect(connection).get_table_names())
        revision = None
        if "alembic_version" in tables:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return StoredSchema(tables, revision)


def proofwork_tables() -> frozenset[str]:
    """Every table proofwork has ever created (the models' tables: none has been dropped or renamed yet)."""
    from tracker.models import Base

    return frozenset(Base.metadata.tables) | {"alembic_version"}


def refusal(schema: StoredSchema, label: str, *, foreign_tables_allowed: bool) -> str | None:
    """Why proofwork must not touch this database (one line), or None when it is a new or a proofwork one."""
    if schema.revision is None and not schema.tables:
        return None  # a new, empty database: proofwork creates its tables
    hint = (
        "give proofwork a database (or a schema) of its own"
        if foreign_tables_allowed
        else "point --db at your record or at a new file"
    )
    if schema.revision is None:
        shown = ", ".join(sorted(schema.tables)[:5])
        return (
            f"{label} is not a proofwork record (it holds tables {shown} and no proofwork schema version); "
            f"nothing was changed: {hint}"
        )
    if schema.revision != HEAD and schema.revision not in revisions():
        return (
            f"{label} was written by a newer proofwork (schema {schema.revision}; this one knows up to {HEAD}); "
            "nothing was changed: upgrade proofwork to open it"
        )
    others = sorted(schema.tables - proofwork_tables() - {"sqlite_sequence", "sqlite_stat1"})
    if "learners" not in schema.tables or (others and not foreign_tables_allowed):
        shown = ", ".join(others[:5]) or "no learners table"
        return f"{label} is not a proofwork record (schema {schema.revision}, but {shown}); nothing was changed: {hint}"
    return None


def upgrade_to_head(engine: Engine, label: str = "this database", schema: StoredSchema | None = None) -> None:
    """Create or upgrade proofwork's schema; refuse (UserError) a database that is not proofwork's.

    On a SQLite file any table proofwork does not know means another application's file. On a server
    database other tables are normal (a shared schema), but tables without proofwork's version are not.
    `schema` is what the caller already read (tracker.sqlite_file reads a file read-only first).
    """
    schema = schema or inspect_record(engine)
    reason = refusal(schema, label, foreign_tables_allowed=engine.dialect.name != "sqlite")
    if reason is not None:
        from curriculum.errors import UserError

        raise UserError(reason)
    if schema.revision != HEAD:
        upgrade(engine, "head")


def _serialise(connection: Connection) -> None:
    # Two cohort members starting the app at once after an upgrade must not both run a migration.
    # On SQLite the engine's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs a lock.
    # Alembic reads the stored revision after this, so the second process finds nothing to do.
    if connection.dialect.name == "postgresql":
        from sqlalchemy import text

        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """One transaction for a migration step; on SQLite with foreign keys off for its duration.

    SQLite cannot ALTER most things, so batch migrations rebuild a table: copy, DROP, rename. With foreign
    keys on, that DROP runs every ON DELETE action: rebuilding drill_cards nulls each attempt's card, and
    rebuilding learners would cascade-delete every learner's record. The pragma only works outside a
    transaction, hence the driver connection; the foreign keys are checked before the commit instead.
    """
    from sqlalchemy import text

    with engine.connect() as connection:
        driver = connection.connection.driver_connection if connection.dialect.name == "sqlite" else None
        if driver is not None:
            driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                _serialise(connection)
                yield connection
                if driver is not None:
                    broken = connection.execute(text("PRAGMA foreign_key_check")).all()
                    if broken:
                        raise RuntimeError(f"the migration broke foreign keys, rolled back: {broken[:5]}")
        finally:
            if driver is not None:
                driver.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with _migrating(engine) as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with _migrating(engine) as connection:
        command.downgrade(alembic_config(connection), revision)
