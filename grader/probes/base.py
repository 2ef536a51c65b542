"""A probe: a small named check that looks at the collected facts and returns one finding.

The registry is filled by the dimension modules at import; scoring never re-collects, it only reads findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from grader.report import Evidence, Outcome

if TYPE_CHECKING:
    from grader.context import Context
    from grader.scan import Hit

# Public references a probe links to when it names none of its own.
DIMENSION_DOCS = {
    "evals": "https://hamel.dev/blog/posts/evals/",
    "tests": "https://docs.pytest.org/en/stable/how-to/assert.html",
    "observability": "https://opentelemetry.io/docs/specs/semconv/gen-ai/",
    "reliability": "https://github.com/humanlayer/12-factor-agents",
    "security": "https://docs.github.com/en/code-security/secret-scanning/introduction/about-secret-scanning",
    "ci": "https://docs.github.com/en/actions/writing-workflows/quickstart",
    "docs": "https://www.makeareadme.com/",
    "code_health": "https://radon.readthedocs.io/en/latest/intro.html",
    "delivery": "https://cbea.ms/git-commit/",
}


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    message: str
    credit: float | None = None
    evidence: list[Evidence] = field(default_factory=list)
    advice: str = ""  # the fix for this repository, when it differs from the probe's general remedy
    fix_at: Evidence | None = None  # where the change starts when no evidence shows the gap (a new eval: here)


def advise(result: Result, advice: str) -> Result:
    """The result with a fix written for this repository (it names the learner's own file)."""
    return replace(result, advice=advice)


@dataclass(frozen=True)
class Probe:
    id: str
    dimension: str
    title: str
    why: str
    remediation: str
    doc_url: str
    requires: tuple[str, ...]
    run: Callable[[Context], Result]


PROBES: dict[str, Probe] = {}


def probe(
    id: str, *, title: str, why: str, fix: str, doc: str = "", requires: tuple[str, ...] = ()
) -> Callable[[Callable[[Context], Result]], Callable[[Context], Result]]:
    """Register a probe; its dimension is the id's prefix (`evals.harness` -> evals)."""

    def register(run: Callable[[Context], Result]) -> Callable[[Context], Result]:
        if id in PROBES:
            raise ValueError(f"probe {id} registered twice")
        PROBES[id] = Probe(
            id=id,
            dimension=id.split(".")[0],
            title=title,
            why=why,
            remediation=fix,
            doc_url=doc or DIMENSION_DOCS[id.split(".")[0]],
            requires=requires,
            run=run,
        )
        return run

    return register


def passed(message: str, evidence: Iterable[Evidence] = (), credit: float = 1.0) -> Result:
    return Result(Outcome.passed, message, max(0.0, min(1.0, credit)), list(evidence))


def failed(message: str, evidence: Iterable[Evidence] = (), credit: float = 0.0) -> Result:
    return Result(Outcome.failed, message, max(0.0, min(1.0, credit)), list(evidence))


def graded(message: str, credit: float, evidence: Iterable[Evidence] = (), pass_at: float = 0.6) -> Result:
    """Partial credit: passed from `pass_at` up, failed below, with the credit kept either way."""
    return (passed if credit >= pass_at else failed)(message, evidence, credit)


def not_detected(message: str, evidence: Iterable[Evidence] = (), fix_at: Iterable[Evidence] = ()) -> Result:
    """Looked, found nothing; `fix_at` names the learner's own place where the change would start."""
    return Result(Outcome.not_detected, message, 0.0, list(evidence), fix_at=next(iter(fix_at), None))


def not_applicable(message: str) -> Result:
    return Result(Outcome.not_applicable, message, None)


def hits_evidence(hits: Iterable[Hit], limit: int = 5) -> list[Evidence]:
    """Evidence from scanner hits, one per signal first so different tools show before repeats."""
    hits = list(hits)
    ordered: list[Hit] = []
    seen: set[str] = set()
    for hit in hits:
        if hit.signal not in seen:
            seen.add(hit.signal)
            ordered.append(hit)
    ordered += [h for h in hits if h not in ordered]
    return [Evidence(path=h.path, start_line=h.line, end_line=h.line, snippet=h.snippet) for h in ordered[:limit]]


BASIS_LINES = 600  # lines of own code from which "nothing went wrong" is worth full credit


def by_basis(ctx: Context, result: Result) -> Result:
    """A pass by absence (no leaked key, no unsafe call) is worth what there was to get wrong."""
    from grader.facts.code import code_facts

    lines = sum(f.file.text.count("\n") + 1 for f in code_facts(ctx).of_role("source"))
    basis = min(1.0, lines / BASIS_LINES)
    if result.credit is None or basis >= 1.0:
        return result
    note = f" (only {lines} lines of code to judge)"
    return Result(result.outcome, result.message + note, round(result.credit * basis, 3), result.evidence)


def names(hits: Iterable[Hit]) -> str:
    return ", ".join(sorted({h.signal for h in hits}))


def best_strength(hits: Iterable[Hit]) -> float:
    return max((h.strength for h in hits), default=0.0)
