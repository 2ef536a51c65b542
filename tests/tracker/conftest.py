"""Databases for the tracker tests: a real SQLite file, and the same tests again on PostgreSQL.

Tests marked `postgres` need PROOFWORK_TEST_PG_URL (`.ci/postgres.sh` starts a throwaway server and sets
it). Each PostgreSQL test gets its own schema (through the connection's search_path), dropped afterwards,
so tests never see each other's rows and no database has to be created per test.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

PG_ENV = "PROOFWORK_TEST_PG_URL"
REQUIRE_PG_ENV = "PROOFWORK_REQUIRE_PG"


def pg_base_url() -> str:
    url = os.environ.get(PG_ENV, "")
    if url:
        return url
    reason = (
        f"PostgreSQL tests need {PG_ENV}=postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB "
        "(source .ci/postgres.sh and run pg_start to get a throwaway server)"
    )
    if os.environ.get(REQUIRE_PG_ENV):
        pytest.fail(f"{REQUIRE_PG_ENV} is set but {reason}")
    pytest.skip(reason)


def with_schema(base: str, schema: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh, empty schema."""
    from sqlalchemy import create_engine, text

    from tracker.db import dispose_engine

    base = pg_base_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = with_schema(base, schema)
    try:
        yield url
    finally:
        dispose_engine(url)
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same test on a SQLite file and on PostgreSQL."""
    from tracker.db import dispose_engine

    if request.param == "postgres":
        yield request.getfixturevalue("pg_url")
        return
    url = f"sqlite:///{tmp_path / 'record.db'}"
    yield url
    dispose_engine(url)


@pytest.fixture
def record_url(engine_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """engine_url, also set as PROOFWORK_DB_URL so commands and subprocesses use it."""
    monkeypatch.setenv("PROOFWORK_DB_URL", engine_url)
    return engine_url


def add_learner(url: str, handle: str, start: date = date(2026, 1, 5), name: str | None = None) -> int:
    """A learner row written directly (no catalog lookup), returning its id."""
    from tracker.db import open_session
    from tracker.models import Learner

    with open_session(url) as session:
        learner = Learner(
            handle=handle,
            name=name or handle.title(),
            current_role="Prompt Engineer",
            target_role="ai-engineer",
            start_date=start,
            weekly_hours=10,
        )
        session.add(learner)
        session.flush()
        return learner.id
