"""The resume as plain data: contact, summary, skills with the artifacts that prove them, projects, experience.

Every bullet is built from one artifact and its metrics (what was done, the measured result, the proof link)
and keeps the ids of the rows it came from, so a test, or a doubting reader, can trace it back. Skills are
listed only with evidence (never a self-rating), jobs only as the learner wrote them, and a section with
nothing in it is left out rather than printed empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from curriculum.catalog import load_catalog
from tracker.artifacts import list_artifacts
from tracker.assessments import assessment_history
from tracker.contact import profile_user
from tracker.experience import list_experience
from tracker.exports.evidence import DecisionLink, Proof, competency_evidence, is_job_search
from tracker.exports.metrics import MetricView, headline, prose_list
from tracker.exports.proof import ArtifactView, artifact_view
from tracker.models import Learner, Project
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
    end: str
    keywords: list[str]  # the skills its artifacts show
    bullets: list[Bullet]
    project_id: int | None


@dataclass(frozen=True)
class Evidence:
    artifact_id: int
    title: str
    link: str
    week: int
    project: str
    results: str  # `hallucination rate went from 12% to 4% (-67%)`, or "" when no metric shows it
    metric_ids: tuple[int, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class SkillView:
    key: str
    title: str
    evidence: list[Evidence]
    keywords: list[str]  # the names of the metrics that show it


@dataclass(frozen=True)
class ExperienceView:
    id: int
    position: str
    organisation: str
    location: str
    start: str
    end: str  # "" while the job is current
    summary: str
    highlights: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ContactLink:
    label: str  # "GitHub"
    url: str
    text: str  # what is printed: `github.com/ada`


@dataclass(frozen=True)
class Claim:
    """A self-rating with nothing recorded behind it: for the linter, never printed."""

    title: str
    score: int


@dataclass(frozen=True)
class ResumeView:
    name: str
    label: str
    current_role: str
    email: str
    location: str
    links: list[ContactLink]
    summary: str
    skills: list[SkillView]
    projects: list[ResumeProject]
    experience: list[ExperienceView]
    generated_on: str
    unbacked_claims: list[Claim] = field(default_factory=list)


def gather_resume(session: Session, learner: Learner) -> ResumeView:
    catalog = load_catalog()
    target = catalog.role(learner.target_role).title
    artifacts = [artifact_view(a) for a in list_artifacts(session, learner)]
    shown = [a for a in artifacts if not is_job_search(a.kind)]
    projects_and_counts = list_projects(session, learner)
    decisions = [
        DecisionLink(project.name, d.layer, d.decision, d.metric)
        for project, _ in projects_and_counts
        for d in project.decisions
    ]
    evidence = competency_evidence(shown, decisions)
    skills = _skills(evidence)
    projects = _projects(projects_and_counts, shown, evidence)
    return ResumeView(
        name=learner.name,
        label=target,
        current_role=learner.current_role,
        email=learner.email,
        location=learner.location,
        links=_links(learner),
        summary=_summary(learner.current_role, target, projects, headline([m for a in shown for m in a.metrics])),
        skills=skills,
        projects=projects,
        experience=[
            ExperienceView(
                id=row.id,
                position=row.role,
                organisation=row.organisation,
                location=row.location,
                start=row.start_date,
                end=row.end_date,
                summary=sentence(row.summary),
                highlights=list(row.highlights or []),
            )
            for row in list_experience(session, learner)
        ],
        generated_on=date.today().isoformat(),
        unbacked_claims=_unbacked(session, learner, {s.key for s in skills}),
    )


def _links(learner: Learner) -> list[ContactLink]:
    links = []
    for label, url in (("Website", learner.website), ("GitHub", learner.github), ("LinkedIn", learner.linkedin)):
        if url:
            text = url.split("://", 1)[-1].removeprefix("www.").rstrip("/")
            links.append(ContactLink(label, url, text))
    return links


def network_profiles(view: ResumeView) -> list[dict[str, str]]:
    """JSON Resume's `basics.profiles`: one per social network the learner gave."""
    return [
        {"network": link.label, "username": profile_user(link.url), "url": link.url}
        for link in view.links
        if link.label != "Website"
    ]


