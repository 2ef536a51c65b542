"""A week's retrospective as plain data: shipped, slipped, drills, metrics moved, next sprint.

Built from what the record holds for that plan week (its seven dates from the learner's start), plus the
Retro row when the learner wrote one: their own words are shown as theirs, beside the facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.catalog import load_catalog
from tracker.artifacts import list_artifacts
from tracker.calibration import calibration_on
from tracker.exports.case_study import split_items
from tracker.exports.metrics import MetricView, number
from tracker.exports.proof import ArtifactView, artifact_view
from tracker.inputs import parse_week
from tracker.logs import minutes_by_day
from tracker.models import DrillAttempt, Learner, Retro
from tracker.tasks import TaskRow, task_rows, task_states


@dataclass(frozen=True)
class TaskLine:
    key: str
    title: str
    status: str
    note: str

    @property
    def state(self) -> str:
        """`still to do`, `in progress`: how a person says where an open task stands."""
        return {"todo": "still to do", "doing": "in progress"}.get(self.status, self.status)


@dataclass(frozen=True)
class ThemeLine:
    theme: str
    attempts: int
    average: str


@dataclass(frozen=True)
class DrillSummary:
    attempts: int
    average: str
    themes: list[ThemeLine]


@dataclass(frozen=True)
class NextSprint:
    week: int
    title: str
    objective: str
    proof_artifact: str
    tasks: list[str]


@dataclass(frozen=True)
class RetroNotes:
    shipped: list[str]
    slipped: list[str]
    next: list[str]


@dataclass(frozen=True)
class RetroView:
    learner: str
    week: int
    title: str
    objective: str
    proof_artifact: str
    first_day: str
    last_day: str
    shipped: list[ArtifactView]
    tasks_done: list[TaskLine]
    slipped: list[TaskLine]
    skipped: list[TaskLine]
    proof_missing: bool
    proof_status: str  # a sentence on this week's proof when it is missing or late, else ""
    late: list[str]  # "Grounded-answer eval shipped on 2026-12-05, 6 days after the week ended"
    week_over: bool
    week_started: bool
    hours: str
    days_logged: int
    drills: DrillSummary
    metrics_moved: list[MetricView]
    metrics_without_before: list[MetricView]
    next_sprint: NextSprint | None
    final_days: str  # what the plan says about days 85-90, shown after week 12
    notes: RetroNotes | None
    self_checks: list[str] = field(default_factory=list)  # self-ratings the evidence contradicted that week


def week_dates(start: date, week: int) -> tuple[date, date]:
    first = start + timedelta(days=7 * (week - 1))
    return first, first + timedelta(days=6)


def gather_retro(session: Session, learner: Learner, week: int, *, today: date | None = None) -> RetroView:
    week = parse_week(week)
    today = today or date.today()
    catalog = load_catalog()
    plan_week = catalog.week(week)
    first, last = week_dates(learner.start_date, week)
    shipped = [artifact_view(a) for a in list_artifacts(session, learner, week)]
    tasks = task_rows(session, learner, week)
    minutes = {d: n for d, n in minutes_by_day(session, learner, since=first).items() if d <= last}
    metrics = [m for a in shipped for m in a.metrics]
    kinds = {a.kind for a in shipped}
    wanted = set(plan_week.artifact_kinds)
    proof_missing = not (kinds & wanted) if wanted else not shipped
    late = _late_artifacts(shipped, last) + _late_tasks(session, learner, tasks, last)
    return RetroView(
        learner=learner.name,
        week=week,
        title=plan_week.title,
        objective=plan_week.objective,
        proof_artifact=plan_week.proof_artifact,
        first_day=first.isoformat(),
        last_day=last.isoformat(),
        shipped=shipped,
        tasks_done=[_line(t) for t in tasks if t.status == "done"],
        slipped=[_line(t) for t in tasks if t.status in ("todo", "doing")] if today >= first else [],
        skipped=[_line(t) for t in tasks if t.status == "skipped"],
        proof_missing=proof_missing,
        proof_status=_proof_status(plan_week.proof_artifact, proof_missing, last, today) if today >= first else "",
        late=late,
        week_over=today > last,
        week_started=today >= first,
        hours=number(round(sum(minutes.values()) / 60, 1)),
        days_logged=len(minutes),
        drills=_drills(session, learner, first, last),
        metrics_moved=[m for m in metrics if m.has_baseline],
        metrics_without_before=[m for m in metrics if not m.has_baseline],
        next_sprint=_next_sprint(week),
        final_days=catalog.plan.final_days,
        notes=_notes(session, learner, week),
        self_checks=_self_checks(session, learner, last),
    )


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def _late_artifacts(shipped: list[ArtifactView], last: date) -> list[str]:
    lines = []
    for artifact in shipped:
        on = date.fromisoformat(artifact.shipped_on)
        if on > last:
            lines.append(f"{artifact.title} shipped on {on}, {_days((on - last).days)} after the week ended")
    return lines


def _late_tasks(session: Session, learner: Learner, tasks: list[TaskRow], last: date) -> list[str]:
    """Tasks ticked off after the week ended: done, but late (the day they were marked done is the record)."""
    states = task_states(session, learner)
    lines = []
    for task in tasks:
        state = states.get(task.key)
        if task.status == "done" and state is not None and state.updated_at.date() > last:
            done = state.updated_at.date()
            lines.append(f"{task.title}: done on {done}, {_days((done - last).days)} after the week ended")
    return lines


def _proof_status(proof: str, missing: bool, last: date, today: date) -> str:
    if not missing:
        return ""
    if today > last:
        return f"This week's proof had not shipped when the week ended on {last}: {proof}"
    return f"This week's proof has not shipped yet (the week ends on {last}): {proof}"


def _self_checks(session: Session, learner: Learner, last: date) -> list[str]:
    calibration = calibration_on(session, learner, last)
    return calibration.nudges if calibration is not None else []


def _line(task: TaskRow) -> TaskLine:
    return TaskLine(task.key, task.title, task.status, task.note)


def _drills(session: Session, learner: Learner, first: date, last: date) -> DrillSummary:
    attempts = session.scalars(
        select(DrillAttempt).where(
            DrillAttempt.learner_id == learner.id,
            DrillAttempt.created_at >= datetime.combine(first, time.min),
            DrillAttempt.created_at <= datetime.combine(last, time.max),
        )
    ).all()
    themes: dict[str, list[int]] = {}
    for attempt in attempts:
        themes.setdefault(attempt.theme, []).append(attempt.score)
    return DrillSummary(
        attempts=len(attempts),
        average=_average([a.score for a in attempts]),
        themes=[ThemeLine(theme, len(scores), _average(scores)) for theme, scores in sorted(themes.items())],
    )


def _average(scores: list[int]) -> str:
    return number(round(sum(scores) / len(scores), 1)) if scores else ""


def _next_sprint(week: int) -> NextSprint | None:
    weeks = load_catalog().plan.weeks
    if week >= len(weeks):
        return None
    upcoming = load_catalog().week(week + 1)
    return NextSprint(
        week=upcoming.number,
        title=upcoming.title,
        objective=upcoming.objective,
        proof_artifact=upcoming.proof_artifact,
        tasks=[task.title for task in upcoming.tasks],
    )


def _notes(session: Session, learner: Learner, week: int) -> RetroNotes | None:
    row = session.scalar(select(Retro).where(Retro.learner_id == learner.id, Retro.week == week))
    if row is None:
        return None
    return RetroNotes(split_items(row.shipped), split_items(row.slipped), split_items(row.next))
