"""CI: is there a pipeline, what does it run, and does it run on every change?

Detected from workflow files and the scripts they call, never from pull-request statuses: portfolios are
young, single-author repositories without pull requests.
"""

from __future__ import annotations

from grader.context import Context
from grader.probes.base import Result, failed, hits_evidence, names, not_detected, passed, probe
from grader.report import Evidence

GHA = "https://docs.github.com/en/actions/writing-workflows/quickstart"


@probe(
    "ci.workflows",
    title="CI workflows",
    why="CI runs the checks on every change, on a clean machine, for everyone to see.",
    fix="Add .github/workflows/ci.yml that installs the project and runs lint, types, tests and evals.",
    doc=GHA,
)
def workflows(ctx: Context) -> Result:
    found = ctx.ci.workflows
    if not found:
        return not_detected("no CI configuration detected")
    return passed(f"{len(found)} CI file(s)", [Evidence(path=f.path, start_line=1) for f in found[:5]])


@probe(
    "ci.triggers",
    title="CI runs on push or pull request",
    why="A workflow that only runs by hand or on a schedule does not guard changes.",
    fix="Trigger the workflow `on: [push, pull_request]`.",
    doc=GHA,
)
def triggers(ctx: Context) -> Result:
    if not ctx.ci.workflows:
        return not_detected("no CI configuration detected")
    wanted = set(ctx.tables.setting("ci", "push_triggers"))
    good = [p for p, on in ctx.ci.triggers.items() if wanted & set(on)]
    if good:
        return passed(
            f"runs on {', '.join(sorted(wanted & set(ctx.ci.triggers[good[0]])))}",
            [Evidence(path=p) for p in good[:3]],
        )
    seen = sorted({t for on in ctx.ci.triggers.values() for t in on}) or ["nothing parseable"]
    return failed(f"workflows trigger on {', '.join(seen)} only", [Evidence(path=p) for p in ctx.ci.triggers][:3])


def _runs(ctx: Context, group: str, what: str) -> Result:
    if not ctx.ci.workflows:
        return not_detected(f"no CI configuration, so no {what} in CI")
    hits = ctx.ci_hits(group)
    if not hits:
        return not_detected(f"CI runs no {what} command a table knows")
    return passed(f"CI runs {what}: {names(hits)}", hits_evidence(hits, 3))


@probe(
    "ci.tests",
    title="CI runs tests",
    why="The test suite is only a guard if CI runs it.",
    fix="Run the tests in CI.",
)
def tests(ctx: Context) -> Result:
    return _runs(ctx, "ci.tests", "tests")


@probe(
    "ci.lint",
    title="CI runs a linter",
    why="A linter in CI keeps style and obvious bugs out of review.",
    fix="Run ruff (or eslint) in CI.",
)
def lint(ctx: Context) -> Result:
    return _runs(ctx, "ci.lint", "lint")


@probe(
    "ci.typecheck",
    title="CI runs a type checker",
    why="Type checks catch interface drift between modules before it runs.",
    fix="Run mypy or pyright (tsc for TypeScript) in CI.",
)
def typecheck(ctx: Context) -> Result:
    return _runs(ctx, "ci.typecheck", "type checks")


@probe(
    "ci.evals",
    title="CI runs evals",
    why="Evals in CI turn quality into a gate rather than a claim.",
    fix="Add an eval step (deepeval test run, promptfoo eval, pytest evals/) with thresholds.",
    requires=("llm",),
)
def evals(ctx: Context) -> Result:
    return _runs(ctx, "evals.ci_commands", "evals")
