"""Fixtures for the Claude layer: a recording mock of the API behind the real SDK (httpx2.MockTransport)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from typing import Any

import httpx2
import pytest
from pydantic import BaseModel, Field

from grader.claude import ClaudeSettings, make_client

Reply = httpx2.Response | Exception | Callable[[httpx2.Request], httpx2.Response]

FAST = {"retry-after-ms": "1"}


class Review(BaseModel):
    """A small output model with bounds the server does not enforce."""

    score: int = Field(ge=0, le=10)
    summary: str


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No real key, endpoint or model choice from this machine leaks into a test."""
    for name in list(os.environ):
        if name.startswith(("ANTHROPIC_", "PROOFWORK_")):
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def _fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Connection errors and timeouts carry no retry-after header: shrink the SDK's 0.5 s base backoff."""
    import anthropic._base_client

    monkeypatch.setattr(anthropic._base_client, "INITIAL_RETRY_DELAY", 0.001)


def message(
    payload: Any = None,
    *,
    text: str | None = None,
    model: str = "claude-sonnet-5-5",
    stop_reason: str = "end_turn",
    input_tokens: int = 1200,
    output_tokens: int = 85,
    cache_write: int = 900,
    cache_read: int = 0,
    content: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A Messages API answer whose text is `payload` as JSON (or `text` verbatim)."""
    body = text if text is not None else json.dumps(payload)
    return {
        "id": "msg_01",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content if content is not None else [{"type": "text", "text": body}],
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "cache_creation_input_tokens": cache_write,
            "cache_read_input_tokens": cache_read,
        },
    }


def ok(payload: Any = None, **kwargs: Any) -> httpx2.Response:
    return httpx2.Response(200, json=message(payload, **kwargs))


def error(status: int, kind: str, text: str = "canned error") -> httpx2.Response:
    return httpx2.Response(status, json={"type": "error", "error": {"type": kind, "message": text}}, headers=FAST)


class MockAPI:
    """Answers requests in order from `replies` (the last one repeats) and records every request."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        reply = self.replies[min(len(self.requests), len(self.replies)) - 1]
        if isinstance(reply, Exception):
            raise reply
        if callable(reply):
            return reply(request)
        return reply

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(request.content) for request in self.requests if request.content]

    def raw(self) -> list[str]:
        return [request.content.decode("utf-8") for request in self.requests]

    def models(self) -> list[str]:
        return [body.get("model", "") for body in self.bodies()]


@pytest.fixture
def settings() -> ClaudeSettings:
    return ClaudeSettings(api_key="test", max_retries=2, timeout=5)


@pytest.fixture
def client_for(settings: ClaudeSettings) -> Iterator[Callable[..., Any]]:
    """`client_for(mock, settings=None)` -> a real `anthropic.Anthropic` whose traffic goes to `mock`."""
    clients: list[httpx2.Client] = []

    def build(mock: MockAPI, settings_: ClaudeSettings | None = None) -> Any:
        http_client = httpx2.Client(transport=httpx2.MockTransport(mock))
        clients.append(http_client)
        return make_client(settings_ or settings, http_client=http_client)

    yield build
    for http_client in clients:
        http_client.close()
