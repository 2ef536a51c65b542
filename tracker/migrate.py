"""Bring a database to the newest schema, cheaply when it is already there.

The app calls this on every start, so the common case (already at head) must not pay for importing
Alembic: one query compares the stored revision with HEAD, and Alembic is loaded only to change
something. A test keeps HEAD equal to the newest migration file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import Connection, Engine

HEAD = "0002"
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


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as connection:
        _serialise(connection)
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with engine.begin() as connection:
        _serialise(connection)
        command.downgrade(alembic_config(connection), revision)
