"""Imports every command module so each registers itself on the click group."""

from tui.cli import daily, data, drill, export, grade, grades, profile, roadmap, story, work  # noqa: F401
