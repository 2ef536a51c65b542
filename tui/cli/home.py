"""What bare `proofwork` does: today's view for now; the Textual app once it lands."""

from __future__ import annotations

import click


def open_home(ctx: click.Context) -> None:
    click.echo("proofwork: today's view arrives with the foundation commands.")
