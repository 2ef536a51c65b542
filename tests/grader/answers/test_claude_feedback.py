"""Claude's drill feedback through the real SDK and a mock transport: beside the rubric, never instead of it."""

from __future__ import annotations

import json

import httpx2
import pytest

from curriculum.drills import load_bank
from grader.answers import score_answer
from grader.answers.claude_feedback import claude_feedback
from grader.claude import ClaudeSettings, make_client
from tests.grader.claude.conftest import ok

FEEDBACK = {
    "verdict": "Specific and measured; the ownership is clear.",
    "strengths": ["Numbers with baselines"],
    "improvements": ["Name the rejected option earlier"],
    "model_answer_outline": ["problem", "constraints", "design", "metrics", "failure", "iteration"],
}


JUDGEMENT = {
    "on_topic": True,
    "criteria": [{"criterion": "evidence", "points": 8, "quote": "from 12% to 4%"}],
    "points_covered": [{"point": "re-ranking", "quote": "with a re-ranker"}],
    "unsound_claims": [],
    "summary": "Measured, but one mechanism only.",
}


def reply(payload: dict) -> httpx2.Response:
    return ok(payload, input_tokens=900, output_tokens=120, cache_write=0)


def client_answering(handler, settings: ClaudeSettings):
    return make_client(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))


@pytest.fixture
def question():
    return load_bank().question("rag-design-01")


def test_feedback_sits_beside_an_unchanged_rubric_score(question):
    settings = ClaudeSettings(api_key="test", max_retries=0)
    sent = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        sent.append(json.loads(request.content))
        return reply({"judgement": JUDGEMENT, "feedback": FEEDBACK})

    planted = "sk-ant-api03-Zq7VbX2mN9kLp4Rt8YwE1sD6fGhJ3aC5uI0oQ"  # realistic shape, not a placeholder
    answer = f"I cut hallucinations from 12% to 4% with a re-ranker. {planted}"
    rubric = score_answer(question, answer, 70)
    result = claude_feedback(question, answer, rubric, settings, client_answering(handler, settings))
    assert result.feedback is not None and result.feedback.verdict.startswith("Specific")
    assert result.skipped is None and result.cost_usd is not None
    assert result.judged is not None and result.judged.points_covered == ["re-ranking"] and not result.judged.dropped
    assert score_answer(question, answer, 70).score == rubric.score
    body = json.dumps(sent[0])
    assert "12% to 4%" in body and planted not in body  # the answer is sent, secrets are not


def test_without_a_key_nothing_is_sent_and_the_reason_is_given(question):
    result = claude_feedback(question, "an answer", score_answer(question, "an answer", None), ClaudeSettings())
    assert result.feedback is None and "ANTHROPIC_API_KEY" in (result.skipped or "")
    assert "provisional" in (result.skipped or "")  # the local score says what it cannot see without the judge


@pytest.mark.parametrize(
    "failure",
    [
        httpx2.Response(401, json={"type": "error", "error": {"type": "authentication_error", "message": "bad"}}),
        httpx2.Response(
            500, json={"type": "error", "error": {"type": "api_error", "message": "x"}}, headers={"retry-after-ms": "1"}
        ),
        "not-json",
    ],
)
def test_failures_become_a_skip_reason_not_a_crash(question, failure):
    settings = ClaudeSettings(api_key="test", max_retries=1, fallback_model="none")

    def handler(request: httpx2.Request) -> httpx2.Response:
        if failure == "not-json":
            return reply({"verdict": 3})
        return failure

    result = claude_feedback(
        question, "an answer", score_answer(question, "an answer", None), settings, client_answering(handler, settings)
    )
    assert result.feedback is None and result.skipped and result.skipped.startswith("Claude feedback skipped")
    assert "provisional" in result.skipped  # without the judge, the local score says what it cannot see
