"""The story bank: add, edit and list interview stories, with the theme coverage matrix."""

from __future__ import annotations

from typing import Any

import click

from tui.cli.app import app
from tui.cli.context import console, emit_json, json_option, learner_scope
from tui.cli.deleting import delete_row, yes_option


def _story_options(function: Any) -> Any:
    options = [
        click.option("--problem", default=""),
        click.option("--constraints", default=""),
        click.option("--design", default=""),
        click.option("--metrics", default=""),
        click.option("--failure", default=""),
        click.option("--iteration", default=""),
        click.option("--theme", "themes", multiple=True, help="A drill theme it answers; repeatable."),
        click.option("--project", help="The project behind it."),
        click.option("--artifact", "artifact_id", type=int, help="The artifact id that proves it."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@app.group("story")
def story() -> None:
    """Interview stories: problem, constraints, design, metrics, failure, iteration."""


@story.command("add")
@click.option("--title", required=True)
@_story_options
@click.pass_context
def story_add(ctx: click.Context, title: str, themes: tuple[str, ...], **parts: object) -> None:
    """Add a story to the bank."""
    from tracker.stories import StoryInput, add_story

    with learner_scope(ctx) as (session, learner):
        row = add_story(session, learner, StoryInput(title=title, themes=list(themes), **parts))  # type: ignore[arg-type]
        click.echo(f"Story #{row.id} saved: {row.title}")


@story.command("edit")
@click.argument("story_id", type=int)
@click.option("--title", default="")
@_story_options
@click.pass_context
def story_edit(ctx: click.Context, story_id: int, title: str, themes: tuple[str, ...], **parts: object) -> None:
    """Change parts of a story; parts not given stay as they are."""
    from tracker.stories import StoryInput, edit_story

    with learner_scope(ctx) as (session, learner):
        edit_story(session, learner, story_id, StoryInput(title=title, themes=list(themes), **parts))  # type: ignore[arg-type]
    click.echo(f"Story #{story_id} updated.")


@story.command("delete")
@click.argument("story_id", type=int)
@yes_option
@click.pass_context
def story_delete(ctx: click.Context, story_id: int, yes: bool) -> None:
    """Delete a story from the bank (ids from `story list`)."""
    delete_row(ctx, "story", story_id, yes)


@story.command("list")
@json_option
@click.pass_context
def story_list(ctx: click.Context, as_json: bool) -> None:
    """Every story, which themes have none, and which stories have no proof behind them."""
    from tracker.stories import StoryListing, list_stories, story_coverage

    with learner_scope(ctx, read_only=True) as (session, learner):
        stories = [StoryListing.of(s).to_dict() for s in list_stories(session, learner)]
        coverage = story_coverage(session, learner)
    if as_json:
        emit_json({"stories": stories, "coverage": coverage.to_dict()})
        return
    from rich.table import Table

    table = Table(title=f"Story bank: {coverage.count} of {coverage.target}")
    for column in ("#", "title", "themes", "proof", "missing"):
        table.add_column(column)
    for row in stories:
        table.add_row(
            str(row["id"]),
            row["title"],
            ", ".join(row["themes"]),
            "yes" if row["has_proof"] else "[red]none[/]",
            ", ".join(row["missing_parts"]),
        )
    out = console()
    out.print(table)
    if coverage.uncovered:
        out.print(f"[yellow]Themes without a story:[/] {', '.join(coverage.uncovered)}")
