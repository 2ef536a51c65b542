"""The default terminal view: dimension bars, top findings with path:line, the five fixes worth most."""

from __future__ import annotations

from collections import Counter

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from grader.render import OUTCOME_LABEL, top_findings
from grader.render.markdown import bar
from grader.render.safe import for_terminal, visible
from grader.report import GradeReport, Outcome

_STYLE = {
    Outcome.passed: "green",
    Outcome.failed: "red",
    Outcome.not_detected: "yellow",
    Outcome.not_applicable: "dim",
    Outcome.error: "magenta",
}


def _score_style(score: int | None) -> str:
    if score is None:
        return "dim"
    return "green" if score >= 70 else "yellow" if score >= 40 else "red"


def render_terminal(report: GradeReport, console: Console, review_note: str = "") -> None:
    report = for_terminal(report)  # paths, subjects and snippets are someone else's: no escape sequence acts
    review_note = visible(review_note)
    overall = report.overall
    head = Text.assemble(
        ("proofwork grade ", "bold"),
        (f"{overall if overall is not None else 'n/a'}/100", f"bold {_score_style(overall)}"),
        f"  {report.source.target} @ {report.commit[:12]}",
        f"  · profile {report.profile}",
        f"  · {'LLM project' if report.llm_project else 'no LLM calls detected'}",
        f"  · {report.coverage.rubric_weight_assessed:.0%} of rubric weight assessed",
    )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("dimension")
    table.add_column("", no_wrap=True)
    table.add_column("score", justify="right")
    table.add_column("weight", justify="right")
    table.add_column("assessed", justify="right")
    for name, dim in report.dimensions.items():
        style = _score_style(dim.score)
        table.add_row(
            name,
            Text(bar(dim.score, 20), style=style),
            Text("n/a" if dim.score is None else str(dim.score), style=style),
            f"{dim.weight:g}",
            f"{dim.assessed:.0%}",
        )
    findings = Table(show_header=False, box=None, pad_edge=False)
    findings.add_column(no_wrap=True)
    findings.add_column(no_wrap=True)
    findings.add_column(overflow="fold")
    for f in top_findings(report):
        where = f.evidence[0].location() if f.evidence else ""
        findings.add_row(
            f.probe,
            Text(OUTCOME_LABEL[f.outcome], style=_STYLE[f.outcome]),
            Text.assemble(f.message, (f"  {where}" if where else "", "cyan")),
        )
    fixes = Table(show_header=False, box=None, pad_edge=False)
    fixes.add_column(justify="right", style="bold green", no_wrap=True)
    fixes.add_column(overflow="fold")
    for fix in report.fixes:
        fixes.add_row(
            f"+{fix.points:.1f}",
            Text.assemble(
                (fix.title, "bold"),
                f": {fix.remediation}",
                (f"  {fix.location}" if fix.location else "", "cyan"),
            ),
        )
    reasons: Counter[str] = Counter()
    for s in report.skipped:
        reasons[s.reason.split(" (")[0]] += s.count
    skipped = ", ".join(f"{n} {r}" for r, n in reasons.most_common(5))
    parts: list = [head, Text(""), table]
    if findings.row_count:
        parts += [Text(""), Text("Top findings", style="bold"), findings]
    if fixes.row_count:
        parts += [Text(""), Text("Five fixes worth the most points", style="bold"), fixes]
    footer = f"{report.coverage.files_read} files read"
    if skipped:
        footer += f"; skipped: {skipped}"
    parts += [Text(""), Text(footer, style="dim")]
    if review_note:
        parts.append(Text(review_note, style="dim"))
    console.print(Panel(Group(*parts), expand=False, border_style=_score_style(overall)))
