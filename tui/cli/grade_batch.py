"""`proofwork grade --batch repos.txt`: a cohort's repositories, reviewed through the Message Batches API."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tui.cli.context import console, emit_json

if TYPE_CHECKING:
    from grader.review.batch import BatchItem
    from tui.cli.grade_review import ReviewPlan

# Batches usually end within an hour; polling every minute costs nothing and shows progress.
POLL_INTERVAL_S = 60.0


def grade_batch(ctx: click.Context, path: Path, plan: ReviewPlan, profile: Path | None, fmt: str, save: bool) -> None:
    from grader.review.batch import BatchPending, ReviewBatch, read_repos_file
    from grader.review.run import ReviewOptions
    from grader.settings import GraderSettings
    from tui.cli.grade_review import save_report

    entries = read_repos_file(path)
    grader_settings = GraderSettings(profile_path=profile)
    batch = ReviewBatch(
        entries,
        plan.settings,
        plan.options or ReviewOptions(),
        grader_settings.cache_dir / "batches",
        grader_settings=grader_settings,
        poll_interval=POLL_INTERVAL_S,
        on_poll=lambda p: _tell_poll(p),
        on_graded=lambda done, total, target: click.echo(f"graded {done}/{total}: {target}", err=True),
    )
    if batch.resuming:
        click.echo(f"resuming the batch for {path} (state in {batch.state_path.parent})", err=True)
    try:
        items = batch.run()
    except BatchPending as pending:
        click.echo(f"proofwork: {pending.reason}", err=True)
        return
    except KeyboardInterrupt:
        click.echo(f"\ninterrupted: run the same command again to pick up the batch for {path}", err=True)
        raise click.Abort() from None
    rows = []
    for item in items:
        saved = None
        if save and item.report is not None:
            saved = save_report(ctx, item.report, item.entry.learner)
        rows.append(_row(item, saved.run_id if saved else None))
    batch.forget()  # results are stored: the next run of this list is a new batch
    if fmt == "json":
        emit_json(rows)
        return
    _table(rows)


def _tell_poll(progress: Any) -> None:
    click.echo(
        f"batch {progress.batch_id}: {progress.status}, {progress.succeeded} done, {progress.processing} processing"
        f" ({progress.waited_s:.0f} s)",
        err=True,
    )


def _row(item: BatchItem, run_id: int | None) -> dict[str, Any]:
    report, review = item.report, item.report.review if item.report else None
    return {
        "target": item.entry.target,
        "learner": item.entry.learner,
        "commit": report.commit if report else None,
        "overall": report.overall if report else None,
        "reviewed_overall": review.overall.reviewed if review and review.overall else None,
        "review": review.status if review else None,
        "reason": item.error or (review.reason if review else None),
        "cost_usd": review.cost_usd if review else None,
        "grade_id": run_id,
    }


def _table(rows: list[dict[str, Any]]) -> None:
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("repository", "commit", "static", "reviewed", "review", "cost"):
        table.add_column(column, justify="right" if column in {"static", "reviewed", "cost"} else "left")
    total = 0.0
    for row in rows:
        cost = row["cost_usd"]
        total += cost or 0
        table.add_row(
            row["target"],
            (row["commit"] or "")[:12],
            "n/a" if row["overall"] is None else str(row["overall"]),
            "" if row["reviewed_overall"] is None else str(row["reviewed_overall"]),
            row["review"] or f"error: {row['reason']}",
            "" if cost is None else f"${cost:.4f}",
        )
    out = console()
    out.print(table)
    out.print(f"[dim]{len(rows)} repositories; estimated review cost ${total:.4f} (batch, half price)[/]")
    sys.stdout.flush()
