"""Read the content files and validate each against its model; every failure becomes one `UserError` line.

The line names the file (as `content/plan.yaml`) and the field (as `weeks[2].tasks[0].key`): the format of
`curriculum.yaml_models`, which does the reading and validating.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import Field

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
from curriculum.yaml_models import Model, file_error, read_mapping
from curriculum.yaml_models import validate as validate_model


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
    return file_error(display_path(root, relative), field, message)


def read_yaml(root: Path, relative: str) -> dict[str, Any]:
    """Parse one content file whose top level must be a mapping."""
    return read_mapping(root / relative, display_path(root, relative))


def validate(root: Path, relative: str, model: type[Model], data: Mapping[str, Any]) -> Model:
    return validate_model(model, data, display_path(root, relative))


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
