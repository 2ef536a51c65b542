"""The database opens migrated, with the SQLite settings that keep concurrent writers safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from curriculum.errors import UserError
from tracker.db import engine_for, resolve_url
from tracker.migrate import HEAD, MIGRATIONS_DIR, current_revision


def test_head_constant_matches_the_newest_migration():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD


def test_a_new_database_is_migrated_with_wal_and_foreign_keys(tmp_path: Path):
    engine = engine_for(f"sqlite:///{tmp_path / 'new.db'}")
    assert current_revision(engine) == HEAD
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_resolve_url_accepts_paths_urls_and_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    assert resolve_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    assert resolve_url("postgresql+psycopg://u@localhost/x") == "postgresql+psycopg://u@localhost/x"
    monkeypatch.setenv("PROOFWORK_DB_URL", f"sqlite:///{tmp_path / 'env.db'}")
    assert resolve_url(None).endswith("env.db")
    with pytest.raises(UserError, match="folder"):
        resolve_url(str(tmp_path))
    with pytest.raises(UserError, match="does not exist"):
        resolve_url(str(tmp_path / "missing" / "x.db"))


def test_default_database_lives_in_the_user_data_folder(isolated_home: Path):
    assert resolve_url(None).startswith(f"sqlite:///{isolated_home / 'data'}")


def test_a_url_with_an_unknown_driver_is_one_clear_error():
    with pytest.raises(UserError, match="cannot use database URL"):
        engine_for("nosuchdb://x")
