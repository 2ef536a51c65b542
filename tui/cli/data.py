"""The record as data: backup, export and import; and the mentor's cohort view of a shared database."""

from __future__ import annotations

from pathlib import Path

import click

from tui.cli.app import app
from tui.cli.context import console, date_option, day_option, db_url, emit_json, json_option, session_scope


@app.command("backup")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@click.pass_context
def backup(ctx: click.Context, file: Path | None, force: bool) -> None:
    """Copy the SQLite record to FILE (default: a dated file in the data folder's backups/).

    Safe while the app is open (SQLite's online backup). Restore by pointing --db at the copy, or by
    copying it back while proofwork is closed. On PostgreSQL this prints the pg_dump command to run and
    exits 2: nothing was backed up, and a script must not believe otherwise.
    """
    from tracker.backup import backup_sqlite
    from tracker.db import resolve_url

    done = backup_sqlite(resolve_url(db_url(ctx)), file, force=force)
    click.echo(f"Backed up {done.learners} learner record(s) to {done.path} ({done.size_bytes // 1024} KiB).")


@app.group("data")
def data() -> None:
    """The whole record as one JSON file: export, import (to move machines or join a cohort server)."""


def _chosen_learner(ctx: click.Context, local: str | None) -> str | None:
    root = ctx.find_root().obj or {}
    return local or root.get("learner")


@data.command("export")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--learner", "handle", metavar="HANDLE", help="Only this learner (default: every learner).")
@click.pass_context
def data_export(ctx: click.Context, file: Path, handle: str | None) -> None:
    """Write every table of the record (all learners, or --learner one) to FILE as JSON."""
    from tracker.transfer import dump, write_export

    with session_scope(ctx) as session:
        payload = dump(session.connection(), _chosen_learner(ctx, handle))
    write_export(payload, file)
    rows = sum(len(table) for table in payload["tables"].values())
    learners = len(payload["tables"].get("learners", []))
    click.echo(f"Exported {learners} learner(s), {rows} rows, schema {payload['schema_version']}, to {file}.")


@data.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite the record of a learner this database already holds.")
@click.pass_context
def data_import(ctx: click.Context, file: Path, replace: bool) -> None:
    """Load a `data export` file: all of it in one transaction, or nothing."""
    from curriculum.errors import UserError
    from tracker.transfer import at_head, load, read_export

    payload = at_head(read_export(file))
    handles = [str(row.get("handle")) for row in payload["tables"].get("learners", [])]
    chosen = _chosen_learner(ctx, None)
    if chosen and handles != [chosen]:
        raise UserError(f"{file} holds {', '.join(handles) or 'no learner'}; import takes the whole file")
    with session_scope(ctx) as session:
        counts = load(session.connection(), payload, replace=replace)
    click.echo(f"Imported {', '.join(handles) or 'no learner'}: {sum(counts.values())} rows from {file}.")


@app.command("cohort")
@date_option
@json_option
@click.pass_context
def cohort(ctx: click.Context, on: str | None, as_json: bool) -> None:
    """Every learner in this database: day of the plan, pace, streak, last week's minutes, latest grade."""
    from tracker.cohort import cohort_report

    day = day_option(on)
    with session_scope(ctx) as session:
        rows = cohort_report(session, day)
    if as_json:
        emit_json({"date": day.isoformat(), "learners": [row.to_dict() for row in rows]})
        return
    from rich.table import Table

    table = Table(title=f"Cohort on {day} ({len(rows)} learners)")
    for column in ("learner", "day", "pace", "streak", "min last 7d", "tasks", "proof wks", "latest grade"):
        table.add_column(column, justify="left" if column == "learner" else "right")
    for row in rows:
        day_text = f"{row.day}/90" if row.day else row.phase.replace("_", " ")
        pace = row.pace.replace("_", " ") + (f" {row.pace_days}d" if row.pace_days else "")
        grade = f"{row.latest_grade:.0f}" if row.latest_grade is not None else "-"
        table.add_row(
            f"{row.name} ({row.handle})",
            day_text,
            pace,
            f"{row.streak_current} (best {row.streak_best})",
            str(row.minutes_last_7),
            str(row.tasks_done),
            str(row.proof_weeks),
            grade,
        )
    console().print(table)
