"""The `proofwork` command line: one thin function per job, each calling the same services the TUI calls."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point; returns the process exit code."""
    from tui.cli.bytecode import cache_bytecode

    cache_bytecode()
    args = sys.argv[1:] if argv is None else argv
    if not args:
        # Bare `proofwork` opens the daily app: straight there, without loading click and every command,
        # so the dashboard paints sooner (bench/startup.py). Outside a terminal it prints today's view.
        from tui.cli.home import open_bare

        sys.exit(open_bare())
    from tui.cli.app import run

    sys.exit(run(args))
