"""Question templates keyed by a grade finding's dimension and outcome, read from `content/drills/findings/`.

The table is content, not code: a new probe gets an interview question by adding a template, not a branch.
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from curriculum.drills import KeyPoint, Outline, bank_dir, load_bank
from curriculum.yaml_models import file_error, load_model

PLACEHOLDERS = frozenset({"where", "path", "title", "dimension"})
ANY_DIMENSION = "*"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


class FindingTemplate(BaseModel):
    """An interview question for findings of one dimension and outcome, optionally narrowed by probe words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Slug
    dimension: Annotated[str, StringConstraints(pattern=r"^(?:\*|[a-z0-9]+(?:-[a-z0-9]+)*)$")]
    outcome: Literal["failed", "passed"]
    probe: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+$")]] = Field(default_factory=list)
    theme: Slug
    prompt: Text
    tests: Text
    outline: Outline
    key_points: list[KeyPoint] = Field(min_length=4, max_length=8)
    pitfalls: list[Text] = Field(min_length=1)


class _TemplateFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    templates: list[FindingTemplate] = Field(min_length=1)


def templates_path() -> Path:
    return bank_dir() / "findings" / "templates.yaml"


@cache
def load_templates() -> tuple[FindingTemplate, ...]:
    """The shipped templates, validated once per process."""
    return read_templates(templates_path())


def read_templates(path: Path) -> tuple[FindingTemplate, ...]:
    """Read and check a template file; any problem is a one-line `UserError` naming the file and field."""
    templates = load_model(path, _TemplateFile).templates
    themes = {theme.key for theme in load_bank().themes}
    seen: set[str] = set()
    for index, template in enumerate(templates):
        where = f"templates[{index}]"
        if template.key in seen:
            raise file_error(str(path), f"{where}.key", f"{template.key!r} is used twice")
        seen.add(template.key)
        if template.theme not in themes:
            known = ", ".join(sorted(themes))
            raise file_error(str(path), f"{where}.theme", f"{template.theme!r} is not a drill theme ({known})")
        unknown = _placeholders(template.prompt) - PLACEHOLDERS
        if unknown:
            raise file_error(str(path), f"{where}.prompt", f"unknown placeholder {{{sorted(unknown)[0]}}}")
    return tuple(templates)


def _placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:  # a lone "{" or "}"
        return {"(unbalanced brace)"}
