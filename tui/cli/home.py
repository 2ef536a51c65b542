"""What bare `proofwork` does: open the Textual app, or print today's view when there is no terminal.

`--plain` (or stdout not being a terminal, as in a pipe or a cron job) prints the same view `proofwork today`
prints, so scripts keep working.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click


def wants_plain(plain: bool) -> bool:
    return plain or not sys.stdout.isatty() or not sys.stdin.isatty()


def open_home(ctx: click.Context, *, plain: bool = False) -> None:
    """`proofwork [--db X] [--learner Y] [--plain]` with no command."""
    if wants_plain(plain):
        from tui.cli.daily import today

        ctx.invoke(today, on=None, as_json=False)
        return
    from tui.cli.context import record_access  # imports click: bare `proofwork` (open_bare) never comes here

    access = record_access(ctx)
    run_app(access.db_url, access.handle)


def open_bare() -> int:
    """`proofwork` with no arguments at all: the fast path from the console script (no click)."""
    if wants_plain(False):
        from tui.cli.app import run

        return run(["--plain"])
    run_app(None, None)
    return 0


def run_app(db_url: str | None, learner: str | None) -> None:
    from tui.app import ProofworkApp
    from tui.record import RecordAccess

    ProofworkApp(RecordAccess(db_url, learner)).run()
