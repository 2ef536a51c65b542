"""Imports every command module so each registers itself on the click group."""

from tui.cli import daily, data, drill, export, grade, grades, profile, roadmap, roles, story, work  # noqa: F401
