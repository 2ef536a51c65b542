"""The click group, its global options, and the one place errors become exit codes."""

from __future__ import annotations

import sys

import click

from curriculum.errors import UserError
from tui.record import RecordAccess


@click.group(
    name="proofwork",
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option("--db", "db_url", metavar="PATH|URL", help="Database file or SQLAlchemy URL (or PROOFWORK_DB_URL).")
@click.option("--learner", metavar="HANDLE", help="Which learner's record, in a shared database.")
@click.option("--plain", is_flag=True, help="Print today's view instead of opening the app.")
@click.pass_context
def app(ctx: click.Context, db_url: str | None, learner: str | None, plain: bool) -> None:
    """Prompt engineer to AI engineer in 90 days, counted in shipped proof.

    Without a command, opens the daily app (or prints today's view with --plain or outside a terminal).
    """
    ctx.obj = RecordAccess(db_url, learner)  # every command reads it through tui.cli.context.record_access
    if ctx.invoked_subcommand is None:
        from tui.cli.home import open_home

        open_home(ctx, plain=plain)


def run(argv: list[str]) -> int:
    """Run the command line on argv; user mistakes become one line on stderr and exit code 2."""
    from tui.cli import commands  # noqa: F401  (registers every command on `app`)

    try:
        app.main(args=argv, prog_name="proofwork", standalone_mode=False)
    except UserError as error:
        print(f"proofwork: {error}", file=sys.stderr)
        return 2
    except click.UsageError as error:
        print(f"proofwork: {error.format_message()}", file=sys.stderr)
        return 2
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.Abort:
        print("proofwork: aborted", file=sys.stderr)
        return 1
    except click.ClickException as error:
        print(f"proofwork: {error.format_message()}", file=sys.stderr)
        return error.exit_code
    return 0
