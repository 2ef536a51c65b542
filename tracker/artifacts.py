"""Weekly artifacts, the shipped proof, and the metrics that make each one believable."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from curriculum.catalog import load_catalog
from curriculum.errors import UserError
from tracker.inputs import MetricText, check_plan_day, parse_week
from tracker.models import Artifact, ArtifactMetric, Learner
from tracker.projects import find_project


@dataclass(frozen=True)
class ArtifactInput:
    week: int
    kind: str
    title: str
    shipped_on: date
    link: str = ""
    description: str = ""
    stage: str = ""
    project: str | None = None
    metrics: list[MetricText] = field(default_factory=list)


def add_artifact(session: Session, learner: Learner, entry: ArtifactInput, *, today: date | None = None) -> Artifact:
    artifact = Artifact(learner_id=learner.id)
    _fill(session, learner, artifact, entry, today)
    session.add(artifact)
    session.flush()
    return artifact


def update_artifact(
    session: Session, learner: Learner, artifact_id: int, entry: ArtifactInput, *, today: date | None = None
) -> Artifact:
    """Replace an artifact's fields and metrics with `entry`, checked exactly as when it was added."""
    artifact = get_artifact(session, learner, artifact_id)
    _fill(session, learner, artifact, entry, today)
    session.flush()
    return artifact


def get_artifact(session: Session, learner: Learner, artifact_id: int) -> Artifact:
    query = (
        select(Artifact)
        .where(Artifact.learner_id == learner.id, Artifact.id == artifact_id)
        .options(selectinload(Artifact.metrics), selectinload(Artifact.project))
    )
    artifact = session.scalar(query)
    if artifact is None:
        raise UserError(f"no artifact #{artifact_id} in {learner.name}'s record")
    return artifact


def _fill(session: Session, learner: Learner, artifact: Artifact, entry: ArtifactInput, today: date | None) -> None:
    # Every check runs before the first field changes, so a refused edit leaves the row as it was.
    week = parse_week(entry.week)
    if not entry.kind.strip():
        raise UserError("--kind must name what the artifact is, e.g. eval-report, dashboard, case-study")
    kind = load_catalog().artifact_kind(entry.kind).key  # a typo would hide the week's proof
    if not entry.title.strip():
        raise UserError("--title must not be empty")
    if entry.title.strip().isdigit():
        raise UserError(f"the title {entry.title.strip()!r} is only a number: say what the artifact is")
    check_plan_day(entry.shipped_on, learner.start_date, today, "the shipping date")
    link = entry.link.strip()
    if link and not link.startswith(("http://", "https://", "/", "./", "../")):
        raise UserError(f"--link {link!r} is neither a URL (https://...) nor a path")
    stage = entry.stage.strip()
    if stage:
        load_catalog().stage(stage)
    project = find_project(session, learner, entry.project) if entry.project else None
    artifact.project = project
    artifact.week = week
    artifact.stage = stage or _default_stage(week)
    artifact.kind = kind
    artifact.title = entry.title.strip()
    artifact.link = link
    artifact.description = entry.description.strip()
    artifact.shipped_on = entry.shipped_on
    artifact.metrics = [
        ArtifactMetric(name=m.name, baseline=m.baseline, result=m.result, unit=m.unit) for m in entry.metrics
    ]


def _default_stage(week: int) -> str:
    stages = load_catalog().week(week).stages
    return stages[0] if stages else ""


def list_artifacts(session: Session, learner: Learner, week: int | None = None) -> list[Artifact]:
    query = (
        select(Artifact)
        .where(Artifact.learner_id == learner.id)
        .options(selectinload(Artifact.metrics), selectinload(Artifact.project))
        .order_by(Artifact.week, Artifact.shipped_on, Artifact.id)
    )
    if week is not None:
        query = query.where(Artifact.week == parse_week(week))
    return list(session.scalars(query))


# -- what the Work screen shows and `artifact list --json` prints ----------------------------------------
# Frozen listings built inside the session: screens read typed fields (a renamed one fails in mypy), and
# `to_dict()` is the --json output field for field, in order (tests/tui/test_work_json.py pins the bytes).


@dataclass(frozen=True)
class MetricListing:
    name: str
    baseline: float | None  # None: a result with nothing to compare it to
    result: float
    unit: str

    @classmethod
    def of(cls, metric: ArtifactMetric) -> MetricListing:
        return cls(metric.name, metric.baseline, metric.result, metric.unit)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "baseline": self.baseline, "result": self.result, "unit": self.unit}


@dataclass(frozen=True)
class ArtifactListing:
    id: int
    week: int
    stage: str
    kind: str
    title: str
    link: str
    description: str
    project: str | None  # the project's name
    shipped_on: str  # ISO date
    metrics: tuple[MetricListing, ...]

    @classmethod
    def of(cls, artifact: Artifact) -> ArtifactListing:
        return cls(
            id=artifact.id,
            week=artifact.week,
            stage=artifact.stage,
            kind=artifact.kind,
            title=artifact.title,
            link=artifact.link,
            description=artifact.description,
            project=artifact.project.name if artifact.project else None,
            shipped_on=artifact.shipped_on.isoformat(),
            metrics=tuple(MetricListing.of(m) for m in artifact.metrics),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "week": self.week,
            "stage": self.stage,
            "kind": self.kind,
            "title": self.title,
            "link": self.link,
            "description": self.description,
            "project": self.project,
            "shipped_on": self.shipped_on,
            "metrics": [m.to_dict() for m in self.metrics],
        }
