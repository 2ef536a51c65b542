"""Every migration keeps the record: a database built at each past revision, holding data, upgrades to head
with nothing lost; the newest revision also downgrades and upgrades again.

Adding a migration? Add a seed for it to SEEDS below: rows valid at that revision, in every table the
revision creates or changes. The test fails loudly until you do. If a revision deliberately drops or renames
a column, list it in DROPPED so the comparison knows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, MetaData, select

from tracker.db import create_engine_for
from tracker.migrate import HEAD, downgrade, revisions, script_directory, upgrade

Rows = dict[str, list[dict[str, Any]]]


def seed_0001(connection: Connection) -> Rows:
    """One learner with a row in every table of the first schema."""
    t0 = datetime(2026, 1, 5, 9, 30, 0, 123456)
    return {
        "learners": [
            dict(
                id=1,
                handle="ada",
                name="Ada",
                current_role="Prompt Engineer",
                target_role="ai-engineer",
                start_date=date(2026, 1, 5),
                weekly_hours=10.5,
                created_at=t0,
            ),
        ],
        "assessments": [dict(id=1, learner_id=1, target_role="ai-engineer", taken_at=t0)],
        "assessment_scores": [
            dict(id=1, assessment_id=1, competency="evaluation", score=2),
            dict(id=2, assessment_id=1, competency="data_handling", score=4),
        ],
        "log_entries": [
            dict(id=1, learner_id=1, day=date(2026, 1, 5), minutes=45, note="eval harness", created_at=t0),
            dict(id=2, learner_id=1, day=date(2026, 1, 6), minutes=30, note="traces ✓", created_at=t0),
        ],
        "task_states": [
            dict(id=1, learner_id=1, task_key="w01-setup", status="done", note="ok", updated_at=t0),
        ],
        "projects": [
            dict(
                id=1,
                learner_id=1,
                name="Support RAG",
                problem="slow answers",
                users="agents",
                constraints="",
                non_goals="",
                repo_url="https://example.com/r",
                created_at=t0,
            ),
        ],
        "decisions": [
            dict(
                id=1,
                project_id=1,
                layer="evaluation",
                decision="golden set",
                metric="recall@5",
                failure="drift",
                mitigation="weekly rerun",
                rejected="vibes",
                created_at=t0,
            ),
        ],
        "artifacts": [
            dict(
                id=1,
                learner_id=1,
                project_id=1,
                week=2,
                stage="retrieval-rag",
                kind="eval-report",
                title="Recall report",
                link="https://example.com/a",
                description="",
                shipped_on=date(2026, 1, 14),
                created_at=t0,
            ),
        ],
        "artifact_metrics": [
            dict(id=1, artifact_id=1, name="recall@5", baseline=0.61, result=0.83, unit=""),
            dict(id=2, artifact_id=1, name="latency", baseline=None, result=950.0, unit="ms"),
        ],
        "grade_runs": [
            dict(
                id=1,
                learner_id=1,
                project_id=1,
                source="https://github.com/ada/r",
                commit="a" * 40,
                overall=71.5,
                scores={"evals": 80},
                report={"dimensions": [{"key": "evals", "score": 80}]},
                model="",
                input_tokens=0,
                output_tokens=0,
                cache_write_tokens=0,
                cache_read_tokens=0,
                cost_usd=None,
                created_at=t0,
            ),
        ],
        "stories": [
            dict(
                id=1,
                learner_id=1,
                project_id=1,
                artifact_id=1,
                title="Cutting hallucinations",
                problem="p",
                constraints="c",
                design="d",
                metrics="12 -> 4 %",
                failure="f",
                iteration="i",
                themes=["evals", "rag"],
                created_at=t0,
                updated_at=t0,
            ),
        ],
        "drill_cards": [
            dict(
                id=1,
                learner_id=1,
                key="theme:evals",
                theme="evals",
                prompt="",
                project_id=None,
                fsrs={  # a schedule FSRS can read, as a reviewed card stores it
                    "card_id": 1,
                    "state": 2,
                    "step": None,
                    "stability": 2.5,
                    "difficulty": 5.1,
                    "due": "2026-01-24T09:00:00+00:00",
                    "last_review": "2026-01-20T09:00:00+00:00",
                },
                due=t0,
            ),
        ],
        "drill_attempts": [
            dict(
                id=1,
                learner_id=1,
                card_id=1,
                theme="evals",
                question_key="q1",
                answer="because",
                seconds=84.5,
                score=3,
                criteria={"metrics": True},
                rating=3,
                feedback={},
                created_at=t0,
            ),
        ],
        "retros": [dict(id=1, learner_id=1, week=1, shipped="harness", slipped="", next="rag", created_at=t0)],
    }


def seed_0002(connection: Connection) -> Rows:
    """Drill cards keep a question drawn from the learner's repository."""
    question = {"key": "finding:no-evals", "prompt": "Why no eval harness?", "key_points": ["golden set"]}
    return {
        "drill_cards": [
            dict(
                id=2,
                learner_id=1,
                key="finding:no-evals",
                theme="eval-strategy",
                prompt="Why no evals?",
                question=question,
                project_id=1,
                fsrs={},
                due=datetime(2026, 1, 21, 8, 0),
            ),
        ],
    }


