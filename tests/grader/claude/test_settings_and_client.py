"""ClaudeSettings precedence and availability; make_client wiring; the package imports no SDK."""

from __future__ import annotations

import subprocess
import sys

import httpx2
import pytest
from pydantic import ValidationError

from grader.claude import ClaudeSettings, ClaudeUnavailable, ask_structured, make_client
from grader.claude.settings import DEFAULT_FALLBACK_MODEL, DEFAULT_MODEL
from tests.grader.claude.conftest import MockAPI, Review, ok


def test_defaults_without_environment():
    settings = ClaudeSettings()
    assert settings.api_key is None and not settings.available
    assert settings.skip_reason == "no ANTHROPIC_API_KEY set"
    assert settings.model == DEFAULT_MODEL == "claude-sonnet-5-5"
    assert settings.fallback_model == DEFAULT_FALLBACK_MODEL == "claude-haiku-5-5"
    assert settings.base_url is None
    assert (settings.timeout, settings.max_retries, settings.max_output_tokens) == (120.0, 3, 8192)


def test_key_from_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-from-env")
    settings = ClaudeSettings()
    assert settings.available and settings.skip_reason is None
    assert settings.api_key is not None and settings.api_key.get_secret_value() == "sk-ant-from-env"
    assert settings.key_source == "ANTHROPIC_API_KEY"
    assert "sk-ant-from-env" not in repr(settings)


def test_auth_token_is_used_when_there_is_no_api_key(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ANTHROPIC_AUTH_TOKEN", "token-123")
    settings = ClaudeSettings()
    assert settings.available and settings.uses_auth_token


def test_api_key_wins_over_auth_token_and_argument_wins_over_both(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "from-env")
    monkeypatch.setenv("ANTHROPIC_AUTH_TOKEN", "token-123")
    assert ClaudeSettings().key_source == "ANTHROPIC_API_KEY"
    given = ClaudeSettings(api_key="given")
    assert given.key_source == "argument" and given.api_key.get_secret_value() == "given"


def test_blank_key_counts_as_no_key(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "   ")
    assert not ClaudeSettings().available


def test_model_precedence_argument_then_environment_then_config_then_default():
    config = {"model": "claude-opus-5-5", "max_retries": 5, "timeout": 30}
    assert ClaudeSettings.load(config=config, env={}).model == "claude-opus-5-5"
    assert ClaudeSettings.load(config=config, env={"PROOFWORK_MODEL": "claude-haiku-5-5"}).model == ("claude-haiku-5-5")
    loaded = ClaudeSettings.load(config=config, env={"PROOFWORK_MODEL": "x"}, model="claude-sonnet-5")
    assert loaded.model == "claude-sonnet-5"
    assert (loaded.max_retries, loaded.timeout) == (5, 30.0)
    assert ClaudeSettings.load(env={}).model == DEFAULT_MODEL


def test_fallback_can_be_switched_off():
    assert ClaudeSettings.load(env={"PROOFWORK_FALLBACK_MODEL": "none"}).fallback_model is None
    assert ClaudeSettings(fallback_model="").fallback_model is None


def test_base_url_from_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://gateway.internal:8080")
    assert ClaudeSettings().base_url == "http://gateway.internal:8080"


def test_out_of_range_values_are_rejected():
    with pytest.raises(ValidationError):
        ClaudeSettings(timeout=0)
    with pytest.raises(ValidationError):
        ClaudeSettings(max_retries=-1)
    with pytest.raises(ValidationError):
        ClaudeSettings(effort="extreme")


def test_make_client_configures_timeout_retries_and_key():
    settings = ClaudeSettings(api_key="test", timeout=42, max_retries=4)
    client = make_client(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(MockAPI(ok()))))
    assert client.max_retries == 4
    assert client.timeout.read == 42 and client.timeout.connect == 10
    assert client.api_key == "test"


def test_make_client_without_key_raises_before_anything_is_sent():
    mock = MockAPI(ok({"score": 1, "summary": "x"}))
    with pytest.raises(ClaudeUnavailable, match="no ANTHROPIC_API_KEY set"):
        make_client(ClaudeSettings(), http_client=httpx2.Client(transport=httpx2.MockTransport(mock)))
    assert mock.requests == []


def test_auth_token_goes_out_as_bearer(monkeypatch: pytest.MonkeyPatch, client_for):
    monkeypatch.setenv("ANTHROPIC_AUTH_TOKEN", "token-123")
    settings = ClaudeSettings()
    mock = MockAPI(ok({"score": 1, "summary": "x"}))
    ask_structured(client_for(mock, settings), system="s", content=["c"], output=Review, settings=settings)
    assert mock.requests[0].headers["authorization"] == "Bearer token-123"


def test_anthropic_base_url_is_honoured(monkeypatch: pytest.MonkeyPatch, client_for):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://gateway.internal:8080")
    settings = ClaudeSettings(api_key="test")
    mock = MockAPI(ok({"score": 1, "summary": "x"}))
    ask_structured(client_for(mock, settings), system="s", content=["c"], output=Review, settings=settings)
    url = mock.requests[0].url
    assert (url.host, url.port, url.path) == ("gateway.internal", 8080, "/v1/messages")


def test_importing_the_package_does_not_import_the_sdk():
    code = (
        "import sys, grader.claude, grader.claude.structured, grader.claude.batches;"
        "print(sorted(m for m in ('anthropic', 'httpx2') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
