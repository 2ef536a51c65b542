"""Imports every command module so each registers itself on the click group."""

from tui.cli import daily, profile, roadmap, work  # noqa: F401
