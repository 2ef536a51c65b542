"""Databases for the tracker tests: a real SQLite file, and the same tests again on PostgreSQL.

Tests marked `postgres` need PROOFWORK_TEST_PG_URL (`.ci/postgres.sh` starts a throwaway server and sets
it). Each PostgreSQL test gets its own schema (through the connection's search_path), dropped afterwards,
so tests never see each other's rows and no database has to be created per test.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
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
def new_pg_url() -> Iterator[Callable[[], str]]:
    """Makes PostgreSQL URLs whose search_path is a fresh, empty schema; drops them all afterwards."""
    from sqlalchemy import create_engine, text

    from tracker.db import dispose_engine

    base = pg_base_url()
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    made: list[tuple[str, str]] = []

    def make() -> str:
        schema = f"test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        made.append((schema, with_schema(base, schema)))
        return made[-1][1]

    try:
        yield make
    finally:
        with admin.connect() as connection:
            for schema, url in made:
                dispose_engine(url)
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def pg_url(new_pg_url: Callable[[], str]) -> str:
    return new_pg_url()


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
def other_url(engine_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A second, empty database on the same engine as engine_url."""
    from tracker.db import dispose_engine

    if engine_url.startswith("postgresql"):
        yield request.getfixturevalue("new_pg_url")()
        return
    url = f"sqlite:///{tmp_path / 'other.db'}"
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


def populate_record(url: str, handle: str = "ada") -> None:
    """A learner with rows in every table of the record: unicode, JSON, NULLs, floats, and id gaps."""
    from fsrs import Card, Rating
    from sqlalchemy import select

    from tracker.db import open_session
    from tracker.drills import scheduler
    from tracker.models import (
        Artifact,
        ArtifactMetric,
        Assessment,
        AssessmentScore,
        Decision,
        DrillAttempt,
        DrillCard,
        Experience,
        GradeRun,
        Learner,
        LogEntry,
        Project,
        Retro,
        Story,
        TaskState,
    )

    learner_id = add_learner(url, handle)
    at = datetime(2026, 1, 20, 18, 45, 12, 345678)
    moment = at.replace(tzinfo=UTC)
    schedule, _ = scheduler().review_card(Card(card_id=7, due=moment), Rating.Good, review_datetime=moment)
    with open_session(url) as session:
        contact = session.get(Learner, learner_id)
        assert contact is not None
        contact.email, contact.location = f"{handle}@example.com", "Lisboa, Portugal"
        contact.github, contact.linkedin = f"https://github.com/{handle}", f"https://www.linkedin.com/in/{handle}"
        for n in range(6):
            session.add(LogEntry(learner_id=learner_id, day=date(2026, 1, 5 + n), minutes=30 + n, note=f"día {n} ✓"))
        session.flush()
        session.delete(session.scalars(select(LogEntry).where(LogEntry.minutes == 32)).one())  # an id gap
        assessment = Assessment(learner_id=learner_id, target_role="ai-engineer", taken_at=at)
        assessment.scores = [AssessmentScore(competency="evaluation", score=2)]
        project = Project(learner_id=learner_id, name=f"{handle} RAG", problem="slow answers", created_at=at)
        project.decisions = [Decision(layer="evaluation", decision="golden set", metric="recall@5")]
        artifact = Artifact(
            learner_id=learner_id,
            project=project,
            week=2,
            kind="eval-report",
            title="Recall report",
            shipped_on=date(2026, 1, 14),
            created_at=at,
        )
        artifact.metrics = [
            ArtifactMetric(name="recall@5", baseline=0.61, result=0.83),
            ArtifactMetric(name="latency", baseline=None, result=950.0, unit="ms"),
        ]
        card = DrillCard(learner_id=learner_id, key="theme:evals", theme="evals", fsrs=schedule.to_dict(), due=at)
        session.add_all([assessment, project, artifact, card])
        session.flush()
        session.add_all(
            [
                TaskState(learner_id=learner_id, task_key="w01-setup", status="done", note="ok"),
                GradeRun(
                    learner_id=learner_id,
                    project_id=project.id,
                    source="https://github.com/x/r",
                    commit="a" * 40,
                    overall=71.5,
                    scores={"evals": 80},
                    report={"dimensions": {"evals": {"score": 80, "evidence": ["a.py:1"]}}},
                    created_at=at,
                ),
                Story(
                    learner_id=learner_id,
                    project_id=project.id,
                    artifact_id=artifact.id,
                    title="Cutting noise",
                    themes=["evals", "rag"],
                    created_at=at,
                    updated_at=at,
                ),
                DrillAttempt(
                    learner_id=learner_id,
                    card_id=card.id,
                    theme="evals",
                    question_key="q1",
                    answer="because",
                    seconds=84.5,
                    score=3,
                    criteria={"metrics": True},
                    rating=3,
                    feedback={},
                    created_at=at,
                ),
                Retro(learner_id=learner_id, week=1, shipped="harness", slipped="", next="rag", created_at=at),
                Experience(
                    learner_id=learner_id,
                    role="Prompt Engineer",
                    organisation="Açaí Support",
                    start_date="2023-03",
                    highlights=["escalations 18 -> 11 %", "weekly prompt reviews"],
                    created_at=at,
                ),
            ]
        )
