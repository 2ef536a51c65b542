"""Reliability: does the code survive slow, failing and malformed model and network calls?

Read from the application's own source (tests and configuration are not its behaviour), structurally: a
`timeout=` keyword on a call, a retry decorator, an `except RateLimitError`, never a word in a comment.
"""

from __future__ import annotations

from grader.context import Context
from grader.facts.code import CodeFacts, Site, code_facts
from grader.facts.targets import model_call
from grader.matching import compile_pattern
from grader.probes.base import Result, graded, not_detected, passed
from grader.probes.kinds import Uses, declare, declared_only, evidence, lookup, probe
from grader.report import Evidence
from grader.snapshot import matches_any

TWELVE_FACTOR = "https://github.com/humanlayer/12-factor-agents"
SERVER_TIMEOUT = 0.4
_WRAPPING = {"tenacity", "backoff", "retry wrapper", "asyncio timeout"}  # signals that wrap calls, not clients


def table_sites_all(ctx: Context, group: str) -> list[Site]:
    """Every site (not only the first per file) of a group in the application's source."""
    facts = code_facts(ctx)
    found = {
        (s.path, s.line, s.name): s for sig in ctx.tables.signals(group) for s in facts.signal_sites(sig, ("source",))
    }
    return sorted(found.values(), key=lambda s: (s.path, s.line))


def _clients(ctx: Context) -> list[Site]:
    """Model and HTTP clients the application creates or calls, where timeouts and retries belong."""
    return table_sites_all(ctx, "reliability.clients")


def _coverage(ctx: Context, keywords: list[str], what: str, global_group: str, partial: Result | None) -> Result:
    """Share of the application's clients that carry `keywords`; a mechanism that covers every call (a retry
    decorator, asyncio.wait_for) counts for all. The advice names the clients left without it."""
    facts = code_facts(ctx)
    clients = _clients(ctx)
    mechanisms = lookup(ctx, global_group)
    covered = [c for c in clients if any(_set(c.keywords.get(k)) for k in keywords)]
    bare = [c for c in clients if c not in covered]
    # A retry decorator or wrapper covers the clients of the module it wraps calls in.
    wrapped = {s.path for s in mechanisms.sites if s.name in _WRAPPING}
    bare = [c for c in bare if c.path not in wrapped]
    if mechanisms and not bare:
        return passed(f"{what}: {', '.join(sorted(mechanisms.signals()))}", evidence(ctx, mechanisms))
    if clients and not bare:
        return passed(f"every model and HTTP client sets {what} ({len(clients)})", facts.evidence_of(covered, 3))
    if mechanisms:
        share = max(0.7, len(covered) / len(clients)) if clients else 1.0
        shown = facts.evidence_of(bare, 3) + evidence(ctx, mechanisms, 2)
        message = f"{what}: {', '.join(sorted(mechanisms.signals()))}"
        if bare:
            message += f"; {len(bare)} client(s) without: {_named(facts, bare)}"
        return graded(message, share, shown)
    if partial is not None:
        return partial
    if mechanisms.declared:  # tenacity in requirements.txt, never imported
        return declared_only(mechanisms, what)
    if bare:
        return not_detected(
            f"{len(bare)} model/HTTP client(s) created without {what}: {_named(facts, bare)}",
            facts.evidence_of(bare, 3),
        )
    return not_detected(f"no {what} in the code", fix_at=model_call(ctx))


def _set(value: object) -> bool:
    return value is not None and value is not False and value != 0


def _named(facts: CodeFacts, sites: list[Site]) -> str:
    return ", ".join(f"{s.name.rsplit('.', 1)[-1]}() at {facts.evidence(s).location()}" for s in sites[:3])


@probe(
    "reliability.retries",
    title="Retries with backoff",
    why="Model and network APIs fail transiently (429, 5xx); retries with backoff turn outages into latency.",
    fix="Give each model and HTTP client bounded retries with backoff (max_retries=, tenacity).",
    requires=("network",),
)
def retries(ctx: Context) -> Result:
    keywords = [s for sig in ctx.tables.signals("reliability.retries") for s in sig.keywords]
    return _coverage(ctx, keywords, "retries", "reliability.retries", None)


@probe(
    "reliability.timeouts",
    title="Timeouts",
    why="A call without a timeout can hang a request forever.",
    fix="Set an explicit timeout on each model client and HTTP call (`timeout=30`, asyncio.wait_for).",
    requires=("network",),
)
def timeouts(ctx: Context) -> Result:
    keywords = [s for sig in ctx.tables.signals("reliability.timeouts") for s in sig.keywords]
    return _coverage(ctx, keywords, "timeouts", "reliability.timeouts", _server_timeout(ctx))


def _server_timeout(ctx: Context) -> Result | None:
    config = ctx.tables.config["reliability"]
    patterns = [compile_pattern(p) for p in config["server_timeout_patterns"]]
    for path, file in ctx.snapshot.files.items():
        if not matches_any(path, config["server_timeout_files"]):
            continue
        for pattern in patterns:
            match = pattern.search(file.text)
            if match is not None:
                line = file.text.count("\n", 0, match.start()) + 1
                shown = [
                    Evidence(
                        path=path,
                        start_line=line,
                        end_line=line,
                        snippet=file.text.splitlines()[line - 1].strip()[:160],
                    )
                ]
                return graded(
                    "only a server timeout: it bounds the request, not each model call", SERVER_TIMEOUT, shown
                )
    return None


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
    return not_detected("no error handling around model or network calls", fix_at=model_call(ctx))
