"""The curriculum as one read-only value: stages, the 90-day plan, competencies, layers, roles and the rest.

`load_catalog()` reads `content/`, validates every file and every cross-reference, and caches the result
for the shipped content folder, so screens can call it freely. Lookups raise `UserError` listing the valid
choices.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from curriculum.checks import ContentFiles, check_content
from curriculum.errors import UserError
from curriculum.loader import (
    ArtifactKindsFile,
    CompetenciesFile,
    FailurePatternsFile,
    LayersFile,
    ProjectsFile,
    RolesFile,
    load_evidence,
    load_file,
    load_plan,
    load_stages,
)
from curriculum.models import (
    ArtifactKind,
    Competency,
    EvidenceMap,
    EvidenceRule,
    Exercise,
    ExitCriterion,
    FailurePattern,
    Layer,
    MatrixRow,
    Month,
    Plan,
    ProjectBrief,
    Region,
    Ritual,
    Role,
    Salary,
    SalaryBand,
    Stage,
    Task,
    Week,
)
from curriculum.resources import content_dir
from curriculum.text import slug

Item = TypeVar("Item")

__all__ = [
    "ArtifactKind",
    "Catalog",
    "Competency",
    "EvidenceMap",
    "EvidenceRule",
    "Exercise",
    "ExitCriterion",
    "FailurePattern",
    "Layer",
    "MatrixRow",
    "Month",
    "Plan",
    "ProjectBrief",
    "Region",
    "Ritual",
    "Role",
    "Salary",
    "SalaryBand",
    "Stage",
    "Task",
    "Week",
    "clear_cache",
    "load_catalog",
]


class Catalog(BaseModel):
    """Everything in `content/`, checked and joined. Lists keep the order the content files give."""

    model_config = ConfigDict(frozen=True)

    stages: list[Stage]
    plan: Plan
    competencies: list[Competency]
    layers: list[Layer]
    roles: list[Role]
    decision_matrix: list[MatrixRow]
    project_briefs: list[ProjectBrief]
    failure_patterns: list[FailurePattern]
    artifact_kinds: list[ArtifactKind]
    salary_note: str
    regions: list[Region]
    evidence: EvidenceMap

    @property
    def competency_keys(self) -> list[str]:
        return [competency.key for competency in self.competencies]

    @cached_property
    def _tasks(self) -> dict[str, tuple[Week, Task]]:
        return {task.key: (week, task) for week in self.plan.weeks for task in week.tasks}

    @cached_property
    def _role_names(self) -> dict[str, Role]:
        return {slug(name): role for role in self.roles for name in (role.key, role.title, *role.aliases)}

    def stage(self, key: str) -> Stage:
        return _pick("stage", key, {stage.key: stage for stage in self.stages})

    def week(self, number: int) -> Week:
        if not 1 <= number <= len(self.plan.weeks):
            raise UserError(f"no week {number} in the plan (weeks run 1-{len(self.plan.weeks)})")
        return self.plan.weeks[number - 1]

    def competency(self, key: str) -> Competency:
        # Accept "Data handling" or "data-handling" as well as the key, as people type it.
        wanted = slug(key).replace("-", "_")
        return _pick("competency", wanted, {c.key: c for c in self.competencies}, shown=key)

    def role(self, name_or_key: str) -> Role:
        """A role by key, title or alias, any case or spacing: "AI Engineer", "ai engineer", "ai-engineer"."""
        found = self._role_names.get(slug(name_or_key))
        if found is None:
            choices = ", ".join(role.key for role in self.roles)
            raise UserError(f"unknown role '{name_or_key}' (choose from: {choices})")
        return found

    def task(self, key: str) -> tuple[Week, Task]:
        found = self._tasks.get(key.strip().lower())
        if found is None:
            raise UserError(f"unknown task '{key}' (task keys look like w03-retrieval-checks; see the week's list)")
        return found

    def layer(self, key: str) -> Layer:
        return _pick("layer", slug(key).replace("-", "_"), {layer.key: layer for layer in self.layers}, shown=key)

    def artifact_kind(self, key: str) -> ArtifactKind:
        return _pick("artifact kind", slug(key), {kind.key: kind for kind in self.artifact_kinds}, shown=key)

    def project_brief(self, key: str) -> ProjectBrief:
        return _pick("project brief", slug(key), {brief.key: brief for brief in self.project_briefs}, shown=key)

    def failure_pattern(self, key: str) -> FailurePattern:
        return _pick("failure pattern", slug(key), {p.key: p for p in self.failure_patterns}, shown=key)

    def region(self, key: str) -> Region:
        return _pick("region", slug(key), {region.key: region for region in self.regions}, shown=key)

    def exercise(self, ref: str) -> tuple[Stage, Exercise]:
        """A stage exercise by the `<stage>/<exercise>` reference week tasks use."""
        stage_key, _, key = ref.partition("/")
        stage = self.stage(stage_key)
        return stage, _pick(f"exercise of stage {stage.key}", key, {e.key: e for e in stage.exercises})


def _pick(what: str, key: str, items: dict[str, Item], shown: str | None = None) -> Item:
    if key in items:
        return items[key]
    raise UserError(f"unknown {what} '{shown or key}' (choose from: {', '.join(items)})")


_default_catalog: Catalog | None = None


def load_catalog(root: Path | None = None) -> Catalog:
    """Read and check the content under `root` (default: the shipped `content/`, cached after first use)."""
    global _default_catalog
    if root is None:
        if _default_catalog is None:
            _default_catalog = _read(content_dir())
        return _default_catalog
    return _read(Path(root))


def clear_cache() -> None:
    """Forget the cached default catalog (for tools that edit content while running)."""
    global _default_catalog
    _default_catalog = None


def _read(root: Path) -> Catalog:
    if not root.is_dir():
        raise UserError(f"content folder not found: {root}")
    files = ContentFiles(
        stages=load_stages(root),
        plan=load_plan(root),
        competencies=load_file(root, "competencies.yaml", CompetenciesFile),
        layers=load_file(root, "layers.yaml", LayersFile),
        roles=load_file(root, "roles.yaml", RolesFile),
        projects=load_file(root, "projects.yaml", ProjectsFile),
        patterns=load_file(root, "failure_patterns.yaml", FailurePatternsFile),
        kinds=load_file(root, "artifact_kinds.yaml", ArtifactKindsFile),
        evidence=load_evidence(root),
    )
    check_content(root, files)
    return Catalog(
        stages=files.stages.stages,
        plan=files.plan,
        competencies=files.competencies.competencies,
        layers=files.layers.layers,
        roles=files.roles.roles,
        decision_matrix=files.roles.decision_matrix,
        project_briefs=files.projects.projects,
        failure_patterns=files.patterns.patterns,
        artifact_kinds=files.kinds.kinds,
        salary_note=files.roles.salary_note,
        regions=files.roles.regions,
        evidence=files.evidence,
    )
