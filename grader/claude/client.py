"""Build the `anthropic.Anthropic` client from `ClaudeSettings`.

`anthropic` (and its HTTP layer `httpx2`) are imported inside the function: the TUI imports `grader` and must
start fast, and most runs never call Claude.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grader.claude.errors import ClaudeUnavailable
from grader.claude.settings import DEFAULT_CONNECT_TIMEOUT_S, ClaudeSettings

if TYPE_CHECKING:
    import anthropic
    import httpx2


def make_client(settings: ClaudeSettings, http_client: httpx2.Client | None = None) -> anthropic.Anthropic:
    """A client with the settings' credential, endpoint, timeout and retry count.

    Raises `ClaudeUnavailable` (reason: `settings.skip_reason`) when there is no key, before anything is
    built. Tests pass `http_client=httpx2.Client(transport=httpx2.MockTransport(handler))`.
    """
    if settings.api_key is None:
        raise ClaudeUnavailable(settings.skip_reason or "no API key", kind="no_key")

    import anthropic
    import httpx2

    secret = settings.api_key.get_secret_value()
    timeout = httpx2.Timeout(settings.timeout, connect=min(DEFAULT_CONNECT_TIMEOUT_S, settings.timeout))
    return anthropic.Anthropic(
        api_key=None if settings.uses_auth_token else secret,
        auth_token=secret if settings.uses_auth_token else None,
        base_url=settings.base_url,
        timeout=timeout,
        max_retries=settings.max_retries,
        http_client=http_client,
    )
