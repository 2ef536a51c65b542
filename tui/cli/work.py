"""The proof: artifacts, projects and design decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from tui.cli.app import app
from tui.cli.context import console, day_option, emit_json, json_option, learner_scope
from tui.cli.deleting import delete_row, yes_option

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.models import Learner


@app.group("artifact")
def artifact() -> None:
    """Shipped proof for a week: add, list, delete."""


@artifact.command("add")
@click.option("--week", required=True, help="The plan week (1-12) this proves.")
@click.option("--kind", required=True, help="eval-report, dashboard, case-study, resume, demo, ...")
@click.option("--title", required=True)
@click.option("--link", default="", help="Where the proof lives (URL or path).")
@click.option("--description", default="")
@click.option("--stage", default="", help="Stage key (default: the week's first stage).")
@click.option("--project", help="The project this belongs to.")
@click.option(
    "--metric",
    "metrics",
    multiple=True,
    metavar='"NAME=BASE->RESULT UNIT"',
    help='A measured result, e.g. "hallucination rate=12->4 %"; repeatable.',
)
@click.option("--date", "on", metavar="YYYY-MM-DD", help="When it shipped (default: today).")
@click.pass_context
def artifact_add(
    ctx: click.Context,
    week: str,
    kind: str,
    title: str,
    link: str,
    description: str,
    stage: str,
    project: str | None,
    metrics: tuple[str, ...],
    on: str | None,
) -> None:
    """Record an artifact with its metrics."""
    from tracker.artifacts import ArtifactInput, add_artifact
    from tracker.inputs import parse_metric, parse_week

    entry = ArtifactInput(
        week=parse_week(week),
        kind=kind,
        title=title,
        link=link,
        description=description,
        stage=stage,
        project=project,
        metrics=[parse_metric(text) for text in metrics],
        shipped_on=day_option(on),
    )
    with learner_scope(ctx) as (session, learner):
        row = add_artifact(session, learner, entry)
        click.echo(f"Artifact #{row.id} saved for week {row.week}: {row.title}")


@artifact.command("delete")
@click.argument("artifact_id", type=int)
@yes_option
@click.pass_context
def artifact_delete(ctx: click.Context, artifact_id: int, yes: bool) -> None:
    """Delete an artifact and its metrics (ids from `artifact list`); stories citing it keep their text."""
    delete_row(ctx, "artifact", artifact_id, yes)


@artifact.command("list")
@click.option("--week", help="Only this week.")
@json_option
@click.pass_context
def artifact_list(ctx: click.Context, week: str | None, as_json: bool) -> None:
    """Every artifact with its metrics."""
    from tracker.artifacts import ArtifactListing, list_artifacts
    from tracker.inputs import parse_week

    chosen = parse_week(week) if week is not None else None
    with learner_scope(ctx, read_only=True) as (session, learner):
        rows = [ArtifactListing.of(a).to_dict() for a in list_artifacts(session, learner, chosen)]
    if as_json:
        emit_json(rows)
        return
    from rich.table import Table

    table = Table(title="Artifacts")
    for column in ("#", "week", "kind", "title", "metrics", "link"):
        table.add_column(column)
    for row in rows:
        metrics = "; ".join(_metric_text(m) for m in row["metrics"])
        table.add_row(str(row["id"]), str(row["week"]), str(row["kind"]), str(row["title"]), metrics, str(row["link"]))
    console().print(table)


def _metric_text(metric: dict[str, Any]) -> str:
    baseline = metric["baseline"]
    before = f"{baseline:g} -> " if baseline is not None else ""
    return f"{metric['name']} {before}{metric['result']:g} {metric['unit']}".strip()


@app.group("project")
def project() -> None:
    """Portfolio projects: add, edit, list, delete."""


@project.command("add")
@click.option("--name", required=True)
@click.option("--problem", default="", help="The problem it solves.")
@click.option("--users", default="", help="Who has the problem.")
@click.option("--constraints", default="")
@click.option("--non-goals", default="")
@click.option("--repo", default="", help="Repository URL or path.")
@click.pass_context
def project_add(
    ctx: click.Context, name: str, problem: str, users: str, constraints: str, non_goals: str, repo: str
) -> None:
    """Add a project."""
    from tracker.projects import ProjectInput, add_project

    with learner_scope(ctx) as (session, learner):
        row = add_project(session, learner, ProjectInput(name, problem, users, constraints, non_goals, repo))
        click.echo(f"Project saved: {row.name}")


@project.command("edit")
@click.argument("name")
@click.option("--problem")
@click.option("--users")
@click.option("--constraints")
@click.option("--non-goals")
@click.option("--repo")
@click.pass_context
def project_edit(
    ctx: click.Context,
    name: str,
    problem: str | None,
    users: str | None,
    constraints: str | None,
    non_goals: str | None,
    repo: str | None,
) -> None:
    """Change a project's problem, users, constraints, non-goals or repository; others stay as they are."""
    from tracker.projects import update_project

    with learner_scope(ctx) as (session, learner):
        row = update_project(
            session,
            learner,
            name,
            problem=problem,
            users=users,
            constraints=constraints,
            non_goals=non_goals,
            repo_url=repo,
        )
        click.echo(f"Project updated: {row.name}")


