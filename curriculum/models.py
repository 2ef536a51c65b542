"""The shapes of the curriculum content, one pydantic model per thing a learner meets.

Every model is frozen (content is read-only at run time) and forbids unknown keys, so a typo in a YAML field
name fails loudly at load instead of silently dropping data. Checks that span files (a week naming a stage)
live in `curriculum.checks`, not here, so each error can name the file and the field it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from curriculum.text import whole_words

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
SnakeKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")]
TaskKey = Annotated[str, StringConstraints(pattern=r"^w\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")]
Level = Annotated[int, Field(ge=1, le=5)]
TextList = Annotated[list[Text], Field(min_length=1)]
# Estimated hours of focused work: half-hour steps read honestly ("about 2.5 h"), finer ones pretend precision.
Hours = Annotated[float, Field(gt=0, le=40, multiple_of=0.5)]
# A stage exercise as a task names it: `<stage key>/<exercise key>`.
ExerciseRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")]


class ContentModel(BaseModel):
    """Base for every content model: read-only, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Exercise(ContentModel):
    """A stage exercise; week tasks that work through it name it as `<stage>/<key>`."""

    key: Slug
    title: Text
    brief: Text
    hours: Hours


class ExitCriterion(ContentModel):
    """What a learner can show at the end of a stage, and the kind of artifact that shows it (no self-claims)."""

    text: Text
    proof: Slug


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
    exit_criteria: Annotated[list[ExitCriterion], Field(min_length=1)]
    proof_artifact: Text
    hours: Annotated[int, Field(ge=1, le=200)]
    competencies: TextList
    prose: Text


class Task(ContentModel):
    """A concrete job inside a week; `key` is stable because the learner's task states refer to it.

    `hours` is the estimate the weekly budget is spent against. A `core` task is one the week cannot close
    without: it is always required, whatever the budget; the others are required in listed order while the
    budget lasts, and stretch after (see `curriculum.workload`). `proof` is the artifact kind the task yields,
    `covers` the stage exercises it works through, `ritual` the recurring habit it is an instance of.
    """

    key: TaskKey
    title: Text
    detail: Text
    hours: Hours
    core: bool = False
    proof: Slug | None = None
    covers: list[ExerciseRef] = Field(default_factory=list)
    ritual: Slug | None = None


class Week(ContentModel):
    number: Annotated[int, Field(ge=1)]
    title: Text
    objective: Text
    proof_artifact: Text
    artifact_kinds: TextList
    tasks: Annotated[list[Task], Field(min_length=3, max_length=8)]
    stages: TextList
    month: Annotated[int, Field(ge=1)]

    @property
    def core_hours(self) -> float:
        return sum(task.hours for task in self.tasks if task.core)


class Month(ContentModel):
    number: Annotated[int, Field(ge=1)]
    title: Text
    objective: Text
    proof_artifact: Text


class Ritual(ContentModel):
    """A habit the plan repeats (monthly re-assessment, fortnightly peer review): its tasks get reminders.

    `ticked_by: assessment` means taking the self-assessment during the task's week marks the task done.
    """

    key: Slug
    title: Text
    why: Text
    ticked_by: Literal["assessment"] | None = None


class Plan(ContentModel):
    """The 90-day plan: twelve weeks of seven days, then the final days (85-90) that close it.

    `min_weekly_hours` is the smallest budget the plan is built for: every week's core tasks fit in it.
    `default_weekly_hours` is the budget assumed when no profile says otherwise.
    """

    length_days: Annotated[int, Field(ge=1)] = 90
    min_weekly_hours: Hours
    default_weekly_hours: Hours
    rituals: list[Ritual] = Field(default_factory=list)
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


class Region(ContentModel):
    """A market whose pay runs a share below the US bands: `lower` is the range in percent, e.g. [30, 50]."""

    key: Slug
    title: Text
    lower: Annotated[list[Annotated[int, Field(ge=0, le=95)]], Field(min_length=2, max_length=2)]

    def adjust(self, band: SalaryBand) -> SalaryBand:
        """The band in this market: the low end drops by the most, the high end by the least."""
        least, most = sorted(self.lower)
        return SalaryBand(
            low=max(1, round(band.low * (100 - most) / 100)),
            high=max(1, round(band.high * (100 - least) / 100)),
            plus_equity=band.plus_equity,
        )


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


@dataclass(frozen=True)
class EvidenceRule:
    """Where one competency shows in a record, gathered from `content/evidence.yaml`: the artifact kinds that
    show it, the words that make a metric show it, the decision layers that argue it, the grader dimensions
    that measure it in code, and the drill themes that test it."""

    artifact_kinds: list[str]
    metric_words: list[str]
    decision_layers: list[str]
    grader_dimensions: list[str]
    drill_themes: list[str]

    def shown_by_metric(self, name: str) -> bool:
        """A metric name shows the competency when it holds one of the words as whole words, any case."""
        lowered = name.lower()
        return any(whole_words(word).search(lowered) for word in self.metric_words)


class ArtifactLevel(ContentModel):
    """The level a count of artifacts shows: at least `artifacts` of them, `measured` with a before-and-after."""

    level: Annotated[int, Field(ge=2, le=5)]
    artifacts: Annotated[int, Field(ge=1)]
    measured: Annotated[int, Field(ge=0)] = 0


class CalibrationRules(ContentModel):
    """How evidence turns into a level 1-5, and how far a self-rating may stray from it before a nudge."""

    score_levels: Annotated[list[Annotated[int, Field(ge=1, le=100)]], Field(min_length=4, max_length=4)]
    artifact_levels: Annotated[list[ArtifactLevel], Field(min_length=1)]
    recent_drills: Annotated[int, Field(ge=1)]
    disagreement: Annotated[int, Field(ge=1, le=4)]

    @model_validator(mode="after")
    def _ordered(self) -> CalibrationRules:
        if self.score_levels != sorted(set(self.score_levels)):
            raise ValueError("score_levels must rise strictly (the scores where levels 2, 3, 4 and 5 begin)")
        levels = [rule.level for rule in self.artifact_levels]
        if levels != sorted(set(levels)):
            raise ValueError("artifact_levels must list each level once, lowest first")
        return self

    def score_level(self, score: float) -> int:
        """The level a 0-100 score shows: 1 below the first threshold, 5 at or above the last."""
        return 1 + sum(1 for threshold in self.score_levels if score >= threshold)


class EvidenceMap(ContentModel):
    """`content/evidence.yaml`, the one competency <-> evidence mapping: what each artifact kind shows, the
    metric words and decision layers per competency, the kinds that are about the job search itself, and for
    the calibration the grader dimensions, drill themes and level rules. `rule(key)` gathers one competency."""

    kinds: dict[Slug, list[SnakeKey]]
    metrics: dict[SnakeKey, list[Text]]
    layers: dict[SnakeKey, list[SnakeKey]]
    job_search: list[Slug] = Field(default_factory=list)
    grader_dimensions: dict[SnakeKey, list[SnakeKey]]
    drill_themes: dict[SnakeKey, list[Slug]]
    calibration: CalibrationRules

    def rule(self, competency: str) -> EvidenceRule:
        return EvidenceRule(
            artifact_kinds=[kind for kind, shown in self.kinds.items() if competency in shown],
            metric_words=list(self.metrics.get(competency, [])),
            decision_layers=[layer for layer, shown in self.layers.items() if competency in shown],
            grader_dimensions=list(self.grader_dimensions.get(competency, [])),
            drill_themes=list(self.drill_themes.get(competency, [])),
        )
