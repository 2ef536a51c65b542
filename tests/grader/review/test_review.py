"""One review through the real SDK and a mock transport: the request, the cache, cost, and every failure mode."""

from __future__ import annotations

import io
import json

import httpx2
import pytest
from rich.console import Console

from grader.claude import AnswerCache, ClaudeSettings
from grader.render.markdown import to_markdown
from grader.render.review import render_review_terminal
from grader.review.apply import MAX_MOVE
from grader.review.run import ReviewOptions, review_report
from tests.grader.claude.conftest import MockAPI, error, ok
from tests.grader.review import repos
from tests.grader.review.conftest import recorded


@pytest.fixture
def bot(graded):
    return graded(repos.support_bot())


def test_a_review_moves_scores_within_bounds_and_records_its_cost(bot, client_for, claude):
    report, ctx = bot
    api = MockAPI(ok(recorded("support_bot"), input_tokens=6000, output_tokens=2500, cache_write=2100))
    reviewed = review_report(report, ctx, claude, client=client_for(api))
    review = reviewed.review
    assert review is not None and review.status == "reviewed" and review.model == "claude-sonnet-5-5"
    assert {n: d.delta for n, d in review.dimensions.items() if d.delta} == {
        "evals": -3,
        "tests": 10,
        "reliability": 3,
        "ci": -10,
        "docs": 7,
    }
    assert all(abs(d.delta) <= MAX_MOVE for d in review.dimensions.values())
    assert reviewed.dimensions == report.dimensions and reviewed.overall == report.overall  # static untouched
    assert review.overall is not None and review.overall.static == report.overall
    assert review.usage.model_dump() == {
        "input_tokens": 6000,
        "output_tokens": 2500,
        "cache_write_tokens": 2100,
        "cache_read_tokens": 0,
    }
    # Sonnet 5.5 at the 2026-10-24 list price: 6000 x $2 + 2500 x $10 + 2100 x $2.50 per million.
    assert review.cost_usd == pytest.approx(0.04225) and review.price_as_of == "2026-10-24"
    assert review.verification is not None and review.verification.citations_dropped == 0


def test_the_request_caches_the_rubric_wraps_the_data_and_offers_no_tools(bot, client_for, claude):
    report, ctx = bot
    api = MockAPI(ok(recorded("support_bot")))
    review_report(report, ctx, claude, client=client_for(api))
    (body,) = api.bodies()
    assert body["system"][0]["cache_control"] == {"type": "ephemeral"}
    assert "evals.real_cases" in body["system"][0]["text"]
    assert "tools" not in body and body["output_config"]["format"]["type"] == "json_schema"
    user = body["messages"][0]["content"]
    nonce = user[1]["text"].split("nonce for this request is ")[1].split(".")[0]
    assert nonce not in body["system"][0]["text"]
    assert sum(f'nonce="{nonce}"' in block["text"] for block in user) >= 8
    assert api.requests[0].headers["authorization"] == "Bearer test"


def test_a_planted_key_and_the_dotenv_file_never_leave_the_machine(graded, client_for, claude):
    report, ctx = graded(repos.with_secrets())
    api = MockAPI(ok(recorded("support_bot")))
    review_report(report, ctx, claude, client=client_for(api))
    (raw,) = api.raw()
    assert repos.PLANTED_KEY not in raw and repos.PLANTED_KEY[:40] not in raw
    assert repos.ENV_VALUE not in raw
    assert repos.PRIVATE_KEY_BODY[:32] not in raw
    assert 'path=\\"app/settings.py\\"' not in raw  # the file holding them is never sent for being cited


def test_grading_an_unchanged_commit_again_sends_nothing(bot, client_for, claude, tmp_path):
    report, ctx = bot
    options = ReviewOptions(cache=AnswerCache(tmp_path / "answers"))
    api = MockAPI(ok(recorded("support_bot")))
    first = review_report(report, ctx, claude, options, client=client_for(api))
    second = review_report(report, ctx, claude, options, client=client_for(api))
    assert len(api.requests) == 1
    assert second.review is not None and first.review is not None
    assert second.review.cached and second.review.cost_usd == 0 and second.review.usage.input_tokens == 0
    assert second.review.dimensions == first.review.dimensions
    other_model = claude.model_copy(update={"model": "claude-opus-5-5"})
    review_report(report, ctx, other_model, options, client=client_for(api, other_model))
    assert len(api.requests) == 2  # the key includes the model


