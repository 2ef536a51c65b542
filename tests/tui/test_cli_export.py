"""`proofwork export ...`, exactly as the issue spells it, on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.tracker.exports.conftest import headings, links, plain_text
from tests.tracker.exports.record import build_record, ok
from tests.tracker.exports.test_resume import schema


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in a fresh folder, as a learner would, so relative -o paths land there."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_the_acceptance_spellings(ada, here: Path):
    from jsonschema import Draft7Validator

    ok(ada("project", "add", "--name", "Support RAG", "--problem", "agents wait for answers",
           "--repo", "https://github.com/ada/support-rag"))  # fmt: skip
    ok(ada("artifact", "add", "--project", "Support RAG", "--week", "4", "--kind", "eval-report",
           "--title", "Golden-set eval", "--link", "https://github.com/ada/support-rag/pull/4",
           "--metric", "hallucination rate=12->4 %"))  # fmt: skip
    ok(ada("decision", "add", "--project", "Support RAG", "--layer", "evaluation",
           "--decision", "gate merges on a golden set", "--metric", "hallucination rate",
           "--failure", "judge drift", "--mitigation", "weekly calibration",
           "--rejected", "manual spot checks"))  # fmt: skip

    result = ok(ada("export", "case-study", "--project", "Support RAG", "-o", "cs.md"))
    assert result.out == "wrote cs.md (case study of Support RAG)\n"
    case_study = (here / "cs.md").read_text(encoding="utf-8")
    assert "hallucination rate went from 12% to 4% (-67%)" in plain_text(case_study)
    assert "manual spot checks" in plain_text(case_study)
    assert ("Golden-set eval", "https://github.com/ada/support-rag/pull/4") in links(case_study)
    assert "check: no-non-goals" in result.err  # findings are listed, the document is still written

    ok(ada("export", "resume", "--format", "json", "-o", "resume.json"))
    ok(ada("export", "resume", "--format", "md", "-o", "resume.md"))
    resume = json.loads((here / "resume.json").read_text(encoding="utf-8"))
    assert list(Draft7Validator(schema()).iter_errors(resume)) == []
    assert resume["projects"][0]["name"] == "Support RAG"
    assert "hallucination rate went from 12% to 4%" in resume["projects"][0]["highlights"][0]
    assert headings((here / "resume.md").read_text(encoding="utf-8")) == [
        "Summary",
        "Skills, with the work that shows them",
        "Projects",
    ]
    ok(ada("export", "resume", "--format", "pdf", "-o", "resume.pdf"))
    assert (here / "resume.pdf").read_bytes().startswith(b"%PDF-")


def test_without_o_the_document_goes_to_stdout(ada):
    build_record(ada)
    result = ok(ada("export", "retro", "--week", "4"))
    assert result.out.startswith("# Week 4 retro: ")
    html = ok(ada("export", "resume", "--format", "html"))
    assert html.out.startswith("<!doctype html>")


def test_check_lists_findings_and_strict_fails(ada):
    build_record(ada)
    clean = ada("export", "case-study", "--project", "Support RAG", "--check", "--strict")
    assert (clean.code, clean.out) == (0, "no findings\n")
    thin = ada("export", "case-study", "--project", "Triage Agent", "--check")
    assert thin.code == 0 and "no-non-goals: [Constraints and non-goals]" in thin.out
    assert ada("export", "case-study", "--project", "Triage Agent", "--check", "--strict").code == 1
    as_json = json.loads(ok(ada("export", "case-study", "--project", "Triage Agent", "--check", "--json")).out)
    assert {finding["code"] for finding in as_json} >= {
        "no-non-goals",
        "no-failure-story",
        "metric-without-before",
    }
    resume = ada("export", "resume", "--check", "--strict")
    assert resume.code == 1 and "buzzword: [Projects] 'spearheaded'" in resume.out


def test_strict_still_writes_the_document_but_exits_1(ada, here: Path):
    build_record(ada)
    result = ada("export", "resume", "-o", "resume.md", "--strict")
    assert result.code == 1 and (here / "resume.md").exists()
    assert "check: bullet-without-metric" in result.err


def test_polish_without_a_key_says_so_in_one_line_and_writes_the_record(ada, here: Path):
    build_record(ada)
    plain = ok(ada("export", "case-study", "--project", "Support RAG")).out
    result = ok(ada("export", "case-study", "--project", "Support RAG", "--polish", "-o", "cs.md"))
    skipped = [line for line in result.err.splitlines() if line.startswith("polish skipped")]
    assert len(skipped) == 1
    assert (here / "cs.md").read_text(encoding="utf-8") == plain


def test_export_all(ada, tmp_path: Path):
    build_record(ada)
    result = ok(ada("export", "all", "--out", str(tmp_path / "out"), "--json"))
    written = json.loads(result.out)
    assert {Path(path).name for path in written["files"]} >= {
        "case-study-support-rag.md",
        "resume.json",
        "resume.md",
        "resume.html",
        "record.json",
        "retro-week-04.md",
    }
    assert all(Path(path).exists() for path in written["files"])
    assert "case-study-triage-agent.md" in written["findings"]


BAD_INPUT = [
    (["export", "case-study", "--project", "Nope", "-o", "cs.md"], "Nope"),
    (["export", "retro", "--week", "13", "-o", "retro.md"], "week 13"),
    (["export", "retro", "--week", "four", "-o", "retro.md"], "four"),
    (["export", "resume", "--format", "docx", "-o", "resume.docx"], "docx"),
    (["export", "resume", "--format", "pdf"], "-o resume.pdf"),
    (["export", "resume", "-o", "missing/resume.md"], "missing"),
    (["export", "case-study", "--project", "Support RAG", "-o", "missing/cs.md"], "missing"),
    (["export", "retro", "--week", "4", "-o", "."], "folder"),
    (["export", "all", "--out", "missing/out"], "missing"),
]


@pytest.mark.parametrize(("argv", "mentions"), BAD_INPUT, ids=[" ".join(a[1:3]) for a, _ in BAD_INPUT])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(ada, here: Path, argv, mentions):
    build_record(ada)
    result = ada(*argv)
    assert result.code == 2
    assert mentions in result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert "Traceback" not in result.err + result.out
    assert list(here.iterdir()) == []


def test_no_profile_says_how_to_start(cli, tmp_path: Path):
    result = cli("export", "resume")
    assert result.code == 2 and "proofwork init" in result.err


def test_json_carries_the_document_and_its_findings(ada, here: Path):
    build_record(ada)
    shown = json.loads(ok(ada("export", "case-study", "--project", "Triage Agent", "--json")).out)
    assert shown["name"] == "case-study-triage-agent.md" and shown["format"] == "md"
    assert shown["text"].startswith("# Triage Agent: case study")
    assert "no-non-goals" in {finding["code"] for finding in shown["findings"]}
    written = json.loads(ok(ada("export", "retro", "--week", "4", "-o", "w4.md", "--json")).out)
    assert written["written_to"] == "w4.md" and written["text"] is None
    assert (here / "w4.md").read_text(encoding="utf-8").startswith("# Week 4 retro")


def test_templates_lists_and_copies_the_shipped_ones(cli, isolated_home: Path):
    mine = isolated_home / "config" / "proofwork" / "templates"
    listed = ok(cli("export", "templates")).out
    assert f"your templates: {mine}" in listed and "case-study.md.j2" in listed
    (mine).mkdir(parents=True)
    (mine / "retro.md.j2").write_text("mine\n", encoding="utf-8")
    copied = ok(cli("export", "templates", "--copy")).out
    assert "retro.md.j2 (yours)" in copied and "resume.md.j2 (copied)" in copied
    assert (mine / "retro.md.j2").read_text(encoding="utf-8") == "mine\n"
    assert (mine / "case-study.md.j2").exists()
