"""Benchmark: a cohort's year on SQLite and PostgreSQL, the mentor's and the learner's screens timed.

    uv run python bench/cohort.py [--learners 200] [--runs 7]

Builds one year of activity for each learner (daily logs, every plan task, weekly proof with metrics,
projects and decisions, monthly grades with full reports, drill cards and attempts, stories, retros),
then times the cohort report (`proofwork cohort`) and the dashboard (`proofwork today`, for a sample of
learners), counting the SQL statements each screen sends: the count must not depend on the cohort's
size (no N+1). PostgreSQL runs when PROOFWORK_TEST_PG_URL is set, in a schema dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from curriculum.catalog import load_catalog
from tracker.cohort import cohort_report
from tracker.db import dispose_engine, engine_for
from tracker.models import (
    Artifact,
    ArtifactMetric,
    Assessment,
    AssessmentScore,
    Decision,
    DrillAttempt,
    DrillCard,
    GradeRun,
    Learner,
    LogEntry,
    Project,
    Retro,
    Story,
    TaskState,
)
from tracker.today import build_today

YEAR_START = date(2025, 1, 6)
TODAY = YEAR_START + timedelta(days=364)


def build_year(engine: Engine, learners: int, seed: int = 7) -> int:
    """Insert a year of activity for `learners` people; returns the number of rows written."""
    rng = random.Random(seed)
    catalog = load_catalog()
    task_keys = [task.key for week in catalog.plan.weeks for task in week.tasks]
    rows: dict[Any, list[dict[str, Any]]] = {}

    def add(model: Any, /, **values: Any) -> int:
        table = rows.setdefault(model, [])
        table.append({"id": len(table) + 1, **values})
        return len(table)

    at = datetime.combine(YEAR_START, datetime.min.time())
    report = {"dimensions": {f"d{n}": {"score": 70, "evidence": ["src/app.py:12"] * 20} for n in range(9)}}
    for n in range(learners):
        start = YEAR_START + timedelta(days=rng.randrange(0, 120))
        learner = add(
            Learner,
            handle=f"learner{n:04d}",
            name=f"Learner {n}",
            current_role="Prompt Engineer",
            target_role="ai-engineer",
            start_date=start,
            weekly_hours=10,
            created_at=at,
        )
        for day in range(365):
            if rng.random() < 0.75:
                add(
                    LogEntry,
                    learner_id=learner,
                    day=YEAR_START + timedelta(days=day),
                    minutes=rng.randrange(15, 120),
                    note="worked on the plan",
                    created_at=at,
                )
        for key in task_keys:
            add(
                TaskState,
                learner_id=learner,
                task_key=key,
                status=rng.choice(["done", "done", "doing", "skipped"]),
                note="",
                updated_at=at,
            )
        for assessment_no in range(4):
            assessment = add(Assessment, learner_id=learner, target_role="ai-engineer", taken_at=at)
            for competency in catalog.competency_keys:
                add(AssessmentScore, assessment_id=assessment, competency=competency, score=1 + assessment_no)
        projects = [
            add(
                Project,
                learner_id=learner,
                name=f"project {p}",
                problem="p",
                users="u",
                constraints="",
                non_goals="",
                repo_url=f"https://github.com/l{n}/p{p}",
                created_at=at,
            )
            for p in range(2)
        ]
        for project in projects:
            for layer in catalog.layers:
                add(
                    Decision,
                    project_id=project,
                    layer=layer.key,
                    decision="d",
                    metric="m",
                    failure="f",
                    mitigation="x",
                    rejected="r",
                    created_at=at,
                )
        for week in range(1, 13):
            artifact = add(
                Artifact,
                learner_id=learner,
                project_id=projects[week % 2],
                week=week,
                stage="",
                kind="eval-report",
                title=f"week {week}",
                link="https://x.org",
                description="",
                shipped_on=start + timedelta(days=7 * week),
                created_at=at,
            )
            for m in range(2):
                add(ArtifactMetric, artifact_id=artifact, name=f"m{m}", baseline=0.5, result=0.8, unit="")
            add(Retro, learner_id=learner, week=week, shipped="s", slipped="", next="n", created_at=at)
            add(
                GradeRun,
                learner_id=learner,
                project_id=projects[0],
                source=f"https://github.com/l{n}/p0",
                commit="c" * 40,
                overall=rng.uniform(40, 95),
                scores={"evals": 70},
                report=report,
                model="",
                input_tokens=0,
                output_tokens=0,
                cache_write_tokens=0,
                cache_read_tokens=0,
                cost_usd=None,
                created_at=at + timedelta(days=30 * week),
            )
        cards = [
            add(
                DrillCard,
                learner_id=learner,
                key=f"theme:{t}",
                theme=f"t{t}",
                prompt="",
                question=None,
                project_id=None,
                fsrs={},
                due=at + timedelta(days=rng.randrange(0, 400)),
            )
            for t in range(10)
        ]
        for a in range(150):
            add(
                DrillAttempt,
                learner_id=learner,
                card_id=cards[a % 10],
                theme=f"t{a % 10}",
                question_key="q",
                answer="an answer",
                seconds=80.0,
                score=rng.randrange(20, 100),
                criteria={},
                rating=3,
                feedback={},
                created_at=at,
            )
        for s in range(6):
            add(
                Story,
                learner_id=learner,
                project_id=projects[0],
                artifact_id=None,
                title=f"story {s}",
                problem="",
                constraints="",
                design="",
                metrics="",
                failure="",
                iteration="",
                themes=["evals"],
                created_at=at,
                updated_at=at,
            )
    with engine.begin() as connection:
        for model in rows:  # insertion order follows the foreign keys: parents were added first
            connection.execute(insert(model.__table__), rows[model])
        if engine.dialect.name == "postgresql":  # explicit ids: move the sequences past them
            for model in rows:
                table = model.__tablename__
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {len(rows[model])})"))
            connection.execute(text("ANALYZE"))
    return sum(len(table) for table in rows.values())


def timed(engine: Engine, runs: int, screen: Callable[[Session], object]) -> tuple[list[float], int]:
    """Milliseconds per run, and the statements one run sends."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if not statement.startswith("BEGIN"):  # SQLite's BEGIN IMMEDIATE is a statement; PostgreSQL's is not
            statements.append(statement)

    times = []
    for _ in range(runs):
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        started = time.perf_counter()
        with Session(engine) as session:
            screen(session)
        times.append((time.perf_counter() - started) * 1000)
        event.remove(engine, "before_cursor_execute", count)
    return times, len(statements)


