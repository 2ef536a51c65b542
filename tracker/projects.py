"""Portfolio projects and their design decisions, one per responsibility layer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from curriculum.catalog import load_catalog
from curriculum.errors import UserError
from tracker.models import Artifact, Decision, Learner, Project


@dataclass(frozen=True)
class ProjectInput:
    name: str
    problem: str = ""
    users: str = ""
    constraints: str = ""
    non_goals: str = ""
    repo_url: str = ""


def add_project(session: Session, learner: Learner, project: ProjectInput) -> Project:
    name = project.name.strip()
    if not name:
        raise UserError("--name must not be empty")
    if find_project(session, learner, name, required=False):
        raise UserError(f"a project named {name!r} exists already")
    row = Project(
        learner_id=learner.id,
        name=name,
        problem=project.problem.strip(),
        users=project.users.strip(),
        constraints=project.constraints.strip(),
        non_goals=project.non_goals.strip(),
        repo_url=project.repo_url.strip(),
    )
    session.add(row)
    session.flush()
    return row


def update_project(session: Session, learner: Learner, name: str, **fields: str | None) -> Project:
    row = find_project(session, learner, name)
    assert row is not None
    for field, value in fields.items():
        if value is not None:
            setattr(row, field, value.strip())
    session.flush()
    return row


def find_project(session: Session, learner: Learner, name: str, *, required: bool = True) -> Project | None:
    """Exact name first, then case-insensitive, so `--project "support rag"` finds "Support RAG"."""
    projects = session.scalars(select(Project).where(Project.learner_id == learner.id)).all()
    for match in (lambda p: p.name == name, lambda p: p.name.lower() == name.strip().lower()):
        found = [p for p in projects if match(p)]
        if found:
            return found[0]
    if required:
        known = ", ".join(repr(p.name) for p in projects) or "none yet (proofwork project add --name ...)"
        raise UserError(f"no project named {name!r}; projects: {known}")
    return None


def list_projects(session: Session, learner: Learner) -> list[tuple[Project, int]]:
    """Each project with its artifact count, in one query."""
    counts = (
        select(Artifact.project_id, func.count(Artifact.id).label("n"))
        .where(Artifact.learner_id == learner.id)
        .group_by(Artifact.project_id)
        .subquery()
    )
    query = (
        select(Project, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.project_id == Project.id)
        .where(Project.learner_id == learner.id)
        .options(selectinload(Project.decisions))
        .order_by(Project.created_at, Project.id)
    )
    return [(project, int(n)) for project, n in session.execute(query)]


@dataclass(frozen=True)
class DecisionInput:
    layer: str
    decision: str
    metric: str = ""
    failure: str = ""
    mitigation: str = ""
    rejected: str = ""


def add_decision(session: Session, learner: Learner, project_name: str, entry: DecisionInput) -> Decision:
    project = find_project(session, learner, project_name)
    assert project is not None
    row = Decision(project_id=project.id)
    _fill_decision(row, entry)
    session.add(row)
    session.flush()
    return row


def update_decision(session: Session, learner: Learner, decision_id: int, entry: DecisionInput) -> Decision:
    """Rewrite one decision (its layer too), checked as when it was added."""
    query = (
        select(Decision)
        .join(Project, Project.id == Decision.project_id)
        .where(Decision.id == decision_id, Project.learner_id == learner.id)
    )
    row = session.scalar(query)
    if row is None:
        raise UserError(f"no decision #{decision_id} in {learner.name}'s projects")
    _fill_decision(row, entry)
    session.flush()
    return row


def _fill_decision(row: Decision, entry: DecisionInput) -> None:
    layers = {layer.key: layer for layer in load_catalog().layers}
    layer = entry.layer.strip().lower().replace("-", "_").replace(" ", "_")
    if layer not in layers:
        raise UserError(f"layer {entry.layer!r} is not a responsibility layer; layers: {', '.join(layers)}")
    if not entry.decision.strip():
        raise UserError("--decision must say what was decided")
    row.layer = layer
    row.decision = entry.decision.strip()
    row.metric = entry.metric.strip()
    row.failure = entry.failure.strip()
    row.mitigation = entry.mitigation.strip()
    row.rejected = entry.rejected.strip()


# -- what the Work screen shows and `project list`/`decision list --json` print --------------------------
# Frozen listings built inside the session: screens read typed fields (a renamed one fails in mypy), and
# `to_dict()` is the --json output field for field, in order (tests/tui/test_work_json.py pins the bytes).


@dataclass(frozen=True)
class DecisionListing:
    id: int
    layer: str  # a responsibility layer's key
    decision: str
    metric: str
    failure: str
    mitigation: str
    rejected: str

    @classmethod
    def of(cls, decision: Decision) -> DecisionListing:
        d = decision
        return cls(d.id, d.layer, d.decision, d.metric, d.failure, d.mitigation, d.rejected)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "layer": self.layer,
            "decision": self.decision,
            "metric": self.metric,
            "failure": self.failure,
            "mitigation": self.mitigation,
            "rejected": self.rejected,
        }


@dataclass(frozen=True)
class ProjectListing:
    id: int
    name: str
    problem: str
    users: str
    constraints: str
    non_goals: str
    repo: str
    artifacts: int  # how many artifacts build up to it
    decisions: tuple[DecisionListing, ...]

    @classmethod
    def of(cls, project: Project, artifact_count: int) -> ProjectListing:
        return cls(
            id=project.id,
            name=project.name,
            problem=project.problem,
            users=project.users,
            constraints=project.constraints,
            non_goals=project.non_goals,
            repo=project.repo_url,
            artifacts=artifact_count,
            decisions=tuple(DecisionListing.of(d) for d in project.decisions),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "problem": self.problem,
            "users": self.users,
            "constraints": self.constraints,
            "non_goals": self.non_goals,
            "repo": self.repo,
            "artifacts": self.artifacts,
            "decisions": [d.to_dict() for d in self.decisions],
        }
