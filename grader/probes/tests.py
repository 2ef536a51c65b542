"""Tests: are there tests, do they assert, how much code do they cover, does CI run them?"""

from __future__ import annotations

from grader import textmatch
from grader.context import Context
from grader.probes.base import Result, failed, graded, hits_evidence, names, not_detected, passed, probe
from grader.report import Evidence
from grader.snapshot import RepoFile


def _lines(files: list[RepoFile]) -> int:
    return sum(1 for f in files for line in f.text.splitlines() if line.strip())


def _counts(ctx: Context) -> list[tuple[RepoFile, int, int]]:
    """(file, test functions, assertions) per test file."""
    if "test_counts" in ctx.memo:
        return ctx.memo["test_counts"]
    test_fn = textmatch.compile(ctx.tables.setting("tests", "test_function"), textmatch.MULTILINE)
    assertion = textmatch.compile(ctx.tables.setting("tests", "assertion"), textmatch.MULTILINE)
    counts = [(f, len(test_fn.findall(f.text)), len(assertion.findall(f.text))) for f in ctx.test_files]
    ctx.memo["test_counts"] = counts
    return counts


@probe(
    "tests.present",
    title="Test suite",
    why="Tests are the cheapest proof that the code does what the README says.",
    fix="Add a tests/ folder with pytest (or jest/vitest) tests for the core logic.",
    requires=("code",),
)
def present(ctx: Context) -> Result:
    counts = _counts(ctx)
    tests = sum(n for _, n, _ in counts)
    if not counts:
        return not_detected("no test files detected")
    evidence = [Evidence(path=f.path) for f, _, _ in sorted(counts, key=lambda c: -c[1])[:5]]
    if tests == 0:
        return failed(f"{len(counts)} test file(s) but no test functions found", evidence, 0.3)
    credit = min(1.0, 0.5 + tests / 40)  # full credit from about 20 tests
    return graded(f"{tests} test function(s) in {len(counts)} file(s)", credit, evidence)


@probe(
    "tests.framework",
    title="Test framework",
    why="A standard runner (pytest, jest, vitest, playwright) gives fixtures, reports and CI integration.",
    fix="Use pytest (Python) or vitest/jest (JS/TS) rather than ad-hoc scripts.",
    requires=("code",),
)
def framework(ctx: Context) -> Result:
    hits = ctx.scan.find("tests.frameworks")
    if not hits:
        return not_detected("no test framework detected")
    return passed(f"framework: {names(hits)}", hits_evidence(hits, 3))


@probe(
    "tests.ratio",
    title="Test-to-source ratio",
    why="Lines of tests per line of source is a rough but honest sign of how much behaviour is pinned down.",
    fix="Grow tests towards about half a line of test per line of source for the core modules.",
    requires=("code",),
)
def ratio(ctx: Context) -> Result:
    source, tests = _lines(ctx.source_files), _lines(ctx.test_files)
    if not tests:
        return not_detected(f"0 test lines against {source} source lines")
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
    counts = [c for c in _counts(ctx) if c[1]]
    tests = sum(n for _, n, _ in counts)
    if not tests:
        return not_detected("no test functions to count assertions in")
    asserts = sum(a for _, _, a in counts)
    per_test = asserts / tests
    weakest = sorted(counts, key=lambda c: c[2] / c[1])[:3]
    evidence = [Evidence(path=f.path, snippet=f"{a} assertions / {n} tests") for f, n, a in weakest]
    return graded(
        f"{asserts} assertions over {tests} tests = {per_test:.1f} per test",
        min(1.0, per_test / 1.5),
        evidence,
    )


@probe(
    "tests.in_ci",
    title="Tests run in CI",
    why="Tests that CI does not run stop being run.",
    fix="Run the test suite in a CI workflow on every push and pull request.",
    requires=("code",),
)
def in_ci(ctx: Context) -> Result:
    if not ctx.ci.workflows:
        return not_detected("no CI workflow, so tests do not run in CI")
    hits = ctx.ci_hits("ci.tests")
    if not hits:
        return not_detected("CI runs no test command a table knows")
    return passed(f"CI runs tests: {names(hits)}", hits_evidence(hits, 3))


@probe(
    "tests.coverage_gate",
    title="Coverage gate",
    why="A coverage floor keeps new code from arriving untested.",
    fix="Fail the test run under a coverage floor (`--cov-fail-under=80`, coverage `fail_under`).",
    requires=("code",),
)
def coverage_gate(ctx: Context) -> Result:
    hits = ctx.scan.find("tests.coverage_gates")
    if not hits:
        return not_detected("no coverage threshold detected")
    return passed(f"coverage gate: {names(hits)}", hits_evidence(hits, 3))
