"""The record as data: backup, export and import; and the mentor's cohort view of a shared database."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from tui.cli.app import app
from tui.cli.context import (
    console,
    date_option,
    day_option,
    db_url,
    emit_json,
    json_option,
    learner_flag,
    session_scope,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@app.command("backup")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@click.pass_context
def backup(ctx: click.Context, file: Path | None, force: bool) -> None:
    """Copy the SQLite record to FILE (default: a dated file in the data folder's backups/).

    Safe while the app is open (SQLite's online backup). Put it back with `proofwork restore FILE`.
    On PostgreSQL this prints the pg_dump command to run and exits 2: nothing was backed up, and a script
    must not believe otherwise.
    """
    from tracker.backup import backup_sqlite
    from tracker.db import resolve_url

    done = backup_sqlite(resolve_url(db_url(ctx)), file, force=force)
    click.echo(f"Backed up {done.learners} learner record(s) to {done.path} ({done.size_bytes // 1024} KiB).")


@app.command("restore")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def restore(ctx: click.Context, file: Path) -> None:
    """Put a backup FILE in the place of the SQLite record (close the app first).

    Checks the backup (SQLite's integrity check, proofwork's schema), moves the current database and its
    -wal/-shm files aside (kept, named in the output), installs a checked copy and opens it.
    """
    from tracker.backup import restore_sqlite
    from tracker.db import resolve_url

    done = restore_sqlite(resolve_url(db_url(ctx)), file)
    click.echo(f"Restored {done.learners} learner record(s) from {done.source} to {done.path}.")
    if done.kept:
        click.echo("The database it replaced is kept as " + ", ".join(str(path) for path in done.kept) + ".")


@app.group("data")
def data() -> None:
    """The whole record as one JSON file: export, import (to move machines or join a cohort server)."""


@data.command("export")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--learner", "handle", metavar="HANDLE", help="This learner (default: the learner setting).")
@click.option("--all", "everyone", is_flag=True, help="Every learner in the database (for a mentor).")
@click.pass_context
def data_export(ctx: click.Context, file: Path, handle: str | None, everyone: bool) -> None:
    """Write your record (or, with --all, every learner's) to FILE as JSON."""
    from curriculum.errors import UserError
    from curriculum.files import writable_target
    from tracker.transfer import dump, write_export

    if everyone and handle:
        raise UserError("give --learner HANDLE or --all, not both")
    writable_target(file)  # before reading the record: a bad path costs nothing
    with session_scope(ctx, read_only=True) as session:
        chosen = None if everyone else _only_learner(session, handle or learner_flag(ctx))
        payload = dump(session.connection(), chosen)
    write_export(payload, file)
    rows = sum(len(table) for table in payload["tables"].values())
    learners = len(payload["tables"].get("learners", []))
    click.echo(f"Exported {learners} learner(s), {rows} rows, schema {payload['schema_version']}, to {file}.")


def _only_learner(session: Session, flag: str | None) -> str:
    """The handle of the learner the setting names, or of the only learner; several need --all."""
    from sqlalchemy import select

    from curriculum.errors import UserError
    from tracker.learners import current_learner, learner_setting
    from tracker.models import Learner

    if learner_setting(flag) is None:
        handles = session.scalars(select(Learner.handle).order_by(Learner.handle).limit(6)).all()
        if len(handles) > 1:
            raise UserError(
                f"several learners share this database ({', '.join(handles[:5])}); export one with --learner "
                "HANDLE, or everyone's with --all"
            )
    return current_learner(session, flag).handle


@data.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite the record of a learner this database already holds.")
@click.option("--all", "everyone", is_flag=True, help="Import every learner in the file (for a mentor).")
@click.pass_context
def data_import(ctx: click.Context, file: Path, replace: bool, everyone: bool) -> None:
    """Load a `data export` file: all of it in one transaction, or nothing."""
    from curriculum.errors import UserError
    from tracker.learners import learner_setting
    from tracker.transfer import at_head, load, read_export

    payload = at_head(read_export(file))
    handles = [str(row.get("handle")) for row in payload["tables"].get("learners", [])]
    setting = None if everyone else learner_setting(learner_flag(ctx))
    if setting and handles != [setting.handle]:
        raise UserError(
            f"{file} holds {', '.join(handles) or 'no learner'}, but {setting.source} names {setting.handle}: "
            "import takes only that learner's record (a mentor imports everyone's with --all)"
        )
    if not everyone and len(handles) > 1:
        raise UserError(f"{file} holds several learners ({', '.join(handles)}); import them all with --all")
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
    with session_scope(ctx, read_only=True) as session:
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