def test_max_cost_refuses_before_sending(bot, client_for, claude):
    report, ctx = bot
    api = MockAPI(ok(recorded("support_bot")))
    refused = review_report(report, ctx, claude, ReviewOptions(max_cost=0.001), client=client_for(api))
    assert not api.requests
    assert refused.review is not None and refused.review.status == "skipped" and refused.review.kind == "max_cost"
    assert "above --max-cost $0.0010" in (refused.review.reason or "")
    assert "prices as of 2026-10-24" in (refused.review.reason or "")
    allowed = review_report(report, ctx, claude, ReviewOptions(max_cost=1.0), client=client_for(api))
    assert allowed.review is not None and allowed.review.status == "reviewed"


def test_no_key_skips_with_one_reason_and_sends_nothing(bot):
    report, ctx = bot
    skipped = review_report(report, ctx, ClaudeSettings.load(env={}, config={}))
    assert skipped.review is not None
    assert (skipped.review.status, skipped.review.reason, skipped.review.kind) == (
        "skipped",
        "no ANTHROPIC_API_KEY set",
        "no_key",
    )
    assert skipped.overall == report.overall


def _failed(report, ctx, claude, client):
    result = review_report(report, ctx, claude, client=client)
    assert result.review is not None and result.review.status == "failed"
    assert result.dimensions == report.dimensions and result.overall == report.overall  # static grade intact
    return result.review


def test_authentication_error_says_so(bot, client_for, claude):
    api = MockAPI(error(401, "authentication_error", "invalid x-api-key"))
    review = _failed(*bot, claude, client_for(api))
    assert review.kind == "auth" and review.reason == "the API key was refused (401)"
    assert len(api.requests) == 1  # a refused key is not retried


@pytest.mark.parametrize(
    ("reply", "kind", "words"),
    [
        (error(429, "rate_limit_error"), "rate_limit", "rate limited (429) after 2 retries"),
        (error(500, "api_error"), "server", "Claude's API failed (500) after 2 retries"),
        (httpx2.ConnectError("connection refused"), "connection", "could not connect"),
        (httpx2.ReadTimeout("timed out"), "timeout", "(timeout)"),
    ],
)
def test_transient_failures_retry_then_fall_back_to_static(bot, client_for, claude, reply, kind, words):
    api = MockAPI(reply)
    review = _failed(*bot, claude, client_for(api))
    assert review.kind == kind and words in (review.reason or "")
    assert len(api.requests) == 1 + claude.max_retries


def test_a_retry_that_succeeds_is_a_normal_review(bot, client_for, claude):
    api = MockAPI(error(429, "rate_limit_error"), error(500, "api_error"), ok(recorded("support_bot")))
    result = review_report(*bot, claude, client=client_for(api))
    assert result.review is not None and result.review.status == "reviewed" and len(api.requests) == 3


def test_overloaded_first_model_falls_back_to_the_cheaper_one(bot, client_for, claude):
    def answer(request: httpx2.Request) -> httpx2.Response:
        if json.loads(request.content)["model"] == "claude-sonnet-5-5":
            return error(529, "overloaded_error", "Overloaded")
        return ok(recorded("support_bot"), model="claude-haiku-5-5")

    api = MockAPI(answer)
    result = review_report(*bot, claude, client=client_for(api))
    review = result.review
    assert review is not None and review.status == "reviewed"
    assert review.fallback_used and review.model == "claude-haiku-5-5"
    assert api.models() == ["claude-sonnet-5-5"] * 3 + ["claude-haiku-5-5"]
    assert any("fallback model claude-haiku-5-5" in n for n in review.notices)


def test_both_models_overloaded_is_a_failed_review(bot, client_for, claude):
    api = MockAPI(error(529, "overloaded_error", "Overloaded"))
    review = _failed(*bot, claude, client_for(api))
    assert review.kind == "overloaded" and "claude-haiku-5-5" in (review.reason or "")


