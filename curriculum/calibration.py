"""Calibrated self-assessment: each self-rating beside the evidence in the record, and a nudge when they part. Pure.

The mapping (which artifact kinds, metric words, grader dimensions and drill themes show each competency) and
the thresholds are data in `content/evidence.yaml`. Three sources, each turned into a level 1-5 or left out:
- artifacts: those of the competency's kinds, or whose metric names contain one of its words, counted against
  `artifact_levels` (a measured artifact has a metric with a baseline). Having none counts as level 1 only once
  the plan has asked for such an artifact (the end of the first week whose proof or tasks yield one of the kinds):
  before that, an empty record says nothing yet.
- grades: for each graded repository, the latest grade's mean over the competency's dimensions that were
  assessed; the best repository counts. Left out for competencies no grader dimension measures.
- drills: the average of the latest `recent_drills` attempts on the competency's themes.

The evidence level is the strongest of the three: a nudge says the evidence *at best* shows that level, so it
never accuses a learner whom one source backs. A self-rating `disagreement` levels or more away from it (above
or below) gets a nudge naming the numbers behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from curriculum.catalog import Catalog
from curriculum.models import EvidenceMap, EvidenceRule
from curriculum.plan import PlanPosition


@dataclass(frozen=True)
class ArtifactFact:
    title: str
    kind: str
    metric_names: list[str] = field(default_factory=list)
    measured: bool = False  # at least one metric with a baseline


@dataclass(frozen=True)
class GradeFact:
    """The latest grade of one repository: dimension -> score (None when the grader could not assess it)."""

    source: str
    scores: dict[str, float | None]


@dataclass(frozen=True)
class DrillFact:
    theme: str
    score: int
    at: datetime


@dataclass(frozen=True)
class EvidenceFacts:
    position: PlanPosition
    artifacts: list[ArtifactFact] = field(default_factory=list)
    grades: list[GradeFact] = field(default_factory=list)
    drills: list[DrillFact] = field(default_factory=list)


@dataclass(frozen=True)
class SourceLevel:
    """One source's reading: the level it shows (None when it says nothing yet) and why, in words."""

    level: int | None
    detail: str


@dataclass(frozen=True)
class CompetencyCheck:
    competency: str
    title: str
    self_rating: int
    evidence_level: int | None
    artifacts: SourceLevel
    grades: SourceLevel
    drills: SourceLevel
    nudge: str | None

    @property
    def disagrees(self) -> bool:
        return self.nudge is not None


@dataclass(frozen=True)
class Calibration:
    checks: list[CompetencyCheck]

    @property
    def nudges(self) -> list[str]:
        return [check.nudge for check in self.checks if check.nudge]

    def check(self, competency: str) -> CompetencyCheck:
        return next(check for check in self.checks if check.competency == competency)

    def to_dict(self) -> dict[str, Any]:
        """Keyed by competency, for `--json`: {self, evidence, disagrees, nudge, sources{...}}."""
        return {
            check.competency: {
                "title": check.title,
                "self": check.self_rating,
                "evidence": check.evidence_level,
                "disagrees": check.disagrees,
                "nudge": check.nudge,
                "sources": {
                    "artifacts": asdict(check.artifacts),
                    "grades": asdict(check.grades),
                    "drills": asdict(check.drills),
                },
            }
            for check in self.checks
        }


def calibrate(scores: dict[str, int], facts: EvidenceFacts, catalog: Catalog) -> Calibration:
    """Set every self-rating in `scores` beside the evidence in `facts`."""
    evidence = catalog.evidence
    checks = []
    for competency in catalog.competencies:
        if competency.key not in scores:
            continue
        rule = evidence.rule(competency.key)
        artifacts = _artifact_level(rule, facts, evidence, catalog)
        grades = _grade_level(rule, facts.grades, evidence)
        drills = _drill_level(rule, facts.drills, evidence)
        levels = [source.level for source in (artifacts, grades, drills) if source.level is not None]
        level = max(levels) if levels else None
        rating = scores[competency.key]
        nudge = None
        if level is not None and abs(rating - level) >= evidence.calibration.disagreement:
            nudge = _nudge(competency.title, rating, level, (artifacts, grades, drills), rule, catalog)
        checks.append(
            CompetencyCheck(competency.key, competency.title, rating, level, artifacts, grades, drills, nudge)
        )
    return Calibration(checks)


