"""Declared probe kinds: the shapes most probes share, so a probe is a declaration, not a copied function.

- `Uses`: the code uses something a table group knows (an import that is called, a keyword argument, a decorator,
  a class base), in the roles that matter (the product's source, by default). A library only declared in a
  manifest earns nothing and says so: "declared, not used".
- `CiRuns`: CI runs a command a table group knows, on push or pull request (a schedule earns part).

A kind's `run(ctx)` returns a `Result`; `declare` registers it like any `@probe` function.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from grader.facts.code import Site, code_facts
from grader.facts.pipeline import read_pipeline
from grader.facts.requirements import table_sites
from grader.facts.targets import TARGETS, workflow
from grader.matching import compile_pattern
from grader.probes.base import Result, failed, graded, not_detected, passed, probe
from grader.report import Evidence
from grader.scan import Hit

if TYPE_CHECKING:
    from grader.context import Context
    from grader.facts.commands import Command

SCHEDULED_ONLY = 0.6  # a check that runs nightly still catches regressions, a day late


@dataclass(frozen=True)
class Found:
    """What the repository shows for a table group: code sites, configuration lines, paths, declarations."""

    sites: list[Site]
    config: list[Hit] = field(default_factory=list)
    paths: list[Hit] = field(default_factory=list)
    declared: list[Hit] = field(default_factory=list)

    def signals(self) -> set[str]:
        return {s.name for s in self.sites} | {h.signal for h in self.config + self.paths}

    def __bool__(self) -> bool:
        return bool(self.sites or self.config or self.paths)


def lookup(ctx: Context, group: str, roles: tuple[str, ...] = ("source",), config: bool = False) -> Found:
    """A table group in the code's structure, plus (when `config`) its patterns in non-code text and its paths."""
    sites = table_sites(ctx, group, roles)
    hits = ctx.scan.find(group)
    code_kinds = {"python", "notebook", "js", "ts"}
    text_hits = [
        h
        for h in hits
        if h.how == "pattern"
        and config
        and (f := ctx.file(h.path)) is not None
        and f.kind not in code_kinds | {"markdown"}
    ]
    paths = [h for h in hits if h.how == "path" and ctx.tables.skip.reason(h.path) is None]
    declared = [h for h in hits if h.how == "package"]
    return Found(sites, text_hits, paths, declared)


def strength(ctx: Context, group: str, found: Found) -> float:
    by_name = {s.name: s.strength for s in ctx.tables.signals(group)}
    return max((by_name.get(name, 1.0) for name in found.signals()), default=0.0)


def evidence(ctx: Context, found: Found, limit: int = 5) -> list[Evidence]:
    facts = code_facts(ctx)
    shown = facts.evidence_of(found.sites, limit)
    for hit in [*found.config, *found.paths][: max(0, limit - len(shown))]:
        shown.append(Evidence(path=hit.path, start_line=hit.line, end_line=hit.line, snippet=hit.snippet))
    return shown


def declared_only(found: Found, what: str) -> Result:
    names = ", ".join(sorted({h.signal for h in found.declared}))
    shown = [Evidence(path=h.path, start_line=h.line, end_line=h.line, snippet=h.snippet) for h in found.declared[:3]]
    return failed(f"{what}: {names} declared, not used (never imported or called in the code)", shown, 0.0)


@dataclass(frozen=True)
class Uses:
    group: str
    what: str
    roles: tuple[str, ...] = ("source",)
    config: bool = False  # configuration text (YAML, TOML, Dockerfile) may show it too
    start: str = "model_call"  # where the advice sends the learner when nothing is found (facts/targets.py)

    def run(self, ctx: Context) -> Result:
        found = lookup(ctx, self.group, self.roles, self.config)
        if found:
            names = ", ".join(sorted(found.signals()))
            return graded(f"{self.what}: {names}", strength(ctx, self.group, found), evidence(ctx, found))
        if found.declared:
            return declared_only(found, self.what)
        return not_detected(f"no {self.what} detected in the code", fix_at=TARGETS[self.start](ctx))


def ci_matches(ctx: Context, group: str) -> list[Command]:
    """Commands CI runs (push, pull request or schedule) that a table group's patterns match."""
    patterns = [compile_pattern(p) for s in ctx.tables.signals(group) for p in s.patterns]
    return [c for c in read_pipeline(ctx).commands if any(p.search(c.text) for p in patterns)]


def command_evidence(ctx: Context, commands: list[Command], limit: int = 3) -> list[Evidence]:
    """Where each command is written, with that line's own text (a followed Makefile line, not the workflow)."""
    shown, seen = [], set()
    for command in commands:
        if (command.path, command.line) in seen:
            continue
        seen.add((command.path, command.line))
        file = ctx.file(command.path)
        lines = file.text.splitlines() if file else []
        text = lines[command.line - 1].strip() if 0 < command.line <= len(lines) else command.text
        shown.append(Evidence(path=command.path, start_line=command.line, end_line=command.line, snippet=text[:200]))
    return shown[:limit]


def ci_result(ctx: Context, commands: list[Command], what: str) -> Result:
    gating = [c for c in commands if c.gating]
    if gating:
        via = f" (via {gating[0].via[0]})" if gating[0].via else ""
        shown = command_evidence(ctx, gating)
        return passed(f"CI runs {what} on push or pull request: `{gating[0].text[:80]}`{via}", shown)
    if commands:
        shown = command_evidence(ctx, commands)
        return graded(f"CI runs {what} on a schedule only", SCHEDULED_ONLY, shown, pass_at=0.5)
    return not_detected(f"CI runs no {what}", fix_at=workflow(ctx))


@dataclass(frozen=True)
class CiRuns:
    group: str
    what: str

    def run(self, ctx: Context) -> Result:
        if not read_pipeline(ctx).counted:
            message = f"no CI workflow runs on push, pull request or schedule, so no {self.what} in CI"
            return not_detected(message, fix_at=workflow(ctx))
        return ci_result(ctx, ci_matches(ctx, self.group), self.what)


def declare(
    id: str,
    kind: Uses | CiRuns,
    *,
    title: str,
    why: str,
    fix: str,
    doc: str = "",
    requires: tuple[str, ...] = (),
) -> None:
    """Register a probe whose logic is its kind."""
    probe(id, title=title, why=why, fix=fix, doc=doc, requires=requires)(kind.run)
