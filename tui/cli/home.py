"""What bare `proofwork` does: today's view (the Textual app replaces this once it lands)."""

from __future__ import annotations

import click


def open_home(ctx: click.Context) -> None:
    from tui.cli.daily import today

    ctx.invoke(today, on=None, as_json=False)
