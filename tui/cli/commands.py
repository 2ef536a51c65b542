"""Imports every command module so each registers itself on the Typer app."""

from tui.cli import grade  # noqa: F401
