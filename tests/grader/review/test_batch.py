"""Cohort reviews through a mock Message Batches API: create, poll, results, resume after an interruption."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx2
import pytest

from grader.claude import AnswerCache
from grader.review.batch import BatchEntry, BatchPending, ReviewBatch, custom_id_for, read_repos_file
from grader.review.run import ReviewOptions
from grader.settings import GraderSettings
from tests.grader.claude.conftest import message
from tests.grader.review import repos
from tests.grader.review.conftest import recorded

BATCH_ID = "msgbatch_01ReviewCohort"
RESULTS_URL = f"https://api.anthropic.com/v1/messages/batches/{BATCH_ID}/results"


def _batch(status: str, count: int) -> dict[str, Any]:
    ended = status == "ended"
    return {
        "id": BATCH_ID,
        "type": "message_batch",
        "processing_status": status,
        "request_counts": {
            "processing": 0 if ended else count,
            "succeeded": count if ended else 0,
            "errored": 0,
            "canceled": 0,
            "expired": 0,
        },
        "created_at": "2026-11-21T05:00:00Z",
        "expires_at": "2026-11-22T05:00:00Z",
        "ended_at": "2026-11-21T05:30:00Z" if ended else None,
        "archived_at": None,
        "cancel_initiated_at": None,
        "results_url": RESULTS_URL if ended else None,
    }


class BatchAPI:
    """Answers batch create, retrieve and results; `answers` maps a custom id to a recorded answer (or text)."""

    def __init__(self, answers: dict[str, Any], in_progress_polls: int = 1) -> None:
        self.answers = answers
        self.in_progress_polls = in_progress_polls
        self.created: list[dict[str, Any]] = []
        self.retrieves = 0
        self.results_reads = 0

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        path = request.url.path
        if request.method == "POST" and path == "/v1/messages/batches":
            self.created.append(json.loads(request.content))
            return httpx2.Response(200, json=_batch("in_progress", len(self.answers)))
        if request.method == "GET" and path == f"/v1/messages/batches/{BATCH_ID}":
            self.retrieves += 1
            status = "in_progress" if self.retrieves <= self.in_progress_polls else "ended"
            return httpx2.Response(200, json=_batch(status, len(self.answers)))
        if request.method == "GET" and str(request.url) == RESULTS_URL:
            self.results_reads += 1
            lines = []
            for custom_id, answer in self.answers.items():
                if answer == "errored":
                    result = {
                        "type": "errored",
                        "error": {"type": "error", "error": {"type": "api_error", "message": "boom"}},
                    }
                elif isinstance(answer, str):
                    result = {"type": "succeeded", "message": message(text=answer)}
                else:
                    result = {"type": "succeeded", "message": message(answer, input_tokens=6000, output_tokens=2000)}
                lines.append(json.dumps({"custom_id": custom_id, "result": result}))
            return httpx2.Response(200, content=("\n".join(lines) + "\n").encode())
        return httpx2.Response(404, json={"type": "error", "error": {"type": "not_found_error", "message": path}})

    @property
    def sent_ids(self) -> list[str]:
        return [r["custom_id"] for batch in self.created for r in batch["requests"]]


@pytest.fixture
def cohort(make_repo):
    good, bare = make_repo(repos.support_bot()), make_repo(repos.no_evals())
    return (
        good,
        bare,
        [BatchEntry(1, str(good.path), "ada"), BatchEntry(2, str(bare.path)), BatchEntry(3, "/no/such/repo")],
    )


def _runner(entries, claude, client, tmp_path: Path, **kwargs: Any) -> ReviewBatch:
    arguments: dict[str, Any] = {"poll_interval": 30.0, "sleep": lambda s: None}
    arguments.update(kwargs)
    options = arguments.pop("options", ReviewOptions())
    return ReviewBatch(
        entries,
        claude,
        options,
        tmp_path / "batches",
        grader_settings=GraderSettings(cache_dir=tmp_path / "cache", workers=1),
        client=client,
        **arguments,
    )


def _answers(entries) -> dict[str, Any]:
    return {
        custom_id_for(0, entries[0].target): recorded("support_bot"),
        custom_id_for(1, entries[1].target): recorded("hallucinated"),
    }


def test_a_cohort_is_graded_and_reviewed_in_one_batch(cohort, client_for, claude, tmp_path):
    _, _, entries = cohort
    api = BatchAPI(_answers(entries), in_progress_polls=2)
    slept: list[float] = []
    batch = _runner(entries, claude, client_for(api), tmp_path, sleep=slept.append)
    items = batch.run()
    assert len(api.created) == 1 and sorted(api.sent_ids) == sorted(_answers(entries))
    params = api.created[0]["requests"][0]["params"]
    assert params["model"] == "claude-sonnet-5-5" and params["system"][0]["cache_control"] == {"type": "ephemeral"}
    assert slept == [30.0, 30.0]
    good, bare, missing = items
    assert missing.report is None and missing.error is not None
    for item in (good, bare):
        review = item.report.review
        assert review.status == "reviewed" and review.batch and not review.cached
        assert review.usage.input_tokens == 6000
    # Half price: (6000 x $2 + 2000 x $10 + 900 cache-write x $2.50) / 1M / 2.
    assert good.report.review.cost_usd == pytest.approx(0.017125)
    assert good.report.review.dimensions["tests"].delta == 10
    assert bare.report.review.verification.claims_dropped == 9
    assert batch.resuming  # state is kept until the caller has stored the results
    batch.forget()
    assert not list((tmp_path / "batches").iterdir())


def test_an_interrupted_batch_resumes_without_paying_twice(cohort, client_for, claude, tmp_path):
    good, _, entries = cohort
    api = BatchAPI(_answers(entries), in_progress_polls=1)

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    first = _runner(entries, claude, client_for(api), tmp_path, sleep=interrupt)
    with pytest.raises(KeyboardInterrupt):
        first.run()
    graded_at = first._side()["commits"][custom_id_for(0, entries[0].target)]
    good.write("app/bot.py", repos.BOT + "\n# a new commit while the batch was running\n")
    good.commit("Change the bot")

    second = _runner(entries, claude, client_for(api), tmp_path)
    assert second.resuming
    items = second.run()
    assert len(api.created) == 1  # no second batch
    assert api.retrieves == 3 and api.results_reads == 1  # poll, poll again, then results() looks up its URL
    assert items[0].report.commit == graded_at  # regraded at the commit the answer was written about
    assert items[0].report.review.status == "reviewed"
    assert items[0].report.review.verification.citations_dropped == 0


def test_a_batch_still_processing_is_left_for_later(cohort, client_for, claude, tmp_path):
    _, _, entries = cohort
    api = BatchAPI(_answers(entries), in_progress_polls=10)
    batch = _runner(entries, claude, client_for(api), tmp_path, max_wait=60.0)
    with pytest.raises(BatchPending) as pending:
        batch.run()
    assert pending.value.batch_id == BATCH_ID and "run again later" in pending.value.reason
    assert batch.resuming and len(api.created) == 1


def test_errored_and_invalid_answers_fall_back_to_static(cohort, client_for, claude, tmp_path):
    _, _, entries = cohort
    answers = {custom_id_for(0, entries[0].target): "errored", custom_id_for(1, entries[1].target): "not json"}
    items = _runner(entries, claude, client_for(BatchAPI(answers)), tmp_path).run()
    assert items[0].report.review.status == "failed" and "api_error" in items[0].report.review.reason
    assert items[1].report.review.status == "failed" and items[1].report.review.kind == "invalid_output"


def test_cached_reviews_are_not_sent_again(cohort, client_for, claude, tmp_path):
    _, _, entries = cohort
    options = ReviewOptions(cache=AnswerCache(tmp_path / "answers"))
    api = BatchAPI(_answers(entries))
    first = _runner(entries, claude, client_for(api), tmp_path, options=options)
    first.run()
    first.forget()
    items = _runner(entries, claude, client_for(api), tmp_path, options=options).run()
    assert len(api.created) == 1
    assert all(item.report.review.cached for item in items if item.report)


def test_max_cost_holds_back_a_review_and_no_key_sends_nothing(cohort, client_for, claude, tmp_path):
    from grader.claude import ClaudeSettings

    _, _, entries = cohort
    api = BatchAPI(_answers(entries))
    items = _runner(entries, claude, client_for(api), tmp_path, options=ReviewOptions(max_cost=0.0001)).run()
    assert not api.created
    assert {item.report.review.kind for item in items if item.report} == {"max_cost"}
    keyless = ClaudeSettings.load(env={}, config={})
    items = _runner(entries, keyless, None, tmp_path / "other").run()
    assert {item.report.review.reason for item in items if item.report} == {"no ANTHROPIC_API_KEY set"}


def test_repos_file(tmp_path):
    listing = tmp_path / "repos.txt"
    listing.write_text("# cohort 3\nhttps://github.com/ada/rag ada\n\n./local-repo   # no learner\n")
    assert read_repos_file(listing) == [
        BatchEntry(2, "https://github.com/ada/rag", "ada"),
        BatchEntry(4, "./local-repo", None),
    ]
    listing.write_text("a b c\n")
    with pytest.raises(Exception, match="TARGET"):
        read_repos_file(listing)
