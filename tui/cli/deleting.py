"""The one way a command deletes: say what goes with the row, ask, then delete (or `--yes` to skip asking)."""

from __future__ import annotations

from typing import Any

import click

from tui.cli.context import learner_scope

yes_option = click.option(
    "--yes", "-y", is_flag=True, help="Delete without asking (what goes with it is still printed)."
)


def delete_row(ctx: click.Context, kind: str, row_id: int, yes: bool, *, find: Any = None) -> None:
    """Plan, confirm and delete in one transaction; `find(session, learner)` turns a name or week into the id."""
    from curriculum.errors import UserError
    from tracker.deletes import delete, plan_delete

    with learner_scope(ctx) as (session, learner):
        target: int = find(session, learner) if find is not None else row_id
        plan = plan_delete(session, learner, kind, target)
        if not yes:
            click.echo(plan.statement)
            try:
                agreed = click.confirm("Delete it?", default=False)
            except click.Abort:
                raise UserError(
                    "nothing deleted: no answer to the question (add --yes to delete without asking)"
                ) from None
            if not agreed:
                click.echo("Nothing deleted.")
                return
        done = delete(session, learner, kind, target)
    if yes:
        for line in done.stays:
            click.echo(line[0].upper() + line[1:] + ".")
    click.echo(done.done)
