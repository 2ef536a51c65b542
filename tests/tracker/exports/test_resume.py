"""The resume in three formats from a record built through the CLI: JSON Resume, provenance, flags."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.tracker.exports.conftest import headings, links, plain_text
from tests.tracker.exports.record import EVAL_LINK, REPO
from tracker.exports import render_resume
from tracker.exports.metrics import number
from tracker.exports.resume import gather_resume

# JSON Resume's schema, v1.2.1 (MIT, jsonresume/resume-schema; licence beside it).
SCHEMA = Path(__file__).parent / "data" / "jsonresume-schema-1.2.1.json"


def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def test_json_resume_validates_and_cites_the_project_and_its_metric(open_record):
    from jsonschema import Draft7Validator

    with open_record() as (session, ada):
        document = render_resume(session, ada, "json")
    data = json.loads(document.text)
    validator = Draft7Validator(schema(), format_checker=Draft7Validator.FORMAT_CHECKER)
    assert sorted(error.message for error in validator.iter_errors(data)) == []
    project = next(p for p in data["projects"] if p["name"] == "Support RAG")
    assert project["url"] == REPO
    assert any(
        "hallucination rate went from 12% to 4% (-67%)" in line and EVAL_LINK in line for line in project["highlights"]
    )
    assert data["basics"] == {"name": "Ada", "label": "AI Engineer", "summary": data["basics"]["summary"]}
    assert "Best measured result: hallucination rate went from 12% to 4% (-67%)." in data["basics"]["summary"]
    assert all(set(skill) <= {"name", "keywords"} for skill in data["skills"]), "no self-rated level"
    assert "work" not in data, "no job written, so no work entry (never a bare position)"
    assert document.fmt == "json" and document.name == "resume.json"


def test_contact_details_and_jobs_reach_json_resume(record):
    from jsonschema import Draft7Validator

    from tests.tracker.exports.conftest import learner_session
    from tests.tracker.exports.record import ok

    ok(record("profile", "edit", "--email", "ada@example.com", "--location", "Lisbon, Portugal",
              "--github", "@ada", "--linkedin", "in/ada-l", "--website", "ada.dev"))  # fmt: skip
    ok(record("experience", "add", "--role", "Prompt Engineer", "--company", "Acme Support", "--start", "Mar 2023",
              "--highlight", "Cut escalations from 18% to 11% with a rewritten triage prompt"))  # fmt: skip
    with learner_session() as (session, learner):
        data = json.loads(render_resume(session, learner, "json").text)
    assert list(Draft7Validator(schema(), format_checker=Draft7Validator.FORMAT_CHECKER).iter_errors(data)) == []
    basics = data["basics"]
    assert basics["email"] == "ada@example.com" and basics["url"] == "https://ada.dev"
    assert basics["location"] == {"city": "Lisbon", "region": "Portugal"}
    assert basics["profiles"] == [
        {"network": "GitHub", "username": "ada", "url": "https://github.com/ada"},
        {"network": "LinkedIn", "username": "ada-l", "url": "https://www.linkedin.com/in/ada-l"},
    ]
    assert data["work"] == [
        {
            "name": "Acme Support",
            "position": "Prompt Engineer",
            "startDate": "2023-03",
            "highlights": ["Cut escalations from 18% to 11% with a rewritten triage prompt"],
        }
    ]


def test_an_empty_record_still_validates(ada):
    from jsonschema import Draft7Validator

    from tests.tracker.exports.conftest import learner_session

    with learner_session() as (session, learner):
        data = json.loads(render_resume(session, learner, "json").text)
    assert list(Draft7Validator(schema()).iter_errors(data)) == []
    assert "projects" not in data and "skills" not in data and "work" not in data  # nothing printed empty


def test_every_bullet_traces_to_its_rows_in_the_record(open_record, db_path):
    with open_record() as (session, ada):
        view = gather_resume(session, ada)
        data = json.loads(render_resume(session, ada, "json").text)
    connection = sqlite3.connect(db_path)
    bullets = [bullet for project in view.projects for bullet in project.bullets]
    assert len(bullets) == 4
    for bullet in bullets:
        title, link, project = connection.execute(
            "SELECT a.title, a.link, coalesce(p.name, '') FROM artifacts a LEFT JOIN projects p"
            " ON p.id = a.project_id WHERE a.id = ?",
            (bullet.artifact_id,),
        ).fetchone()
        assert bullet.text.startswith(title) and bullet.link == link
        assert bullet.project == (project or "Other shipped work")
        metrics = connection.execute(
            "SELECT id, name, baseline, result, unit FROM artifact_metrics WHERE artifact_id = ? ORDER BY id",
            (bullet.artifact_id,),
        ).fetchall()
        assert bullet.metric_ids == tuple(row[0] for row in metrics)
        for _, name, baseline, result, unit in metrics:

            def said(value: float, unit: str = unit) -> str:
                return f"{number(value)}{unit}" if unit == "%" else f"{number(value)} {unit}".strip()

            assert name in bullet.text
            if baseline is not None:
                assert f"from {said(baseline)} to {said(result)}" in bullet.text
            else:
                assert f"{name} of {said(result)}" in bullet.text
    # The JSON Resume carries the same provenance, highlight by highlight.
    provenance = [p for p in data["meta"]["proofwork"]["provenance"] if "project" in p]
    assert [(p["artifact_id"], tuple(p["metric_ids"])) for p in provenance] == [
        (b.artifact_id, b.metric_ids) for b in bullets
    ]
    for entry in provenance:
        project = next(p for p in data["projects"] if p["name"] == entry["project"])
        assert project["highlights"][entry["highlight"]].startswith(
            next(b.text for b in bullets if b.artifact_id == entry["artifact_id"])
        )


def test_markdown_resume_sections_and_links(open_record):
    with open_record() as (session, ada):
        document = render_resume(session, ada, "md")
    text = document.text
    assert headings(text, 1) == ["Ada"]
    assert headings(text) == ["Summary", "Skills, with the work that shows them", "Projects"]
    assert "Support RAG" in headings(text, 3) and "Other shipped work" in headings(text, 3)
    assert ("proof", EVAL_LINK) in links(text)
    seen = plain_text(text)
    # Evidence by what each artifact shows: the eval report by its kind and metrics, the demo by its metric.
    assert (
        "Evaluation: Grounded-answer eval (hallucination rate 12% to 4%, faithfulness 0.71 to 0.88); "
        "Routing demo (routing accuracy 81%)"
    ) in seen
    assert "Backend integration: Latency dashboard (p95 latency 1800 ms to 950 ms)" in seen
    assert "self-assessed" not in seen and "/5" not in seen  # a self-rating is never printed
    assert "Product thinking" not in seen  # rated 5/5, but nothing recorded shows it
    assert "Logged" not in seen


def test_weak_bullets_and_buzzwords_are_flagged(open_record):
    with open_record() as (session, ada):
        findings = render_resume(session, ada, "md").findings
    flagged = {(f.code, f.message.split("'")[1]) for f in findings if f.section == "Projects"}
    library = "Other shipped work: Spearheaded a prompt library."
    assert ("bullet-without-metric", library) in flagged
    assert ("claim-without-link", library) in flagged
    assert ("buzzword", "spearheaded") in flagged
    assert not any("Grounded-answer eval" in f.message for f in findings)
    assert ("claim-without-link", "Triage Agent: Routing demo: routing accuracy of 81%.") in flagged


def test_skills_need_evidence_never_a_self_score(ada):
    from tests.tracker.exports.conftest import learner_session
    from tests.tracker.exports.record import SCORES, ok

    ok(ada("assess", *[arg for key, n in SCORES.items() for arg in ("--score", f"{key}={n}")]))
    with learner_session() as (session, learner):
        view = gather_resume(session, learner)
        findings = render_resume(session, learner, "md").findings
    # A self-rating is never evidence: nothing shipped, no skill listed; a 4 or 5 with nothing behind it is flagged.
    assert view.skills == []
    assert sorted(f.message for f in findings if f.code == "skill-without-evidence") == [
        "Instruction design is self-rated 4/5 but no artifact shows it, so the resume leaves it out",
        "Product thinking is self-rated 5/5 but no artifact shows it, so the resume leaves it out",
    ]


def test_html_resume_is_the_markdown_rendered_with_print_css(open_record):
    from html.parser import HTMLParser

    with open_record() as (session, ada):
        html = render_resume(session, ada, "html").text

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []
            self.hrefs: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append(tag)
            self.hrefs += [value or "" for name, value in attrs if name == "href"]

    parser = Collect()
    parser.feed(html)
    assert html.startswith("<!doctype html>")
    assert "@media print" in html and "@page" in html
    assert parser.tags.count("h2") == 3 and "style" in parser.tags
    assert EVAL_LINK in parser.hrefs and REPO in parser.hrefs
    assert "<title>Ada: resume</title>" in html


def test_html_shows_typed_html_as_text(ada):
    from tests.tracker.exports.conftest import learner_session
    from tests.tracker.exports.record import ok

    ok(ada("init", "--name", "<script>alert(1)</script>", "--target-role", "AI Engineer", "--force"))
    ok(ada("project", "add", "--name", "P", "--problem", "<img src=x onerror=alert(1)>"))
    ok(ada("artifact", "add", "--project", "P", "--week", "2", "--kind", "demo", "--title", "<b>bold</b>"))
    with learner_session() as (session, learner):
        html = render_resume(session, learner, "html").text
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_unknown_format_is_a_user_error(open_record):
    from curriculum.errors import UserError

    with open_record() as (session, ada), pytest.raises(UserError, match="docx"):
        render_resume(session, ada, "docx")
