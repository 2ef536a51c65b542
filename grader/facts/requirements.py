"""Preconditions a probe can require, decided from the code facts: is this an LLM project, does it call the
network, does it read configuration from the environment.

An LLM project is one whose code calls a model anywhere, tests and notebooks included, through any SDK the
table `llm.sdk` knows. Requirements this module does not decide (python, code, history) stay with the context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grader.facts.code import Site, code_facts

if TYPE_CHECKING:
    from grader.context import Context

_ENV_CALLS = ["os.getenv", "os.environ.get", "os.environ.setdefault", "*.load_dotenv", "dotenv.*", "os.getenv*"]


def table_sites(ctx: Context, group: str, roles: tuple[str, ...] = ("source", "test", "example", "eval")) -> list[Site]:
    """First site per signal and file of a table group, found in the code's structure."""
    facts = code_facts(ctx)
    found: dict[tuple[str, str], Site] = {}
    for signal in ctx.tables.signals(group):
        for site in facts.signal_sites(signal, roles):
            found.setdefault((signal.name, site.path), _named(site, signal.name))
    return sorted(found.values(), key=lambda s: (s.path, s.line))


def _named(site: Site, signal: str) -> Site:
    return Site(site.path, site.line, signal, site.role, site.keywords, site.text)


def llm_sites(ctx: Context) -> list[Site]:
    if "llm_sites" not in ctx.memo:
        ctx.memo["llm_sites"] = table_sites(ctx, "llm.sdk")
    sites: list[Site] = ctx.memo["llm_sites"]
    return sites


def model_call_lines(ctx: Context) -> dict[str, list[int]]:
    """Lines that use a model SDK, per file, the product's own code first (then evals, examples, tests): the
    calls made through the SDK (names are qualified through the file's imports, so `client.messages.create`
    reads as `anthropic.Anthropic().messages.create`), else the line that made the file an LLM file."""
    lines: dict[str, list[int]] = {}
    order = {"source": 0, "eval": 1, "example": 2, "test": 3}
    for site in sorted(llm_sites(ctx), key=lambda s: (order.get(s.role, 4), s.path)):
        lines.setdefault(site.path, []).extend(sdk_call_lines(ctx, site.path) or [site.line])
    return {path: sorted(set(found)) for path, found in lines.items()}


def sdk_call_lines(ctx: Context, path: str) -> list[int]:
    """Lines of the file's calls made through a model SDK (`anthropic.Anthropic()`, `client.messages.create`
    when `client` was made by the SDK); none for a file that only imports it (types, a `TYPE_CHECKING` block)."""
    if "sdk_calls" not in ctx.memo:
        modules = [m for s in ctx.tables.signals("llm.sdk") for m in s.imports]
        lines: dict[str, set[int]] = {}
        for site in code_facts(ctx).calls_into(modules):
            lines.setdefault(site.path, set()).add(site.line)
        ctx.memo["sdk_calls"] = {p: sorted(found) for p, found in lines.items()}
    calls: dict[str, list[int]] = ctx.memo["sdk_calls"]
    return calls.get(path, [])


def is_llm_project(ctx: Context) -> bool:
    return bool(llm_sites(ctx))


def uses_environment(ctx: Context) -> bool:
    facts = code_facts(ctx)
    roles = ("source", "example", "test")  # a test reading OPENAI_API_KEY needs a .env as much as the app
    if facts.calls(_ENV_CALLS, roles) or facts.subclasses(["*BaseSettings"], ("source",)):
        return True
    if any(f.data.get("env") for f in facts.of_role(*roles)):
        return True
    return any("process.env" in s.name for s in facts.calls(["*process.env*"], ("source",)))


def calls_network(ctx: Context) -> bool:
    return is_llm_project(ctx) or bool(table_sites(ctx, "reliability.network", ("source",)))


NOT_MINE = "(not decided here)"


def unmet(ctx: Context, requirement: str) -> str | None:
    """Why a requirement is absent, None when it holds, NOT_MINE when this module does not decide it."""
    if requirement == "llm":
        return None if is_llm_project(ctx) else "no model SDK imported anywhere, so there is no LLM behaviour to check"
    if requirement == "network":
        return None if calls_network(ctx) else "no model or HTTP calls detected"
    if requirement == "env":
        return None if uses_environment(ctx) else "no environment configuration read by the code"
    return NOT_MINE