def seed_0003(connection: Connection) -> Rows:
    """A grade whose dimensions could not be assessed has no overall score."""
    return {
        "grade_runs": [
            dict(
                id=2,
                learner_id=1,
                project_id=None,
                source="/home/ada/empty",
                commit="b" * 40,
                overall=None,
                scores={},
                report={"overall": None},
                model="",
                input_tokens=0,
                output_tokens=0,
                cache_write_tokens=0,
                cache_read_tokens=0,
                cost_usd=None,
                created_at=datetime(2026, 1, 22, 8, 0),
            ),
        ],
    }


def seed_0004(connection: Connection) -> Rows:
    """A second learner with contact fields, and work history the learner wrote for the resume."""
    t0 = datetime(2026, 2, 2, 10, 0)
    return {
        "learners": [
            dict(
                id=2,
                handle="grace",
                name="Grace",
                current_role="Prompt Engineer",
                target_role="ai-engineer",
                start_date=date(2026, 2, 2),
                weekly_hours=8.0,
                email="grace@example.com",
                location="Lisboa, Portugal",
                website="https://grace.dev",
                github="https://github.com/grace",
                linkedin="https://www.linkedin.com/in/grace",
                created_at=t0,
            ),
        ],
        "experiences": [
            dict(
                id=1,
                learner_id=2,
                role="Prompt Engineer",
                organisation="Acme Support",
                location="Remote",
                start_date="2023-03",
                end_date="",
                summary="Prompts for the support assistant",
                highlights=["Cut escalations 18 -> 11 % with a rewritten triage prompt", "Ran weekly prompt reviews"],
                created_at=t0,
            ),
            dict(
                id=2,
                learner_id=1,
                role="Technical writer",
                organisation="Beta Docs",
                location="",
                start_date="2020",
                end_date="2023-02",
                summary="",
                highlights=[],
                created_at=t0,
            ),
        ],
    }


# One seed per revision, keyed by revision id. A new migration without a seed fails the first test.
SEEDS: dict[str, Callable[[Connection], Rows]] = {
    "0001": seed_0001,
    "0002": seed_0002,
    "0003": seed_0003,
    "0004": seed_0004,
}
# Columns a revision removes or renames on purpose: {revision: {(table, column), ...}}.
DROPPED: dict[str, set[tuple[str, str]]] = {}


def test_every_revision_has_a_data_seed():
    missing = [rev for rev in revisions() if rev not in SEEDS]
    assert not missing, (
        f"migration(s) {', '.join(missing)} have no data seed: add seed_<rev> to SEEDS in "
        "tests/tracker/test_migrations.py, filling every table the migration creates or changes"
    )
    assert revisions()[-1] == HEAD


