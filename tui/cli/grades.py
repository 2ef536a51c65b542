"""`proofwork grades`: saved repository grades, newest first, with the change since the previous grade."""

from __future__ import annotations

import click

from tui.cli.app import app
from tui.cli.context import console, emit_json, json_option, session_scope


@app.command("grades")
@click.option("--source", metavar="S", help="Only grades of this repository (URL or path as graded).")
@json_option
@click.pass_context
def grades(ctx: click.Context, source: str | None, as_json: bool) -> None:
    """Grade history: score, change since the last grade of the same repository, review and its cost."""
    from tracker.grade_record import learner_for_grade
    from tracker.grades import grade_history

    with session_scope(ctx, read_only=True) as session:
        learner = learner_for_grade(session, (ctx.find_root().obj or {}).get("learner"))
        rows = grade_history(session, learner, source)
        data = [row.to_dict() for row in rows]
    if as_json:
        emit_json(data)
        return
    out = console()
    if not data:
        out.print("No grades yet: `proofwork grade PATH-OR-URL` grades a repository and saves it here.")
        return
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    # Fixed narrow columns first, the repository last: it takes what is left and wraps instead of squeezing.
    for column in ("#", "date", "commit", "score", "change", "reviewed", "cost"):
        table.add_column(column, justify="left" if column in {"date", "commit"} else "right", no_wrap=True)
    table.add_column("repository", overflow="fold", ratio=1)
    for row in data:
        change = row["change"]
        shown = "" if change is None else f"+{change:g}" if change > 0 else f"{change:g}"
        style = "green" if change and change > 0 else "red" if change and change < 0 else ""
        table.add_row(
            str(row["id"]),
            row["created_at"][:10],
            row["commit"][:12],
            "n/a" if row["overall"] is None else f"{row['overall']:g}",
            f"[{style}]{shown}[/]" if style else shown,
            "" if row["reviewed_overall"] is None else f"{row['reviewed_overall']:g}",
            "" if row["cost_usd"] is None else f"${row['cost_usd']:.4f}",
            row["source"],
        )
    out.print(table)
