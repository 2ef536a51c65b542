"""Correcting the record: your profile (contact details included), your work history, and your time logs."""

from __future__ import annotations

from typing import Any

import click

from tui.cli.app import app
from tui.cli.context import console, emit_json, json_option, learner_scope
from tui.cli.deleting import delete_row, yes_option


def contact_options(function: Any) -> Any:
    options = [
        click.option("--email", help="Where an employer writes to you."),
        click.option("--location", help='Where you work from, e.g. "Lisbon, Portugal" or "Remote (EU)".'),
        click.option("--website", help="Your site or portfolio page."),
        click.option("--github", help="Your GitHub user name or profile URL."),
        click.option("--linkedin", help="Your LinkedIn profile name or URL."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@app.group("profile")
def profile() -> None:
    """Your profile: show it, or change any part of it (contact details for the resume included)."""


@profile.command("show")
@json_option
@click.pass_context
def profile_show(ctx: click.Context, as_json: bool) -> None:
    """Your profile as the exports print it."""
    from tracker.learners import profile_dict

    with learner_scope(ctx, read_only=True) as (_session, learner):
        data = profile_dict(learner)
    if as_json:
        emit_json(data)
        return
    out = console()
    for key, value in data.items():
        out.print(f"[bold]{key.replace('_', ' ')}[/]: {value if value not in ('', None) else '[dim]-[/]'}")


@profile.command("edit")
@click.option("--name")
@click.option("--current-role")
@click.option("--target-role")
@click.option("--start", metavar="YYYY-MM-DD", help="Move day 1 of the plan.")
@click.option("--hours", help="Hours a week you can give.")
@contact_options
@click.pass_context
def profile_edit(ctx: click.Context, start: str | None, hours: str | None, **given: str | None) -> None:
    """Change what you give, keep everything else (an empty value, e.g. --website "", clears a contact field)."""
    from tracker.inputs import parse_date, parse_hours
    from tracker.learners import ProfileInput, update_profile

    changes = ProfileInput(
        start_date=parse_date(start, "--start") if start is not None else None,
        weekly_hours=parse_hours(hours) if hours is not None else None,
        **given,
    )
    if changes == ProfileInput():
        raise click.UsageError("say what to change, e.g. `proofwork profile edit --email ada@example.com`")
    with learner_scope(ctx) as (session, learner):
        changed = update_profile(session, learner, changes)
        click.echo(
            f"Profile updated: {', '.join(changed)}." if changed else "Nothing changed: the profile already says that."
        )
        if "start_date" in changed:
            click.echo(f"Day 1 is now {learner.start_date}.")


@app.group("experience")
def experience() -> None:
    """Jobs you held, for the resume's Experience section: add, list, edit, delete."""


def _job_options(function: Any) -> Any:
    options = [
        click.option("--organisation", "--company", "organisation", help="Where you worked."),
        click.option("--location"),
        click.option("--start", help="When it started: 2023, 2023-03 or Mar 2023."),
        click.option("--end", help="When it ended; leave out (or `present`) for a current job."),
        click.option("--summary", help="One line on what the job was."),
        click.option(
            "--highlight", "highlights", multiple=True, help="An achievement, ideally with a number; repeatable."
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@experience.command("add")
@click.option("--role", required=True, help='Your title, e.g. "Prompt Engineer".')
@_job_options
@click.pass_context
def experience_add(ctx: click.Context, highlights: tuple[str, ...], **fields: str | None) -> None:
    """Add a job you held."""
    from tracker.experience import ExperienceInput, add_experience

    with learner_scope(ctx) as (session, learner):
        row = add_experience(session, learner, ExperienceInput(highlights=list(highlights), **fields))
        click.echo(f"Job #{row.id} saved: {row.role}" + (f" at {row.organisation}" if row.organisation else ""))


@experience.command("edit")
@click.argument("job_id", type=int)
@click.option("--role")
@_job_options
@click.pass_context
def experience_edit(ctx: click.Context, job_id: int, highlights: tuple[str, ...], **fields: str | None) -> None:
    """Change parts of a job; --highlight given replaces all its highlights."""
    from tracker.experience import ExperienceInput, edit_experience

    entry = ExperienceInput(highlights=list(highlights) if highlights else None, **fields)
    with learner_scope(ctx) as (session, learner):
        edit_experience(session, learner, job_id, entry)
    click.echo(f"Job #{job_id} updated.")


@experience.command("list")
@json_option
@click.pass_context
def experience_list(ctx: click.Context, as_json: bool) -> None:
    """Your jobs, newest first, with their ids."""
    from tracker.experience import experience_dict, list_experience

    with learner_scope(ctx, read_only=True) as (session, learner):
        rows = [experience_dict(row) for row in list_experience(session, learner)]
    if as_json:
        emit_json(rows)
        return
    from rich.table import Table

    table = Table(title="Experience")
    for column in ("#", "role", "organisation", "from", "to", "highlights"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row["id"]), row["role"], row["organisation"], row["start"], row["end"] or "present",
            str(len(row["highlights"])),
        )  # fmt: skip
    console().print(table)


@experience.command("delete")
@click.argument("job_id", type=int)
@yes_option
@click.pass_context
def experience_delete(ctx: click.Context, job_id: int, yes: bool) -> None:
    """Delete a job from your history."""
    delete_row(ctx, "experience", job_id, yes)


@app.group("logs", invoke_without_command=True)
@click.option("--limit", type=click.IntRange(1, 10_000), default=30, show_default=True)
@json_option
@click.pass_context
def logs(ctx: click.Context, limit: int, as_json: bool) -> None:
    """Your time logs, newest first, with their ids (`logs delete ID` removes one)."""
    if ctx.invoked_subcommand is not None:
        return
    from tracker.logs import recent_logs

    with learner_scope(ctx, read_only=True) as (session, learner):
        rows = [
            {"id": e.id, "day": e.day.isoformat(), "minutes": e.minutes, "note": e.note}
            for e in recent_logs(session, learner, limit)
        ]
    if as_json:
        emit_json(rows)
        return
    from rich.table import Table

    table = Table(title="Time logs")
    for column in ("#", "day", "minutes", "note"):
        table.add_column(column)
    for row in rows:
        table.add_row(str(row["id"]), str(row["day"]), str(row["minutes"]), str(row["note"]))
    console().print(table)


@logs.command("delete")
@click.argument("log_id", type=int)
@yes_option
@click.pass_context
def logs_delete(ctx: click.Context, log_id: int, yes: bool) -> None:
    """Delete one time log (a mistyped day or duration): log it again right after if needed."""
    delete_row(ctx, "log", log_id, yes)
