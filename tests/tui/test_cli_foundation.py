"""The foundation commands, exactly as the README spells them, on a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

SCORES = [
    "--score",
    "instruction_design=4",
    "--score",
    "data_handling=2",
    "--score",
    "evaluation=1",
    "--score",
    "backend_integration=3",
    "--score",
    "model_economics=2",
    "--score",
    "safety_compliance=3",
    "--score",
    "product_thinking=3",
]


def rows(db: Path, table: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_today_counts_days_from_the_start(ada):
    result = ada("today", "--date", "2026-11-21", "--json")
    assert result.code == 0, result.err
    view = json.loads(result.out)
    assert view["day"] == 20 and view["week_number"] == 3
    assert view["week"]["number"] == 3 and view["week"]["objective"]
    assert len(view["tasks"]) >= 3 and all(task["status"] == "todo" for task in view["tasks"])


def test_assess_then_gaps_picks_the_lowest_two(ada):
    assert ada("assess", *SCORES).code == 0
    result = ada("gaps", "--json")
    report = json.loads(result.out)
    assert report["focus"][0] == "evaluation"
    assert report["focus"][1] in {"data_handling", "model_economics"}
    assert report["change"] is None
    ada("assess", *[s.replace("evaluation=1", "evaluation=3") for s in SCORES])
    assert json.loads(ada("gaps", "--json").out)["change"]["evaluation"] == 2


def test_log_task_artifact_project_decision_round_trip(ada, db_path):
    assert ada("log", "--minutes", "45", "built the eval harness", "--date", "2026-11-20").code == 0
    assert ada("log", "--minutes", "30", "read traces", "--date", "2026-11-21").code == 0
    week3 = json.loads(ada("task", "list", "--week", "3", "--json").out)
    key = week3[0]["key"]
    assert ada("task", "done", key).code == 0
    assert ada("task", "note", key, "used recall@5").code == 0
    assert (
        ada(
            "project",
            "add",
            "--name",
            "Support RAG",
            "--problem",
            "agents answer slowly",
            "--repo",
            "https://github.com/ada/support-rag",
        ).code
        == 0
    )
    added = ada(
        "artifact",
        "add",
        "--week",
        "3",
        "--kind",
        "eval-report",
        "--title",
        "First eval",
        "--link",
        "https://github.com/ada/support-rag/pull/3",
        "--project",
        "Support RAG",
        "--metric",
        "hallucination rate=12->4 %",
        "--metric",
        "p95 latency=900 ms",
    )
    assert added.code == 0, added.err
    assert (
        ada(
            "decision",
            "add",
            "--project",
            "support rag",
            "--layer",
            "evaluation",
            "--decision",
            "gate merges on a 100-case golden set",
            "--metric",
            "faithfulness 0.71 -> 0.88",
            "--failure",
            "judge drifted",
            "--mitigation",
            "weekly human calibration",
            "--rejected",
            "manual spot checks",
        ).code
        == 0
    )

    artifacts = json.loads(ada("artifact", "list", "--json").out)
    assert artifacts[0]["metrics"][0] == {
        "name": "hallucination rate",
        "baseline": 12.0,
        "result": 4.0,
        "unit": "%",
    }
    assert artifacts[0]["metrics"][1]["baseline"] is None
    assert artifacts[0]["project"] == "Support RAG"
    projects = json.loads(ada("project", "list", "--json").out)
    assert projects[0]["decisions"][0]["rejected"] == "manual spot checks"
    view = json.loads(ada("today", "--date", "2026-11-21", "--json").out)
    assert view["streak_current"] == 2 and view["minutes_today"] == 30
    assert next(t for t in view["tasks"] if t["key"] == key)["status"] == "done"
    assert rows(db_path, "log_entries") == 2


def test_roadmap_lists_ten_stages_and_twelve_weeks(cli):
    data = json.loads(cli("roadmap", "--json").out)
    assert len(data["stages"]) == 10 and len(data["weeks"]) == 12


def test_status_reports_counts(ada):
    ada("log", "--minutes", "60")
    data = json.loads(ada("status", "--json").out)
    assert data["log_entries"] == 1 and data["hours_logged"] == 1.0 and data["target_role"] == "AI Engineer"


BAD_INPUT = [
    (["assess", "--score", "evaluation=0"], "evaluation"),
    (["assess", "--score", "evaluation=7"], "evaluation"),
    (["assess", "--score", "vibes=3"], "vibes"),
    (["assess", "--score", "evaluation"], "competency=N"),
    (["artifact", "add", "--week", "13", "--kind", "demo", "--title", "x"], "week 13"),
    (
        ["artifact", "add", "--week", "3", "--kind", "demo", "--title", "x", "--metric", "latency fast"],
        "metric",
    ),
    (["artifact", "add", "--week", "3", "--kind", "evl-report", "--title", "x"], "evl-report"),
    (["today", "--date", "2026-13-45"], "2026-13-45"),
    (["log", "--minutes", "30", "--date", "2026-02-30"], "2026-02-30"),
    (["log", "--minutes", "-5"], "minutes"),
    (["task", "done", "w99-nothing"], "w99-nothing"),
    (["decision", "add", "--project", "Nope", "--layer", "evaluation", "--decision", "x"], "Nope"),
    (["init", "--name", "Ada", "--target-role", "AI Engineer", "--start", "2026-11-02"], "--force"),
    (["init", "--name", "Bob", "--target-role", "Wizard", "--force"], "Wizard"),
]


@pytest.mark.parametrize(("argv", "mentions"), BAD_INPUT, ids=[" ".join(a[:2]) for a, _ in BAD_INPUT])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(ada, db_path, argv, mentions):
    before = {
        table: rows(db_path, table)
        for table in ("learners", "assessments", "artifacts", "log_entries", "task_states", "decisions")
    }
    result = ada(*argv)
    assert result.code == 2
    assert mentions in result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert "Traceback" not in result.err + result.out
    assert before == {table: rows(db_path, table) for table in before}


def test_commands_without_a_profile_say_how_to_start(cli):
    for argv in (["today"], ["gaps"], ["log", "--minutes", "5"], ["artifact", "list"]):
        result = cli(*argv)
        assert result.code == 2 and "proofwork init" in result.err


def test_init_force_replaces_the_profile_but_keeps_the_record(ada):
    ada("log", "--minutes", "20")
    assert (
        ada(
            "init",
            "--name",
            "Ada L",
            "--target-role",
            "AI Agent Engineer",
            "--start",
            "2026-11-09",
            "--force",
        ).code
        == 0
    )
    data = json.loads(ada("status", "--json").out)
    assert data["name"] == "Ada L" and data["log_entries"] == 1 and data["target_role"] == "AI Agent Engineer"
