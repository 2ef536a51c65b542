"""The case study, rendered from a record built through the CLI, read back with markdown-it-py."""

from __future__ import annotations

from urllib.parse import unquote

from tests.tracker.exports.conftest import headings, links, markdown_tokens, plain_text, table_rows
from tests.tracker.exports.record import DASHBOARD_LINK, EVAL_LINK, REPO
from tracker.exports import lint_case_study, render_case_study

SECTIONS = [
    "TL;DR",
    "Problem and user",
    "Constraints and non-goals",
    "Architecture",
    "Decisions by responsibility layer",
    "Evaluation",
    "One failure and its fix",
    "Trade-offs",
    "Results",
    "Timeline",
    "What's next",
    "Proof",
]


def test_every_section_in_order_with_the_metric_proof_and_rejected_alternative(open_record):
    with open_record() as (session, ada):
        document = render_case_study(session, ada, "support rag")
    text = document.text
    assert headings(text, 1) == ["Support RAG: case study"]
    assert headings(text) == SECTIONS
    assert headings(text, 3) == ["Data and retrieval", "Evaluation"]  # catalog layer order, not entry order
    seen = plain_text(text)
    assert "hallucination rate went from 12% to 4% (-67%) in week 4" in seen
    assert "Rejected alternative: manual spot checks" in seen
    assert "Hybrid BM25 + vector search with a reranker. The alternative, vector-only search, was rejected." in seen
    assert "chose" not in seen
    assert "Support agents wait minutes for answers buried in a 4,000-page wiki" in seen
    assert document.name == "case-study-support-rag.md"


def test_every_link_points_at_recorded_proof(open_record):
    with open_record() as (session, ada):
        text = render_case_study(session, ada, "Support RAG").text
    hrefs = {unquote(href) for _, href in links(text)}
    commit_link = f"{REPO}/tree/3f2a9c81d0e4b5a6c7d8e9f0a1b2c3d4e5f6a7b8"
    assert hrefs == {REPO, EVAL_LINK, DASHBOARD_LINK, commit_link}
    # The decision's metric links to the artifact that recorded it.
    assert ("proof: Grounded-answer eval, week 4", EVAL_LINK) in links(text)


def test_evaluation_table_has_baseline_result_week_and_proof(open_record):
    with open_record() as (session, ada):
        text = render_case_study(session, ada, "Support RAG").text
    rows = table_rows(text)
    assert rows[0] == ["Metric", "Baseline", "Result", "Change", "Week", "Proof"]
    assert rows[1][:5] == ["hallucination rate", "12", "4 %", "-8 points, -67%", "4"]
    assert rows[2][:5] == ["faithfulness", "0.71", "0.88", "+0.17, +24%", "4"]
    assert rows[3][:5] == ["p95 latency", "1800", "950 ms", "-850 ms, -47%", "5"]


def test_architecture_is_a_mermaid_flow_of_the_decisions(open_record):
    with open_record() as (session, ada):
        text = render_case_study(session, ada, "Support RAG").text
    fences = [t for t in markdown_tokens(text) if t.type == "fence"]
    assert [f.info for f in fences] == ["mermaid"]
    diagram = fences[0].content
    assert diagram.startswith("flowchart LR\n")
    assert 'd1["Data and retrieval: hybrid BM25 + vector search with a reranker"]' in diagram
    assert "users --> d1" in diagram and "d1 --> d2" in diagram
    assert 'r2["manual spot checks"]' in diagram and "d2 -. rejected .-> r2" in diagram


def test_failure_story_prefers_the_learners_story(record, open_record):
    from tests.tracker.exports.record import ok

    with open_record() as (session, ada):
        assert "the LLM judge drifted" in plain_text(render_case_study(session, ada, "Support RAG").text)
    ok(
        record(
            "story", "add", "--title", "The judge that drifted", "--project", "Support RAG",
            "--failure", "scores rose while answers got worse",
            "--iteration", "pinned the judge prompt and re-ran the golden set",
        )
    )  # fmt: skip
    with open_record() as (session, ada):
        seen = plain_text(render_case_study(session, ada, "Support RAG").text)
    assert "What failed: scores rose while answers got worse" in seen
    assert "The fix: pinned the judge prompt and re-ran the golden set" in seen
    assert 'From the story "The judge that drifted".' in seen


def test_latest_grade_scorecard_is_summarised(open_record):
    with open_record() as (session, ada):
        text = render_case_study(session, ada, "Support RAG").text
    assert "overall 71/100, 80% of the rubric assessed" in plain_text(text)
    # A dimension the grader could not score (observability: None) is not a claim, so it is not shown.
    assert table_rows(text)[-3:] == [["Dimension", "Score"], ["evals", "84"], ["tests", "62"]]


def test_whats_next_quotes_the_retro_and_names_undecided_layers(open_record):
    with open_record() as (session, ada):
        seen = plain_text(render_case_study(session, ada, "Support RAG").text)
    assert "tag failures by category" in seen
    assert "Still to decide and write down: Problem framing" in seen


def test_a_complete_project_has_no_findings(open_record):
    with open_record() as (session, ada):
        assert [f.code for f in lint_case_study(session, ada, "Support RAG")] == []


def test_linter_names_each_gap_of_a_thin_project(open_record):
    with open_record() as (session, ada):
        document = render_case_study(session, ada, "Triage Agent")
        findings = lint_case_study(session, ada, "Triage Agent")
    assert findings == document.findings
    codes = [f.code for f in findings]
    assert sorted(set(codes)) == [
        "claim-without-link",
        "metric-without-before",
        "no-baseline",
        "no-failure-story",
        "no-non-goals",
    ]
    messages = " | ".join(f.message for f in findings)
    assert "routing accuracy" in messages and "no repository" in messages
    assert "tool-call success 97%" in messages  # a decision's number no artifact records
    assert "Routing demo" in messages  # an artifact with no link


def test_user_text_cannot_break_the_markdown(ada):
    from tests.tracker.exports.record import ok

    ok(
        ada(
            "project", "add", "--name", "Weird | *project*",
            "--problem", "# not a heading [x](javascript:alert(1)) <script>",
            "--non-goals", "1. not a list",
        )
    )  # fmt: skip
    from tests.tracker.exports.conftest import learner_session

    with learner_session() as (session, learner):
        text = render_case_study(session, learner, "Weird | *project*").text
    assert headings(text, 1) == ["Weird | *project*: case study"]
    seen = plain_text(text)
    assert "Problem: # not a heading [x](javascript:alert(1)) <script>" in seen
    assert links(text) == []
