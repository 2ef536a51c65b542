"""`export_all`: every document plus the whole record as JSON, written only when all of them rendered."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tracker.exports import export_all


def test_every_document_and_the_record(open_record, tmp_path: Path, db_path: Path):
    out = tmp_path / "portfolio"
    with open_record() as (session, ada):
        bundle = export_all(session, ada, out, today=date(2026, 11, 30))
    names = sorted(path.name for path in out.iterdir())
    assert names == [
        "case-study-support-rag.md",
        "case-study-triage-agent.md",
        "record.json",
        "resume.html",
        "resume.json",
        "resume.md",
        "resume.pdf",
        "retro-week-01.md",
        "retro-week-02.md",
        "retro-week-03.md",
        "retro-week-04.md",
        "retro-week-05.md",  # not begun on 30 November, but it holds an artifact
    ]
    assert sorted(path.name for path in bundle.files) == names
    assert "case-study-triage-agent.md" in bundle.findings and "case-study-support-rag.md" not in bundle.findings
    assert (out / "case-study-support-rag.md").read_text(encoding="utf-8").startswith("# Support RAG: case study")


def test_the_record_dump_holds_every_row(open_record, tmp_path: Path, db_path: Path):
    with open_record() as (session, ada):
        export_all(session, ada, tmp_path / "out", today=date(2026, 11, 30))
    dump = json.loads((tmp_path / "out" / "record.json").read_text(encoding="utf-8"))
    counts = {
        "artifacts": "artifacts",
        "log_entries": "log_entries",
        "task_states": "task_states",
        "projects": "projects",
        "grade_runs": "grade_runs",
        "drill_attempts": "drill_attempts",
        "retros": "retros",
        "assessments": "assessments",
    }
    with sqlite3.connect(db_path) as connection:
        for key, table in counts.items():
            assert len(dump[key]) == connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0], key
    assert dump["learner"]["name"] == "Ada" and dump["learner"]["start_date"] == "2026-11-02"
    rag = next(p for p in dump["projects"] if p["name"] == "Support RAG")
    assert [d["rejected"] for d in rag["decisions"]] == ["manual spot checks", "vector-only search"]
    eval_report = next(a for a in dump["artifacts"] if a["kind"] == "eval-report")
    assert eval_report["metrics"][0] | {"id": 0, "artifact_id": 0} == {
        "id": 0,
        "artifact_id": 0,
        "name": "hallucination rate",
        "baseline": 12.0,
        "result": 4.0,
        "unit": "%",
    }
    assert len(dump["assessments"][0]["scores"]) == 7
    assert dump["grade_runs"][0]["report"]["overall"] == 71


def test_a_bad_folder_writes_nothing(open_record, tmp_path: Path):
    from curriculum.errors import UserError

    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "a-file").write_text("x", encoding="utf-8")
    with open_record() as (session, ada):
        with pytest.raises(UserError, match="does not exist"):
            export_all(session, ada, exports / "missing" / "out")
        with pytest.raises(UserError, match="is a file"):
            export_all(session, ada, exports / "a-file")
    assert sorted(p.name for p in exports.iterdir()) == ["a-file"]


def test_a_failing_render_writes_nothing(open_record, tmp_path: Path):
    from tracker.exports.render import user_templates_dir

    folder = user_templates_dir()
    folder.mkdir(parents=True)
    (folder / "retro.md.j2").write_text("{{ retro.missing }}", encoding="utf-8")
    with open_record() as (session, ada), pytest.raises(Exception, match="missing"):
        export_all(session, ada, tmp_path / "out", today=date(2026, 11, 30))
    assert not (tmp_path / "out").exists()


def test_projects_whose_names_slug_alike_get_their_own_files(ada, tmp_path: Path):
    from tests.tracker.exports.conftest import learner_session
    from tests.tracker.exports.record import ok

    ok(ada("project", "add", "--name", "RAG bot", "--problem", "first"))
    ok(ada("project", "add", "--name", "RAG-bot", "--problem", "second"))
    with learner_session() as (session, learner):
        export_all(session, learner, tmp_path / "out", today=date(2026, 11, 1))
    assert "first" in (tmp_path / "out" / "case-study-rag-bot.md").read_text(encoding="utf-8")
    assert "second" in (tmp_path / "out" / "case-study-rag-bot-2.md").read_text(encoding="utf-8")
