"""Tests: are there deterministic tests, do they assert, how much code do they cover, does CI run them?

A test that calls a live model (or scores one with an eval framework) is an eval or a smoke test: it is
credited under evals, not here. Every practice (ratio, assertions, CI) is worth as much as the suite it
applies to, so CI running three trivial tests is not full marks.
"""

from __future__ import annotations

from dataclasses import replace

from grader.context import Context
from grader.facts.code import code_facts
from grader.facts.evals import eval_files
from grader.facts.pipeline import read_pipeline, script_targets
from grader.facts.suite import deterministic_tests, suite_credit, test_suite
from grader.facts.targets import main_module
from grader.probes.base import Result, advise, failed, graded, not_detected, passed, probe
from grader.probes.kinds import ci_matches, ci_result, evidence, lookup
from grader.report import Evidence

ONLY_LIVE = 0.25  # tests exist, but every one needs a live model or is an eval


def _scaled(ctx: Context, result: Result) -> Result:
    """A practice is worth what the suite it applies to is worth."""
    size = suite_credit(deterministic_tests(ctx))
    if result.credit is None or size >= 1.0:
        return result
    note = f" (on a suite of {deterministic_tests(ctx)} deterministic tests)"
    return Result(result.outcome, result.message + note, round(result.credit * size, 3), result.evidence)


@probe(
    "tests.present",
    title="Test suite",
    why="Deterministic tests are the cheapest proof that the code does what the README says.",
    fix="Add a tests/ folder with pytest (or vitest/jest) tests of the core logic, with the model faked.",
    requires=("code",),
)
def present(ctx: Context) -> Result:
    suite = test_suite(ctx)
    if not suite:
        return not_detected("no test files", fix_at=main_module(ctx))
    tests = deterministic_tests(ctx)
    shown = [Evidence(path=t.path, snippet=f"{t.tests} tests") for t in sorted(suite, key=lambda t: -t.tests)[:5]]
    live = [t for t in suite if not t.deterministic and t.tests]
    if tests == 0:
        if live:
            return failed(
                f"only tests that call a live model or are evals ({sum(t.tests for t in live)} in {len(live)} file(s))",
                shown,
                ONLY_LIVE,
            )
        return failed(f"{len(suite)} test file(s) but no test functions", shown, 0.05)
    files = sum(1 for t in suite if t.deterministic and t.tests)
    extra = f"; {sum(t.tests for t in live)} more call a live model" if live else ""
    result = graded(f"{tests} deterministic test(s) in {files} file(s){extra}", suite_credit(tests), shown, pass_at=0.5)
    start = main_module(ctx)
    if result.credit is not None and result.credit < 1 and start:
        where = start[0].path
        result = advise(
            result,
            f"Grow the suite where it pays most: tests of {where} with the model faked, "
            "one per behaviour (parsing, retrieval, prompt assembly, error paths).",
        )
        result = replace(result, fix_at=start[0])
    return result


@probe(
    "tests.framework",
    title="Test framework",
    why="A standard runner (pytest, jest, vitest, playwright) gives fixtures, reports and CI integration.",
    fix="Use pytest (Python) or vitest/jest (JS/TS) rather than ad-hoc scripts.",
    requires=("code",),
)
def framework(ctx: Context) -> Result:
    found = lookup(ctx, "tests.frameworks", ("test",))
    if not found:
        return not_detected("no test framework used by the tests")
    return _scaled(ctx, passed(f"framework: {', '.join(sorted(found.signals()))}", evidence(ctx, found, 3)))


@probe(
    "tests.ratio",
    title="Test-to-source ratio",
    why="Lines of tests per line of source is a rough but honest sign of how much behaviour is pinned down.",
    fix="Grow tests towards about half a line of test per line of source for the core modules.",
    requires=("code",),
)
def ratio(ctx: Context) -> Result:
    facts = code_facts(ctx)
    source = sum(sum(1 for line in f.file.text.splitlines() if line.strip()) for f in facts.of_role("source"))
    tests = sum(t.lines for t in test_suite(ctx) if t.deterministic and t.tests)
    if not tests:
        return not_detected(f"0 deterministic test lines against {source} source lines", fix_at=main_module(ctx))
    value = tests / max(source, 1)
    return graded(f"{tests} test lines / {source} source lines = {value:.2f}", min(1.0, value / 0.5))


@probe(
    "tests.assertions",
    title="Assertions per test",
    why="A test that asserts nothing only proves the code does not crash.",
    fix="Assert on outputs in every test (values, shapes, errors), not just that calls return.",
    requires=("code",),
)
def assertions(ctx: Context) -> Result:
    counted = [t for t in test_suite(ctx) if t.deterministic and t.tests]
    tests = sum(t.tests for t in counted)
    if not tests:
        return not_detected("no deterministic tests to count assertions in")
    asserts = sum(t.assertions for t in counted)
    weakest = sorted(counted, key=lambda t: t.assertions / t.tests)[:3]
    shown = [Evidence(path=t.path, snippet=f"{t.assertions} assertions / {t.tests} tests") for t in weakest]
    per_test = asserts / tests
    return _scaled(
        ctx,
        graded(f"{asserts} assertions over {tests} tests = {per_test:.1f} per test", min(1.0, per_test / 1.5), shown),
    )


@probe(
    "tests.in_ci",
    title="Tests run in CI",
    why="Tests that CI does not run stop being run.",
    fix="Run the test suite in a CI workflow on every push and pull request.",
    requires=("code",),
)
def in_ci(ctx: Context) -> Result:
    if not read_pipeline(ctx).counted:
        return not_detected("no CI workflow runs on push, pull request or schedule, so tests do not run in CI")
    if not deterministic_tests(ctx):
        return not_detected("no deterministic tests for CI to run")
    evals = eval_files(ctx)
    commands = []
    for command in ci_matches(ctx, "ci.tests"):
        targets = script_targets(command)
        aimed = [t for t in targets if not t.startswith("-")]
        if aimed and all(any(f == t or f.startswith(t.rstrip("/") + "/") for f in evals) for t in aimed):
            continue  # `pytest tests/test_llm_eval.py`: an eval run, credited under evals
        commands.append(command)
    return _scaled(ctx, ci_result(ctx, commands, "tests"))


@probe(
    "tests.coverage_gate",
    title="Coverage gate",
    why="A coverage floor keeps new code from arriving untested.",
    fix="Fail the test run under a coverage floor (`--cov-fail-under=80`, coverage `fail_under`).",
    requires=("code",),
)
def coverage_gate(ctx: Context) -> Result:
    found = lookup(ctx, "tests.coverage_gates", ("test",), config=True)
    if not found:
        return not_detected("no coverage threshold in the configuration")
    return _scaled(ctx, passed(f"coverage gate: {', '.join(sorted(found.signals()))}", evidence(ctx, found, 3)))
