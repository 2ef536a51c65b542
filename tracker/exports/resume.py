"""The resume as plain data: summary, skills with their evidence, project bullets with provenance, experience.

Every bullet is built from one artifact and its metrics (what was done, how, the measured result, the proof
link) and keeps the ids of the rows it came from, so a test, or a doubting reader, can trace it back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from curriculum.catalog import load_catalog
from tracker.artifacts import list_artifacts
from tracker.assessments import assessment_history
from tracker.exports.metrics import MetricView, headline, number
from tracker.exports.proof import ArtifactView, artifact_view
from tracker.logs import minutes_by_day
from tracker.models import Learner
from tracker.projects import list_projects

OTHER_WORK = "Other shipped work"


@dataclass(frozen=True)
class Bullet:
    project: str
    text: str
    link: str
    artifact_id: int
    metric_ids: tuple[int, ...]
    week: int


@dataclass(frozen=True)
class ResumeProject:
    name: str
    description: str
    url: str
    start: str
    keywords: list[str]
    bullets: list[Bullet]
    project_id: int | None


@dataclass(frozen=True)
class Evidence:
    artifact_id: int
    title: str
    link: str
    week: int


@dataclass(frozen=True)
class SkillView:
    key: str
    title: str
    score: int | None
    level: str
    evidence: list[Evidence]
    keywords: list[str]


@dataclass(frozen=True)
class ExperienceView:
    position: str
    organisation: str
    start: str
    summary: str
    highlights: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ResumeView:
    name: str
    label: str
    current_role: str
    summary: str
    skills: list[SkillView]
    projects: list[ResumeProject]
    experience: list[ExperienceView]
    generated_on: str


def gather_resume(session: Session, learner: Learner) -> ResumeView:
    catalog = load_catalog()
    target = catalog.role(learner.target_role).title
    artifacts = [artifact_view(a) for a in list_artifacts(session, learner)]
    projects = _projects(session, learner, artifacts)
    metrics = [m for a in artifacts for m in a.metrics]
    minutes = minutes_by_day(session, learner)
    return ResumeView(
        name=learner.name,
        label=target,
        current_role=learner.current_role,
        summary=_summary(learner.current_role, target, artifacts, projects, headline(metrics)),
        skills=_skills(session, learner, artifacts),
        projects=projects,
        experience=_experience(learner, target, artifacts, metrics, minutes),
        generated_on=date.today().isoformat(),
    )


def bullet_for(artifact: ArtifactView, project: str) -> Bullet:
    """What was done (title), how (description), the measured result (metrics); the link travels beside it."""
    text = artifact.title.rstrip(".")
    if artifact.description:
        text += f": {artifact.description.rstrip('.')}"
    if artifact.metrics:
        text += ". Result: " + "; ".join(_result(m) for m in artifact.metrics)
    return Bullet(
        project=project,
        text=text + ".",
        link=artifact.link,
        artifact_id=artifact.id,
        metric_ids=tuple(m.id for m in artifact.metrics),
        week=artifact.week,
    )


def _result(metric: MetricView) -> str:
    return f"{metric.text} ({metric.change})" if metric.change else metric.text


def _projects(session: Session, learner: Learner, artifacts: list[ArtifactView]) -> list[ResumeProject]:
    entries = []
    for project, count in list_projects(session, learner):
        if not count:
            continue
        own = [a for a in artifacts if a.project == project.name]
        entries.append(
            ResumeProject(
                name=project.name,
                description=project.problem,
                url=project.repo_url,
                start=min(a.shipped_on for a in own),
                keywords=_unique(a.kind for a in own),
                bullets=[bullet_for(a, project.name) for a in own],
                project_id=project.id,
            )
        )
    loose = [a for a in artifacts if not a.project]
    if loose:
        entries.append(
            ResumeProject(
                name=OTHER_WORK,
                description="",
                url="",
                start=min(a.shipped_on for a in loose),
                keywords=_unique(a.kind for a in loose),
                bullets=[bullet_for(a, OTHER_WORK) for a in loose],
                project_id=None,
            )
        )
    return entries


def _skills(session: Session, learner: Learner, artifacts: list[ArtifactView]) -> list[SkillView]:
    """Competencies with a self-score of 3+ or any artifact in their stages; evidence first, then score."""
    history = assessment_history(session, learner)
    scores = history[-1].as_dict() if history else {}
    by_stage: dict[str, list[ArtifactView]] = {}
    for artifact in artifacts:
        by_stage.setdefault(artifact.stage, []).append(artifact)
    skills = []
    for competency in load_catalog().competencies:
        backing = [a for stage in competency.stages for a in by_stage.get(stage, [])]
        score = scores.get(competency.key)
        if not backing and (score is None or score < 3):
            continue
        evidence = [Evidence(a.id, a.title, a.link, a.week) for a in backing]
        level = [f"self-assessed {score}/5"] if score is not None else []
        level.append(f"{len(evidence)} artifact{'s' if len(evidence) != 1 else ''} of evidence")
        skills.append(
            SkillView(
                key=competency.key,
                title=competency.title,
                score=score,
                level=", ".join(level),
                evidence=evidence,
                keywords=_unique([m.name for a in backing for m in a.metrics] + [a.kind for a in backing]),
            )
        )
    return sorted(skills, key=lambda s: (-len(s.evidence), -(s.score or 0)))


def _summary(
    current_role: str,
    target: str,
    artifacts: list[ArtifactView],
    projects: list[ResumeProject],
    top: MetricView | None,
) -> str:
    opening = f"{current_role} moving into {target} work" if current_role else f"Moving into {target} work"
    if not artifacts:
        return opening + "."
    named = [p.name for p in projects if p.project_id is not None]
    text = f"{opening}: {len(artifacts)} shipped artifact{'s' if len(artifacts) != 1 else ''}"
    if named:
        text += f" across {', '.join(named)}"
    if top is not None:
        text += f"; measured results such as {top.text} ({top.change})"
    return text + "."


def _experience(
    learner: Learner,
    target: str,
    artifacts: list[ArtifactView],
    metrics: list[MetricView],
    minutes: dict[date, int],
) -> list[ExperienceView]:
    entries = []
    if learner.current_role:
        entries.append(ExperienceView(position=learner.current_role, organisation="", start="", summary=""))
    highlights = []
    if artifacts:
        measured = sum(1 for m in metrics if m.has_baseline)
        highlights.append(
            f"Shipped {len(artifacts)} artifact{'s' if len(artifacts) != 1 else ''}, "
            f"{len(metrics)} measured result{'s' if len(metrics) != 1 else ''} ({measured} with a baseline)"
        )
    if minutes:
        hours = number(round(sum(minutes.values()) / 60, 1))
        highlights.append(f"Logged {hours} hours over {len(minutes)} day{'s' if len(minutes) != 1 else ''}")
    entries.append(
        ExperienceView(
            position=f"{target} portfolio (90-day plan)",
            organisation="Self-directed",
            start=learner.start_date.isoformat(),
            summary="",
            highlights=highlights,
        )
    )
    return entries


def _unique(items: Iterable[str]) -> list[str]:
    """Order kept, blanks and repeats dropped."""
    return list(dict.fromkeys(item for item in items if item))
