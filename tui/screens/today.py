"""Today: day N of 90, this week's objective and proof, the tasks to tick, streaks, heatmap, pace and nudges.

The same `tracker.today.build_today` value the `proofwork today` command prints is drawn here. On mount, the
view remembered from this very record (`tracker.today_cache`: same record bytes, date, content and code) is
drawn at once, before SQLAlchemy or the curriculum load; the record is then read in a worker, which draws
the view again and remembers it. Without a remembered view the frame paints first and the worker fills it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import Static

from curriculum.errors import UserError
from curriculum.text import days
from tracker.today_words import Tone, headline_words, pace_words, plan_day_done
from tui.screens.base import SectionScreen
from tui.widgets.heatmap import ActivityHeatmap
from tui.widgets.plan_bar import PlanBar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.today_view import RecentLog, TodayView
    from tui.widgets.task_table import TaskTable

ROOMY_HEIGHT = 34


class TodayScreen(SectionScreen):
    SECTION = "today"
    HELP = (
        "Where you stand today: the plan day, this week's objective and the proof it asks for, the week's "
        "tasks (tick them here), your streak and 12 weeks of activity, pace against the plan, and the "
        "coach's "
        "nudges when a known failure pattern shows in your record."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reload", "Refresh", show=False),  # in the help and palette; the key bar is full
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
    ]
    # Nothing takes focus before the data is drawn: focusing restyles the screen, which would delay the
    # first paint. The task table takes focus once the tasks are there.
    HOME = "#tasks"
    PAGE_SCROLL = "#today-body"

    def __init__(self) -> None:
        super().__init__()
        self.view: TodayView | None = None
        self.remembered = False  # the view on screen came from tracker.today_cache
        self._onboarding = False
        self._drawn = False
        self._table_mounted: asyncio.Future[TaskTable] | None = None

    def compose_body(self) -> ComposeResult:
        self.set_class(self.app.size.height < ROOMY_HEIGHT, "-short")  # before the children: no restyle
        # Before anything is styled: with a remembered view, the first frame is the learner's day.
        self.view = self._remembered_view()
        self.remembered = self.view is not None
        with Vertical(id="today-body"):
            yield Static("Opening your record…", id="headline")
            yield PlanBar(id="plan-bar")
            with Horizontal(id="today-main"):
                with Vertical(id="today-left"):
                    with Vertical(id="week-card", classes="card"):
                        yield Static("", id="week-text")
                        yield Static("", id="week-month", classes="roomy")
                    # The task table (a DataTable) is mounted after the first frame: it is the costliest
                    # widget to style. Until then this shows the same rows as text.
                    yield Static("", id="tasks-placeholder")
                    yield Static("", id="nudges")
                    yield Static("", id="next-step")
                    yield Static("", id="recent", classes="card roomy")
                with Vertical(id="today-right"):
                    yield Static("", id="stats", classes="card")
                    yield ActivityHeatmap("", id="heatmap", classes="card")

    def on_mount(self) -> None:
        self.query_one("#week-card").border_title = "This week"
        self.query_one("#stats").border_title = "Momentum"
        self.query_one("#heatmap").border_title = "Last 12 weeks"
        self.query_one("#recent").border_title = "Recent log"
        if self.view is not None:
            self._fill(self.view)
            self._preview_tasks(self.view)
            self.proofwork.after_first_frame(self._table_after_first_frame)

    async def _table_after_first_frame(self) -> None:
        if self.view is not None:
            await self._fill_tasks(self.view)

    def _remembered_view(self) -> TodayView | None:
        from tracker.today_cache import recall

        url = self._record_url()
        return recall(url, self.proofwork.record.handle, self.proofwork.today) if url else None

    def _record_url(self) -> str | None:
        from tracker.db import resolve_url

        try:
            return resolve_url(self.proofwork.record.db_url)
        except UserError:
            return None  # a bad --db: reading the record reports it

    def on_resize(self) -> None:
        # On a short terminal the extras (month goal, recent log) give their rows to the tasks.
        self.set_class(self.size.height < ROOMY_HEIGHT, "-short")

    def resumed(self) -> None:
        # Paint first, read after: the first load pulls in SQLAlchemy and the curriculum.
        self.proofwork.after_first_frame(self.reload)

    def action_reload(self) -> None:
        self.reload()

    def reload(self) -> None:
        record, today, url = self.proofwork.record, self.proofwork.today, self._record_url() or ""

        def load(session: Session) -> TodayView | None:
            from tracker.learners import current_learner, needs_profile
            from tracker.today_cache import RecordState, build_remembered

            before = RecordState(url, record.handle)  # fingerprinted before anything is read (in the worker)
            if needs_profile(session, record.handle):
                return None
            return build_remembered(session, current_learner(session, record.handle), today, before)

        self.proofwork.session_job(load, self._loaded, failed=self._failed)

    def _failed(self, error: Exception) -> None:
        self.query_one("#headline", Static).update(f"[b $error]{escape(str(error))}[/]")

    async def _loaded(self, view: TodayView | None) -> None:
        if view is None:
            self._start_onboarding()
            return
        if view == self.view:
            self.remembered = False  # the record says the same: nothing to redraw
            return
        self.view, self.remembered = view, False
        await self._draw(view)

    def _start_onboarding(self) -> None:
        if self._onboarding:
            return
        from tui.screens.onboarding import ProfileScreen

        self._onboarding = True

        def finished(_: object) -> None:
            self._onboarding = False

        self.app.push_screen(ProfileScreen(self.proofwork.record.handle), finished)

    # -- drawing ------------------------------------------------------------------------------------------

    async def _draw(self, view: TodayView) -> None:
        self._fill(view)
        await self._fill_tasks(view)

    def _preview_tasks(self, view: TodayView) -> None:
        """The first frame's task rows, as text (the table takes over right after)."""
        from tui.widgets.task_marks import task_cells

        preview = self.query_one("#tasks-placeholder", Static)
        preview.update("\n".join(" ".join(task_cells(task)) for task in view.tasks))
        preview.border_title = tasks_title(view)
        preview.add_class("-preview")

    async def _fill_tasks(self, view: TodayView) -> None:
        tasks = await self._task_table()
        tasks.show(view.tasks)
        tasks.border_title = tasks_title(view)
        tasks.border_subtitle = "space done · s skip · d doing · n note"
        if not self._drawn:
            self._drawn = True
            tasks.focus()  # space ticks a task as soon as the dashboard shows

    def _fill(self, view: TodayView) -> None:
        """Everything but the task table."""
        from tracker.heatmap import today_heatmap

        self.query_one("#headline", Static).update(headline(view))
        self.query_one("#plan-bar", PlanBar).update_progress(plan_day_done(view), view.plan_days)
        card = self.query_one("#week-card")
        text = self.query_one("#week-text", Static)
        month = self.query_one("#week-month", Static)
        if view.week:
            week = view.week
            card.border_title = f"Week {week.number} · {escape(week.title)}"
            proof = "[b $success]✔ shipped[/]" if week.proof_shipped else "[b $warning]not yet[/]"
            text.update(f"{escape(week.objective)}\n[b]Proof[/] {proof}: {escape(week.proof_artifact)}")
            stages = escape(", ".join(week.stages))
            month.update(f"[dim]Month goal: {escape(week.month_objective)}\nStages: {stages}[/]")
        else:
            card.border_title = "This week"
            text.update("[dim]No plan week today.[/]")
            month.update("")
        self.query_one("#stats", Static).update(stats_text(view))
        self.query_one("#heatmap", ActivityHeatmap).show(today_heatmap(view))
        self.query_one("#nudges", Static).update(nudges_text(view))
        self.query_one("#nudges").display = bool(view.nudges)
        self.query_one("#next-step", Static).update(f"[b $accent]→[/] {escape(view.next_step)}")
        self.query_one("#recent", Static).update(recent_text(view.recent))

    async def _task_table(self) -> TaskTable:
        """The task table, mounted in place of its placeholder the first time data arrives."""
        from tui.widgets.task_table import TaskTable

        if self._table_mounted is None:
            table = TaskTable(id="tasks")

            async def swap() -> TaskTable:
                await self.query_one("#tasks-placeholder").remove()
                await self.query_one("#today-left").mount(table, after="#week-card")
                return table

            self._table_mounted = asyncio.ensure_future(swap())  # two loads racing share one mount
        return await self._table_mounted

    def palette(self) -> Iterable[SystemCommand]:
        yield SystemCommand("today: refresh", "Read the record again", self.reload)
        week = self.view.position.week if self.view else None
        if week:
            yield SystemCommand(
                "retro: write this week's retro", f"Week {week}: shipped, slipped, next", lambda: self.write_retro(week)
            )
        yield from self.task_commands()