@project.command("delete")
@click.argument("name")
@yes_option
@click.pass_context
def project_delete(ctx: click.Context, name: str, yes: bool) -> None:
    """Delete a project and its decisions; its artifacts, stories and grades stay, without the project."""
    from tracker.projects import find_project

    def find(session: Session, learner: Learner) -> int:
        row = find_project(session, learner, name)
        assert row is not None
        return row.id

    delete_row(ctx, "project", 0, yes, find=find)


@app.group("retro")
def retro() -> None:
    """The weekly retrospective: add, delete (export it with `export retro --week N`)."""


@retro.command("add")
@click.option("--week", required=True)
@click.option("--shipped", default="", help="What shipped this week.")
@click.option("--slipped", default="", help="What slipped, and why.")
@click.option("--next", "next_", default="", help="The next sprint's plan.")
@click.pass_context
def retro_add(ctx: click.Context, week: str, shipped: str, slipped: str, next_: str) -> None:
    """Write (or amend) a week's retro."""
    from tracker.retros import write_retro

    with learner_scope(ctx) as (session, learner):
        row = write_retro(
            session,
            learner,
            week,
            shipped=shipped,
            slipped=slipped,
            next_=next_,
        )
        click.echo(f"Retro saved for week {row.week}.")


@retro.command("delete")
@click.option("--week", required=True)
@yes_option
@click.pass_context
def retro_delete(ctx: click.Context, week: str, yes: bool) -> None:
    """Delete the retro notes you wrote for a week (the exported retro still shows the week's facts)."""
    from tracker.retros import retro_id

    delete_row(ctx, "retro", 0, yes, find=lambda session, learner: retro_id(session, learner, week))


@project.command("list")
@json_option
@click.pass_context
def project_list(ctx: click.Context, as_json: bool) -> None:
    """Projects with their artifacts and decisions."""
    from tracker.projects import ProjectListing, list_projects

    with learner_scope(ctx, read_only=True) as (session, learner):
        rows = [ProjectListing.of(p, n).to_dict() for p, n in list_projects(session, learner)]
    if as_json:
        emit_json(rows)
        return
    from rich.table import Table

    table = Table(title="Projects")
    for column in ("name", "problem", "repo", "artifacts", "decisions"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row["name"]),
            str(row["problem"]),
            str(row["repo"]),
            str(row["artifacts"]),
            str(len(row["decisions"])),
        )
    console().print(table)


@app.group("decision")
def decision() -> None:
    """Design decisions per responsibility layer: add, list, delete."""


@decision.command("add")
@click.option("--project", required=True)
@click.option("--layer", required=True, help="problem_framing, data_retrieval, evaluation, ...")
@click.option("--decision", "what", required=True, help="What you decided.")
@click.option("--metric", default="", help="The metric that justified it.")
@click.option("--failure", default="", help="What failed (or would fail).")
@click.option("--mitigation", default="", help="How you contained it.")
@click.option("--rejected", default="", help="The alternative you rejected, and why.")
@click.pass_context
def decision_add(
    ctx: click.Context,
    project: str,
    layer: str,
    what: str,
    metric: str,
    failure: str,
    mitigation: str,
    rejected: str,
) -> None:
    """Record a decision on one responsibility layer of a project."""
    from tracker.projects import DecisionInput, add_decision

    with learner_scope(ctx) as (session, learner):
        row = add_decision(session, learner, project, DecisionInput(layer, what, metric, failure, mitigation, rejected))
        click.echo(f"Decision saved on layer {row.layer} of {project}.")


@decision.command("list")
@click.option("--project", help="Only this project's decisions.")
@json_option
@click.pass_context
def decision_list(ctx: click.Context, project: str | None, as_json: bool) -> None:
    """Every decision with its id, per project and layer."""
    from tracker.projects import DecisionListing, find_project, list_projects

    with learner_scope(ctx) as (session, learner):
        wanted = find_project(session, learner, project) if project else None
        rows = [
            {"project": p.name, **DecisionListing.of(d).to_dict()}
            for p, _ in list_projects(session, learner)
            if wanted is None or p.id == wanted.id
            for d in p.decisions
        ]
    if as_json:
        emit_json(rows)
        return
    from rich.table import Table

    table = Table(title="Decisions")
    for column in ("#", "project", "layer", "decision", "metric"):
        table.add_column(column)
    for row in rows:
        table.add_row(str(row["id"]), row["project"], row["layer"], row["decision"], row["metric"])
    console().print(table)


@decision.command("delete")
@click.argument("decision_id", type=int)
@yes_option
@click.pass_context
def decision_delete(ctx: click.Context, decision_id: int, yes: bool) -> None:
    """Delete one decision (ids from `decision list`)."""
    delete_row(ctx, "decision", decision_id, yes)
