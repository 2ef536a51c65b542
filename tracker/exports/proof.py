"""The proof a document links to: artifacts, and the latest grade of a project's repository.

Shared by the case study, the resume and the retro, so an artifact reads the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tracker.exports.metrics import MetricView, metric_views, number
from tracker.models import Artifact, GradeRun, Learner, Project


@dataclass(frozen=True)
class ArtifactView:
    id: int
    week: int
    stage: str
    kind: str
    title: str
    link: str
    description: str
    shipped_on: str
    project: str
    metrics: list[MetricView]

    @property
    def kind_title(self) -> str:
        """`eval report`: the kind as words in a sentence (the catalog's title, first letter lowered)."""
        from curriculum.catalog import load_catalog

        titles = {kind.key: kind.title for kind in load_catalog().artifact_kinds}
        title = titles.get(self.kind, self.kind.replace("-", " "))
        return title[:1].lower() + title[1:]


def artifact_view(artifact: Artifact) -> ArtifactView:
    return ArtifactView(
        id=artifact.id,
        week=artifact.week,
        stage=artifact.stage,
        kind=artifact.kind,
        title=artifact.title,
        link=artifact.link,
        description=artifact.description,
        shipped_on=artifact.shipped_on.isoformat(),
        project=artifact.project.name if artifact.project else "",
        metrics=metric_views(artifact),
    )


def project_artifacts(session: Session, project: Project) -> list[Artifact]:
    query = (
        select(Artifact)
        .where(Artifact.project_id == project.id)
        .options(selectinload(Artifact.metrics), selectinload(Artifact.project))
        .order_by(Artifact.week, Artifact.shipped_on, Artifact.id)
    )
    return list(session.scalars(query))


@dataclass(frozen=True)
class DimensionView:
    name: str
    score: str


@dataclass(frozen=True)
class GradeView:
    """The scorecard summary of one GradeRun."""

    id: int
    source: str
    commit: str
    graded_on: str
    overall: str
    dimensions: list[DimensionView]
    assessed: str  # share of the rubric weight the grade could assess, e.g. "85%"; "" when unknown
    link: str


def latest_grade(session: Session, learner: Learner, project: Project) -> GradeView | None:
    """The newest grade of this project: saved against it, or of its repository URL (however spelled)."""
    from tracker.grades import latest_grade as latest_of_source

    by_project = session.scalar(
        select(GradeRun).where(GradeRun.project_id == project.id).order_by(GradeRun.id.desc()).limit(1)
    )
    by_source = latest_of_source(session, learner, project.repo_url) if project.repo_url else None
    runs = [run for run in (by_project, by_source) if run is not None]
    return grade_view(max(runs, key=lambda run: run.id)) if runs else None


def grade_view(run: GradeRun) -> GradeView:
    dimensions = [DimensionView(name, number(score)) for name, score in _dimension_scores(run).items()]
    coverage = (run.report or {}).get("coverage") or {}
    share = coverage.get("rubric_weight_assessed") if isinstance(coverage, dict) else None
    return GradeView(
        id=run.id,
        source=run.source,
        commit=run.commit[:12],
        graded_on=run.created_at.date().isoformat(),
        overall=number(run.overall) if run.overall is not None else "n/a",
        dimensions=dimensions,
        assessed=f"{round(float(share) * 100)}%" if isinstance(share, int | float) else "",
        link=_commit_link(run.source, run.commit),
    )


def _dimension_scores(run: GradeRun) -> dict[str, float]:
    """`scores` as saved ({dimension: score} or {dimension: {"score": ...}}), else the report's."""
    raw: dict[str, Any] = run.scores or (run.report or {}).get("dimensions") or {}
    scores: dict[str, float] = {}
    for name, value in raw.items():
        if isinstance(value, dict):
            value = value.get("score")
        if isinstance(value, int | float) and not isinstance(value, bool):
            scores[str(name)] = float(value)
    return scores


def _commit_link(source: str, commit: str) -> str:
    """A link to the graded commit on GitHub or GitLab; other sources link to themselves."""
    base = source.strip().rstrip("/").removesuffix(".git")
    if base.startswith(("https://github.com/", "https://gitlab.com/")) and commit:
        return f"{base}/tree/{commit}"
    return source if source.startswith(("http://", "https://")) else ""
