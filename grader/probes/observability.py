"""Observability: can the owner see what the system did, how long it took and what it cost?"""

from __future__ import annotations

from grader.context import Context
from grader.probes.base import (
    Result,
    failed,
    graded,
    hits_evidence,
    names,
    not_detected,
    passed,
    probe,
    used_or_declared,
)

OTEL_GENAI = "https://opentelemetry.io/docs/specs/semconv/gen-ai/"


def _code_hits(ctx: Context, group: str) -> list:
    code = {f.path for f in ctx.source_files} | {f.path for f in ctx.test_files}
    return [h for h in ctx.scan.find(group) if h.path in code or h.how in {"package", "path"}]


@probe(
    "observability.structured_logging",
    title="Structured logging",
    why="Key-value or JSON logs can be searched and aggregated; print statements cannot.",
    fix="Log with structlog, loguru or a JSON formatter, with fields such as request id, model and latency.",
    requires=("code",),
)
def structured_logging(ctx: Context) -> Result:
    hits = ctx.scan.find("observability.structured_logging")
    if hits:
        return used_or_declared(hits, "structured logging")
    plain = _code_hits(ctx, "observability.plain_logging")
    if plain:
        return failed("plain logging only (no structured fields)", hits_evidence(plain, 3), 0.4)
    return not_detected("no logging detected")


@probe(
    "observability.tracing",
    title="LLM tracing",
    why="Traces of prompts, retrieved context and outputs are how LLM failures get debugged.",
    fix="Trace LLM calls with OpenTelemetry GenAI, Langfuse (@observe), LangSmith (@traceable) or Phoenix.",
    doc=OTEL_GENAI,
    requires=("llm",),
)
def tracing(ctx: Context) -> Result:
    hits = ctx.scan.find("observability.tracing")
    if not hits:
        return not_detected("no tracing library detected")
    return used_or_declared(hits, "tracing")


@probe(
    "observability.latency",
    title="Latency measured",
    why="Latency is a product metric; it has to be measured before it can be budgeted.",
    fix="Time each request and model call (time.perf_counter) and log or export the duration.",
    requires=("code",),
)
def latency(ctx: Context) -> Result:
    hits = _code_hits(ctx, "observability.latency")
    if not hits:
        return not_detected("no latency measurement detected")
    return passed(f"latency: {names(hits)}", hits_evidence(hits, 3))


@probe(
    "observability.tokens_cost",
    title="Token and cost tracking",
    why="Token usage and cost per request decide whether the feature can ship at scale.",
    fix="Record `usage` tokens from each model response and turn them into cost per request.",
    doc=OTEL_GENAI,
    requires=("llm",),
)
def tokens_cost(ctx: Context) -> Result:
    hits = _code_hits(ctx, "observability.tokens_cost")
    if not hits:
        return not_detected("no token or cost tracking detected")
    both = {"token usage read", "token counting"} & {h.signal for h in hits} and "cost tracking" in {
        h.signal for h in hits
    }
    return graded(f"tracked: {names(hits)}", 1.0 if both else 0.7, hits_evidence(hits, 3))


@probe(
    "observability.dashboards",
    title="Dashboards or metrics export",
    why="A dashboard turns logs into trends someone can watch.",
    fix="Export metrics (Prometheus, OpenTelemetry) or commit a dashboard definition; a tracing UI counts.",
    requires=("llm",),
)
def dashboards(ctx: Context) -> Result:
    hits = ctx.scan.find("observability.dashboards")
    if hits:
        return used_or_declared(hits, "dashboards")
    tracing_hits = [h for h in ctx.scan.find("observability.tracing") if h.how != "package"]
    if tracing_hits:
        return graded("a tracing platform's UI serves as the dashboard", 0.6, hits_evidence(tracing_hits, 1))
    return not_detected("no dashboard or metrics export detected")
