"""Where the learner stands on each plan task: todo, doing, done or skipped, with a note."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.catalog import load_catalog
from curriculum.errors import UserError
from curriculum.workload import week_load
from tracker.db import upsert
from tracker.models import TASK_STATUSES, Learner, TaskState, utcnow
from tracker.today_view import TaskRow  # defined there so a remembered today's view loads without SQLAlchemy

__all__ = ["TaskRow", "finished_task_keys", "set_task", "task_rows", "task_states"]


def task_states(session: Session, learner: Learner) -> dict[str, TaskState]:
    rows = session.scalars(select(TaskState).where(TaskState.learner_id == learner.id))
    return {row.task_key: row for row in rows}


def task_rows(session: Session, learner: Learner, week: int | None = None) -> list[TaskRow]:
    """Every plan task (or one week's) with the learner's status and whether their weekly hours require it;
    tasks never touched are todo."""
    states = task_states(session, learner)
    rows = []
    for plan_week in load_catalog().plan.weeks:
        if week is not None and plan_week.number != week:
            continue
        for task in week_load(plan_week, learner.weekly_hours).tasks:
            state = states.get(task.key)
            rows.append(
                TaskRow(
                    key=task.key,
                    week=plan_week.number,
                    title=task.title,
                    status=state.status if state else "todo",
                    note=state.note if state else "",
                    hours=task.hours,
                    required=task.required,
                )
            )
    return rows


def set_task(
    session: Session, learner: Learner, key: str, *, status: str | None = None, note: str | None = None
) -> TaskState:
    """Set a task's status or note in one upsert: two processes marking the same task never collide."""
    load_catalog().task(key)  # unknown keys are a person's mistake: say so before writing anything
    if status is not None and status not in TASK_STATUSES:
        raise UserError(f"task status {status!r} is not one of {', '.join(TASK_STATUSES)}")
    changes: dict[str, object] = {"updated_at": utcnow()}
    if status is not None:
        changes["status"] = status
    if note is not None:
        changes["note"] = note.strip()
    session.flush()  # anything pending goes first, so the upsert sees it
    statement = (
        upsert(session, TaskState)
        .values({"learner_id": learner.id, "task_key": key, "status": "todo", "note": "", **changes})
        .on_conflict_do_update(index_elements=["learner_id", "task_key"], set_=changes)
    )
    session.execute(statement)
    query = select(TaskState).where(TaskState.learner_id == learner.id, TaskState.task_key == key)
    return session.scalars(query.execution_options(populate_existing=True)).one()


def finished_task_keys(session: Session, learner: Learner) -> set[str]:
    """Done or skipped: a skipped task is a decision, and the plan moves on (as roadmap.sh counts it)."""
    query = select(TaskState.task_key).where(
        TaskState.learner_id == learner.id, TaskState.status.in_(("done", "skipped"))
    )
    return set(session.scalars(query))
