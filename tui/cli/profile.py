"""Commands about the learner: init, assess, gaps, status."""

from __future__ import annotations

import click

from tui.cli.app import app
from tui.cli.context import (
    console,
    date_option,
    emit_json,
    json_option,
    learner_flag,
    learner_scope,
    session_scope,
)


@app.command("init")
@click.option("--name", help="Your name, as it appears on exports.")
@click.option("--current-role", help='Where you are now, e.g. "Prompt Engineer".')
@click.option("--target-role", help='The role you are aiming for, e.g. "AI Engineer".')
@click.option("--start", "start", metavar="YYYY-MM-DD", help="Day 1 of the 90 (default: today).")
@click.option("--hours", type=float, help="Hours a week you can give (default: 10).")
@click.option("--handle", help="A short id, to add another learner to a shared database.")
@click.option("--force", is_flag=True, help="Change the existing profile: only what you give (the record is kept).")
@click.pass_context
def init(
    ctx: click.Context,
    name: str | None,
    current_role: str | None,
    target_role: str | None,
    start: str | None,
    hours: float | None,
    handle: str | None,
    force: bool,
) -> None:
    """Create your profile: who you are, the role you want, and day 1 of the plan (today unless --start)."""
    from datetime import date

    from tracker.inputs import parse_date
    from tracker.learners import ProfileInput, create_profile, needs_profile

    profile = ProfileInput(
        name=name,
        current_role=current_role,
        target_role=target_role,
        start_date=parse_date(start, "--start") if start else None,
        weekly_hours=hours,
        handle=handle,
    )
    with session_scope(ctx) as session:
        named = learner_flag(ctx)
        replacing = force and not needs_profile(session, handle or named)
        learner = create_profile(session, profile, force=force, named=named)
        first_day = learner.start_date
        click.echo(f"Profile saved for {learner.name} ({learner.handle}).")
    today = date.today()
    if start is None and replacing:
        click.echo(f"Day 1 stays {first_day}, as before.")
    elif start is None:
        click.echo(f"Day 1 of 90 is today, {first_day} (--start YYYY-MM-DD picks another day).")
    elif first_day < today:
        click.echo(f"Day 1 is {first_day}: today is day {(today - first_day).days + 1} of 90.")
    else:
        click.echo(f"Day 1 is {first_day}.")
    click.echo("Next: `proofwork assess` to score yourself on the seven competencies.")


@app.command("assess")
@click.option("--score", "scores", multiple=True, metavar="COMPETENCY=N", help="A 1-5 score; repeat for each.")
@click.option("--json", "as_json", is_flag=True, help="Print the resulting gap report as JSON.")
@click.pass_context
def assess(ctx: click.Context, scores: tuple[str, ...], as_json: bool) -> None:
    """Score yourself 1-5 on the seven competencies (asks for each one when no --score is given)."""
    from curriculum.assessment import check_scores
    from curriculum.catalog import load_catalog
    from tracker.assessments import latest_gaps, record_assessment
    from tracker.inputs import parse_score

    catalog = load_catalog()
    given = dict(parse_score(text) for text in scores)
    check_scores(given, catalog)
    if not scores:
        given = _ask_scores(catalog)
    with learner_scope(ctx) as (session, learner):
        record_assessment(session, learner, given)
        report = latest_gaps(session, learner)
    if as_json:
        emit_json(report.to_dict())
    else:
        _print_gaps(report)


def _ask_scores(catalog: object) -> dict[str, int]:
    from curriculum.catalog import Catalog

    assert isinstance(catalog, Catalog)
    scores = {}
    for competency in catalog.competencies:
        click.echo(f"\n{competency.title}: {competency.description}")
        for level, anchor in sorted(competency.levels.items()):
            click.echo(f"  {level}. {anchor}")
        scores[competency.key] = click.prompt("  Your level", type=click.IntRange(1, 5))
    return scores


@app.command("gaps")
@date_option
@json_option
@click.pass_context
def gaps(ctx: click.Context, on: str | None, as_json: bool) -> None:
    """Your gaps against the target role, the two to work on first, the roles you fit, and each self-rating
    beside the evidence in your record (artifacts, repository grades, drills)."""
    from tracker.assessments import latest_gaps
    from tui.cli.context import day_option

    day = day_option(on)
    with learner_scope(ctx, read_only=True) as (session, learner):
        report = latest_gaps(session, learner, day)
    if as_json:
        emit_json(report.to_dict())
    else:
        _print_gaps(report)


def _print_gaps(report: object) -> None:
    from rich.markup import escape
    from rich.table import Table

    from curriculum.assessment import GapReport
    from curriculum.catalog import load_catalog

    assert isinstance(report, GapReport)
    catalog = load_catalog()
    table = Table(title=f"Gaps against {catalog.role(report.target_role).title}")
    for column in ("competency", "you", "evidence", "target", "gap", "change"):
        table.add_column(column, justify="left" if column == "competency" else "right")
    calibration = report.calibration
    for key, score in report.scores.items():
        change = report.change.get(key) if report.change else None
        evidence = ""
        if calibration is not None:
            check = calibration.check(key)
            evidence = "–" if check.evidence_level is None else str(check.evidence_level)
            if check.disagrees:
                evidence = f"[yellow]{evidence} ![/]"
        table.add_row(
            catalog.competency(key).title + (" *" if key in report.focus else ""),
            str(score),
            evidence,
            str(report.targets[key]),
            f"{report.gaps[key]:+d}",
            "" if change is None else f"{change:+d}",
        )
    out = console()
    out.print(table)
    focus = ", ".join(catalog.competency(key).title for key in report.focus)
    out.print(f"First sprint focus (*): {focus}")
    if report.role_fit:
        best = report.role_fit[0]
        out.print(f"Best fit today: {best.title} ({best.fit}%); `proofwork roles` compares every role")
    if calibration is not None:
        out.print("[dim]Evidence: the level your artifacts, repository grades and drills show at best (– none yet).[/]")
        for nudge in calibration.nudges:
            out.print(f"[bold yellow]⚠[/] {escape(nudge)}")


@app.command("status")
@json_option
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Your profile and record at a glance: days, logs, artifacts, projects, grades."""
    from tracker.status import record_status

    with learner_scope(ctx, read_only=True) as (session, learner):
        data = record_status(session, learner)
    if as_json:
        emit_json(data)
        return
    out = console()
    for key, value in data.items():
        out.print(f"[bold]{key.replace('_', ' ')}[/]: {value}")
