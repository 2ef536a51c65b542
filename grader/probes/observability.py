"""Observability: can the owner see what the system did, how long it took and what it cost?"""

from __future__ import annotations

from grader.context import Context
from grader.facts.code import Site, code_facts
from grader.facts.targets import main_module, model_call
from grader.probes.base import Result, failed, graded, not_detected, passed
from grader.probes.kinds import Uses, declare, declared_only, evidence, lookup, probe

OTEL_GENAI = "https://opentelemetry.io/docs/specs/semconv/gen-ai/"
ENV_TRACING = 0.7  # tracing switched on by configuration: real traces, no spans of the project's own
METRICS_VIEW = 0.8  # counters and histograms on a dashboard show what the system did, without per-call traces
HOOKS = 0.6  # callback classes a tracer can attach to


def _own_hooks(ctx: Context) -> list[Site]:
    """Callback base classes the project defines itself (class BaseCallback: ... with on_*_start methods)."""
    facts = code_facts(ctx)
    found = []
    for file in facts.of_role("source"):
        for name, line, bases, _fields in file.data.get("classes", []):
            if name.endswith(("Callback", "CallbackHandler", "Tracer")) and not [b for b in bases if b != "object"]:
                found.append(Site(file.file.path, line, name, "source"))
    return found[:5]


@probe(
    "observability.structured_logging",
    title="Structured logging",
    why="Key-value or JSON logs can be searched and aggregated; print statements cannot.",
    fix="Log with structlog, loguru or a JSON formatter, with fields such as request id, model and latency.",
    requires=("code",),
)
def structured_logging(ctx: Context) -> Result:
    found = lookup(ctx, "observability.structured_logging")
    if found:
        return graded(f"structured logging: {', '.join(sorted(found.signals()))}", 1.0, evidence(ctx, found, 3))
    plain = lookup(ctx, "observability.plain_logging")
    if plain:
        return failed("plain logging only (no structured fields)", evidence(ctx, plain, 3), 0.5)
    if found.declared:
        return declared_only(found, "structured logging")
    return not_detected("no logging in the application code (print only)", fix_at=main_module(ctx))


@probe(
    "observability.tracing",
    title="LLM tracing",
    why="Traces of prompts, retrieved context and outputs are how LLM failures get debugged.",
    fix="Trace LLM calls with OpenTelemetry GenAI, Langfuse (@observe), LangSmith (@traceable) or Phoenix.",
    doc=OTEL_GENAI,
    requires=("llm",),
)
def tracing(ctx: Context) -> Result:
    found = lookup(ctx, "observability.tracing", ("source", "example"))
    if found:
        return passed(f"tracing: {', '.join(sorted(found.signals()))}", evidence(ctx, found))
    metrics_found, boards = lookup(ctx, "observability.metrics"), lookup(ctx, "observability.dashboards")
    if metrics_found and boards:
        shown = evidence(ctx, metrics_found, 2) + evidence(ctx, boards, 1)
        return graded("no tracing, but request metrics go to a committed dashboard", METRICS_VIEW, shown)
    hooks = _own_hooks(ctx)
    if hooks:
        return graded(
            "the project's own instrumentation hooks (callbacks), no tracing backend",
            HOOKS,
            code_facts(ctx).evidence_of(hooks, 3),
        )
    switched = lookup(ctx, "observability.tracing_env", config=True)
    if switched:
        return graded(
            f"tracing switched on by configuration only: {', '.join(sorted(switched.signals()))}",
            ENV_TRACING,
            evidence(ctx, switched, 3),
        )
    if found.declared:
        return declared_only(found, "tracing")
    return not_detected("no tracing in the code or its configuration", fix_at=model_call(ctx))


declare(
    "observability.latency",
    Uses("observability.latency", "latency measurement", start="main_module"),
    title="Latency measured",
    why="Latency is a product metric; it has to be measured before it can be budgeted.",
    fix="Time each request and model call (time.perf_counter) and log or export the duration.",
    requires=("code",),
)


@probe(
    "observability.tokens_cost",
    title="Token and cost tracking",
    why="Token usage and cost per request decide whether the feature can ship at scale.",
    fix="Record `usage` tokens from each model response and turn them into cost per request.",
    doc=OTEL_GENAI,
    requires=("llm",),
)
def tokens_cost(ctx: Context) -> Result:
    found = lookup(ctx, "observability.tokens_cost", ("source", "test", "example", "eval"))
    if not found:
        return not_detected("no token or cost tracking in the code", fix_at=model_call(ctx))
    signals = found.signals()
    both = "cost tracking" in signals and len(signals) > 1
    return graded(f"tracked: {', '.join(sorted(signals))}", 1.0 if both else 0.7, evidence(ctx, found, 3))


@probe(
    "observability.metrics",
    title="Metrics and dashboards",
    why="Counters and histograms exported to a dashboard turn logs into trends someone can watch.",
    fix="Export request, error and latency metrics (Prometheus, OpenTelemetry) and commit the dashboard.",
    requires=("code",),
)
def metrics(ctx: Context) -> Result:
    exported = lookup(ctx, "observability.metrics")
    boards = lookup(ctx, "observability.dashboards")
    shown = evidence(ctx, exported, 3) + evidence(ctx, boards, 2)
    if exported and boards:
        return passed("metrics exported and a dashboard committed", shown)
    if exported:
        return graded(f"metrics exported: {', '.join(sorted(exported.signals()))}, no dashboard committed", 0.8, shown)
    if boards:
        return graded("a dashboard definition, but no metrics exported by the code", 0.4, shown)
    tracing = lookup(ctx, "observability.tracing", ("source",))
    if not tracing:
        tracing = lookup(ctx, "observability.tracing_env", config=True)
    if tracing and code_facts(ctx).files:
        return graded("a tracing platform's UI serves as the dashboard", 0.5, evidence(ctx, tracing, 1))
    return not_detected("no metrics export or dashboard", fix_at=main_module(ctx))
