"""The one exception family callers catch around Claude: `ClaudeError`, with a one-line `.reason`.

`ClaudeUnavailable`: Claude could not be used right now (no key, key refused, rate limited, overloaded,
network, timeout, server error). The feature carries on without Claude and says why.
`ClaudeFailed`: Claude was reached but gave nothing usable (invalid output after the repair attempt, a
refusal, a request the API rejected).

`from_sdk_error` turns any `anthropic` exception into one of these, so no raw SDK traceback reaches a caller.
This module never imports `anthropic` at import time: it matches exception classes by name along the MRO.
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


def _class_names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def _api_message(exc: BaseException) -> str:
    message = getattr(exc, "api_message", None) or ""
    message = " ".join(str(message).split())
    return f": {message[:200]}" if message else ""


def from_sdk_error(exc: BaseException, *, model: str, max_retries: int, timeout: float | None = None) -> ClaudeError:
    """The `ClaudeError` that says, in one line, what an `anthropic` exception means for the person."""
    names = _class_names(exc)
    status = getattr(exc, "status_code", None)
    after = f" after {max_retries} retr{'y' if max_retries == 1 else 'ies'}" if max_retries else ""

    if "AuthenticationError" in names:
        return ClaudeUnavailable("the API key was refused (401)", kind="auth")
    if "PermissionDeniedError" in names:
        return ClaudeUnavailable(
            f"the API key may not use this model or feature (403){_api_message(exc)}", kind="permission"
        )
    if "PaymentRequiredError" in names:
        return ClaudeUnavailable("the account has no credit left for the API (402)", kind="billing")
    if "RateLimitError" in names:
        return ClaudeUnavailable(f"rate limited (429){after}; try again in a minute", kind="rate_limit")
    if "OverloadedError" in names:
        return ClaudeUnavailable(f"Claude is overloaded (529){after} on {model}", kind="overloaded")
    if "NotFoundError" in names:
        return ClaudeUnavailable(f"the API answered 404 for model {model!r}{_api_message(exc)}", kind="not_found")
    if "InternalServerError" in names:
        return ClaudeUnavailable(f"Claude's API failed ({status}){after}", kind="server")
    if "APITimeoutError" in names:
        limit = f" within {timeout:g} s" if timeout else ""
        return ClaudeUnavailable(f"no answer{limit}{after} (timeout)", kind="timeout")
    if "APIConnectionError" in names:
        return ClaudeUnavailable(f"could not connect to the Claude API{after} (connection error)", kind="connection")
    if "ContentTooLargeError" in names:
        return ClaudeFailed("the request is too large for the API (413); send less content", kind="too_large")
    if "BadRequestError" in names or "UnprocessableEntityError" in names:
        return ClaudeFailed(f"the API rejected the request ({status}){_api_message(exc)}", kind="bad_request")
    if "APIStatusError" in names:
        return ClaudeUnavailable(f"the API answered {status}{_api_message(exc)}", kind="status")
    if "APIResponseValidationError" in names:
        return ClaudeFailed("the API's answer did not have the expected shape", kind="bad_response")
    return ClaudeFailed(f"the Claude SDK failed: {type(exc).__name__}: {str(exc)[:200]}", kind="sdk")
