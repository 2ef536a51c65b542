"""Checks that span content files: numbering, unique keys and every cross-reference between files.

Each check raises one `UserError` line naming the file and the field that is wrong, like the per-file
validation in `curriculum.loader` does, e.g. `content/plan.yaml: weeks[2].stages[0]: unknown stage 'rag'`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from curriculum.loader import (
    ArtifactKindsFile,
    CompetenciesFile,
    FailurePatternsFile,
    LayersFile,
    ProjectsFile,
    RolesFile,
    StagesFile,
    content_error,
    field_path,
)
from curriculum.models import EvidenceMap, Plan, Stage
from curriculum.text import slug


@dataclass(frozen=True)
class ContentFiles:
    """The validated files, before they are joined into a `Catalog`."""

    stages: StagesFile
    plan: Plan
    competencies: CompetenciesFile
    layers: LayersFile
    roles: RolesFile
    projects: ProjectsFile
    patterns: FailurePatternsFile
    kinds: ArtifactKindsFile
    evidence: EvidenceMap


class _Checker:
    def __init__(self, root: Path) -> None:
        self.root = root

    def fail(self, relative: str, field: str, message: str) -> None:
        raise content_error(self.root, relative, field, message)

    def unique(self, relative: str, items: str, keys: Sequence[str], what: str = "key") -> None:
        seen: set[str] = set()
        for index, key in enumerate(keys):
            if key in seen:
                self.fail(relative, f"{items}[{index}].{what}", f"duplicate {what} '{key}'")
            seen.add(key)

    def numbered(self, relative: str, items: str, numbers: Sequence[int]) -> None:
        # Numbers run 1, 2, 3 ... in file order: the plan and the path are sequences a person reads top-down.
        for index, number in enumerate(numbers):
            if number != index + 1:
                self.fail(relative, f"{items}[{index}].number", f"expected {index + 1} (got {number})")

    def known(self, relative: str, field: str, values: Iterable[str], choices: Sequence[str], what: str) -> None:
        for index, value in enumerate(values):
            if value not in choices:
                self.fail(
                    relative,
                    f"{field}[{index}]",
                    f"unknown {what} '{value}' (known: {', '.join(choices)})",
                )


def check_content(root: Path, files: ContentFiles) -> None:
    """Raise the first problem found across the files, as one line naming file and field."""
    check = _Checker(root)
    kinds = [kind.key for kind in files.kinds.kinds]
    competencies = [c.key for c in files.competencies.competencies]
    check.unique("artifact_kinds.yaml", "kinds", kinds)
    check.unique("competencies.yaml", "competencies", competencies)
    stage_keys = _check_stages(check, files, competencies, kinds)
    _check_competency_stages(check, files, stage_keys)
    _check_plan(check, files.plan, files.stages.stages, kinds)
    _check_exit_proof(check, files.plan, files.stages.stages)
    layers = [layer.key for layer in files.layers.layers]
    check.unique("layers.yaml", "layers", layers)
    _check_roles(check, files.roles, competencies)
    check.unique("projects.yaml", "projects", [brief.key for brief in files.projects.projects])
    _check_patterns(check, files.patterns, kinds)
    _check_evidence(check, files.evidence, competencies, kinds, layers)


def _check_stages(check: _Checker, files: ContentFiles, competencies: list[str], kinds: list[str]) -> list[str]:
    stages = files.stages.stages
    keys = [stage.key for stage in stages]
    check.unique("stages.yaml", "stages", keys)
    check.numbered("stages.yaml", "stages", [stage.number for stage in stages])
    for index, stage in enumerate(stages):
        field = f"stages[{index}]"
        check.known("stages.yaml", f"{field}.competencies", stage.competencies, competencies, "competency")
        check.unique("stages.yaml", f"{field}.exercises", [exercise.key for exercise in stage.exercises])
        # Every exit is shown by an artifact, never claimed: the proof must be a kind a learner can file.
        proofs = [criterion.proof for criterion in stage.exit_criteria]
        for position, proof in enumerate(proofs):
            if proof not in kinds:
                check.fail(
                    "stages.yaml",
                    f"{field}.exit_criteria[{position}].proof",
                    f"unknown artifact kind '{proof}' (known: {', '.join(kinds)})",
                )
        exercise_hours = sum(exercise.hours for exercise in stage.exercises)
        if exercise_hours > stage.hours:
            check.fail(
                "stages.yaml", f"{field}.hours", f"{stage.hours} is less than its exercises' {exercise_hours:g} hours"
            )
    return keys


def _check_competency_stages(check: _Checker, files: ContentFiles, stage_keys: list[str]) -> None:
    # Both files say which stages raise which competency; they must agree, or screens would disagree too.
    for index, competency in enumerate(files.competencies.competencies):
        field = f"competencies[{index}].stages"
        check.known("competencies.yaml", field, competency.stages, stage_keys, "stage")
        raising = [s.key for s in files.stages.stages if competency.key in s.competencies]
        for stage in raising:
            if stage not in competency.stages:
                check.fail(
                    "competencies.yaml",
                    field,
                    f"missing '{stage}' (stages.yaml says that stage raises {competency.key})",
                )
        for position, stage in enumerate(competency.stages):
            if stage not in raising:
                check.fail(
                    "competencies.yaml",
                    f"{field}[{position}]",
                    f"stage '{stage}' does not list {competency.key} in stages.yaml",
                )


def _check_plan(check: _Checker, plan: Plan, stages: list[Stage], kinds: list[str]) -> None:
    relative = "plan.yaml"
    stage_keys = [stage.key for stage in stages]
    exercises = [f"{stage.key}/{exercise.key}" for stage in stages for exercise in stage.exercises]
    rituals = [ritual.key for ritual in plan.rituals]
    check.unique(relative, "rituals", rituals)
    check.numbered(relative, "months", [month.number for month in plan.months])
    check.numbered(relative, "weeks", [week.number for week in plan.weeks])
    if plan.length_days < plan.week_days:
        check.fail(relative, "length_days", f"shorter than the {len(plan.weeks)} weeks ({plan.week_days} days)")
    if plan.default_weekly_hours < plan.min_weekly_hours:
        check.fail(relative, "default_weekly_hours", f"below min_weekly_hours ({plan.min_weekly_hours:g})")
    previous_month = 1
    task_keys: set[str] = set()
    for index, week in enumerate(plan.weeks):
        field = f"weeks[{index}]"
        if not previous_month <= week.month <= len(plan.months):
            check.fail(relative, f"{field}.month", f"{week.month} is out of order or not in months")
        previous_month = week.month
        check.known(relative, f"{field}.stages", week.stages, stage_keys, "stage")
        check.known(relative, f"{field}.artifact_kinds", week.artifact_kinds, kinds, "artifact kind")
        prefix = f"w{week.number:02d}-"
        for position, task in enumerate(week.tasks):
            # Task keys are stored in learners' records: unique, and naming the week they belong to.
            if not task.key.startswith(prefix):
                check.fail(relative, f"{field}.tasks[{position}].key", f"'{task.key}' should start with '{prefix}'")
            if task.key in task_keys:
                check.fail(relative, f"{field}.tasks[{position}].key", f"duplicate task key '{task.key}'")
            task_keys.add(task.key)
            place = f"{field}.tasks[{position}]"
            if task.proof is not None and task.proof not in kinds:
                check.fail(relative, f"{place}.proof", f"unknown artifact kind '{task.proof}'")
            if task.ritual is not None and task.ritual not in rituals:
                check.fail(relative, f"{place}.ritual", f"unknown ritual '{task.ritual}' (known: {', '.join(rituals)})")
            check.known(relative, f"{place}.covers", task.covers, exercises, "stage exercise")
        # The plan promises that its smallest budget holds every week's core: otherwise "fits" would be a lie.
        if week.core_hours > plan.min_weekly_hours:
            check.fail(
                relative,
                f"{field}.tasks",
                f"core tasks take {week.core_hours:g} h, more than min_weekly_hours ({plan.min_weekly_hours:g})",
            )
        if not any(task.core and task.proof in week.artifact_kinds for task in week.tasks):
            check.fail(relative, f"{field}.tasks", "no core task yields one of the week's artifact_kinds")
    months_with_weeks = {week.month for week in plan.weeks}
    for index, month in enumerate(plan.months):
        if month.number not in months_with_weeks:
            check.fail(relative, f"months[{index}]", f"no week belongs to month {month.number}")


def _check_exit_proof(check: _Checker, plan: Plan, stages: list[Stage]) -> None:
    """Each stage exit must be something the plan asks for: a task in a week on that stage yields its kind."""
    for index, stage in enumerate(stages):
        yielded = {task.proof for week in plan.weeks if stage.key in week.stages for task in week.tasks}
        for position, criterion in enumerate(stage.exit_criteria):
            if criterion.proof not in yielded:
                check.fail(
                    "stages.yaml",
                    f"stages[{index}].exit_criteria[{position}].proof",
                    f"no task in a week on this stage yields '{criterion.proof}' (plan.yaml)",
                )


def _check_roles(check: _Checker, roles: RolesFile, competencies: list[str]) -> None:
    relative = "roles.yaml"
    keys = [role.key for role in roles.roles]
    check.unique(relative, "roles", keys)
    check.unique(relative, "regions", [region.key for region in roles.regions])
    names: dict[str, str] = {}
    for index, role in enumerate(roles.roles):
        # Every way of naming a role must point at exactly one role, or `Catalog.role()` would guess.
        for name in [role.key, role.title, *role.aliases]:
            owner = names.setdefault(slug(name), role.key)
            if owner != role.key:
                check.fail(relative, f"roles[{index}]", f"the name '{name}' also matches role '{owner}'")
        for competency in role.targets:
            if competency not in competencies:
                check.fail(relative, f"roles[{index}].targets.{competency}", "unknown competency")
        for competency in competencies:
            if competency not in role.targets:
                check.fail(relative, f"roles[{index}].targets", f"missing a level for {competency}")
        salary = role.salary
        for level in ("entry", "mid", "senior"):
            band = getattr(salary, level)
            if band is not None and band.low > band.high:
                check.fail(relative, f"roles[{index}].salary.{level}", "low is above high")
    for index, row in enumerate(roles.decision_matrix):
        check.known(relative, f"decision_matrix[{index}].roles", row.roles, keys, "role")


def _check_patterns(check: _Checker, patterns: FailurePatternsFile, kinds: list[str]) -> None:
    # Imported here: the rules import the plan calendar, which imports the models; not needed at module load.
    from curriculum.coach_rules import RULES

    relative = "failure_patterns.yaml"
    check.unique(relative, "patterns", [pattern.key for pattern in patterns.patterns])
    for index, pattern in enumerate(patterns.patterns):
        field = f"patterns[{index}]"
        registered = RULES.get(pattern.rule)
        if registered is None:
            check.fail(relative, f"{field}.rule", f"unknown coach rule '{pattern.rule}' (known: {', '.join(RULES)})")
            continue
        try:
            params = registered.params.model_validate(pattern.params)
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            message = first["msg"][:1].lower() + first["msg"][1:]
            check.fail(relative, f"{field}.params.{field_path(first['loc'])}", message)
            continue
        for name, value in params:
            if name.endswith("kinds"):
                check.known(relative, f"{field}.params.{name}", value, kinds, "artifact kind")


def _check_evidence(
    check: _Checker, evidence: EvidenceMap, competencies: list[str], kinds: list[str], layers: list[str]
) -> None:
    # Drill themes and grader dimensions live in files other loaders own; tests check those names.
    relative = "evidence.yaml"
    for kind, shown in evidence.kinds.items():
        if kind not in kinds:
            check.fail(relative, f"kinds.{kind}", "unknown artifact kind")
        check.known(relative, f"kinds.{kind}", shown, competencies, "competency")
    for layer, shown in evidence.layers.items():
        if layer not in layers:
            check.fail(relative, f"layers.{layer}", "unknown layer")
        check.known(relative, f"layers.{layer}", shown, competencies, "competency")
    check.known(relative, "job_search", evidence.job_search, kinds, "artifact kind")
    for section in ("metrics", "grader_dimensions", "drill_themes"):
        mapping: dict[str, list[str]] = getattr(evidence, section)
        for competency in mapping:
            if competency not in competencies:
                check.fail(relative, f"{section}.{competency}", "unknown competency")
    for competency in competencies:
        if competency not in evidence.drill_themes:
            check.fail(relative, "drill_themes", f"missing {competency}")
        if competency not in evidence.grader_dimensions:
            check.fail(relative, "grader_dimensions", f"missing {competency} (an empty list says no dimension)")
