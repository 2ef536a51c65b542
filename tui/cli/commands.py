"""Imports every command module so each registers itself on the click group."""

from tui.cli import (  # noqa: F401
    daily,
    data,
    drill,
    export,
    grade,
    grades,
    profile,
    record_edits,
    roadmap,
    roles,
    story,
    work,
)
