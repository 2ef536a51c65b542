"""Shared plumbing for commands: the database session, the current learner, and output helpers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy.orm import Session

    from tracker.models import Learner


def db_url(ctx: click.Context) -> str | None:
    return ctx.find_root().obj.get("db_url") if ctx.find_root().obj else None


def learner_flag(ctx: click.Context) -> str | None:
    """The global `--learner` value; tracker.learners.learner_setting adds the environment and config."""
    root = ctx.find_root().obj or {}
    return root.get("learner")


@contextmanager
def session_scope(ctx: click.Context, *, read_only: bool = False) -> Iterator[Session]:
    """A session on the record; `read_only=True` for commands that only read (they never wait for a writer)."""
    from tracker.db import open_session

    with open_session(db_url(ctx), read_only=read_only) as session:
        yield session


@contextmanager
def learner_scope(ctx: click.Context, *, read_only: bool = False) -> Iterator[tuple[Session, Learner]]:
    """A session and the learner the command is about; everything commits together or not at all."""
    from tracker.learners import open_record

    with open_record(db_url(ctx), learner_flag(ctx), read_only=read_only) as scope:
        yield scope


def day_option(value: str | None, flag: str = "--date") -> date:
    """The day a date option names (`flag` is the option, for the error line), or today."""
    from tracker.inputs import parse_date

    return parse_date(value, flag) if value else date.today()


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, default=str, ensure_ascii=False))


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
date_option = click.option("--date", "on", metavar="YYYY-MM-DD", help="The day (default: today).")
