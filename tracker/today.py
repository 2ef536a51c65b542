"""Today's view: where the learner stands on the 90-day plan, what to do now, and what the coach sees.

One value, built here and drawn by both the command line and the TUI, so the two cannot disagree. Its
shape lives in `tracker.today_view` (no database imports), so a remembered view can be drawn early.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from curriculum.catalog import load_catalog
from curriculum.coach import nudges
from curriculum.habits import streaks
from curriculum.plan import PlanPosition, locate, pace
from curriculum.reminders import reminders
from curriculum.text import days
from tracker.logs import minutes_by_day, recent_logs
from tracker.models import Artifact, DrillCard, Learner
from tracker.progress import proof_shipped
from tracker.record import summarise_record
from tracker.tasks import TaskRow, finished_task_keys, task_rows
from tracker.today_view import RecentLog, TodayView, WeekFocus

__all__ = ["TodayView", "WeekFocus", "build_today"]

RECENT_LOGS = 5


def build_today(session: Session, learner: Learner, today: date) -> TodayView:
    catalog = load_catalog()
    position = locate(learner.start_date, today, catalog.plan)
    minutes = minutes_by_day(session, learner)
    current, best = _streaks(minutes, today)
    artifact_weeks = set(session.scalars(select(Artifact.week).where(Artifact.learner_id == learner.id)))
    finished = finished_task_keys(session, learner)
    plan_pace = pace(position, catalog.plan, finished, artifact_weeks, learner.weekly_hours)
    week_number = _focus_week(position)
    focus = _week_focus(session, learner, week_number) if week_number else None
    tasks = task_rows(session, learner, week_number) if week_number else []
    coach = nudges(summarise_record(session, learner, today, position, minutes), catalog)
    monday = today - timedelta(days=today.weekday())
    return TodayView(
        today=today,
        learner=learner.name,
        target_role=catalog.role(learner.target_role).title,
        position=position,
        week=focus,
        tasks=tasks,
        pace=plan_pace,
        streak_current=current,
        streak_best=best,
        minutes_today=minutes.get(today, 0),
        minutes_this_week=sum(n for day, n in minutes.items() if monday <= day <= today),
        drills_due=_drills_due(session, learner, today),
        nudges=coach,
        next_step=_next_step(position, tasks, focus),
        plan_days=catalog.plan.length_days,
        reminders=reminders(catalog.plan, learner.start_date, position, finished),
        weekly_hours=learner.weekly_hours,
        activity={day: n for day, n in minutes.items() if today - timedelta(weeks=12) < day <= today},
        recent=[
            RecentLog(entry.day, entry.minutes, entry.note)
            for entry in recent_logs(session, learner, RECENT_LOGS)
            if entry.day <= today
        ],
    )


def _streaks(minutes: dict[date, int], today: date) -> tuple[int, int]:
    result = streaks(set(minutes), today)
    return result.current, result.best


def _focus_week(position: PlanPosition) -> int | None:
    if position.phase == "not_started":
        return 1
    return position.week


def _week_focus(session: Session, learner: Learner, number: int) -> WeekFocus:
    catalog = load_catalog()
    week = catalog.week(number)
    month = next(m for m in catalog.plan.months if m.number == week.month)
    kinds = set(
        session.scalars(select(Artifact.kind).where(Artifact.learner_id == learner.id, Artifact.week == number))
    )
    return WeekFocus(
        number=week.number,
        title=week.title,
        objective=week.objective,
        proof_artifact=week.proof_artifact,
        month_objective=month.objective,
        stages=[catalog.stage(key).title for key in week.stages],
        proof_shipped=proof_shipped(kinds, week),
    )


def _drills_due(session: Session, learner: Learner, today: date) -> int:
    end_of_day = datetime.combine(today, time.max)
    query = select(func.count(DrillCard.id)).where(DrillCard.learner_id == learner.id, DrillCard.due <= end_of_day)
    return int(session.scalar(query) or 0)


def _next_step(position: PlanPosition, tasks: list[TaskRow], focus: WeekFocus | None) -> str:
    if position.phase == "not_started":
        return f"The plan starts in {days(position.days_until_start)}; take the self-assessment first."
    if position.phase == "finished":
        return "The 90 days are done: keep drilling, export your case study and resume, and apply."
    open_tasks = [t for t in tasks if t.status in ("todo", "doing") and t.required]
    if open_tasks:
        return f"Next task: {open_tasks[0].title} (proofwork task done {open_tasks[0].key})"
    if focus and not focus.proof_shipped:
        return f"Tasks done: ship this week's proof ({focus.proof_artifact}) and record it with `artifact add`."
    stretch = [t for t in tasks if t.status in ("todo", "doing")]
    if stretch:
        return f"This week's required tasks and proof are done; a stretch task if you have time: {stretch[0].title}."
    return "This week's tasks and proof are done: log a retro, drill, or get ahead on next week."
