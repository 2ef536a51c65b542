"""CI: is there a pipeline, what does it run, and does it run on every change?

Detected from workflow files parsed as YAML and the task files they call, never from pull-request statuses:
portfolios are young, single-author repositories without pull requests. A workflow whose only step is an AI
review bot checks nothing.
"""

from __future__ import annotations

from grader.context import Context
from grader.facts.pipeline import read_pipeline
from grader.probes.base import Result, failed, graded, not_detected, passed, probe
from grader.probes.evals import eval_commands
from grader.probes.kinds import CiRuns, ci_matches, ci_result, command_evidence, declare
from grader.report import Evidence

GHA = "https://docs.github.com/en/actions/writing-workflows/quickstart"
BOTS_ONLY = 0.25
_SETUP = (
    "uses:actions/",
    "pip ",
    "pip3 ",
    "uv sync",
    "uv pip",
    "uv venv",
    "npm ci",
    "npm install",
    "pnpm install",
    "yarn install",
    "poetry install",
    "curl ",
    "echo ",
    "cd ",
    "mkdir ",
    "export ",
    "sh",
    "bash",
)


def _checks(ctx: Context) -> list:
    bots = set(ci_matches(ctx, "ci.bots"))
    return [c for c in read_pipeline(ctx).commands if c not in bots and not c.text.startswith(_SETUP)]


@probe(
    "ci.workflows",
    title="CI workflows",
    why="CI runs the checks on every change, on a clean machine, for everyone to see.",
    fix="Add .github/workflows/ci.yml that installs the project and runs lint, types, tests and evals.",
    doc=GHA,
)
def workflows(ctx: Context) -> Result:
    pipeline = read_pipeline(ctx)
    if not pipeline.workflows:
        return not_detected("no CI configuration")
    shown = [Evidence(path=w.path, start_line=1) for w in pipeline.workflows[:5]]
    checks = _checks(ctx)
    if checks:
        return passed(f"{len(pipeline.counted)} workflow(s) run checks, e.g. `{checks[0].text[:60]}`", shown)
    if ci_matches(ctx, "ci.bots"):
        return failed("the workflows only run an AI review bot: nothing is built, linted or tested", shown, BOTS_ONLY)
    if pipeline.counted:
        return failed("the workflows run only setup steps", shown, BOTS_ONLY)
    return failed("the workflows run only by hand or on other events", shown, 0.1)


@probe(
    "ci.triggers",
    title="CI runs on push or pull request",
    why="A workflow that only runs by hand or on a schedule does not guard changes.",
    fix="Trigger the checking workflow `on: [push, pull_request]`.",
    doc=GHA,
)
def triggers(ctx: Context) -> Result:
    pipeline = read_pipeline(ctx)
    if not pipeline.workflows:
        return not_detected("no CI configuration")
    checking = {c.path for c in _checks(ctx) if c.gating} | {
        c.via[0].rsplit(":", 1)[0] for c in _checks(ctx) if c.via and c.gating
    }
    good = [w for w in pipeline.workflows if w.gating and w.path in checking]
    if good:
        return passed(
            f"checks run on {', '.join(sorted(set(good[0].triggers)))}", [Evidence(path=w.path) for w in good[:3]]
        )
    scheduled = [w for w in pipeline.workflows if w.scheduled]
    if scheduled:
        return graded("checks run on a schedule only", 0.5, [Evidence(path=w.path) for w in scheduled[:3]], pass_at=0.5)
    seen = sorted({t for w in pipeline.workflows for t in w.triggers}) or ["nothing parseable"]
    return failed(
        f"no checking workflow runs on push or pull request (triggers: {', '.join(seen)})",
        [Evidence(path=w.path) for w in pipeline.workflows[:3]],
    )


declare(
    "ci.tests",
    CiRuns("ci.tests", "tests"),
    title="CI runs tests",
    why="The test suite is only a guard if CI runs it.",
    fix="Run the tests in CI on push and pull request.",
)
declare(
    "ci.lint",
    CiRuns("ci.lint", "lint"),
    title="CI runs a linter",
    why="A linter in CI keeps style and obvious bugs out of review.",
    fix="Run ruff (or eslint) in CI.",
)
declare(
    "ci.typecheck",
    CiRuns("ci.typecheck", "type checks"),
    title="CI runs a type checker",
    why="Type checks catch interface drift between modules before it runs.",
    fix="Run mypy or pyright (tsc for TypeScript) in CI.",
)


@probe(
    "ci.evals",
    title="CI runs evals",
    why="Evals in CI turn quality into a gate rather than a claim.",
    fix="Add an eval step (deepeval test run, promptfoo eval, pytest evals/) with thresholds.",
    requires=("llm",),
)
def evals(ctx: Context) -> Result:
    if not read_pipeline(ctx).counted:
        return not_detected("no CI workflow runs on push, pull request or schedule")
    return ci_result(ctx, eval_commands(ctx), "evals")


@probe(
    "ci.breadth",
    title="CI breadth",
    why="A matrix of versions, several jobs and a release path show CI that is relied on, not a formality.",
    fix="Test on the Python/Node versions you support (a matrix) and automate the release from CI.",
    doc=GHA,
)
def breadth(ctx: Context) -> Result:
    pipeline = read_pipeline(ctx)
    checking = [w for w in pipeline.counted if w.commands]
    if not checking:
        return not_detected("no workflow that runs checks")
    matrix = any(w.matrix for w in checking)
    jobs = sum(w.jobs for w in checking)
    release = ci_matches(ctx, "ci.release")
    reports = ci_matches(ctx, "ci.reports")
    # One job is the minimum; breadth is what comes beyond it.
    credit = min(1.0, 0.35 * matrix + 0.075 * min(jobs - 1, 4) + 0.2 * bool(release) + 0.15 * bool(reports))
    parts = [f"{len(checking)} checking workflow(s), {jobs} job(s)"]
    parts += [
        p for p, ok in (("a version matrix", matrix), ("release automation", release), ("reports kept", reports)) if ok
    ]
    shown = command_evidence(ctx, [*release[:1], *reports[:1]] or [c for w in checking for c in w.commands][:1])
    return graded(", ".join(parts), credit, shown)
