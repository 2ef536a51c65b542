"""The shapes of the curriculum content, one pydantic model per thing a learner meets.

Every model is frozen (content is read-only at run time) and forbids unknown keys, so a typo in a YAML field
name fails loudly at load instead of silently dropping data. Checks that span files (a week naming a stage)
live in `curriculum.checks`, not here, so each error can name the file and the field it came from.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
SnakeKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")]
TaskKey = Annotated[str, StringConstraints(pattern=r"^w\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")]
Level = Annotated[int, Field(ge=1, le=5)]
TextList = Annotated[list[Text], Field(min_length=1)]


class ContentModel(BaseModel):
    """Base for every content model: read-only, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Exercise(ContentModel):
    title: Text
    brief: Text


class Stage(ContentModel):
    """One of the ten stages of the learning path, with its page of prose from `content/stages/<key>.md`."""

    key: Slug
    number: Annotated[int, Field(ge=1)]
    title: Text
    goal: Text
    concepts: TextList
    must_learn: TextList
    nice_to_learn: TextList
    exercises: Annotated[list[Exercise], Field(min_length=2)]
    exit_criteria: TextList
    proof_artifact: Text
    hours: Annotated[int, Field(ge=1, le=200)]
    competencies: TextList
    prose: Text


class Task(ContentModel):
    """A concrete job inside a week; `key` is stable because the learner's task states refer to it."""

    key: TaskKey
    title: Text
    detail: Text


class Week(ContentModel):
    number: Annotated[int, Field(ge=1)]
    title: Text
    objective: Text
    proof_artifact: Text
    artifact_kinds: TextList
    tasks: Annotated[list[Task], Field(min_length=3, max_length=6)]
    stages: TextList
    month: Annotated[int, Field(ge=1)]


class Month(ContentModel):
    number: Annotated[int, Field(ge=1)]
    title: Text
    objective: Text
    proof_artifact: Text


class Plan(ContentModel):
    """The 90-day plan: twelve weeks of seven days, then the final days (85-90) that close it."""

    length_days: Annotated[int, Field(ge=1)] = 90
    months: Annotated[list[Month], Field(min_length=1)]
    weeks: Annotated[list[Week], Field(min_length=1)]
    final_days: Text

    @property
    def week_days(self) -> int:
        """Days covered by whole weeks (84 for twelve); the rest up to `length_days` are the final days."""
        return 7 * len(self.weeks)


class ArtifactKind(ContentModel):
    """A kind of shipped proof (eval report, dashboard, case study...) that an artifact is filed under."""

    key: Slug
    title: Text
    description: Text


class Competency(ContentModel):
    key: SnakeKey
    title: Text
    description: Text
    prompt_engineer_start: Text
    ai_engineer_upgrade: Text
    levels: dict[int, Text]
    stages: TextList

    @field_validator("levels")
    @classmethod
    def _levels_one_to_five(cls, levels: dict[int, str]) -> dict[int, str]:
        if sorted(levels) != [1, 2, 3, 4, 5]:
            raise ValueError(f"needs exactly the levels 1, 2, 3, 4, 5 (got {sorted(levels)})")
        return levels


class Layer(ContentModel):
    """A responsibility layer: a place in a project where a decision must be made, measured and defended."""

    key: SnakeKey
    title: Text
    decisions: TextList
    failure_if_ignored: Text
    example_metrics: TextList


class SalaryBand(ContentModel):
    """A yearly base-salary range in thousands of US dollars."""

    low: Annotated[int, Field(ge=1)]
    high: Annotated[int, Field(ge=1)]
    plus_equity: bool = False

    def __str__(self) -> str:
        text = f"${self.low}K-${self.high}K"
        return f"{text} + equity" if self.plus_equity else text


class Salary(ContentModel):
    entry: SalaryBand | None = None
    mid: SalaryBand | None = None
    senior: SalaryBand | None = None
    notes: Text
    year: Text
    sources: TextList


class Role(ContentModel):
    key: Slug
    title: Text
    aliases: list[Text] = Field(default_factory=list)
    status: Text
    focus: Text
    key_skills: TextList
    salary: Salary
    targets: dict[str, Level]


class MatrixRow(ContentModel):
    """One row of the career decision matrix: a starting profile and the roles it leads to best."""

    profile: Text
    roles: TextList
    timeline: Text


class ProjectBrief(ContentModel):
    key: Slug
    title: Text
    also_known_as: list[Text] = Field(default_factory=list)
    summary: Text
    proves: Text
    evidence: TextList
    stack: TextList


class FailurePattern(ContentModel):
    """A known way transitions stall; `rule` names the coach rule that spots it, `params` its thresholds."""

    key: Slug
    title: Text
    why: Text
    correction: Text
    rule: SnakeKey
    params: dict[str, Any] = Field(default_factory=dict)
