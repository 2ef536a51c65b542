"""Today: day N of 90, this week's objective and proof, the tasks to tick, streaks, heatmap, pace and nudges.

The frame paints first; the record is read in a worker right after (SQLAlchemy and the curriculum load there),
and the same `tracker.today.build_today` value the `proofwork today` command prints is drawn here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import ProgressBar, Static

from tui.screens.base import SectionScreen
from tui.widgets.heatmap import ActivityHeatmap
from tui.widgets.task_table import TaskTable

if TYPE_CHECKING:
    from tracker.today import TodayView

PLAN_DAYS = 90


class TodayScreen(SectionScreen):
    SECTION = "today"
    HELP = (
        "Where you stand today: the plan day, this week's objective and the proof it asks for, the week's "
        "tasks (tick them here), your streak and 12 weeks of activity, pace against the plan, and the "
        "coach's "
        "nudges when a known failure pattern shows in your record."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reload", "Refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: TodayView | None = None
        self._onboarding = False

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="today-body"):
            yield Static("Opening your record…", id="headline")
            yield ProgressBar(total=PLAN_DAYS, show_eta=False, id="plan-bar")
            with Horizontal(id="today-main"):
                with Vertical(id="today-left"):
                    yield Static("", id="week-card", classes="card")
                    yield TaskTable(id="tasks")
                    yield Static("", id="nudges")
                with Vertical(id="today-right"):
                    yield Static("", id="stats", classes="card")
                    yield ActivityHeatmap("", id="heatmap", classes="card")
            yield Static("", id="next-step")

    def on_mount(self) -> None:
        self.query_one("#week-card").border_title = "This week"
        self.query_one("#tasks").border_title = "Tasks"
        self.query_one("#stats").border_title = "Momentum"
        self.query_one("#heatmap").border_title = "Last 12 weeks"

    def on_screen_resume(self) -> None:
        # Paint first, read after: the first load pulls in SQLAlchemy and the curriculum.
        self.call_after_refresh(self.reload)

    def action_reload(self) -> None:
        self.reload()

    def reload(self) -> None:
        handle, today = self.proofwork.record.handle, self.proofwork.today

        def load(session: Any) -> TodayView | None:
            from tracker.learners import current_learner, needs_profile
            from tracker.today import build_today

            if needs_profile(session, handle):
                return None
            return build_today(session, current_learner(session, handle), today)

        self.proofwork.session_job(load, self._loaded, failed=self._failed)

    def _failed(self, error: Exception) -> None:
        self.query_one("#headline", Static).update(f"[b $error]{escape(str(error))}[/]")

    def _loaded(self, view: TodayView | None) -> None:
        if view is None:
            self._start_onboarding()
            return
        self.view = view
        self._draw(view)

    def _start_onboarding(self) -> None:
        if self._onboarding:
            return
        from tui.screens.onboarding import ProfileScreen

        self._onboarding = True

        def finished(_: object) -> None:
            self._onboarding = False

        self.app.push_screen(ProfileScreen(self.proofwork.record.handle), finished)

    # -- drawing ------------------------------------------------------------------------------------------

    def _draw(self, view: TodayView) -> None:
        from tracker.heatmap import build_heatmap

        self.query_one("#headline", Static).update(headline(view))
        bar = self.query_one("#plan-bar", ProgressBar)
        bar.update(progress=plan_day_done(view))
        card = self.query_one("#week-card", Static)
        if view.week:
            week = view.week
            card.border_title = f"Week {week.number} · {escape(week.title)}"
            proof = "[b $success]✔ shipped[/]" if week.proof_shipped else "[b $warning]not yet[/]"
            card.update(f"{escape(week.objective)}\n[b]Proof[/] {proof}: {escape(week.proof_artifact)}")
        else:
            card.border_title = "This week"
            card.update("[dim]No plan week today.[/]")
        tasks = self.query_one("#tasks", TaskTable)
        tasks.show(view.tasks)
        finished = sum(1 for t in view.tasks if t.status in ("done", "skipped"))
        tasks.border_title = f"Tasks {finished}/{len(view.tasks)}"
        tasks.border_subtitle = "space done · s skip · d doing · n note"
        self.query_one("#stats", Static).update(stats_text(view))
        self.query_one("#heatmap", ActivityHeatmap).show(build_heatmap(view.activity, view.today))
        self.query_one("#nudges", Static).update(nudges_text(view))
        self.query_one("#nudges").display = bool(view.nudges)
        self.query_one("#next-step", Static).update(f"[b]Next:[/] {escape(view.next_step)}")

    def palette(self) -> Iterable[SystemCommand]:
        yield SystemCommand("today: refresh", "Read the record again", self.reload)
        yield from self.task_commands()


def headline(view: TodayView) -> str:
    position = view.position
    who = f"[b]{escape(view.learner)}[/] → {escape(view.target_role)}"
    if position.phase == "not_started":
        return f"{who} · the plan starts in {position.days_until_start} day(s)"
    if position.phase == "finished":
        return f"{who} · day 90 was {position.days_since_end} day(s) ago: the plan is complete"
    return f"{who} · [b]Day {position.day} of {PLAN_DAYS}[/] · week {position.week} · month {position.month}"


def plan_day_done(view: TodayView) -> int:
    position = view.position
    if position.phase == "finished":
        return PLAN_DAYS
    return position.day or 0


def pace_text(view: TodayView) -> str:
    pace = view.pace
    if pace.status == "ahead":
        return f"[b $success]ahead by {pace.days} day(s)[/]"
    if pace.status == "behind":
        return f"[b $error]behind by {pace.days} day(s)[/]"
    if pace.status == "on_track":
        return "[b $success]on track[/]"
    return pace.status.replace("_", " ")


def stats_text(view: TodayView) -> str:
    streak = f"[b]{view.streak_current}[/] day(s), best {view.streak_best}"
    drills = f"[b $warning]{view.drills_due} due[/]" if view.drills_due else "none due"
    return "\n".join(
        [
            f"Streak  {streak}",
            f"Pace    {pace_text(view)}",
            f"Today   [b]{view.minutes_today}[/] min · week {hours(view.minutes_this_week)}",
            f"Drills  {drills}",
            "[dim]l log time · ctrl+p commands[/]",
        ]
    )


def hours(minutes: int) -> str:
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60}h{minutes % 60:02d}"


def nudges_text(view: TodayView) -> str:
    return "\n".join(
        f"[b $warning]⚠ {escape(n.title)}[/] {escape(n.message)} [dim]→ {escape(n.correction)}[/]"
        for n in view.nudges
    )
