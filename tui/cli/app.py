"""The click group, its global options, and the one place errors become exit codes."""

from __future__ import annotations

import sys

import click

from curriculum.errors import UserError


@click.group(
    name="proofwork",
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option("--db", "db_url", metavar="PATH|URL", help="Database file or SQLAlchemy URL (or PROOFWORK_DB_URL).")
@click.option("--learner", metavar="HANDLE", help="Which learner's record, in a shared database.")
@click.pass_context
def app(ctx: click.Context, db_url: str | None, learner: str | None) -> None:
    """Prompt engineer to AI engineer in 90 days, counted in shipped proof."""
    ctx.ensure_object(dict)
    ctx.obj["db_url"] = db_url
    ctx.obj["learner"] = learner
    if ctx.invoked_subcommand is None:
        from tui.cli.home import open_home

        open_home(ctx)


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