def test_malformed_output_gets_one_repair(bot, client_for, claude):
    api = MockAPI(ok(text="Here is my review: great repo!"), ok(recorded("support_bot")))
    result = review_report(*bot, claude, client=client_for(api))
    review = result.review
    assert review is not None and review.status == "reviewed" and review.repaired
    assert len(api.requests) == 2 and review.usage.input_tokens == 2400  # both calls are counted
    repair = api.bodies()[1]["messages"]
    assert repair[1]["role"] == "assistant" and "could not be used" in repair[2]["content"][0]["text"]


def test_malformed_twice_falls_back_to_static_with_the_spend_recorded(bot, client_for, claude):
    bad = {**recorded("support_bot"), "strengths": "three of them"}
    api = MockAPI(ok(bad), ok(text="{not json"))
    review = _failed(*bot, claude, client_for(api))
    assert review.kind == "invalid_output" and "after one repair attempt" in (review.reason or "")
    assert review.usage.input_tokens == 2400 and review.usage.output_tokens == 170
    assert review.cost_usd is not None and review.cost_usd > 0


def test_a_refusal_is_not_repaired(bot, client_for, claude):
    api = MockAPI(ok(text="", stop_reason="refusal"))
    review = _failed(*bot, claude, client_for(api))
    assert review.kind == "refusal" and len(api.requests) == 1


def test_anthropic_base_url_is_honoured(bot, monkeypatch):
    from grader.review.config import claude_settings

    monkeypatch.setenv("ANTHROPIC_API_KEY", "test")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "https://claude-proxy.internal.example")
    monkeypatch.setenv("PROOFWORK_MODEL", "claude-opus-5-5")
    settings = claude_settings(config={"claude": {"model": "claude-haiku-5-5"}})
    assert settings.model == "claude-opus-5-5"  # the environment wins over the config file
    assert claude_settings("claude-sonnet-5", config={}).model == "claude-sonnet-5"  # --model wins over both
    api = MockAPI(ok(recorded("support_bot"), model="claude-opus-5-5"))
    hosts: list[str] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        hosts.append(request.url.host)
        return api(request)

    from grader.claude import make_client

    client = make_client(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))
    result = review_report(*bot, settings, client=client)
    assert result.review is not None and result.review.status == "reviewed"
    assert hosts == ["claude-proxy.internal.example"]
    assert client.max_retries == settings.max_retries == 3 and client.timeout.read == 120.0


def test_a_question_short_of_points_is_kept_and_noted_not_a_failed_review(bot, client_for, claude):
    answer = recorded("support_bot")
    answer["interview_questions"][0]["expected_points"] = answer["interview_questions"][0]["expected_points"][:3]
    answer["strengths"] = answer["strengths"][:2]
    answer["strengths"].append({"text": "Great code.", "citations": []})  # unverifiable: dropped and counted
    api = MockAPI(ok(answer))
    review = review_report(*bot, claude, client=client_for(api)).review
    assert review is not None and review.status == "reviewed" and not review.repaired
    assert len(api.requests) == 1  # no repair turn spent on a soft shape
    assert len(review.interview_questions[0].expected_points) == 3
    notes = review.verification.shape_notes
    assert any("interview_questions[0]: 3 expected point(s)" in n for n in notes)
    assert any(d.where == "strengths[2]" for d in review.verification.dropped)
    assert len(review.strengths) == 2
    # Both outputs say what was accepted as given, where the review's verification is shown.
    reviewed = bot[0].model_copy(update={"review": review})
    console = Console(file=io.StringIO(), width=400)
    render_review_terminal(reviewed, console)
    shown = console.file.getvalue()
    markdown = to_markdown(reviewed, "grade_review.md.j2")
    assert "1 claim(s) dropped; accepted as given: interview_questions[0]: 3 expected point(s)" in shown
    assert "1 claim(s) dropped; accepted as given: interview_questions\\[0\\]: 3 expected point(s)" in markdown


def test_the_schema_sent_carries_counts_in_descriptions_only(bot, client_for, claude):
    api = MockAPI(ok(recorded("support_bot")))
    review_report(*bot, claude, client=client_for(api))
    schema = json.dumps(api.bodies()[0]["output_config"]["format"]["schema"])
    assert "minItems" not in schema and "maxItems" not in schema
    assert "Four to six points" in schema
