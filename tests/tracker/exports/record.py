"""A learner's record for export tests, built the way a learner builds it: through the real command line,
on a real SQLite file. Rows whose commands need the network or a clock (a grade of a real repository, a
timed drill) or have no command yet (a written retro) go through the tracker's services and models."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

SCORES = {
    "instruction_design": 4,
    "data_handling": 2,
    "evaluation": 3,
    "backend_integration": 3,
    "model_economics": 2,
    "safety_compliance": 3,
    "product_thinking": 5,
}
REPO = "https://github.com/ada/support-rag"
EVAL_LINK = "https://github.com/ada/support-rag/pull/4"
DASHBOARD_LINK = "https://github.com/ada/support-rag/blob/main/docs/latency (week 5).md"


def ok(result: Any) -> Any:
    assert result.code == 0, result.err
    return result


def build_record(cli: Callable[..., Any]) -> None:
    """Ada (fixture `ada`, day 1 on 2026-11-02): two projects, artifacts, decisions, logs, tasks, the rest."""
    ok(cli("assess", *[arg for key, n in SCORES.items() for arg in ("--score", f"{key}={n}")]))
    ok(
        cli(
            "project", "add", "--name", "Support RAG",
            "--problem", "Support agents wait minutes for answers buried in a 4,000-page wiki",
            "--users", "tier-1 support agents",
            "--constraints", "EU data residency; p95 under 2 s",
            "--non-goals", "no voice channel; no ticket auto-close",
            "--repo", REPO,
        )
    )  # fmt: skip
    ok(
        cli(
            "artifact", "add", "--project", "Support RAG", "--week", "4", "--kind", "eval-report",
            "--title", "Grounded-answer eval", "--description", "100-case golden set scored by an LLM judge",
            "--link", EVAL_LINK, "--metric", "hallucination rate=12->4 %",
            "--metric", "faithfulness=0.71->0.88",
            "--date", "2026-11-27",
        )
    )  # fmt: skip
    ok(
        cli(
            "artifact", "add", "--project", "Support RAG", "--week", "5", "--kind", "dashboard",
            "--title", "Latency dashboard", "--link", DASHBOARD_LINK,
            "--metric", "p95 latency=1800->950 ms", "--date", "2026-12-02",
        )
    )  # fmt: skip
    ok(
        cli(
            "decision", "add", "--project", "Support RAG", "--layer", "evaluation",
            "--decision", "gate merges on a 100-case golden set",
            "--metric", "hallucination rate 12 -> 4 %",
            "--failure", "the LLM judge drifted after a prompt change",
            "--mitigation", "weekly human calibration on 20 cases",
            "--rejected", "manual spot checks",
        )
    )  # fmt: skip
    ok(
        cli(
            "decision", "add", "--project", "Support RAG", "--layer", "data_retrieval",
            "--decision", "hybrid BM25 + vector search with a reranker",
            "--metric", "p95 latency stayed under 2 s",
            "--rejected", "vector-only search",
        )
    )  # fmt: skip
    # A thin project: the linter's counter-example.
    ok(cli("project", "add", "--name", "Triage Agent", "--problem", "tickets land in the wrong queue"))
    ok(
        cli(
            "artifact", "add", "--project", "Triage Agent", "--week", "4", "--kind", "demo",
            "--title", "Routing demo", "--metric", "routing accuracy=81 %", "--date", "2026-11-25",
        )
    )  # fmt: skip
    ok(
        cli(
            "decision", "add", "--project", "Triage Agent", "--layer", "prompt_orchestration",
            "--decision", "one router prompt with tool calls", "--metric", "tool-call success 97%",
        )
    )  # fmt: skip
    # No project, no metric, no link, and a buzzword: every bullet check fires.
    ok(
        cli(
            "artifact", "add", "--week", "3", "--kind", "demo", "--title", "Spearheaded a prompt library",
            "--date", "2026-11-18",
        )
    )  # fmt: skip
    ok(cli("log", "--minutes", "90", "built the golden set", "--date", "2026-11-24"))
    ok(cli("log", "--minutes", "45", "judge calibration", "--date", "2026-11-26"))
    ok(cli("log", "--minutes", "30", "outside week 4", "--date", "2026-12-01"))
    ok(cli("task", "done", "w04-golden-dataset"))
    ok(cli("task", "note", "w04-golden-dataset", "100 cases from real tickets"))
    ok(cli("task", "done", "w04-scoring-script"))
    ok(cli("task", "skip", "w04-month-one-dashboard"))
    ok(cli("task", "doing", "w04-failure-categories"))
    _rows_without_commands()


def _rows_without_commands() -> None:
    from tracker.db import open_session
    from tracker.grades import save_grade
    from tracker.learners import current_learner
    from tracker.models import DrillAttempt, Retro

    with open_session() as session:
        ada = current_learner(session)
        run = save_grade(
            session,
            ada,
            {
                "source": REPO,
                "commit": "3f2a9c81d0e4b5a6c7d8e9f0a1b2c3d4e5f6a7b8",
                "overall": 71,
                "dimensions": {
                    "evals": {"score": 84},
                    "tests": {"score": 62},
                    "observability": {"score": None},
                },
                "coverage": {"rubric_weight_assessed": 0.8},
            },
        )
        run.created_at = datetime(2026, 11, 28, 9, 0)
        for theme, score, day in (
            ("evals", 70, 25),
            ("evals", 80, 26),
            ("rag-design", 55, 27),
            ("evals", 90, 3),
        ):
            month = 11 if day > 20 else 12
            session.add(
                DrillAttempt(
                    learner_id=ada.id,
                    theme=theme,
                    question_key=f"{theme}-1",
                    answer="...",
                    score=score,
                    rating=3,
                    created_at=datetime(2026, month, day, 18, 0),
                )
            )
        session.add(
            Retro(
                learner_id=ada.id,
                week=4,
                shipped="golden set; judge",
                slipped="failure categories",
                next="tag failures by category",
            )
        )
