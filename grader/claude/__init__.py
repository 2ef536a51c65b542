"""The shared Claude client layer: settings, client, schema-validated calls, costs, redaction, cache, batches,
injection hygiene. Every feature that calls Claude (repository review, drill feedback, export polishing) goes
through here and catches one exception type, `ClaudeError` (`.reason` is one line for the person).

Importing this package does not import `anthropic` or `httpx2`: they load on the first call that needs them.
"""

from grader.claude.batches import BatchOutcome, BatchProgress, BatchRequest, BatchRun
from grader.claude.cache import AnswerCache, default_cache_dir
from grader.claude.client import make_client
from grader.claude.errors import ClaudeError, ClaudeFailed, ClaudeUnavailable
from grader.claude.pricing import (
    CostEstimate,
    TokenUsage,
    check_budget,
    estimate_cost,
    estimate_input_tokens,
    load_prices,
)
from grader.claude.redact import is_env_file, redact
from grader.claude.settings import DEFAULT_FALLBACK_MODEL, DEFAULT_MODEL, ClaudeSettings
from grader.claude.structured import StructuredAnswer, ask_structured
from grader.claude.untrusted import (
    UNTRUSTED_CONTENT_RULES,
    InjectionSignal,
    find_injection_signals,
    new_nonce,
    nonce_notice,
    wrap_untrusted,
)

__all__ = [
    "DEFAULT_FALLBACK_MODEL",
    "DEFAULT_MODEL",
    "UNTRUSTED_CONTENT_RULES",
    "AnswerCache",
    "BatchOutcome",
    "BatchProgress",
    "BatchRequest",
    "BatchRun",
    "ClaudeError",
    "ClaudeFailed",
    "ClaudeSettings",
    "ClaudeUnavailable",
    "CostEstimate",
    "InjectionSignal",
    "StructuredAnswer",
    "TokenUsage",
    "ask_structured",
    "check_budget",
    "default_cache_dir",
    "estimate_cost",
    "estimate_input_tokens",
    "find_injection_signals",
    "is_env_file",
    "load_prices",
    "make_client",
    "new_nonce",
    "nonce_notice",
    "redact",
    "wrap_untrusted",
]