def tasks_title(view: TodayView) -> str:
    finished = sum(1 for t in view.tasks if t.status in ("done", "skipped"))
    return f"Tasks {finished}/{len(view.tasks)}"


_TONE_STYLE: dict[Tone, str] = {"good": "b $success", "bad": "b $error"}


def headline(view: TodayView) -> str:
    words = headline_words(view)
    who = f"[b]{escape(view.learner)}[/] → {escape(view.target_role)}"
    if not words.place:
        return f"{who} · {words.lead}"
    return f"{who} · [b]{words.lead}[/] · {words.place}"


def pace_text(view: TodayView) -> str:
    words, tone = pace_words(view.pace)
    style = _TONE_STYLE.get(tone)
    return f"[{style}]{words}[/]" if style else words


def stats_text(view: TodayView) -> str:
    streak = f"[b]{days(view.streak_current)}[/], best {view.streak_best}"
    drills = f"[b $warning]{view.drills_due} due[/]" if view.drills_due else "none due"
    return "\n".join(
        [
            f"Streak  {streak}",
            f"Pace    {pace_text(view)}",
            f"Today   [b]{hours(view.minutes_today)}[/] · week {hours(view.minutes_this_week)}",
            f"Drills  {drills}",
        ]
    )


def recent_text(logs: list[RecentLog]) -> str:
    if not logs:
        return "[dim]Nothing logged yet: l logs time with a note on what you did.[/]"
    return "\n".join(
        f"[dim]{line.day:%a %d %b}[/] {hours(line.minutes):>6}  {escape(first_line(line.note))}" for line in logs
    )


def first_line(text: str) -> str:
    return text.splitlines()[0] if text.strip() else ""


def hours(minutes: int) -> str:
    """45m, 2h07: short enough for the narrow Momentum card."""
    return f"{minutes}m" if minutes < 60 else f"{minutes // 60}h{minutes % 60:02d}"


def nudges_text(view: TodayView) -> str:
    return "\n".join(
        f"[b $warning]⚠ {escape(n.title)}[/] {escape(n.message)} [dim]→ {escape(n.correction)}[/]" for n in view.nudges
    )