def bullet_for(artifact: ArtifactView, project: str) -> Bullet:
    """`Title (how it was done): metric went from A to B (-n%).`; the proof link travels beside it."""
    text = sentence(artifact.title).rstrip(".")
    if artifact.description:
        text += f" ({artifact.description.strip().rstrip('.')})"
    if artifact.metrics:
        text += ": " + prose_list(artifact.metrics)
    return Bullet(
        project=project,
        text=text + ".",
        link=artifact.link,
        artifact_id=artifact.id,
        metric_ids=tuple(m.id for m in artifact.metrics),
        week=artifact.week,
    )


def _projects(
    projects: list[tuple[Project, int]], artifacts: list[ArtifactView], evidence: dict[str, list[Proof]]
) -> list[ResumeProject]:
    titles = {c.key: c.title for c in load_catalog().competencies}

    def skills_of(own: list[ArtifactView]) -> list[str]:
        ids = {a.id for a in own}
        return [titles[key] for key, proofs in evidence.items() if any(p.artifact.id in ids for p in proofs)]

    entries = []
    for project, _ in projects:
        name = project.name
        own = [a for a in artifacts if a.project == name]
        if not own:
            continue
        entries.append(
            ResumeProject(
                name=name,
                description=sentence(project.problem),
                url=project.repo_url,
                start=min(a.shipped_on for a in own),
                end=max(a.shipped_on for a in own),
                keywords=skills_of(own),
                bullets=[bullet_for(a, name) for a in own],
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
                end=max(a.shipped_on for a in loose),
                keywords=skills_of(loose),
                bullets=[bullet_for(a, OTHER_WORK) for a in loose],
                project_id=None,
            )
        )
    return entries


def _skills(evidence: dict[str, list[Proof]]) -> list[SkillView]:
    """Competencies with at least one artifact behind them, the best-evidenced first."""
    titles = {c.key: c.title for c in load_catalog().competencies}
    skills = []
    for key, proofs in evidence.items():
        items = [
            Evidence(
                artifact_id=p.artifact.id,
                title=p.artifact.title,
                link=p.artifact.link,
                week=p.artifact.week,
                project=p.artifact.project,
                results=", ".join(m.brief for m in p.metrics),
                metric_ids=tuple(m.id for m in p.metrics),
                reasons=tuple(p.reasons),
            )
            for p in sorted(proofs, key=_strength)
        ]
        keywords = _unique(m.name for p in proofs for m in p.metrics)
        skills.append(SkillView(key=key, title=titles[key], evidence=items, keywords=keywords))
    return sorted(skills, key=lambda s: -len(s.evidence))


def _strength(proof: Proof) -> tuple[int, int, int]:
    """Measured change first, then more measurements, then the earlier week: the best evidence leads."""
    return (-sum(m.has_baseline for m in proof.metrics), -len(proof.metrics), proof.artifact.week)


def _unbacked(session: Session, learner: Learner, shown: set[str]) -> list[Claim]:
    history = assessment_history(session, learner)
    scores = history[-1].as_dict() if history else {}
    titles = {c.key: c.title for c in load_catalog().competencies}
    return [Claim(titles.get(key, key), score) for key, score in scores.items() if score >= 4 and key not in shown]


def _summary(current_role: str, target: str, projects: list[ResumeProject], top: MetricView | None) -> str:
    sentences = [f"{current_role} moving into {target} roles." if current_role else f"Moving into {target} roles."]
    named = [p for p in projects if p.project_id is not None]
    if named:
        count = sum(len(p.bullets) for p in named)
        built = _and([p.name for p in named])
        between = "between them" if len(named) > 1 else "behind it"
        sentences.append(f"Built {built}, with {count} shipped artifact{'s' if count != 1 else ''} {between}.")
    if top is not None:
        sentences.append(f"Best measured result: {top.prose}.")
    return " ".join(sentences)


def sentence(text: str) -> str:
    """The learner's phrase as a sentence: a capital first letter and a full stop (nothing else changes)."""
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _unique(items: Iterable[str]) -> list[str]:
    """Order kept, blanks and repeats dropped."""
    return list(dict.fromkeys(item for item in items if item))
