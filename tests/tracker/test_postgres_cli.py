"""Every command on PostgreSQL gives what it gives on SQLite.

Two learners of a cohort go through a week with the real command line, once on a SQLite file and once on
PostgreSQL; every `--json` output must be the same on both (ids and clock times aside). A construct only
one engine understands, a Decimal where a float was meant, or a different order shows up here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tracker.db import dispose_engine
from tui.cli.app import run

SCORES = [f"--score={key}" for key in (
    "instruction_design=4", "data_handling=2", "evaluation=1", "backend_integration=3",
    "model_economics=2", "safety_compliance=3", "product_thinking=3",
)]  # fmt: skip
ANSWER = (
    "Problem: 12% of answers were hallucinated. Constraints: p95 under 2 s. Design: hybrid search and a "
    "re-ranker. Metrics: recall@5 from 0.62 to 0.87 on a 100-case golden set. Failure: a stale index; I added "
    "a freshness check. Iteration: an eval gate in CI."
)
# The week both learners live through: (learner, argv); a None learner means a cohort-wide command.
SCRIPT: list[tuple[str | None, list[str]]] = [
    (None, ["init", "--name", "Ada", "--handle", "ada", "--target-role", "AI Engineer", "--start", "2026-01-05"]),
    (None, ["init", "--name", "Bo", "--handle", "bo", "--target-role", "LLM Engineer", "--start", "2026-01-12"]),
    ("ada", ["assess", *SCORES, "--json"]),
    ("ada", ["gaps", "--json"]),
    ("ada", ["log", "--minutes", "45", "eval harness", "--date", "2026-01-20"]),
    ("ada", ["log", "--minutes", "30", "traces", "--date", "2026-01-21"]),
    ("bo", ["log", "--minutes", "60", "setup", "--date", "2026-01-21"]),
    ("ada", ["task", "done", "w01-pick-role-family"]),
    ("ada", ["task", "note", "w01-pick-role-family", "picked AI engineer"]),
    ("ada", ["task", "skip", "w01-collect-job-descriptions"]),
    ("ada", ["task", "list", "--week", "1", "--json"]),
    ("ada", ["project", "add", "--name", "Support RAG", "--problem", "slow answers", "--repo", "https://x.org/r"]),
    ("ada", ["decision", "add", "--project", "support rag", "--layer", "evaluation", "--decision", "golden set"]),
    ("ada", ["artifact", "add", "--week", "1", "--kind", "eval-report", "--title", "Recall", "--project",
             "Support RAG", "--metric", "recall@5=0.62->0.87", "--metric", "latency=950 ms", "--date", "2026-01-09"]),
    ("ada", ["artifact", "list", "--json"]),
    ("ada", ["project", "list", "--json"]),
    ("ada", ["story", "add", "--title", "Cutting hallucinations", "--problem", "p", "--metrics", "12 -> 4 %",
             "--theme", "rag-design", "--project", "Support RAG"]),
    ("ada", ["story", "list", "--json"]),
    ("ada", ["drill", "score", "--theme", "rag-design", "--question", "rag-design-01", "--answer", ANSWER,
             "--seconds", "80", "--json"]),
    ("ada", ["drill", "stats", "--json"]),
    ("ada", ["today", "--date", "2026-01-21", "--json"]),
    ("bo", ["today", "--date", "2026-01-21", "--json"]),
    ("ada", ["status", "--json"]),
    ("ada", ["retro", "add", "--week", "1", "--shipped", "eval harness", "--next", "retrieval"]),
    ("ada", ["export", "case-study", "--project", "Support RAG", "--json"]),
    ("ada", ["export", "resume", "--json"]),
    (None, ["cohort", "--date", "2026-01-21", "--json"]),
]  # fmt: skip

VOLATILE = {"id", "created_at", "updated_at", "taken_at", "next_due", "due", "last_attempt", "exported_at"}


def _stable(value: Any) -> Any:
    """The output without ids and clock times, which differ between any two runs."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE and not k.endswith("_at")}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def live_the_week(url: str, capsys: pytest.CaptureFixture[str]) -> list[Any]:
    outputs = []
    for learner, argv in SCRIPT:
        capsys.readouterr()
        code = run(["--db", url, *(["--learner", learner] if learner else []), *argv])
        out, err = capsys.readouterr()
        assert code == 0, f"{argv[0]} failed on {url.split(':')[0]}: {err}"
        outputs.append(_stable(json.loads(out)) if "--json" in argv else out)
    return outputs


@pytest.mark.postgres
def test_every_command_answers_the_same_on_postgresql(pg_url, tmp_path: Path, capsys):
    sqlite_url = f"sqlite:///{tmp_path / 'record.db'}"
    on_sqlite = live_the_week(sqlite_url, capsys)
    on_postgres = live_the_week(pg_url, capsys)
    dispose_engine(sqlite_url)
    for (_, argv), lite, pg in zip(SCRIPT, on_sqlite, on_postgres, strict=True):
        assert pg == lite, f"`proofwork {' '.join(argv[:2])}` differs between SQLite and PostgreSQL"
    today = on_postgres[SCRIPT.index(("ada", ["today", "--date", "2026-01-21", "--json"]))]
    assert today["day"] == 17 and today["streak_current"] == 2 and today["minutes_today"] == 30


def test_averages_are_floats_on_every_engine(engine_url):
    """PostgreSQL's avg() of integers is numeric: without a Float type it reaches the coach as a Decimal."""
    from datetime import date

    from curriculum.catalog import load_catalog
    from curriculum.plan import locate
    from tests.tracker.conftest import add_learner
    from tracker.db import open_session
    from tracker.models import DrillAttempt, Learner
    from tracker.record import summarise_record

    learner_id = add_learner(engine_url, "ada")
    with open_session(engine_url) as session:
        for score in (55, 70):
            session.add(
                DrillAttempt(learner_id=learner_id, theme="t", question_key="q", answer="a", score=score, rating=2)
            )
        learner = session.get(Learner, learner_id)
        assert learner is not None
        today = date(2026, 1, 20)
        summary = summarise_record(session, learner, today, locate(learner.start_date, today, load_catalog().plan), {})
    assert type(summary.drill_average) is float and summary.drill_average == 62.5
