"""Reliability: does the code survive slow, failing and malformed model and network calls?

Read from the application's own source (tests and configuration are not its behaviour), structurally: a
`timeout=` keyword on a call, a retry decorator, an `except RateLimitError`, never a word in a comment.
"""

from __future__ import annotations

from grader.context import Context
from grader.facts.code import code_facts
from grader.probes.base import Result, graded, not_detected
from grader.probes.kinds import Uses, declare, evidence, lookup, probe

TWELVE_FACTOR = "https://github.com/humanlayer/12-factor-agents"

declare(
    "reliability.retries",
    Uses("reliability.retries", "retries"),
    title="Retries with backoff",
    why="Model and network APIs fail transiently (429, 5xx); retries with backoff turn outages into latency.",
    fix="Wrap model and HTTP calls in retries with exponential backoff (tenacity, the SDK's max_retries).",
    requires=("network",),
)
declare(
    "reliability.timeouts",
    Uses("reliability.timeouts", "timeouts"),
    title="Timeouts",
    why="A call without a timeout can hang a request forever.",
    fix="Set an explicit timeout on the model client and every HTTP call (`timeout=30`, asyncio.wait_for).",
    requires=("network",),
)
declare(
    "reliability.fallbacks",
    Uses("reliability.fallbacks", "fallbacks"),
    title="Fallbacks",
    why="When the model or provider fails, a fallback model or a safe answer keeps the product usable.",
    fix="Add a fallback model or a graceful degraded answer (LangChain with_fallbacks, a FallbackModel, LiteLLM).",
    requires=("llm",),
)
declare(
    "reliability.output_validation",
    Uses("reliability.output_validation", "output validation"),
    title="Schema-validated model output",
    why="Model output is untrusted text; validating it against a schema catches malformed answers early.",
    fix="Request structured output and validate it (with_structured_output, response_format, model_validate_json).",
    doc=TWELVE_FACTOR,
    requires=("llm",),
)
declare(
    "reliability.rate_limiting",
    Uses("reliability.rate_limiting", "rate limiting"),
    title="Rate limiting",
    why="Bounded concurrency and handled 429s keep a batch job from tripping provider limits.",
    fix="Bound concurrency (asyncio.Semaphore, aiolimiter) and catch the provider's RateLimitError.",
    requires=("network",),
)
declare(
    "reliability.bounds",
    Uses("reliability.bounds", "output and loop bounds"),
    title="Output and loop bounds",
    why="A cap on tokens, agent steps or recursion turns a runaway model into a bounded cost.",
    fix="Cap max_tokens on model calls and the number of agent steps (recursion_limit, max_iterations).",
    doc=TWELVE_FACTOR,
    requires=("llm",),
)


@probe(
    "reliability.error_handling",
    title="Provider errors handled",
    why="A model or HTTP error should become a clear message or a retry, not a crash or a silent wrong answer.",
    fix="Catch the provider's errors (APIError, RateLimitError, timeouts) where the call is made and answer clearly.",
    requires=("network",),
)
def error_handling(ctx: Context) -> Result:
    found = lookup(ctx, "reliability.error_handling")
    if found:
        return graded(f"provider errors caught: {len(found.sites)} place(s)", 1.0, evidence(ctx, found, 3))
    facts = code_facts(ctx)
    broad = facts.handlers(["*", "Exception", "BaseException"], ("source",))
    if broad:
        return graded(
            "only broad `except Exception` clauses: every failure looks the same", 0.4, facts.evidence_of(broad, 3)
        )
    return not_detected("no error handling around model or network calls")
