"""The one exception family callers catch around Claude: `ClaudeError`, with a one-line `.reason`.

`ClaudeUnavailable`: Claude could not be used right now (no key, key refused, rate limited, overloaded,
network, timeout, server error). The feature carries on without Claude and says why.
`ClaudeFailed`: Claude was reached but gave nothing usable (invalid output after the repair attempt, a
refusal, a request the API rejected).

`from_sdk_error` turns any `anthropic` exception into one of these, so no raw SDK traceback reaches a caller.
This module never imports `anthropic` at import time (the app starts without it): `from_sdk_error` imports it
when it is given an SDK exception, and matches the SDK's exception types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.claude.pricing import TokenUsage


class ClaudeError(Exception):
    """Claude gave no usable answer. `reason`: one line fit to show a person; `kind`: a short code."""

    kind: str = "error"

    def __init__(
        self,
        reason: str,
        *,
        kind: str | None = None,
        usage: TokenUsage | None = None,
        cost_usd: float | None = None,
    ) -> None:
        reason = " ".join(reason.split())
        super().__init__(reason)
        self.reason = reason
        if kind is not None:
            self.kind = kind
        # What the failed attempt(s) consumed, when anything was billed (e.g. two invalid answers).
        self.usage = usage
        self.cost_usd = cost_usd


class ClaudeUnavailable(ClaudeError):
    """Claude could not be used: no key, refused key, rate limit, overload, network trouble, timeout, 5xx."""

    kind = "unavailable"


class ClaudeFailed(ClaudeError):
    """Claude was reached but the answer was unusable, or the API rejected the request itself."""

    kind = "failed"


def _api_message(exc: BaseException) -> str:
    message = getattr(exc, "api_message", None) or ""
    message = " ".join(str(message).split())
    return f": {message[:200]}" if message else ""


def from_sdk_error(exc: BaseException, *, model: str, max_retries: int, timeout: float | None = None) -> ClaudeError:
    """The `ClaudeError` that says, in one line, what an `anthropic` exception means for the person.

    Matched by the SDK's exception types, most specific first (a timeout is a connection error, an overload a
    status error)."""
    import anthropic  # already loaded: an SDK exception exists only once the SDK was imported

    status = getattr(exc, "status_code", None)
    after = f" after {max_retries} retr{'y' if max_retries == 1 else 'ies'}" if max_retries else ""

    if isinstance(exc, anthropic.AuthenticationError):
        return ClaudeUnavailable("the API key was refused (401)", kind="auth")
    if isinstance(exc, anthropic.PermissionDeniedError):
        return ClaudeUnavailable(
            f"the API key may not use this model or feature (403){_api_message(exc)}", kind="permission"
        )
    if isinstance(exc, anthropic.PaymentRequiredError):
        return ClaudeUnavailable("the account has no credit left for the API (402)", kind="billing")
    if isinstance(exc, anthropic.RateLimitError):
        return ClaudeUnavailable(f"rate limited (429){after}; try again in a minute", kind="rate_limit")
    if isinstance(exc, anthropic.OverloadedError):
        return ClaudeUnavailable(f"Claude is overloaded (529){after} on {model}", kind="overloaded")
    if isinstance(exc, anthropic.NotFoundError):
        return ClaudeUnavailable(f"the API answered 404 for model {model!r}{_api_message(exc)}", kind="not_found")
    if isinstance(exc, anthropic.InternalServerError):
        return ClaudeUnavailable(f"Claude's API failed ({status}){after}", kind="server")
    if isinstance(exc, anthropic.APITimeoutError):
        limit = f" within {timeout:g} s" if timeout else ""
        return ClaudeUnavailable(f"no answer{limit}{after} (timeout)", kind="timeout")
    if isinstance(exc, anthropic.APIConnectionError):
        return ClaudeUnavailable(f"could not connect to the Claude API{after} (connection error)", kind="connection")
    if isinstance(exc, anthropic.ContentTooLargeError):
        return ClaudeFailed("the request is too large for the API (413); send less content", kind="too_large")
    if isinstance(exc, anthropic.BadRequestError | anthropic.UnprocessableEntityError):
        return ClaudeFailed(f"the API rejected the request ({status}){_api_message(exc)}", kind="bad_request")
    if isinstance(exc, anthropic.APIStatusError):
        return ClaudeUnavailable(f"the API answered {status}{_api_message(exc)}", kind="status")
    if isinstance(exc, anthropic.APIResponseValidationError):
        return ClaudeFailed("the API's answer did not have the expected shape", kind="bad_response")
    return ClaudeFailed(f"the Claude SDK failed: {type(exc).__name__}: {str(exc)[:200]}", kind="sdk")
