"""Taking a row out of the record, saying first what goes with it, and putting it back on undo.

Every delete is planned before it runs: `plan_delete` says what will be removed with the row (an artifact's
metrics, a project's decisions) and what stays but loses its link (stories that cited the artifact, artifacts
that belonged to the project). `delete` carries the plan out and returns it with a snapshot of every removed
row, so `undo` can put the record back exactly, ids included. The command line and the app call the same three
functions, after a confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, inspect, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from curriculum.catalog import load_catalog
from curriculum.errors import UserError
from tracker.models import (
    Artifact,
    Base,
    Decision,
    DrillCard,
    Experience,
    GradeRun,
    Learner,
    LogEntry,
    Project,
    Retro,
    Story,
)
from tracker.rules import is_record_id

KINDS = ("artifact", "decision", "log", "story", "project", "retro", "experience")


@dataclass(frozen=True)
class Unlink:
    """A row that stays but loses its reference to the deleted one."""

    model: type[Base]
    row_id: int
    column: str
    value: int


@dataclass
class Deletion:
    kind: str
    row_id: int
    what: str  # "artifact #3 'Grounded-answer eval' (week 4)"
    goes_with_it: list[str] = field(default_factory=list)  # "its 2 metrics"
    stays: list[str] = field(default_factory=list)  # "story #2 'Judge drift' stays, without its link to this proof"
    snapshot: list[tuple[type[Base], dict[str, Any]]] = field(default_factory=list)  # parents first
    unlinked: list[Unlink] = field(default_factory=list)
    targets: list[Base] = field(default_factory=list, repr=False)  # the loaded rows `delete` removes

    @property
    def statement(self) -> str:
        """One paragraph a person reads before saying yes: the row, what goes with it, what stays."""
        text = f"Delete {self.what}"
        if self.goes_with_it:
            text += f", with {_and(self.goes_with_it)}"
        text += "?"
        if self.stays:
            text += " " + " ".join(line[0].upper() + line[1:] + "." for line in self.stays)
        return text

    @property
    def done(self) -> str:
        return f"Deleted {self.what}" + (f", with {_and(self.goes_with_it)}" if self.goes_with_it else "") + "."


def plan_delete(session: Session, learner: Learner, kind: str, row_id: int) -> Deletion:
    if kind not in _PLANNERS:
        raise UserError(f"cannot delete a {kind}; one of: {', '.join(KINDS)}")
    return _PLANNERS[kind](session, learner, _checked_id(kind, row_id))


def delete(session: Session, learner: Learner, kind: str, row_id: int) -> Deletion:
    """Carry out the plan: unlink what stays, remove the row and what goes with it."""
    plan = plan_delete(session, learner, kind, row_id)
    for link in plan.unlinked:
        _relink(session, link, None)
    for row in plan.targets:
        session.delete(row)
    session.flush()
    session.expire_all()  # rows loaded earlier in this session may still hold the links just cleared
    return plan


def undo(session: Session, deletion: Deletion) -> None:
    """Put back what `delete` removed, with the same ids and links; refused if the record moved on meanwhile."""
    try:
        with session.begin_nested():
            for model, values in deletion.snapshot:
                session.execute(insert(model), [values])
            for link in deletion.unlinked:
                _relink(session, link, link.value)
    except IntegrityError:
        raise UserError(f"cannot undo: the record changed since {deletion.what} was deleted") from None
    session.expire_all()


def _relink(session: Session, link: Unlink, value: int | None) -> None:
    table: Any = link.model.__table__
    session.execute(update(table).where(table.c.id == link.row_id).values({link.column: value}))


def _checked_id(kind: str, row_id: int) -> int:
    if not is_record_id(row_id):
        raise UserError(f"no {'job' if kind == 'experience' else kind} #{row_id}")
    return row_id


def _values(row: Base) -> dict[str, Any]:
    return {attr.key: getattr(row, attr.key) for attr in inspect(type(row)).column_attrs}


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _owned(session: Session, learner: Learner, model: type[Any], row_id: int, kind: str, listing: str) -> Any:
    row = session.get(model, row_id)
    if row is None or row.learner_id != learner.id:
        raise UserError(f"no {kind} #{row_id} in {learner.name}'s record; `{listing}` shows them")
    return row


def _plan_artifact(session: Session, learner: Learner, row_id: int) -> Deletion:
    artifact = _owned(session, learner, Artifact, row_id, "artifact", "proofwork artifact list")
    plan = Deletion("artifact", row_id, f"artifact #{row_id} '{artifact.title}' (week {artifact.week})")
    if artifact.metrics:
        plan.goes_with_it.append(f"its {_plural(len(artifact.metrics), 'metric')}")
    plan.snapshot = [(Artifact, _values(artifact))] + [(type(m), _values(m)) for m in artifact.metrics]
    for story in session.scalars(select(Story).where(Story.artifact_id == row_id)):
        plan.stays.append(f"story #{story.id} '{story.title}' stays, without its link to this proof")
        plan.unlinked.append(Unlink(Story, story.id, "artifact_id", row_id))
    plan.targets = [artifact]
    return plan


def _plan_decision(session: Session, learner: Learner, row_id: int) -> Deletion:
    query = (
        select(Decision)
        .join(Project, Project.id == Decision.project_id)
        .where(Decision.id == row_id, Project.learner_id == learner.id)
    )
    decision = session.scalar(query)
    if decision is None:
        raise UserError(f"no decision #{row_id} in {learner.name}'s projects; `proofwork project list` shows them")
    titles = {layer.key: layer.title for layer in load_catalog().layers}
    layer = titles.get(decision.layer, decision.layer)
    plan = Deletion(
        "decision", row_id, f"decision #{row_id} on {layer} of {decision.project.name} ('{_short(decision.decision)}')"
    )
    plan.snapshot = [(Decision, _values(decision))]
    plan.targets = [decision]
    return plan


def _plan_log(session: Session, learner: Learner, row_id: int) -> Deletion:
    log = _owned(session, learner, LogEntry, row_id, "log", "proofwork logs")
    note = f" ('{_short(log.note)}')" if log.note else ""
    return _lone("log", row_id, log, f"log #{row_id}: {log.minutes} min on {log.day}{note}")


def _plan_story(session: Session, learner: Learner, row_id: int) -> Deletion:
    story = _owned(session, learner, Story, row_id, "story", "proofwork story list")
    return _lone("story", row_id, story, f"story #{row_id} '{story.title}'")


def _plan_project(session: Session, learner: Learner, row_id: int) -> Deletion:
    project = _owned(session, learner, Project, row_id, "project", "proofwork project list")
    plan = Deletion("project", row_id, f"project '{project.name}'")
    if project.decisions:
        plan.goes_with_it.append(f"its {_plural(len(project.decisions), 'decision')}")
    plan.snapshot = [(Project, _values(project))] + [(Decision, _values(d)) for d in project.decisions]
    linked: list[tuple[type[Any], str]] = [(Artifact, "artifact"), (Story, "story"), (GradeRun, "grade")]
    for model, noun in linked:
        ids = list(session.scalars(select(model.id).where(model.project_id == row_id).order_by(model.id)))
        plan.unlinked += [Unlink(model, i, "project_id", row_id) for i in ids]
        verb = "stays" if len(ids) == 1 else "stay"
        if ids and model is Artifact:
            plan.stays.append(f"its {_plural(len(ids), noun)} {verb} in the record, under no project")
        elif ids:
            plan.stays.append(f"{_plural(len(ids), noun)} linked to it {verb}, without the link")
    cards = list(session.scalars(select(DrillCard.id).where(DrillCard.project_id == row_id)))
    plan.unlinked += [Unlink(DrillCard, i, "project_id", row_id) for i in cards]
    plan.targets = [project]
    return plan


def _plan_retro(session: Session, learner: Learner, row_id: int) -> Deletion:
    retro = _owned(session, learner, Retro, row_id, "retro", "proofwork export retro --week N")
    return _lone("retro", row_id, retro, f"your week {retro.week} retro notes")


def _plan_experience(session: Session, learner: Learner, row_id: int) -> Deletion:
    job = _owned(session, learner, Experience, row_id, "job", "proofwork experience list")
    at = f" at {job.organisation}" if job.organisation else ""
    return _lone("experience", row_id, job, f"job #{row_id}: {job.role}{at}")


def _lone(kind: str, row_id: int, row: Base, what: str) -> Deletion:
    """A row that takes nothing with it and leaves nothing behind: it is its own undo snapshot."""
    plan = Deletion(kind, row_id, what)
    plan.snapshot = [(type(row), _values(row))]
    plan.targets = [row]
    return plan


def _short(text: str, limit: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


_PLANNERS = {
    "artifact": _plan_artifact,
    "decision": _plan_decision,
    "log": _plan_log,
    "story": _plan_story,
    "project": _plan_project,
    "retro": _plan_retro,
    "experience": _plan_experience,
}
