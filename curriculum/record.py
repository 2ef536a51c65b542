"""The facts about a learner's record that the coach rules judge. The tracker builds them; no database here.

Kept apart from the rules so the tracker can import the shapes without pulling in rule logic, and so
`curriculum.catalog` can look up rule parameters without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from curriculum.plan import PlanPosition


@dataclass(frozen=True)
class ArtifactFacts:
    """One shipped artifact: plan week, kind slug, whether it links to proof, and how well it is measured."""

    week: int
    kind: str
    has_link: bool
    metric_count: int
    metrics_with_baseline: int
    created_on: date
    project: str | None = None


@dataclass(frozen=True)
class ProjectFacts:
    name: str
    created_on: date
    has_repo: bool
    artifact_count: int
    decision_count: int


@dataclass(frozen=True)
class RecordSummary:
    """Everything the coach needs, as plain values. `drill_average` is on the drill rubric's 0-100 scale."""

    today: date
    position: PlanPosition
    artifacts: list[ArtifactFacts] = field(default_factory=list)
    log_days: set[date] = field(default_factory=set)
    minutes_last_14: int = 0
    projects: list[ProjectFacts] = field(default_factory=list)
    stories: int = 0
    stories_with_proof: int = 0
    drill_attempts: int = 0
    drill_average: float | None = None


@dataclass(frozen=True)
class Nudge:
    """A failure pattern seen in the record: `message` cites the record's numbers, `correction` the fix."""

    pattern: str
    title: str
    message: str
    correction: str
