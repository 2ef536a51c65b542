"""Drills through the command line on a real record: scoring, scheduling, the bank, stats and stories."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from tracker.db import open_session
from tracker.drills import cards_from_findings, due_cards, question_for
from tracker.models import DrillAttempt, DrillCard, Learner

STRONG = (
    "The problem: support agents waited 4 minutes for answers and 12% of answers were hallucinated. "
    "Constraints: p95 latency under 2 s and a budget of $0.01 per query. I designed hybrid search with BM25 "
    "plus vectors and a cross-encoder re-ranker over 500-token chunks, and I chose this over a bigger model "
    "because re-ranking cost 40 ms. I rejected fine-tuning: too slow to iterate. Metrics: on a 100-case "
    "golden set recall@5 went from 0.62 to 0.87 and hallucination rate from 12% to 4%. Failure: a stale "
    "index served last month's policy; I added a freshness check and a nightly re-index. Next I would "
    "iterate on query rewriting and add an eval gate in CI so regressions fail the build."
)


def test_drill_score_records_an_attempt_and_reschedules(ada):
    result = ada(
        "drill",
        "score",
        "--theme",
        "rag-design",
        "--question",
        "rag-design-01",
        "--answer",
        STRONG,
        "--seconds",
        "85",
        "--json",
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["score"] >= 60 and data["rating"] >= 2 and data["next_due"]
    vague = json.loads(
        ada(
            "drill",
            "score",
            "--theme",
            "rag-design",
            "--question",
            "rag-design-01",
            "--answer",
            "We made it much better and very fast.",
            "--json",
        ).out
    )
    assert data["score"] - vague["score"] >= 40 and vague["rating"] == 1
    stats = {row["theme"]: row for row in json.loads(ada("drill", "stats", "--json").out)}
    assert stats["rag-design"]["attempts"] == 2 and stats["latency-spikes"]["attempts"] == 0


def test_the_next_question_of_a_theme_is_the_one_asked_least_recently(ada):
    first = json.loads(ada("drill", "score", "--theme", "model-choice", "--answer", "x", "--json").out)
    second = json.loads(ada("drill", "score", "--theme", "model-choice", "--answer", "x", "--json").out)
    assert first["question"] != second["question"]


def test_no_save_changes_nothing(ada, db_path):
    ada("drill", "score", "--theme", "cross-team", "--answer", STRONG, "--no-save", "--json")
    with open_session() as session:
        assert session.query(DrillAttempt).count() == 0


def test_bank_lists_sixty_questions_with_themes(cli):
    bank = json.loads(cli("drill", "bank", "--json").out)
    assert len(bank) >= 60 and {"rag-design", "agent-safety", "cost-optimisation"} <= {q["theme"] for q in bank}


def test_bad_drill_input_is_one_line_exit_2(ada):
    for argv in (
        ["drill", "score", "--theme", "vibes", "--answer", "x"],
        ["drill", "score", "--theme", "rag-design", "--question", "latency-spikes-01", "--answer", "x"],
        ["drill", "score", "--theme", "rag-design", "--answer", "x", "--seconds", "-3"],
        ["drill", "--seconds", "5"],
    ):
        result = ada(*argv)
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1, (argv, result.err)


def test_findings_become_cards_about_the_learners_own_repository(ada, db_path):
    findings = [
        {
            "probe": "evals.in-ci",
            "dimension": "evals",
            "outcome": "failed",
            "title": "Evals run in CI",
            "evidence": [],
            "remediation": "run the eval suite in CI",
        },
        {
            "probe": "observability.tracing",
            "dimension": "observability",
            "outcome": "passed",
            "title": "Tracing",
            "evidence": [{"path": "app/tracing.py", "start_line": 3, "end_line": 9, "snippet": "@observe"}],
            "remediation": "",
        },
    ]
    now = datetime(2026, 11, 21, tzinfo=UTC)
    with open_session() as session:
        learner = session.query(Learner).one()
        cards = cards_from_findings(session, learner, findings, None, now)
        again = cards_from_findings(session, learner, findings, None, now)
        assert len(cards) == 2 and [c.id for c in cards] == [c.id for c in again]
        question = question_for(session, learner, cards[0])
        assert "CI" in question.prompt or "ci" in question.prompt.lower()
        assert question.question.key_points
        assert {c.id for c in cards} <= {c.id for c in due_cards(session, learner, now)}
        assert session.query(DrillCard).filter(DrillCard.question.is_not(None)).count() == 2


def test_story_bank_coverage(ada):
    ada("project", "add", "--name", "Support RAG")
    added = ada(
        "story",
        "add",
        "--title",
        "Stale index incident",
        "--problem",
        "p",
        "--constraints",
        "c",
        "--design",
        "d",
        "--metrics",
        "12% -> 4%",
        "--failure",
        "f",
        "--iteration",
        "i",
        "--theme",
        "hallucination-incident",
        "--project",
        "Support RAG",
    )
    assert added.code == 0, added.err
    ada("story", "add", "--title", "Cost cut", "--theme", "cost-optimisation")
    data = json.loads(ada("story", "list", "--json").out)
    coverage = data["coverage"]
    assert coverage["count"] == 2 and coverage["target"] == 12
    assert coverage["matrix"]["hallucination-incident"] == [1]
    assert coverage["without_proof"] == [2] and coverage["incomplete"] == [2]
    assert "rag-design" in coverage["uncovered"]
    assert ada("story", "edit", "2", "--project", "Support RAG").code == 0
    assert json.loads(ada("story", "list", "--json").out)["coverage"]["without_proof"] == []
    bad = ada("story", "add", "--title", "x", "--theme", "vibes")
    assert bad.code == 2 and "vibes" in bad.err


def _with_stdin(monkeypatch, text: str) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_a_blank_answer_is_not_an_attempt(ada, monkeypatch):
    for argv, stdin in (
        (["drill", "score", "--theme", "rag-design", "--answer", "   "], ""),
        (["drill", "score", "--theme", "rag-design", "--answer", "-"], "\n\n"),
        (["drill", "--theme", "rag-design"], ""),
    ):
        _with_stdin(monkeypatch, stdin)
        result = ada(*argv)
        assert result.code == 2 and "not an attempt" in result.err, (argv, result.err)
        assert len(result.err.strip().splitlines()) == 1
    with open_session() as session:
        assert session.query(DrillAttempt).count() == 0
    stats = {row["theme"]: row for row in json.loads(ada("drill", "stats", "--json").out)}
    assert stats["rag-design"]["attempts"] == 0


def test_the_prompt_gives_the_shape_of_an_answer_never_the_key_points(ada, monkeypatch):
    from curriculum.drills import load_bank

    _with_stdin(monkeypatch, "I would use hybrid search and a re-ranker.\n")
    result = ada("drill", "--theme", "rag-design")
    assert result.code == 0, result.err
    before_answer = result.out.split("Score")[0]
    question = load_bank().question("rag-design-01")
    assert "Walk through the design" in before_answer
    assert not any(point.point in before_answer for point in question.key_points)
    assert "This question expects" not in result.out


def test_an_unsound_answer_is_told_why(ada):
    wrong = (
        "To make it faster I raised the temperature to 1.0, which cut p95 from 3 s to 1.8 s, and I removed the "
        "timeouts so requests always complete."
    )
    result = ada("drill", "score", "--theme", "latency-spikes", "--question", "latency-spikes-03", "--answer", wrong)
    assert result.code == 0, result.err
    flat = " ".join(result.out.split())
    assert "Unsound (wrong): temperature used as a speed dial" in flat and "timeouts removed" in flat
    argv = ["drill", "score", "--theme", "latency-spikes", "--question", "latency-spikes-03", "--answer", wrong]
    data = json.loads(ada(*argv, "--no-save", "--json").out)
    assert data["score"] <= 30 and {t["name"] for t in data["traps"]} >= {"timeouts removed"}
    assert data["kind"] == "design" and data["attempted"] is True


def test_an_answer_the_rubric_cannot_read_is_said_and_not_saved(ada):
    french = (
        "Je commence par les données de production: nous avons pris 300 conversations réelles, et pour chaque "
        "changement de prompt nous lançons la suite dans la CI avec un seuil par catégorie, car une moyenne cache "
        "les régressions. Le juge est validé sur 200 étiquettes humaines avant de lui faire confiance."
    )
    argv = ["drill", "score", "--theme", "eval-strategy", "--question", "eval-strategy-02", "--answer", french]
    result = ada(*argv)
    assert result.code == 0, result.err
    flat = " ".join(result.out.split())
    assert "not in English, German or Spanish" in flat and "Nothing was saved" in flat
    data = json.loads(ada(*argv, "--json").out)
    assert data["attempted"] is False and data["language"] == "other" and data["next_due"] is None
    with open_session() as session:
        assert session.query(DrillAttempt).count() == 0
