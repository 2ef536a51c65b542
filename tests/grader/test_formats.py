"""Report formats, schema, gates and exit codes, through the real CLI."""

from __future__ import annotations

import json

import jsonschema
import pytest

from grader.probes import PROBES
from grader.report import SCHEMA_VERSION
from tests.grader.conftest import build_rag_repo
from tui.cli.app import run


@pytest.fixture
def rag(make_repo):
    return build_rag_repo(make_repo)


def test_schema_prints_and_validates_json_output(capsys, rag):
    assert run(["grade", "--schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert run(["grade", str(rag.path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    jsonschema.validate(report, schema)
    assert report["schema_version"] == SCHEMA_VERSION
    assert report["review"]["status"] == "skipped" and report["review"]["reason"] == "no ANTHROPIC_API_KEY set"
    assert set(report["dimensions"]) == {
        "evals", "tests", "observability", "reliability", "security", "ci", "docs", "code_health", "delivery",
    }  # fmt: skip
    assert {"score", "weight", "findings"} <= set(report["dimensions"]["evals"])
    assert 0 <= report["overall"] <= 100
    assert report["commit"] == rag.show("HEAD", "") or len(report["commit"]) == 40


def test_sarif_has_one_rule_per_probe_and_locations(capsys, rag):
    assert run(["grade", str(rag.path), "--format", "sarif"]) == 0
    sarif = json.loads(capsys.readouterr().out)
    assert sarif["version"] == "2.1.0"
    run0 = sarif["runs"][0]
    assert len(run0["tool"]["driver"]["rules"]) == len(PROBES)
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run0["results"])
    kinds = {r["kind"] for r in run0["results"]}
    assert "pass" in kinds


def test_markdown_and_step_summary(capsys, rag, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert run(["grade", str(rag.path), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## proofwork grade:")
    assert "| evals |" in out
    assert summary.read_text().startswith("earlier step\n## proofwork grade:")


def test_terminal_view_shows_bars_findings_and_fixes(capsys, make_repo):
    repo = make_repo({"app.py": "from openai import OpenAI\n", "README.md": "# demo\n"})
    assert run(["grade", str(repo.path)]) == 0
    out = capsys.readouterr().out
    assert "evals" in out and "Five fixes worth the most points" in out
    assert "Top findings" in out


def test_gates_exit_1(capsys, make_repo):
    repo = make_repo({"app.py": "from openai import OpenAI\n"})
    assert run(["grade", str(repo.path), "--json", "--fail-under", "90"]) == 1
    assert "overall" in capsys.readouterr().err
    assert run(["grade", str(repo.path), "--json", "--min", "evals=60"]) == 1
    err = capsys.readouterr().err
    assert "evals 0 < 60" in err and len(err.strip().splitlines()) == 1
    assert run(["grade", str(repo.path), "--json", "--min", "code_health=0"]) == 0


@pytest.mark.parametrize("gate", ["vibes=3", "evals", "evals=x", "evals=101"])
def test_bad_gates_exit_2(capsys, make_repo, gate):
    repo = make_repo({"app.py": "x = 1\n"})
    assert run(["grade", str(repo.path), "--min", gate]) == 2
    assert "--min" in capsys.readouterr().err


def test_output_file_and_flags(capsys, make_repo, tmp_path):
    repo = make_repo({"app.py": "x = 1\n"})
    target = tmp_path / "grade.json"
    assert run(["grade", str(repo.path), "--json", "--no-review", "--no-save", "-o", str(target)]) == 0
    assert json.loads(target.read_text())["commit"]


def test_missing_target_and_profile(capsys, tmp_path):
    assert run(["grade"]) == 2
    assert "TARGET" in capsys.readouterr().err
    assert run(["grade", str(tmp_path), "--profile", str(tmp_path / "none.yaml")]) == 2
    assert "does not exist" in capsys.readouterr().err