def bench_engine(name: str, url: str, learners: int, runs: int) -> list[tuple[Any, ...]]:
    engine = engine_for(url)
    started = time.perf_counter()
    total_rows = build_year(engine, learners)
    build_s = time.perf_counter() - started
    with Session(engine) as session:
        sample = [session.get(Learner, n) for n in range(1, learners + 1, max(1, learners // 20))]
        for learner in sample:
            session.expunge(learner)  # type: ignore[arg-type]
    cohort_ms, cohort_queries = timed(engine, runs, lambda s: cohort_report(s, TODAY))
    dash_ms: list[float] = []
    dash_queries = set()
    for learner in sample:
        ms, queries = timed(engine, max(1, runs // 3), lambda s, who=learner: build_today(s, s.merge(who), TODAY))
        dash_ms += ms
        dash_queries.add(queries)
    dispose_engine(url)
    queries_text = "/".join(str(q) for q in sorted(dash_queries))
    return [
        (name, "build a year (insert)", learners, total_rows, "-", build_s * 1000, build_s * 1000),
        (name, "cohort report", learners, total_rows, cohort_queries, *_median_p95(cohort_ms)),
        (name, "dashboard (one learner)", learners, total_rows, queries_text, *_median_p95(dash_ms)),
    ]


def _median_p95(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    results = []
    with tempfile.TemporaryDirectory() as folder:
        results += bench_engine("sqlite", f"sqlite:///{Path(folder) / 'cohort.db'}", args.learners, args.runs)
    pg = os.environ.get("PROOFWORK_TEST_PG_URL")
    if pg:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(pg).update_query_dict({"options": f"-csearch_path={schema}"})
        try:
            results += bench_engine("postgresql", url.render_as_string(hide_password=False), args.learners, args.runs)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    else:
        print("PostgreSQL skipped: set PROOFWORK_TEST_PG_URL (see .ci/postgres.sh) to time it too.\n")

    header = ("engine", "screen", "learners", "rows", "queries", "median ms", "p95 ms")
    widths = [11, 25, 9, 9, 8, 10, 10]
    print("".join(h.ljust(w) if i < 2 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths, strict=True))))
    for row in results:
        cells = [*row[:5], f"{row[5]:.1f}", f"{row[6]:.1f}"]
        print(
            "".join(
                str(c).ljust(w) if i < 2 else str(c).rjust(w)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            )
        )


if __name__ == "__main__":
    main()
