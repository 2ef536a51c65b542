"""The review's interview questions become bank-shaped questions whose key points score answers."""

from __future__ import annotations

from curriculum.drills import Question
from grader.answers import score_answer
from grader.answers.from_review import match_terms, questions_from_review

QUESTION = {
    "question": "Your golden set repeats six cases four times. How would you build an eval set from real traffic?",
    "dimension": "evals",
    "why": "Whether eval coverage comes from real, varied data.",
    "expected_points": [
        "sample real support tickets",
        "categories with per-category scores",
        "hard and out-of-scope cases",
        "refresh the set from production failures",
    ],
    "citations": [{"path": "evals/golden.jsonl", "start_line": 1, "end_line": 12}],
}


def test_expected_points_become_key_points_with_stemmed_match_terms():
    (question,) = questions_from_review([QUESTION])
    Question.model_validate(question.model_dump(include=set(Question.model_fields)))  # drills can load it back
    assert question.prompt.startswith("Your golden set repeats")
    assert question.theme == "eval-strategy" and question.key.startswith("review-")
    assert [p.point for p in question.key_points] == QUESTION["expected_points"]
    assert question.evidence == "evals/golden.jsonl:1"
    assert match_terms("categories with per-category scores") == ["categor", "scores"]
    assert match_terms("a b") == ["a b"]


def test_the_same_question_gets_the_same_key_and_short_lists_are_padded():
    short = {**QUESTION, "expected_points": ["request id"], "dimension": "observability"}
    (one,) = questions_from_review([short])
    (two,) = questions_from_review([short])
    assert one.key == two.key and len(one.key_points) == 4 and one.theme == "latency-spikes"
    assert questions_from_review([{**QUESTION, "question": "  "}]) == []


def test_an_answer_covering_the_points_scores_better_than_one_that_does_not():
    (question,) = questions_from_review([QUESTION])
    strong = (
        "I would sample 200 real support tickets, tag them into categories and report per-category scores, "
        "add hard and out-of-scope cases, and refresh the set every week from production failures."
    )
    vague = "I would make the eval set bigger and better."
    assert score_answer(question, strong, 80).score > score_answer(question, vague, 80).score
