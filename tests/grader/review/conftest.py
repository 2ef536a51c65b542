"""Review fixtures: fixture repositories graded for real, the real SDK behind httpx2.MockTransport."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from grader.claude import ClaudeSettings, make_client
from grader.context import Context
from grader.report import GradeReport
from grader.review.run import grade_with_context
from grader.settings import GraderSettings
from tests.grader.claude.conftest import MockAPI, ok

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(autouse=True)
def _no_real_claude(monkeypatch: pytest.MonkeyPatch) -> None:
    """No key, endpoint or model choice from this machine reaches a test."""
    for name in list(os.environ):
        if name.startswith("ANTHROPIC_") or name in {
            "PROOFWORK_MODEL",
            "PROOFWORK_FALLBACK_MODEL",
            "PROOFWORK_CLAUDE_TIMEOUT",
            "PROOFWORK_REVIEW_TOKENS",
        }:
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def _fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    import anthropic._base_client

    monkeypatch.setattr(anthropic._base_client, "INITIAL_RETRY_DELAY", 0.001)


def recorded(name: str) -> dict[str, Any]:
    """A recorded model answer from golden/."""
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


def answer_reply(payload: dict[str, Any], **kwargs: Any) -> httpx2.Response:
    return ok(payload, **kwargs)


@pytest.fixture
def claude() -> ClaudeSettings:
    return ClaudeSettings(api_key="test", max_retries=2, timeout=5)


@pytest.fixture
def client_for(claude: ClaudeSettings) -> Iterator[Callable[..., Any]]:
    """`client_for(mock, settings=None)`: a real `anthropic.Anthropic` whose traffic goes to `mock`."""
    clients: list[httpx2.Client] = []

    def build(mock: MockAPI, settings: ClaudeSettings | None = None) -> Any:
        http_client = httpx2.Client(transport=httpx2.MockTransport(mock))
        clients.append(http_client)
        return make_client(settings or claude, http_client=http_client)

    yield build
    for http_client in clients:
        http_client.close()


@pytest.fixture
def graded(make_repo: Callable[..., Any], tmp_path: Path) -> Callable[[dict[str, str]], tuple[GradeReport, Context]]:
    """`graded(files)`: commit the files in a fresh repository and grade it statically."""

    def grade(files: dict[str, str]) -> tuple[GradeReport, Context]:
        repo = make_repo(files)
        return grade_with_context(str(repo.path), settings=GraderSettings(cache_dir=tmp_path / "cache", workers=1))

    return grade
