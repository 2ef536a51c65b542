"""Every export, rendered from three weeks of a realistic record and read back against the record.

The resume (Markdown, HTML, JSON Resume, PDF), both case studies and the retros are built from a record made
through the command line (tests/tracker/exports/three_weeks.py), then read as a hiring manager would read them:
every number traces to a row, every artifact named sits under its own project, nothing is printed empty, no
self-rating appears, contact details are there, JSON Resume validates against 1.2.1, and the case study and the
retro say what slipped and when, in sentences a person would write.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.tracker.exports.conftest import headings, learner_session, links, plain_text
from tests.tracker.exports.three_weeks import CONTACT, DEMO_LINK, EVAL_LINK, build_three_weeks, day
from tracker.exports import render_case_study, render_resume, render_retro
from tracker.exports.facts import check_facts
from tracker.exports.jsonresume import SCHEMA_URL
from tracker.exports.metrics import number

SCHEMA = Path(__file__).parent / "data" / "jsonresume-schema-1.2.1.json"
KEYS_NEVER_SHOWN = ("job-research", "eval-report", "backend_integration", "data_retrieval", "runtime_infra")


@pytest.fixture
def grace(cli: Any, db_path: Path) -> sqlite3.Connection:
    build_three_weeks(cli)
    connection = sqlite3.connect(db_path)
    yield connection
    connection.close()


@pytest.fixture
def documents(grace: sqlite3.Connection) -> dict[str, Any]:
    """Every export of the record, by name (the PDF as bytes)."""
    with learner_session() as (session, learner):
        found: dict[str, Any] = {
            f"resume.{fmt}": render_resume(session, learner, fmt) for fmt in ("md", "html", "json")
        }
        found["resume.pdf"] = render_resume(session, learner, "pdf").data
        for project in ("Support RAG", "Invoice Extractor"):
            found[f"case study {project}"] = render_case_study(session, learner, project)
        for week in (1, 2, 3):
            found[f"retro {week}"] = render_retro(session, learner, week)
    return found


def record_source(db: sqlite3.Connection) -> str:
    """Every value of the record as text, plus what the exports may derive from it: changes and counts."""
    parts: list[str] = []
    for table in ("learners", "experiences", "projects", "decisions", "artifacts", "stories", "retros"):
        for row in db.execute(f"SELECT * FROM {table}"):
            parts += [str(value) for value in row if value is not None]
    for baseline, result in db.execute("SELECT baseline, result FROM artifact_metrics"):
        parts += [number(result)]
        if baseline is not None:
            parts += [number(baseline), number(round(abs(result - baseline), 10))]
            parts += [f"{round(abs(result - baseline) / abs(baseline) * 100)}"]
    parts += [str(n) for n in range(1, 13)]  # week numbers and counts of rows
    parts += [date.today().isoformat(), SCHEMA_URL, "v1.2.1"]  # the JSON Resume format's own version
    parts += [f"[email](mailto:{email})" for (email,) in db.execute("SELECT email FROM learners")]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def strings_in(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for item in value.values():
            yield item
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield item
            yield from strings_in(item)


def test_every_number_in_every_export_traces_to_the_record(grace, documents):
    source = record_source(grace)
    texts = {name: (pdf_text(doc) if isinstance(doc, bytes) else doc.text) for name, doc in documents.items()}
    readable = {key: value for key, value in json.loads(texts["resume.json"]).items() if key != "meta"}
    texts["resume.json"] = json.dumps(readable, ensure_ascii=False)  # `meta` holds row ids, the provenance itself
    texts["resume.html"] = re.sub(r"<style>.*?</style>", "", texts["resume.html"], flags=re.S)  # the print CSS
    for name, text in texts.items():
        if name.startswith("retro"):
            continue  # the retro quotes the plan's next week, which is catalog text, not the record
        check = check_facts(source, text)
        assert check.new_numbers == [], f"{name} prints numbers the record does not hold: {check.new_numbers}"
        assert check.new_links == [], f"{name} links to places the record does not name: {check.new_links}"


def test_the_resume_lists_each_skill_with_the_work_that_proves_it(grace, documents):
    md = plain_text(documents["resume.md"].text)
    data = json.loads(documents["resume.json"].text)
    # Evidence by what the artifact shows, never by the week it was filed under.
    assert (
        "Evaluation: Retrieval eval on 120 labelled queries (recall@5 0.62 to 0.81, hallucination rate 12% to 4%)" in md
    )
    assert (
        "Backend integration: Latency and error dashboard (latência p95 4.2 s to 1.8 s, error rate 3.1% to 0.4%)" in md
    )
    assert "Model economics: Invoice extraction CLI (cost per invoice 0.002 USD to 0.0008 USD)" in md
    # The demo backs the prompt decision with its metric: instruction design, through the decision.
    assert "Instruction design: Invoice extraction CLI (field accuracy 0.81 to 0.93)" in md
    skills = {skill["name"]: skill for skill in data["skills"]}
    assert set(skills) == {
        "Evaluation",
        "Data handling",
        "Backend integration",
        "Model economics",
        "Instruction design",
    }
    why = {entry["skill"]: entry["evidence"] for entry in data["meta"]["proofwork"]["provenance"] if "skill" in entry}
    artifact_ids = {title: i for i, title in grace.execute("SELECT id, title FROM artifacts")}
    assert {e["artifact_id"] for e in why["Instruction design"]} == {artifact_ids["Invoice extraction CLI"]}
    assert any("backs the Prompt and orchestration decision" in w for e in why["Instruction design"] for w in e["why"])
    # A job-market study is not work to show an employer; self-ratings are never printed.
    everything = md + documents["resume.json"].text + pdf_text(documents["resume.pdf"])
    assert "Role brief" not in everything and "20 JDs" not in everything
    for rating in ("/5", "self-assessed", "self-rated", "Safety and compliance", "Product thinking"):
        assert rating not in everything


def test_every_bullet_sits_under_its_own_project(grace, documents):
    data = json.loads(documents["resume.json"].text)
    owner = {
        title: project or "Other shipped work"
        for title, project in grace.execute(
            "SELECT a.title, p.name FROM artifacts a LEFT JOIN projects p ON p.id = a.project_id"
        )
    }
    assert [p["name"] for p in data["projects"]] == ["Invoice Extractor", "Support RAG"]
    shown = links(documents["resume.md"].text)
    assert ("Retrieval eval on 120 labelled queries", EVAL_LINK) in shown and ("proof", DEMO_LINK) in shown
    for project in data["projects"]:
        for highlight in project["highlights"]:
            titles = [title for title in owner if highlight.startswith(title)]
            assert titles and owner[titles[0]] == project["name"], highlight
    summary = data["basics"]["summary"]
    assert "Built Invoice Extractor and Support RAG, with 3 shipped artifacts between them." in summary
    for name, other in (("Support RAG", "Invoice extraction CLI"), ("Invoice Extractor", "Retrieval eval")):
        text = documents[f"case study {name}"].text
        assert other not in text, f"the {name} case study names another project's work"


def test_contact_details_and_the_job_reach_every_format(grace, documents):
    from jsonschema import Draft7Validator

    data = json.loads(documents["resume.json"].text)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER).iter_errors(data)
    assert [error.message for error in errors] == []
    assert data["basics"]["email"] == CONTACT["email"] and data["basics"]["url"] == CONTACT["website"]
    assert data["basics"]["location"] == {"city": "Lisbon", "region": "Portugal"}
    assert [p["url"] for p in data["basics"]["profiles"]] == [CONTACT["github"], CONTACT["linkedin"]]
    assert data["work"] == [
        {
            "name": "Acme Support",
            "position": "Prompt Engineer",
            "location": "Remote",
            "startDate": "2022-09",
            "summary": "Owned the prompts behind the support assistant.",
            "highlights": [
                "Cut escalations from 18% to 11% with a rewritten triage prompt",
                "Ran a weekly review of 50 assistant answers with the support leads",
            ],
        }
    ]
    pdf = pdf_text(documents["resume.pdf"])
    for text in (plain_text(documents["resume.md"].text), documents["resume.html"].text, pdf):
        for value in ("grace@example.com", "Lisbon, Portugal", "github.com/grace", "linkedin.com/in/grace-h"):
            assert value in text
        assert "Prompt Engineer, Acme Support" in text
        assert "Cut escalations from 18% to 11%" in text
    assert "Invoice extraction CLI (PDF in, validated JSON out): field accuracy went from 0.81 to 0.93 (+15%)" in pdf
    assert pdf.startswith("Grace AI Engineer")


def test_nothing_is_printed_empty(grace, documents):
    data = json.loads(documents["resume.json"].text)
    empty = [value for value in strings_in(data) if value in ("", [], {}, None)]
    assert empty == [], "JSON Resume holds empty fields"
    for name, document in documents.items():
        if isinstance(document, bytes):
            continue
        text = document.text
        if name.startswith("resume.") and document.fmt == "md":
            assert "_No" not in text and "yet._" not in text, "a resume has no placeholders"
            lines = [line for line in text.splitlines() if line.strip()]
            for line, following in itertools.pairwise(lines):
                assert not (line.startswith("#") and following.startswith("## ")), f"empty section {line!r}"
        prose = re.sub(r"```mermaid.*?```", "", text, flags=re.S)
        assert "()" not in prose and " ." not in prose and ": ." not in prose and ".." not in prose, name


def test_the_case_study_and_retro_say_what_slipped_and_when(grace, documents):
    invoice = plain_text(documents["case study Invoice Extractor"].text)
    late = f"Invoice extraction CLI, working demo, shipped on {day(20)}, 6 days after week 2 ended ({day(14)})"
    assert late in invoice
    assert "What slipped: Invoice extraction CLI (6 days late)." in invoice
    rag = plain_text(documents["case study Support RAG"].text)
    assert "Nothing slipped: every artifact shipped within its plan week." in rag
    retro = plain_text(documents["retro 2"].text)
    assert f"Invoice extraction CLI shipped on {day(20)}, 6 days after the week ended" in retro
    assert "Nothing slipped" not in retro
    assert "the demo, by a week" in retro  # the learner's own words, quoted as theirs
    week1 = plain_text(documents["retro 1"].text)
    assert "Role brief: 20 JDs tallied" in week1 and "job research" not in week1.lower().replace("role research", "")


def test_every_sentence_reads_as_a_person_would_write_it(grace, documents):
    rag = plain_text(documents["case study Support RAG"].text)
    assert (
        "Hybrid BM25 and vector search. The alternative, vector-only search, was rejected: missed exact product codes."
        in rag
    )
    assert (
        "Cache answers for an hour. The alternative, a bigger model, was rejected: because it doubled p95." not in rag
    )
    assert "Cache answers for an hour. The alternative, a bigger model, was rejected because it doubled p95." in rag
    assert (
        "Block merges when recall@5 drops more than 2 points. The alternative, manual spot checks, was rejected." in rag
    )
    assert "chose " not in rag and " over " not in rag
    assert "Support agents wait minutes for answers buried in a 4,000-page wiki. Support RAG is built for" in rag
    resume = plain_text(documents["resume.md"].text)
    for name, document in documents.items():
        text = pdf_text(document) if isinstance(document, bytes) else plain_text(document.text)
        prose = re.sub(r"```mermaid.*?```", "", text, flags=re.S)
        for key in KEYS_NEVER_SHOWN:
            assert key not in prose, f"{name} shows the internal key {key!r}"
    assert "->" not in resume and "Result:" not in resume
    assert headings(documents["resume.md"].text) == [
        "Summary",
        "Skills, with the work that shows them",
        "Projects",
        "Experience",
    ]
