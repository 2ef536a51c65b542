"""The Claude review in the terminal: static and reviewed scores side by side, critique with path:line,
strengths, improvements, resume bullets, interview questions, injection warnings and the cost line.

Markdown uses `templates/grade_review.md.j2`; SARIF keeps static findings only (the review is opinion, SARIF
results are checks).
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from grader.report import GradeReport
from grader.review_section import Cited, ReviewSection


def cost_line(review: ReviewSection) -> str:
    """What the review cost, with the date of the price table the estimate used."""
    if review.cached:
        return f"{review.model}: answered from the local cache, nothing sent ($0)"
    usage = review.usage
    tokens = (
        f"{usage.input_tokens:,} input + {usage.output_tokens:,} output tokens "
        f"({usage.cache_write_tokens:,} cache write, {usage.cache_read_tokens:,} cache read)"
    )
    if review.cost_usd is None:
        cost = "cost not estimated (no price listed for this model)"
    else:
        dated = f" at prices as of {review.price_as_of}" if review.price_as_of else ""
        cost = f"est. ${review.cost_usd:.4f}{dated}" + (" (batch, half price)" if review.batch else "")
    return f"{review.model or 'Claude'}: {tokens}, {cost}"


def verification_line(review: ReviewSection) -> str:
    """What checking the answer against the repository found: citations checked and dropped, claims dropped,
    and the soft shape differences accepted as they came (three interview points where four were asked)."""
    check = review.verification
    if check is None:
        return ""
    line = (
        f"verified against the repository: {check.citations_checked} citation(s) checked, "
        f"{check.citations_dropped} dropped; {check.claims_dropped} claim(s) dropped"
    )
    if check.shape_notes:
        line += "; accepted as given: " + "; ".join(check.shape_notes)
    return line


def status_line(review: ReviewSection | None) -> str:
    """One line for a review that did not run or failed; empty for a completed review."""
    if review is None:
        return "review: not run (static grade only)"
    if review.status == "skipped":
        return f"review: skipped ({review.reason}); static grade only"
    if review.status == "failed":
        spent = f"; {cost_line(review)}" if review.usage.input_tokens or review.usage.output_tokens else ""
        return f"review: failed: {review.reason}; static grade only{spent}"
    return ""


def _places(citations: list[Cited]) -> str:
    return " ".join(c.location() for c in citations[:3])


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value) if value < 0 else "0"


def render_review_terminal(report: GradeReport, console: Console) -> None:
    from grader.render.safe import for_terminal

    report = for_terminal(report)  # model-written prose and cited paths: no escape sequence acts
    review = report.review
    if review is None or review.status != "reviewed":
        return
    scores = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column, justify in (("dimension", "left"), ("static", "right"), ("reviewed", "right"), ("Δ", "right")):
        scores.add_column(column, justify=justify)  # type: ignore[arg-type]
    scores.add_column("criteria passed", justify="right")
    for name, dim in review.dimensions.items():
        counted = [c for c in dim.criteria if c.counted]
        passed = sum(1 for c in counted if c.verdict == "pass")
        style = "green" if dim.delta > 0 else "red" if dim.delta < 0 else ""
        scores.add_row(
            name,
            "n/a" if dim.static is None else str(dim.static),
            Text("n/a" if dim.reviewed is None else str(dim.reviewed), style=style),
            Text(_signed(dim.delta), style=style),
            f"{passed}/{len(counted)}" if counted else "",
        )
    if review.overall is not None:
        scores.add_row(
            Text("overall", style="bold"),
            Text(str(review.overall.static), style="bold"),
            Text(str(review.overall.reviewed), style="bold"),
            "",
            "",
        )
    critique = Table(show_header=False, box=None, pad_edge=False)
    critique.add_column(no_wrap=True)
    critique.add_column(overflow="fold")
    for dim in review.dimensions.values():
        for criterion in dim.criteria:
            mark = Text(
                "✓ " if criterion.verdict == "pass" else "✗ ", style="green" if criterion.verdict == "pass" else "red"
            )
            uncited = "" if criterion.counted else " (uncited: does not move the score)"
            critique.add_row(
                Text.assemble(mark, criterion.id),
                Text.assemble(criterion.critique, (uncited, "dim"), (f"  {_places(criterion.citations)}", "cyan")),
            )
    parts: list[Text | Table] = [
        Text.assemble(
            ("Claude review", "bold"), f"  (scores move at most {review.max_move} points, on verified evidence)"
        ),
        scores,
    ]
    if critique.row_count:
        parts += [Text(""), Text("Critique", style="bold"), critique]
    sections: list[tuple[str, list[Text]]] = [
        (
            "Strengths",
            [
                Text.assemble(f"{i}. {s.text}", (f"  {_places(s.citations)}", "cyan"))
                for i, s in enumerate(review.strengths, 1)
            ],
        ),
        (
            "Improvements",
            [
                Text.assemble(
                    (f"{i}. {m.location()}", "cyan"), (" (new)" if m.new_file else ""), f": {m.change} {m.why}"
                )
                for i, m in enumerate(review.improvements, 1)
            ],
        ),
        (
            "Resume bullets this repository supports",
            [Text.assemble(f"• {b.text}", (f"  {_places(b.evidence)}", "cyan")) for b in review.resume_bullets],
        ),
        (
            "Interview questions",
            [
                Text.assemble(
                    f"{i}. {q.question}", (f"\n   a strong answer covers: {'; '.join(q.expected_points)}", "dim")
                )
                for i, q in enumerate(review.interview_questions, 1)
            ],
        ),
    ]
    for title, rows in sections:
        if rows:
            parts += [Text(""), Text(title, style="bold"), *rows]
    for notice in review.notices:
        style = "bold yellow" if "steer the grader" in notice else "yellow"
        parts += [Text(f"! {notice}", style=style)]
    verified = verification_line(review)
    parts += [Text(""), *([Text(verified, style="dim")] if verified else []), Text(cost_line(review), style="dim")]
    console.print(Panel(Group(*parts), expand=False, border_style="cyan"))
