"""Benchmark: the dashboard's queries over a three-year record must take under 100 ms.

    uv run python bench/dashboard.py [--runs 15] [--days 1100] [--artifacts 500] [--grades 100]

Builds one learner's record in a temporary SQLite file through the tracker services the app calls
(1,100 daily logs, every plan task, 500 artifacts with metrics, projects with a decision per layer,
100 saved grades with full reports, ten assessments, drill cards), then times what each TUI screen reads:
`tracker.today.build_today` (the dashboard) against the 100 ms budget, and the Roadmap, Assessment, Work
and Grade reads beside it. Each run opens a fresh session, as the app does. Prints medians, the worst run
and the number of SQL statements per read (which must not grow with the record).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event

from curriculum.catalog import load_catalog
from tracker.artifacts import ArtifactInput, add_artifact, list_artifacts
from tracker.assessments import assessment_timeline, latest_gaps, record_assessment
from tracker.db import engine_for, open_session
from tracker.inputs import MetricText
from tracker.learners import ProfileInput, create_profile, current_learner
from tracker.logs import add_log, recent_logs
from tracker.progress import roadmap_progress
from tracker.projects import DecisionInput, ProjectInput, add_decision, add_project, list_projects
from tracker.tasks import set_task, task_rows
from tracker.today import build_today

BUDGET_MS = 100.0


def build_record(url: str, days: int, artifacts: int, grades: int, today: date) -> None:
    rng = random.Random(90)
    catalog = load_catalog()
    start = today - timedelta(days=days - 1)
    with open_session(url) as session:
        learner = create_profile(
            session,
            ProfileInput(name="Bench", target_role="AI Engineer", start_date=start, weekly_hours=10),
        )
        for offset in range(days):
            add_log(session, learner, rng.randint(20, 180), "worked on the plan", start + timedelta(days=offset))
        for week in catalog.plan.weeks:
            for task in week.tasks:
                set_task(
                    session,
                    learner,
                    task.key,
                    status=rng.choice(["done", "done", "skipped", "doing"]),
                    note="a note on how it went",
                )
        for n in range(5):
            add_project(
                session,
                learner,
                ProjectInput(name=f"Project {n}", problem="a real problem", repo_url=f"https://github.com/bench/p{n}"),
            )
            for layer in catalog.layers:
                add_decision(session, learner, f"Project {n}", DecisionInput(layer.key, "a decision", "a metric"))
        kinds = [kind.key for kind in catalog.artifact_kinds]
        for n in range(artifacts):
            add_artifact(
                session,
                learner,
                ArtifactInput(
                    week=n % 12 + 1,
                    kind=rng.choice(kinds),
                    title=f"Artifact {n}",
                    shipped_on=start + timedelta(days=rng.randrange(days)),
                    link=f"https://github.com/bench/p{n % 5}",
                    project=f"Project {n % 5}",
                    metrics=[MetricText("recall@5", 0.6, 0.8, ""), MetricText("p95 latency", 1900, 900, "ms")],
                ),
            )
        for _ in range(10):
            record_assessment(session, learner, {key: rng.randint(1, 5) for key in catalog.competency_keys})
        _add_grades(session, learner, grades, rng)
        _add_drill_cards(session, learner, today)


def _add_grades(session: Any, learner: Any, count: int, rng: random.Random) -> None:
    try:
        from tracker.grades import save_grade
    except ImportError:
        print("tracker.grades is not available: no grades in the record", file=sys.stderr)
        return
    for n in range(count):
        dimensions = {
            name: {
                "score": rng.randint(20, 95),
                "weight": 10,
                "findings": [
                    {"probe": f"{name}.p{i}", "title": "a probe", "outcome": "passed", "evidence": []} for i in range(8)
                ],
            }
            for name in ("evals", "tests", "observability", "reliability", "security", "ci", "docs")
        }
        save_grade(
            session,
            learner,
            {
                "source": f"https://github.com/bench/p{n % 5}",
                "commit": f"{n:040x}",
                "overall": rng.randint(30, 90),
                "dimensions": dimensions,
            },
        )


def _add_drill_cards(session: Any, learner: Any, today: date) -> None:
    try:
        from tracker.drills import ensure_theme_cards
    except ImportError:
        return
    ensure_theme_cards(session, learner, datetime.combine(today, datetime.min.time()))


def timed(url: str, runs: int, read: Callable[[Any, Any], object]) -> tuple[list[float], int]:
    """Milliseconds per run (fresh session each time) and the SQL statements one run sends."""
    statements = 0

    def count(*_args: object) -> None:
        nonlocal statements
        statements += 1

    engine = engine_for(url)
    times = []
    for run in range(runs):
        if run == runs - 1:
            event.listen(engine, "before_cursor_execute", count)
        began = time.perf_counter()
        with open_session(url) as session:
            read(session, current_learner(session))
        times.append((time.perf_counter() - began) * 1000)
    event.remove(engine, "before_cursor_execute", count)
    return times, statements


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--days", type=int, default=1100)
    parser.add_argument("--artifacts", type=int, default=500)
    parser.add_argument("--grades", type=int, default=100)
    args = parser.parse_args(argv)
    today = date(2026, 11, 21)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'three-years.db'}"
        began = time.perf_counter()
        build_record(url, args.days, args.artifacts, args.grades, today)
        print(
            f"record built in {time.perf_counter() - began:.1f} s: {args.days} logs, {args.artifacts} artifacts, "
            f"{args.grades} grades"
        )
        mid_plan = today - timedelta(days=args.days - 40)  # a date inside the plan, with a current week

        reads: dict[str, Callable[[Any, Any], object]] = {
            "today (dashboard)": lambda s, learner: build_today(s, learner, today),
            "today, mid-plan": lambda s, learner: build_today(s, learner, mid_plan),
            "today + recent log (the Today screen)": lambda s, learner: (
                build_today(s, learner, today),
                recent_logs(s, learner, 5),
            ),
            "roadmap": lambda s, learner: (roadmap_progress(s, learner, today), task_rows(s, learner)),
            "assessment": lambda s, learner: (assessment_timeline(s, learner), latest_gaps(s, learner)),
            "work": lambda s, learner: (list_artifacts(s, learner), list_projects(s, learner)),
        }
        try:
            from tracker.grades import grade_history

            reads["grade history"] = lambda s, learner: grade_history(s, learner)
        except ImportError:
            pass
        # The first run of each read pays for compiling its SQL (cached afterwards): shown, not in the median.
        print(f"{'read':<40}{'first ms':>9}{'median ms':>10}{'worst ms':>9}{'statements':>11}")
        failed = False
        for name, read in reads.items():
            times, statements = timed(url, args.runs + 1, read)
            first, warm = times[0], times[1:]
            median, worst = statistics.median(warm), max(warm)
            mark = ""
            if name.startswith("today"):
                over = median > BUDGET_MS
                failed |= over
                mark = "  OVER BUDGET" if over else f"  (budget {BUDGET_MS:.0f} ms)"
            print(f"{name:<40}{first:>9.1f}{median:>10.1f}{worst:>9.1f}{statements:>11}{mark}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
