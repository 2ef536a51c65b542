"""Bring a database to the newest schema, cheaply when it is already there.

The app calls this on every start, so the common case (already at head) must not pay for importing
Alembic: one query compares the stored revision with HEAD, and Alembic is loaded only to change
something. A test keeps HEAD equal to the newest migration file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import Connection, Engine

HEAD = "0005"
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
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine) -> None:
    if current_revision(engine) != HEAD:
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
