"""The `proofwork` command line: one thin function per job, each calling the same services the TUI calls."""

from __future__ import annotations

import sys

from tui.cli.app import run


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point; returns the process exit code."""
    code = run(sys.argv[1:] if argv is None else argv)
    sys.exit(code)
