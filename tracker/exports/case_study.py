"""A project's case study as plain data, gathered from the record: nothing in it is written here.

Each section of the document has a field; where the record has nothing, the field is empty and the linter
says what to record. Sentences are assembled from record values only (names, numbers, links).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.catalog import load_catalog
from tracker.exports.mermaid import DiagramStep, mermaid_flowchart
from tracker.exports.metrics import MetricView, headline
from tracker.exports.proof import ArtifactView, GradeView, artifact_view, latest_grade, project_artifacts
from tracker.exports.render import MarkdownText
from tracker.models import Decision, Learner, Project, Retro, Story
from tracker.projects import find_project


@dataclass(frozen=True)
class DecisionView:
    id: int
    decision: str
    metric: str
    failure: str
    mitigation: str
    rejected: str
    proof: MetricView | None  # the artifact metric this decision's metric names, if any


@dataclass(frozen=True)
class LayerSection:
    key: str
    title: str
    decisions: list[DecisionView]


@dataclass(frozen=True)
class FailureStory:
    """One real failure and its fix, from a story (the learner's telling) or else a decision."""

    source: str  # "story" or "decision"
    title: str
    failure: str
    fix: str
    link: str


@dataclass(frozen=True)
class TradeOff:
    layer: str
    chosen: str
    rejected: str

    @property
    def sentence(self) -> str:
        """`Gate merges on a golden set. Manual spot checks were considered and rejected: no signal on drift.`"""
        alternative, reason = _alternative_and_reason(self.rejected)
        chosen = _sentence(self.chosen)
        if reason.startswith("because "):
            return f"{chosen} The alternative, {alternative}, was rejected {reason.rstrip('.')}."
        if reason:
            return f"{chosen} The alternative, {alternative}, was rejected: {reason.rstrip('.')}."
        return f"{chosen} The alternative, {alternative.rstrip('.')}, was rejected."


@dataclass(frozen=True)
class TimelineEntry:
    """One artifact on the calendar: when it shipped, against the end of the plan week it was meant for."""

    week: int
    title: str
    link: str
    kind: str
    shipped_on: str
    days_late: int
    week_ended: str


@dataclass(frozen=True)
class CaseStudyView:
    learner: str
    project: str
    generated_on: str
    problem: str
    users: str
    constraints: list[str]
    non_goals: list[str]
    repo_url: str
    tldr: str
    diagram: MarkdownText
    layers: list[LayerSection]
    metrics: list[MetricView]
    results: list[MetricView]
    failure: FailureStory | None
    tradeoffs: list[TradeOff]
    missing_layers: list[str]
    next_steps: list[str]
    artifacts: list[ArtifactView]
    grade: GradeView | None
    timeline: list[TimelineEntry]

    @property
    def slipped(self) -> list[TimelineEntry]:
        return [entry for entry in self.timeline if entry.days_late > 0]


def gather_case_study(session: Session, learner: Learner, project_name: str) -> CaseStudyView:
    project = find_project(session, learner, project_name)
    assert project is not None  # required=True raises UserError instead
    artifacts = [artifact_view(a) for a in project_artifacts(session, project)]
    metrics = [metric for artifact in artifacts for metric in artifact.metrics]
    layers = _layer_sections(project.decisions, metrics)
    decided = {section.key for section in layers if section.decisions}
    top = headline(metrics)
    return CaseStudyView(
        learner=learner.name,
        project=project.name,
        generated_on=date.today().isoformat(),
        problem=project.problem,
        users=project.users,
        constraints=split_items(project.constraints),
        non_goals=split_items(project.non_goals),
        repo_url=project.repo_url,
        tldr=_tldr(project, top),
        diagram=MarkdownText(
            mermaid_flowchart(
                project.users,
                [DiagramStep(section.title, d.decision, d.rejected) for section in layers for d in section.decisions],
            )
        ),
        layers=layers,
        metrics=metrics,
        results=[m for m in metrics if m.has_baseline],
        failure=_failure_story(session, project, layers),
        tradeoffs=[
            TradeOff(section.title, d.decision, d.rejected)
            for section in layers
            for d in section.decisions
            if d.rejected
        ],
        missing_layers=[layer.title for layer in load_catalog().layers if layer.key not in decided],
        next_steps=_next_steps(session, learner),
        artifacts=artifacts,
        grade=latest_grade(session, learner, project),
        timeline=[_timeline_entry(a, learner.start_date) for a in artifacts],
    )


def _timeline_entry(artifact: ArtifactView, start: date) -> TimelineEntry:
    ended = start + timedelta(days=7 * artifact.week - 1)
    shipped = date.fromisoformat(artifact.shipped_on)
    return TimelineEntry(
        week=artifact.week,
        title=artifact.title,
        link=artifact.link,
        kind=artifact.kind_title,
        shipped_on=artifact.shipped_on,
        days_late=max(0, (shipped - ended).days),
        week_ended=ended.isoformat(),
    )


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _alternative_and_reason(text: str) -> tuple[str, str]:
    """`manual spot checks: no signal on drift` -> ("manual spot checks", "no signal on drift")."""
    flat = " ".join(text.split())
    for separator in (": ", " - ", " — ", " – ", "; ", " because "):
        alternative, found, reason = flat.partition(separator)
        if found and alternative and reason:
            reason = "because " + reason if separator == " because " else reason
            return alternative.strip().rstrip(","), reason.strip()
    return flat, ""


def split_items(text: str) -> list[str]:
    """A list typed as lines or `;`-separated items, without bullets the learner may have typed."""
    items = re.split(r"\n|;", text)
    return [item.strip().lstrip("-*• ").strip() for item in items if item.strip().lstrip("-*• ").strip()]


def _layer_sections(decisions: list[Decision], metrics: list[MetricView]) -> list[LayerSection]:
    """Catalog layer order; a decision on a layer the catalog no longer has still shows, at the end."""
    titles = {layer.key: layer.title for layer in load_catalog().layers}
    order = list(titles) + sorted({d.layer for d in decisions} - set(titles))
    sections = []
    for key in order:
        rows = [d for d in decisions if d.layer == key]
        if rows:
            sections.append(
                LayerSection(
                    key,
                    titles.get(key, key.replace("_", " ").capitalize()),
                    [_view(d, metrics) for d in rows],
                )
            )
    return sections


def _view(decision: Decision, metrics: list[MetricView]) -> DecisionView:
    return DecisionView(
        id=decision.id,
        decision=decision.decision,
        metric=decision.metric,
        failure=decision.failure,
        mitigation=decision.mitigation,
        rejected=decision.rejected,
        proof=metric_named_in(decision.metric, metrics),
    )


def metric_named_in(text: str, metrics: list[MetricView]) -> MetricView | None:
    """The recorded metric whose name the decision's metric text mentions (longest name wins)."""
    from tracker.exports.evidence import named_metric

    return named_metric(text, metrics)


def _tldr(project: Project, top: MetricView | None) -> str:
    parts = [_sentence(project.problem)] if project.problem else []
    if project.users:
        parts.append(f"{project.name} is built for {project.users.strip().rstrip('.')}.")
    elif not parts:
        parts.append(f"{project.name}.")
    if top is not None:
        parts.append(f"The headline result: {top.prose}, measured in week {top.week}.")
    return " ".join(parts)


def _failure_story(session: Session, project: Project, layers: list[LayerSection]) -> FailureStory | None:
    story = session.scalar(
        select(Story)
        .where(Story.project_id == project.id, Story.failure != "", Story.iteration != "")
        .order_by(Story.id)
        .limit(1)
    )
    if story is not None:
        return FailureStory("story", story.title, story.failure, story.iteration, "")
    for section in layers:
        for d in section.decisions:
            if d.failure and d.mitigation:
                link = d.proof.link if d.proof else ""
                return FailureStory("decision", section.title, d.failure, d.mitigation, link)
    return None


def _next_steps(session: Session, learner: Learner) -> list[str]:
    """What the learner wrote as "next" in their latest retro: their words, not ours."""
    retro = session.scalar(
        select(Retro).where(Retro.learner_id == learner.id, Retro.next != "").order_by(Retro.week.desc()).limit(1)
    )
    return split_items(retro.next) if retro else []