def _shows(artifact: ArtifactFact, rule: EvidenceRule) -> bool:
    return artifact.kind in rule.artifact_kinds or any(rule.shown_by_metric(name) for name in artifact.metric_names)


def first_week_asking(rule: EvidenceRule, catalog: Catalog) -> int | None:
    """The first plan week with a task that yields one of the competency's artifact kinds."""
    wanted = set(rule.artifact_kinds)
    for week in catalog.plan.weeks:
        if any(task.proof in wanted for task in week.tasks):
            return week.number
    return None


def _artifact_level(rule: EvidenceRule, facts: EvidenceFacts, evidence: EvidenceMap, catalog: Catalog) -> SourceLevel:
    shown = [artifact for artifact in facts.artifacts if _shows(artifact, rule)]
    if not shown:
        asked = first_week_asking(rule, catalog)
        position = facts.position
        past = position.phase == "finished" or (
            asked is not None and position.week is not None and position.week > asked
        )
        if not past:
            when = f"week {asked} asks for one" if asked else "the plan asks for none"
            return SourceLevel(None, f"no artifact yet; {when}")
        return SourceLevel(1, f"no {_kind_titles(rule, catalog)} filed, though week {asked} asked for one")
    measured = sum(1 for artifact in shown if artifact.measured)
    level = 1
    for row in evidence.calibration.artifact_levels:
        if len(shown) >= row.artifacts and measured >= row.measured:
            level = row.level
    noun = "artifact" if len(shown) == 1 else "artifacts"
    return SourceLevel(level, f"{len(shown)} {noun} ({measured} with a before-and-after metric)")


def _grade_level(rule: EvidenceRule, grades: Sequence[GradeFact], evidence: EvidenceMap) -> SourceLevel:
    if not rule.grader_dimensions:
        return SourceLevel(None, "no grader dimension measures this")
    best: tuple[float, str] | None = None
    for grade in grades:
        assessed = [grade.scores[d] for d in rule.grader_dimensions if grade.scores.get(d) is not None]
        if not assessed:
            continue
        mean = sum(float(score) for score in assessed if score is not None) / len(assessed)
        if best is None or mean > best[0]:
            best = (mean, grade.source)
    dimensions = ", ".join(rule.grader_dimensions)
    if best is None:
        return SourceLevel(None, f"no graded repository assessed on {dimensions}")
    score, source = best
    return SourceLevel(
        evidence.calibration.score_level(score), f"best repository {source} grades {score:.0f}/100 on {dimensions}"
    )


def _drill_level(rule: EvidenceRule, drills: Sequence[DrillFact], evidence: EvidenceMap) -> SourceLevel:
    attempts = sorted((d for d in drills if d.theme in rule.drill_themes), key=lambda d: d.at)
    themes = ", ".join(rule.drill_themes)
    if not attempts:
        return SourceLevel(None, f"no drill on {themes} yet")
    recent = attempts[-evidence.calibration.recent_drills :]
    average = sum(d.score for d in recent) / len(recent)
    noun = "attempt" if len(recent) == 1 else "attempts"
    return SourceLevel(
        evidence.calibration.score_level(average),
        f"drills on {themes} average {average:.0f}/100 over the last {len(recent)} {noun}",
    )


def _in_sentence(title: str) -> str:
    # "Eval report" reads "eval report" mid-sentence; "MCP server" keeps its capitals.
    return title if title[1:2].isupper() else title[:1].lower() + title[1:]


def _kind_titles(rule: EvidenceRule, catalog: Catalog) -> str:
    titles = [_in_sentence(catalog.artifact_kind(kind).title) for kind in rule.artifact_kinds]
    if not titles:
        return "no artifact kind"
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " or " + titles[-1]


def _nudge(
    title: str, rating: int, level: int, sources: Sequence[SourceLevel], rule: EvidenceRule, catalog: Catalog
) -> str:
    because = "; ".join(source.detail for source in sources if source.level is not None)
    if rating > level:
        return (
            f"You rate {title} {rating}/5, but the evidence shows {level} at best ({because}). "
            f"File proof of level {rating} ({_kind_titles(rule, catalog)}, with a before-and-after number) "
            "or lower the rating."
        )
    return (
        f"You rate {title} {rating}/5, but the evidence shows {level} ({because}). "
        f"Rate it higher: your focus belongs on what you really lack."
    )
