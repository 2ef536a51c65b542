"""The daily loop: today, log, task."""

from __future__ import annotations

from typing import Any

import click

from tui.cli.app import app
from tui.cli.context import console, date_option, day_option, db_url, emit_json, json_option, learner_scope


@app.command("today")
@date_option
@json_option
@click.pass_context
def today(ctx: click.Context, on: str | None, as_json: bool) -> None:
    """Day N of 90, this week's objective and proof, today's tasks, streak, pace and nudges."""
    from tracker.db import resolve_url
    from tracker.today_cache import RecordState, build_remembered, recall

    day = day_option(on)
    url, handle = resolve_url(db_url(ctx)), (ctx.find_root().obj or {}).get("learner")
    view = recall(url, handle, day)  # the same view, built from this very record on an earlier run
    if view is None:
        before = RecordState(url, handle)
        with learner_scope(ctx, read_only=True) as (session, learner):
            view = build_remembered(session, learner, day, before)
    if as_json:
        emit_json(view.to_dict())
    else:
        from tui.cli.today_text import print_today

        print_today(console(), view)


@app.command("log")
@click.option("--minutes", type=int, required=True, help="Minutes of focused work.")
@click.argument("note", default="")
@date_option
@click.pass_context
def log(ctx: click.Context, minutes: int, note: str, on: str | None) -> None:
    """Log time spent today (or --date), with a note on what you did."""
    from tracker.logs import add_log

    day = day_option(on)
    with learner_scope(ctx) as (session, learner):
        add_log(session, learner, minutes, note, day)
    click.echo(f"Logged {minutes} min on {day}.")


@app.group("task")
def task() -> None:
    """This week's plan tasks: list, done, skip, doing, todo, note."""


@task.command("list")
@click.option("--week", type=int, help="A week from 1 to 12 (default: the current week).")
@click.option("--all", "every", is_flag=True, help="Every week's tasks.")
@date_option
@json_option
@click.pass_context
def task_list(ctx: click.Context, week: int | None, every: bool, on: str | None, as_json: bool) -> None:
    from dataclasses import asdict

    from curriculum.catalog import load_catalog
    from curriculum.plan import locate
    from tracker.inputs import parse_week
    from tracker.tasks import task_rows

    with learner_scope(ctx, read_only=True) as (session, learner):
        if week is not None:
            chosen: int | None = parse_week(week)
        elif every:
            chosen = None
        else:
            chosen = locate(learner.start_date, day_option(on), load_catalog().plan).week or 1
        rows = task_rows(session, learner, chosen)
    if as_json:
        emit_json([asdict(row) for row in rows])
        return
    from rich.table import Table

    table = Table(title="Plan tasks" if chosen is None else f"Week {chosen} tasks")
    for column in ("key", "week", "task", "hours", "status", "note"):
        table.add_column(column)
    for row in rows:
        title = row.title if row.required else f"[dim]{row.title} (stretch)[/]"
        table.add_row(row.key, str(row.week), title, f"{row.hours:g}", row.status, row.note)
    console().print(table)
    if any(not row.required for row in rows):
        console().print(f"[dim]Stretch tasks go beyond what {learner.weekly_hours:g} hours a week require.[/]")


def _set_status(status: str) -> Any:
    @click.argument("key")
    @click.pass_context
    def command(ctx: click.Context, key: str) -> None:
        from tracker.tasks import set_task

        with learner_scope(ctx) as (session, learner):
            set_task(session, learner, key, status=status)
        click.echo(f"{key}: {status}")

    command.__doc__ = f"Mark a task {status}."
    return command


task.command("done")(_set_status("done"))
task.command("skip")(_set_status("skipped"))
task.command("doing")(_set_status("doing"))
task.command("todo")(_set_status("todo"))


@task.command("note")
@click.argument("key")
@click.argument("text")
@click.pass_context
def task_note(ctx: click.Context, key: str, text: str) -> None:
    """Attach a note to a task (replaces the previous note)."""
    from tracker.tasks import set_task

    with learner_scope(ctx) as (session, learner):
        set_task(session, learner, key, note=text)
    click.echo(f"{key}: note saved")
