"""Read the content files and validate each against its model; every failure becomes one `UserError` line.

The line names the file (as `content/plan.yaml`) and the field (as `weeks[2].tasks[0].key`), so a person
editing the YAML can go straight to the mistake. Only the first problem is reported: fixing files one error at
a time is the usual editing loop, and a wall of follow-on errors hides the cause.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, Field, ValidationError

from curriculum.errors import UserError
from curriculum.models import (
    ArtifactKind,
    Competency,
    ContentModel,
    EvidenceMap,
    FailurePattern,
    Layer,
    MatrixRow,
    Plan,
    ProjectBrief,
    Region,
    Role,
    Stage,
    Text,
)

# The C loader parses YAML several times faster than the pure-Python one; fall back when libyaml is absent.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Model = TypeVar("Model", bound=BaseModel)


class StagesFile(ContentModel):
    stages: list[Stage] = Field(min_length=1)


class CompetenciesFile(ContentModel):
    competencies: list[Competency] = Field(min_length=1)


class LayersFile(ContentModel):
    layers: list[Layer] = Field(min_length=1)


class RolesFile(ContentModel):
    salary_note: Text
    regions: list[Region] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)
    decision_matrix: list[MatrixRow] = Field(min_length=1)


class ProjectsFile(ContentModel):
    projects: list[ProjectBrief] = Field(min_length=1)


class FailurePatternsFile(ContentModel):
    patterns: list[FailurePattern] = Field(min_length=1)


class ArtifactKindsFile(ContentModel):
    kinds: list[ArtifactKind] = Field(min_length=1)


def display_path(root: Path, relative: str) -> str:
    """How a content file is named in messages: `content/plan.yaml`, wherever the folder really is."""
    return f"{root.name}/{relative}"


def content_error(root: Path, relative: str, field: str | None, message: str) -> UserError:
    """One line: `content/plan.yaml: weeks[2].stages[0]: unknown stage 'x'`."""
    where = display_path(root, relative)
    return UserError(f"{where}: {field}: {message}" if field else f"{where}: {message}")


def field_path(loc: Sequence[int | str]) -> str:
    """Turn a pydantic error location into the dotted form a person reads: `weeks[2].tasks[0].key`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _first_line_message(message: str) -> str:
    # Pydantic capitalises its messages ("Field required"); the line reads better in lower case after a colon.
    message = message.splitlines()[0] if message else "invalid value"
    message = message.removeprefix("Value error, ")
    return message[:1].lower() + message[1:]


def read_yaml(root: Path, relative: str) -> dict[str, Any]:
    """Parse one YAML file whose top level must be a mapping."""
    path = root / relative
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise content_error(root, relative, None, "file missing") from None
    except (OSError, UnicodeDecodeError) as error:
        raise content_error(root, relative, None, f"unreadable ({error})") from None
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "could not parse"
        place = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise content_error(root, relative, None, f"invalid YAML{place}: {problem}") from None
    if not isinstance(data, dict):
        raise content_error(root, relative, None, "expected a mapping of keys at the top level")
    return data


def validate(root: Path, relative: str, model: type[Model], data: Mapping[str, Any]) -> Model:
    """Validate parsed YAML against `model`, reporting the first error as one line naming file and field."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        raise content_error(
            root, relative, field_path(first["loc"]) or None, _first_line_message(first["msg"])
        ) from None


def load_file(root: Path, relative: str, model: type[Model]) -> Model:
    return validate(root, relative, model, read_yaml(root, relative))


def load_stages(root: Path) -> StagesFile:
    """Stages come from `stages.yaml` plus one Markdown page each, read here so the model holds its prose."""
    data = read_yaml(root, "stages.yaml")
    entries = data.get("stages")
    if isinstance(entries, list):
        data = {**data, "stages": [_with_prose(root, entry) for entry in entries]}
    return validate(root, "stages.yaml", StagesFile, data)


def _with_prose(root: Path, entry: Any) -> Any:
    # Entries that are malformed or already carry prose go through untouched: validation reports them.
    if not isinstance(entry, dict) or "prose" in entry or not isinstance(entry.get("key"), str):
        return entry
    relative = f"stages/{entry['key']}.md"
    try:
        prose = (root / relative).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise content_error(root, relative, None, f"file missing (the page for stage '{entry['key']}')") from None
    except (OSError, UnicodeDecodeError) as error:
        raise content_error(root, relative, None, f"unreadable ({error})") from None
    return {**entry, "prose": prose}


def load_plan(root: Path) -> Plan:
    return load_file(root, "plan.yaml", Plan)


def load_evidence(root: Path) -> EvidenceMap:
    return load_file(root, "evidence.yaml", EvidenceMap)
