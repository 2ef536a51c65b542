"""Find the shipped `content/` and `templates/` folders, from a source checkout or an installed wheel.

Every reader of content or templates goes through here, so the same code works in both layouts.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _root(name: str) -> Path:
    # A wheel carries the folders inside the package (see pyproject's force-include);
    # a source checkout (editable install) has them beside the package.
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"proofwork's {name}/ folder is missing from this installation")


def content_dir() -> Path:
    """The folder holding the curriculum as YAML and Markdown."""
    return _root("content")


def templates_dir() -> Path:
    """The folder holding the Jinja2 templates for every document the app writes."""
    return _root("templates")
