"""The test suite as the syntax tree shows it: test functions and assertions per test file, and which files
are deterministic tests rather than evals or smoke tests that call a live model.
"""

from __future__ import annotations

import math
import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING

from grader.facts.code import FileFacts, code_facts, name_matches
from grader.facts.evals import harness, own_packages

if TYPE_CHECKING:
    from grader.context import Context


@dataclass(frozen=True)
class TestFile:
    facts: FileFacts
    tests: int
    assertions: int
    deterministic: bool  # it scores no model with an eval harness, and calls no live model without a fake

    @property
    def path(self) -> str:
        return self.facts.file.path

    @property
    def lines(self) -> int:
        return sum(1 for line in self.facts.file.text.splitlines() if line.strip())


def _counts(facts: FileFacts) -> tuple[int, int]:
    data = facts.data
    if facts.file.kind in {"js", "ts"}:
        return len(data.get("tests", [])), int(data.get("assertions", 0))
    if posixpath.basename(facts.file.path) == "conftest.py":
        return 0, 0  # fixtures and hooks, however they are named
    fixture = ("pytest.fixture", "fixture", "pytest.fixture()")
    tests = [f for f in data.get("functions", []) if f[0].startswith("test") and not any(d[0] in fixture for d in f[4])]
    return len(tests), sum(f[3] for f in tests)


def _mocked(ctx: Context, facts: FileFacts) -> bool:
    mocking = ctx.tables.setting("tests", "mocking")
    mocks = code_facts(ctx).call_names(mocking["calls"])
    if any(c[0] in mocks for c in facts.data.get("calls", [])):
        return True
    decorators = {d[0] for f in facts.data.get("functions", []) for d in f[4]}
    return any(name_matches(d, mocking["decorators"]) for d in decorators)


def _model_calling_tests(ctx: Context) -> set[str]:
    """Test files that import a model SDK other than the project's own package (a library's tests of itself
    are ordinary tests)."""
    own = own_packages(ctx)
    facts = code_facts(ctx)
    found: set[str] = set()
    callers: set[str] = set()  # the project's own scripts that call a model (src/clients/llm.py)
    for signal in ctx.tables.signals("llm.sdk"):
        for site in facts.signal_sites(signal, ("test", "source")):
            if site.name.split(".")[0].split("/")[0] in own:
                continue
            (found if site.role == "test" else callers).add(site.path)
    # A test importing such a script (not an installed package of the project) calls the model through it.
    modules = {_module(p) for p in callers if p.endswith(".py")}
    modules = {m for m in modules if m.split(".")[0] not in own}
    for test in facts.of_role("test"):
        for imported, _ in test.data.get("imports", []):
            parts = imported.split(".")
            if any(".".join(parts[:n]) in modules for n in range(1, len(parts) + 1)):
                found.add(test.file.path)
                break
    return found


def _module(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def test_suite(ctx: Context) -> list[TestFile]:
    """Every test file with its counts; memoised for the grade."""
    if "test_suite" in ctx.memo:
        cached: list[TestFile] = ctx.memo["test_suite"]
        return cached
    found = harness(ctx)
    evals = {s.path for s in found.sites if s.role == "test"}  # tests that score a model with a harness
    live = _model_calling_tests(ctx)
    suite = []
    for facts in code_facts(ctx).of_role("test"):
        tests, assertions = _counts(facts)
        path = facts.file.path
        deterministic = path not in evals and not (path in live and not _mocked(ctx, facts))
        suite.append(TestFile(facts, tests, assertions, deterministic))
    ctx.memo["test_suite"] = suite
    return suite


def deterministic_tests(ctx: Context) -> int:
    return sum(t.tests for t in test_suite(ctx) if t.deterministic)


def suite_credit(tests: int) -> float:
    """How much a suite of this many tests proves: 1 test 0.39, 3 0.48, 10 0.61, 50 0.82, 100 0.91, 200+ 1."""
    return min(1.0, 0.3 + math.log10(tests + 1) / 3.3) if tests > 0 else 0.0