@pytest.fixture
def engine(engine_url: str) -> Iterator[Engine]:
    """A bare engine: not migrated on open, so the test decides the revision."""
    engine = create_engine_for(engine_url)
    yield engine
    engine.dispose()


def reflect(connection: Connection) -> MetaData:
    metadata = MetaData()
    metadata.reflect(connection)
    metadata.remove(metadata.tables["alembic_version"])
    return metadata


def snapshot(engine: Engine) -> dict[str, dict[Any, dict[str, Any]]]:
    """Every row of every table, keyed by primary key."""
    with engine.connect() as connection:
        metadata = reflect(connection)
        tables = {}
        for table in metadata.sorted_tables:
            key = list(table.primary_key.columns)
            rows = connection.execute(select(table).order_by(*key)).mappings()
            tables[table.name] = {tuple(row[c.name] for c in key): dict(row) for row in rows}
        return tables


def build_at(engine: Engine, revision: str) -> None:
    """Walk the history up to `revision`, seeding each revision's data on the way."""
    for rev in revisions()[: revisions().index(revision) + 1]:
        upgrade(engine, rev)
        with engine.begin() as connection:
            metadata = reflect(connection)
            for name, rows in SEEDS[rev](connection).items():
                connection.execute(metadata.tables[name].insert(), rows)


def assert_kept(
    before: dict[str, dict[Any, dict[str, Any]]],
    after: dict[str, dict[Any, dict[str, Any]]],
    dropped: set[tuple[str, str]],
) -> None:
    for table, rows in before.items():
        assert table in after or all((table, c) in dropped for row in rows.values() for c in row), (
            f"table {table} disappeared with its rows"
        )
        for key, row in rows.items():
            assert key in after[table], f"{table} row {key} was lost"
            kept = {c: v for c, v in row.items() if (table, c) not in dropped}
            assert {c: after[table][key].get(c) for c in kept} == kept, f"{table} row {key} changed"


def _dropped_after(revision: str) -> set[tuple[str, str]]:
    later = revisions()[revisions().index(revision) + 1 :]
    return set().union(*(DROPPED.get(rev, set()) for rev in later))


@pytest.mark.parametrize("revision", revisions())
def test_a_database_at_each_revision_upgrades_to_head_keeping_its_data(engine: Engine, revision: str):
    build_at(engine, revision)
    before = snapshot(engine)
    assert sum(len(rows) for rows in before.values()) > 0
    upgrade(engine, "head")
    after = snapshot(engine)
    assert_kept(before, after, _dropped_after(revision))


def test_at_head_every_table_holds_seed_data(engine: Engine):
    build_at(engine, HEAD)
    empty = [name for name, rows in snapshot(engine).items() if not rows]
    assert not empty, f"no seed fills table(s) {', '.join(empty)}: extend the seed of the revision adding them"


def test_the_newest_revision_downgrades_and_upgrades_again(engine: Engine):
    previous = script_directory().get_revision(HEAD).down_revision
    if previous is not None:
        build_at(engine, str(previous))
        expected = snapshot(engine)
        upgrade(engine, "head")
        with engine.begin() as connection:
            metadata = reflect(connection)
            for name, rows in SEEDS[HEAD](connection).items():
                connection.execute(metadata.tables[name].insert(), rows)
    else:
        build_at(engine, HEAD)
        expected = {}
    downgrade(engine, str(previous) if previous else "base")
    after = snapshot(engine)
    assert set(after) == set(expected), "the downgrade left or removed the wrong tables"
    assert_kept(expected, after, set())
    upgrade(engine, "head")
    from tracker.models import Base

    assert set(snapshot(engine)) == set(Base.metadata.tables), "upgrading again did not rebuild the schema"


def test_the_models_match_the_migrated_schema(engine: Engine):
    """A model changed without a migration is caught here, not on a learner's machine."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from tracker.models import Base

    upgrade(engine, "head")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == [], f"models and migrations disagree; write a migration: {differences}"
