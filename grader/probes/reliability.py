"""Reliability: does the code survive slow, failing and malformed model and network calls?"""

from __future__ import annotations

from grader.context import Context
from grader.probes.base import Result, not_detected, probe, used_or_declared

TWELVE_FACTOR = "https://github.com/humanlayer/12-factor-agents"


def _found(ctx: Context, group: str, what: str) -> Result:
    hits = [h for h in ctx.scan.find(group) if h.path not in {f.path for f in ctx.test_files}]
    if not hits:
        return not_detected(f"no {what} detected")
    return used_or_declared(hits, what)


@probe(
    "reliability.retries",
    title="Retries with backoff",
    why="Model and network APIs fail transiently (429, 5xx); retries with backoff turn outages into latency.",
    fix="Wrap model and HTTP calls in retries with exponential backoff (tenacity, SDK max_retries).",
    requires=("network",),
)
def retries(ctx: Context) -> Result:
    return _found(ctx, "reliability.retries", "retries")


@probe(
    "reliability.timeouts",
    title="Timeouts",
    why="A call without a timeout can hang a request forever.",
    fix="Set explicit timeouts on model clients and HTTP calls (`timeout=30`, asyncio.wait_for).",
    requires=("network",),
)
def timeouts(ctx: Context) -> Result:
    return _found(ctx, "reliability.timeouts", "timeouts")


@probe(
    "reliability.fallbacks",
    title="Fallbacks",
    why="When the model or provider fails, a fallback model or a safe answer keeps the product usable.",
    fix="Add a fallback model or a graceful degraded answer (LangChain with_fallbacks, LiteLLM fallbacks).",
    requires=("llm",),
)
def fallbacks(ctx: Context) -> Result:
    return _found(ctx, "reliability.fallbacks", "fallbacks")


@probe(
    "reliability.output_validation",
    title="Schema-validated model output",
    why="Model output is untrusted text; validating it against a schema catches malformed answers early.",
    fix="Request structured output and validate it (pydantic model_validate_json, instructor, zod).",
    doc=TWELVE_FACTOR,
    requires=("llm",),
)
def output_validation(ctx: Context) -> Result:
    return _found(ctx, "reliability.output_validation", "output validation")


@probe(
    "reliability.rate_limiting",
    title="Rate limiting",
    why="Bounded concurrency and rate limits keep a batch job from tripping provider limits.",
    fix="Bound concurrency (asyncio.Semaphore, aiolimiter) and handle 429 responses.",
    requires=("network",),
)
def rate_limiting(ctx: Context) -> Result:
    return _found(ctx, "reliability.rate_limiting", "rate limiting")
