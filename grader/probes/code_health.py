"""Code health: cyclomatic complexity (radon for Python, lizard for JS/TS) and maintainability index.

Simple code is only evidence of health when there is enough of it: every probe here is scaled by the amount of
the project's own code, so a 30-line repository does not score 100.
"""

from __future__ import annotations

from grader.context import Context
from grader.probes.base import Result, by_basis, graded, not_applicable, passed, probe
from grader.report import Evidence

RADON = "https://radon.readthedocs.io/en/latest/intro.html"


def _line_evidence(ctx: Context, path: str, line: int | None, end: int | None = None) -> Evidence:
    """Evidence whose snippet is the text of that line, so path:line opens on what it shows."""
    file = ctx.file(path)
    lines = file.text.splitlines() if file else []
    if not line or not 0 < line <= len(lines):
        return Evidence(path=path)
    return Evidence(path=path, start_line=line, end_line=end or line, snippet=lines[line - 1].strip()[:160])


@probe(
    "code_health.complexity",
    title="Function complexity",
    why="Functions with many branches hide bugs and resist change; reviewers read them first.",
    fix="Split the most complex functions (cyclomatic complexity over 10) into smaller named steps.",
    doc=RADON,
    requires=("code",),
)
def complexity(ctx: Context) -> Result:
    config = ctx.tables.config["code_health"]
    limit: int = config["complexity_limit"]
    functions = ctx.metrics().functions()
    if not functions:
        return not_applicable("no functions measured")
    over = sorted((f for f in functions if f.complexity > limit), key=lambda f: -f.complexity)
    share = 1 - len(over) / len(functions)
    evidence = []
    for f in over[: config["worst_listed"]]:
        evidence.append(_line_evidence(ctx, f.path, f.line, f.end_line))
    worst = ", ".join(f"{f.name} ({f.complexity})" for f in over[:3])
    message = f"{len(over)} of {len(functions)} functions over complexity {limit}" + (
        f"; worst: {worst}" if over else ""
    )
    return by_basis(
        ctx, graded(message, min(1.0, share / config["complexity_full_credit_share"]), evidence, pass_at=0.9)
    )


@probe(
    "code_health.maintainability",
    title="Maintainability index",
    why="The maintainability index (Halstead volume, complexity, size, comments) flags hard modules.",
    fix="Break the lowest-scoring modules into smaller ones and simplify their longest functions.",
    doc=RADON,
    requires=("python",),
)
def maintainability(ctx: Context) -> Result:
    config = ctx.tables.config["code_health"]
    measured = ctx.metrics().python_ok()
    weighted = [(r["mi"], max(r["sloc"], 1)) for r in measured.values() if r["sloc"] and r.get("mi") is not None]
    if not weighted:
        return not_applicable("no Python source lines measured")
    mean = sum(mi * n for mi, n in weighted) / sum(n for _, n in weighted)
    low, high = config["maintainability_zero"], config["maintainability_full"]
    credit = (mean - low) / (high - low)
    lowest = sorted((r["mi"], p) for p, r in measured.items() if r["sloc"] >= 20 and r.get("mi") is not None)[:5]
    evidence = [Evidence(path=p, snippet=f"MI {mi:.0f}") for mi, p in lowest]
    return by_basis(
        ctx,
        graded(
            f"mean MI {mean:.0f} over {len(weighted)} Python files (weighted by lines)",
            max(0.0, min(1.0, credit)),
            evidence,
        ),
    )


@probe(
    "code_health.parse",
    title="Python 3 source parses",
    why="Files that do not parse with a current Python are dead code or Python 2 leftovers.",
    fix="Port or delete files that fail to parse with Python 3.",
    requires=("python",),
)
def parse(ctx: Context) -> Result:
    summary = ctx.metrics()
    bad = summary.python_failed()
    total = len(bad) + len(summary.python_ok())
    if not bad:
        return by_basis(ctx, passed(f"all {total} Python files parse"))
    evidence = [_line_evidence(ctx, p, r.get("line")) for p, r in sorted(bad.items())[:5]]
    return graded(
        f"{len(bad)} of {total} Python files could not be measured",
        1 - len(bad) / max(total, 1),
        evidence,
        pass_at=0.95,
    )
