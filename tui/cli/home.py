"""What bare `proofwork` does: open the Textual app, or print today's view when there is no terminal.

`--plain` (or stdout not being a terminal, as in a pipe or a cron job) prints the same view `proofwork today`
prints, so scripts keep working.
"""

from __future__ import annotations

import sys

import click


def wants_plain(plain: bool) -> bool:
    return plain or not sys.stdout.isatty() or not sys.stdin.isatty()


def open_home(ctx: click.Context, *, plain: bool = False) -> None:
    if wants_plain(plain):
        from tui.cli.daily import today

        ctx.invoke(today, on=None, as_json=False)
        return
    from tui.app import ProofworkApp
    from tui.record import RecordAccess

    root = ctx.find_root().obj or {}
    ProofworkApp(RecordAccess(root.get("db_url"), root.get("learner"))).run()
