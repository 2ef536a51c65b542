"""BatchRun against a mock Message Batches API: create, poll, JSONL results, resume after an interruption."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx2
import pytest

from curriculum.errors import UserError
from grader.claude import BatchRequest, BatchRun, ClaudeSettings, ClaudeUnavailable, make_client
from tests.grader.claude.conftest import FAST, Review, message

BATCH_ID = "msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d"
RESULTS_URL = f"https://api.anthropic.com/v1/messages/batches/{BATCH_ID}/results"
SECRET = "sk-ant-api03-" + "Zq8vR2mN5tK1xW7pL3cB9dF4hJ6gY0sA" + "Xy12AbCd"


def batch_json(status: str, *, processing: int = 3, succeeded: int = 0, errored: int = 0) -> dict[str, Any]:
    return {
        "id": BATCH_ID,
        "type": "message_batch",
        "processing_status": status,
        "request_counts": {
            "processing": processing,
            "succeeded": succeeded,
            "errored": errored,
            "canceled": 0,
            "expired": 0,
        },
        "created_at": "2026-11-21T05:00:00Z",
        "expires_at": "2026-11-22T05:00:00Z",
        "ended_at": "2026-11-21T05:30:00Z" if status == "ended" else None,
        "archived_at": None,
        "cancel_initiated_at": None,
        "results_url": RESULTS_URL if status == "ended" else None,
    }


def succeeded(custom_id: str, payload: Any = None, text: str | None = None) -> dict[str, Any]:
    return {"custom_id": custom_id, "result": {"type": "succeeded", "message": message(payload, text=text)}}


RESULTS = [
    succeeded("repo-b", {"score": 4, "summary": "thin tests"}),
    succeeded("repo-a", {"score": 8, "summary": "evals in CI"}),
    succeeded("repo-c", text="not json"),
    {
        "custom_id": "repo-d",
        "result": {
            "type": "errored",
            "error": {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
        },
    },
    {"custom_id": "repo-e", "result": {"type": "expired"}},
]


class BatchAPI:
    """The three endpoints a batch run touches. `in_progress_polls` retrieves answer in_progress first."""

    def __init__(self, in_progress_polls: int = 2, results: list[dict[str, Any]] | None = None) -> None:
        self.in_progress_polls = in_progress_polls
        self.results = RESULTS if results is None else results
        self.created: list[dict[str, Any]] = []
        self.retrieves = 0
        self.results_reads = 0
        self.hosts: set[str] = set()

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.hosts.add(request.url.host)
        path = request.url.path
        if request.method == "POST" and path == "/v1/messages/batches":
            self.created.append(json.loads(request.content))
            return httpx2.Response(200, json=batch_json("in_progress"))
        if request.method == "GET" and path == f"/v1/messages/batches/{BATCH_ID}":
            self.retrieves += 1
            if self.retrieves <= self.in_progress_polls:
                return httpx2.Response(200, json=batch_json("in_progress"))
            return httpx2.Response(200, json=batch_json("ended", processing=0, succeeded=3, errored=1))
        if request.method == "GET" and str(request.url) == RESULTS_URL:
            self.results_reads += 1
            lines = "\n".join(json.dumps(item) for item in self.results) + "\n"
            return httpx2.Response(200, content=lines.encode(), headers={"content-type": "application/binary"})
        return httpx2.Response(404, json={"type": "error", "error": {"type": "not_found_error", "message": path}})


REQUESTS = [
    BatchRequest(custom_id, system="Review repositories.", content=[f"repository {custom_id}"])
    for custom_id in ("repo-a", "repo-b", "repo-c", "repo-d", "repo-e")
]


@pytest.fixture
def settings() -> ClaudeSettings:
    return ClaudeSettings(api_key="test", max_retries=1)


def batch_run(api: BatchAPI, settings: ClaudeSettings, state_path: Path, **kwargs: Any) -> BatchRun[Review]:
    client = make_client(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(api)))
    arguments: dict[str, Any] = {"poll_interval": 30.0, "sleep": lambda seconds: None}
    arguments.update(kwargs)
    return BatchRun(client, output=Review, state_path=state_path, settings=settings, **arguments)


def test_create_poll_and_collect(settings, tmp_path: Path):
    api = BatchAPI(in_progress_polls=2)
    slept: list[float] = []
    polls: list[str] = []
    run = batch_run(
        api, settings, tmp_path / "batch.json", sleep=slept.append, on_poll=lambda p: polls.append(p.status)
    )

    outcome = run.run(REQUESTS)

    assert outcome.batch_id == BATCH_ID
    assert len(api.created) == 1
    assert slept == [30.0, 30.0]
    assert polls == ["in_progress", "in_progress", "ended"]
    assert outcome.answers["repo-a"].parsed == Review(score=8, summary="evals in CI")
    assert outcome.answers["repo-b"].parsed.score == 4
    # Half price: Sonnet 5.5 batch = $1 in, $5 out, $1.25 cache write per MTok.
    assert outcome.answers["repo-a"].cost_usd == pytest.approx((1200 * 1 + 85 * 5 + 900 * 1.25) / 1e6)
    assert outcome.errors["repo-c"].startswith("invalid output: the answer did not validate")
    assert outcome.errors["repo-d"] == "errored: overloaded_error: Overloaded"
    assert outcome.errors["repo-e"].startswith("expired")
    assert set(outcome.answers) | set(outcome.errors) == {request.custom_id for request in REQUESTS}


def test_batch_requests_carry_the_same_body_as_a_single_call(settings, tmp_path: Path):
    api = BatchAPI(in_progress_polls=0)
    requests = [BatchRequest("repo-a", system="sys", content=[f"key = '{SECRET}'"], max_tokens=999)]
    outcome = batch_run(api, settings, tmp_path / "batch.json").run(requests)

    sent = api.created[0]["requests"][0]
    assert sent["custom_id"] == "repo-a"
    params = sent["params"]
    assert params["model"] == "claude-sonnet-5-5" and params["max_tokens"] == 999
    assert params["system"][0]["cache_control"] == {"type": "ephemeral"}
    assert params["output_config"]["format"]["type"] == "json_schema"
    assert SECRET not in json.dumps(api.created)
    assert outcome.answers["repo-a"].redactions == 1


def test_an_interrupted_run_is_resumed_without_a_second_batch(settings, tmp_path: Path):
    state = tmp_path / "state" / "batch.json"
    api = BatchAPI(in_progress_polls=3)

    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch_run(api, settings, state, sleep=interrupted).run(REQUESTS)
    saved = json.loads(state.read_text())
    assert saved["batch_id"] == BATCH_ID
    assert saved["custom_ids"] == [request.custom_id for request in REQUESTS]

    # A second process, a new client, the same state file.
    second_api = BatchAPI(in_progress_polls=1)
    second = batch_run(second_api, settings, state)
    assert second.batch_id == BATCH_ID
    outcome = second.run(REQUESTS)

    assert len(api.created) == 1 and second_api.created == []
    assert outcome.answers["repo-a"].parsed.score == 8
    assert json.loads(state.read_text())["status"] == "collected"


def test_waiting_past_max_wait_keeps_the_state_for_later(settings, tmp_path: Path):
    state = tmp_path / "batch.json"
    api = BatchAPI(in_progress_polls=10)
    with pytest.raises(ClaudeUnavailable) as caught:
        batch_run(api, settings, state, max_wait=60.0).run(REQUESTS)
    assert caught.value.kind == "batch_pending"
    assert "run again later" in caught.value.reason
    assert api.retrieves == 3  # polls at 0 s, 30 s and 60 s
    assert json.loads(state.read_text())["batch_id"] == BATCH_ID


def test_a_state_file_for_other_requests_is_refused(settings, tmp_path: Path):
    state = tmp_path / "batch.json"
    batch_run(BatchAPI(in_progress_polls=0), settings, state).run(REQUESTS)
    api = BatchAPI()
    with pytest.raises(UserError, match="belongs to batch"):
        batch_run(api, settings, state).run(REQUESTS[:2])
    assert api.created == []


def test_a_state_file_mid_creation_is_not_duplicated(settings, tmp_path: Path):
    state = tmp_path / "batch.json"
    state.write_text(json.dumps({"version": 1, "status": "creating", "custom_ids": ["repo-a"]}))
    api = BatchAPI()
    with pytest.raises(UserError, match="another run is creating this batch"):
        batch_run(api, settings, state).run(REQUESTS[:1])
    assert api.created == []


def test_a_failed_create_leaves_no_state(settings, tmp_path: Path):
    state = tmp_path / "batch.json"

    def refuse(request: httpx2.Request) -> httpx2.Response:
        body = {"type": "error", "error": {"type": "authentication_error", "message": "bad key"}}
        return httpx2.Response(401, json=body, headers=FAST)

    client = make_client(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(refuse)))
    run = BatchRun(client, output=Review, state_path=state, settings=settings, sleep=lambda s: None)
    with pytest.raises(ClaudeUnavailable, match=r"refused \(401\)"):
        run.run(REQUESTS)
    assert not state.exists()


def test_results_missing_an_id_report_it(settings, tmp_path: Path):
    api = BatchAPI(in_progress_polls=0, results=[RESULTS[1]])
    outcome = batch_run(api, settings, tmp_path / "batch.json").run(REQUESTS[:2])
    assert set(outcome.answers) == {"repo-a"}
    assert outcome.errors == {"repo-b": "no result returned for this request"}


def test_custom_ids_are_checked_before_sending(settings, tmp_path: Path):
    api = BatchAPI()
    run = batch_run(api, settings, tmp_path / "batch.json")
    with pytest.raises(ValueError):
        run.run([BatchRequest("has space", system="s", content=["c"])])
    with pytest.raises(ValueError):
        run.run([BatchRequest("same", system="s", content=["c"]), BatchRequest("same", system="s", content=["c"])])
    assert api.created == []


def test_forget_starts_over(settings, tmp_path: Path):
    state = tmp_path / "batch.json"
    run = batch_run(BatchAPI(in_progress_polls=0), settings, state)
    run.run(REQUESTS)
    run.forget()
    assert not state.exists() and run.batch_id is None
