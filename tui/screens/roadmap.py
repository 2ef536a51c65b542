"""Roadmap: the 12 weeks and the 10 stages with their status, each week's tasks with notes, a stage's prose.

Status comes from `tracker.progress.roadmap_progress` (a week is done only when its tasks are finished and its
proof has shipped); tasks and notes from `tracker.tasks`, the same calls as `proofwork task list --all`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.widgets import Markdown, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from tui.screens.base import SectionScreen
from tui.widgets.task_table import TaskTable

if TYPE_CHECKING:
    from textual.widget import Widget

    from curriculum.catalog import Catalog
    from tracker.progress import RoadmapProgress
    from tracker.tasks import TaskRow

WEEK_MARK = {
    "done": "[b $success]✔[/]",
    "current": "[b $accent]▶[/]",
    "late": "[b $error]![/]",
    "upcoming": "·",
}
STAGE_MARK = {
    "done": "[b $success]✔[/]",
    "in_progress": "[b $accent]▶[/]",
    "late": "[b $error]![/]",
    "upcoming": "·",
}
WEEK_WORDS = {"done": "done", "current": "this week", "late": "open, past its week", "upcoming": "upcoming"}
STAGE_WORDS = {
    "done": "done",
    "in_progress": "in progress",
    "late": "open, past its weeks",
    "upcoming": "upcoming",
}


class RoadmapScreen(SectionScreen):
    SECTION = "roadmap"
    HELP = (
        "The 90-day plan (12 weeks) and the learning path (10 stages). ✔ done (tasks finished and proof "
        "shipped), ▶ now, ! open past its week, · upcoming. Pick a week to see and tick its tasks and write "
        "notes (w writes its retro: shipped, slipped, next), with the hours it requires of your weekly budget "
        "(stretch tasks go beyond it); pick a stage to read its page and the exercises the plan leaves for "
        "after day 90."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "toggle_tab", "Weeks/Stages"),
        Binding("w", "retro", "Retro"),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.progress: RoadmapProgress | None = None
        self.catalog: Catalog | None = None
        self.rows: list[TaskRow] = []
        self.weekly_hours = 0.0
        self._shown_week: int | None = None
        self._shown_stage: str | None = None

    def compose_body(self) -> ComposeResult:
        with TabbedContent(id="roadmap-tabs"):
            with TabPane("Weeks", id="weeks"), Horizontal(classes="master-detail"):
                yield OptionList(id="week-list", classes="master")
                with VerticalScroll(classes="detail", id="week-scroll"):
                    yield Static("Loading the plan…", id="week-info")
                    yield TaskTable(id="week-tasks")
                    yield Static("", id="task-detail", classes="muted")
            with TabPane("Stages", id="stages"), Horizontal(classes="master-detail"):
                yield OptionList(id="stage-list", classes="master")
                with VerticalScroll(classes="detail", id="stage-scroll"):
                    yield Static("", id="stage-info")
                    yield Markdown("", id="stage-prose")

    def on_mount(self) -> None:
        self.query_one("#week-tasks").border_title = "Tasks"
        self.query_one("#week-tasks").border_subtitle = "space done · s skip · d doing · n note"

    def reload(self) -> None:
        today = self.proofwork.today

        def load(session: Any, learner: Any) -> tuple[RoadmapProgress, list[TaskRow], Catalog, float]:
            from curriculum.catalog import load_catalog
            from tracker.progress import roadmap_progress
            from tracker.tasks import task_rows

            progress = roadmap_progress(session, learner, today)
            return progress, task_rows(session, learner), load_catalog(), learner.weekly_hours

        self.proofwork.record_job(load, self._loaded)

    def _loaded(self, data: tuple[RoadmapProgress, list[TaskRow], Catalog, float]) -> None:
        self.progress, self.rows, self.catalog, self.weekly_hours = data
        weeks = self.query_one("#week-list", OptionList)
        highlighted = weeks.highlighted
        weeks.clear_options()
        for week in self.progress.weeks:
            weeks.add_option(
                Option(f"{WEEK_MARK[week.status]} {week.number:>2} {escape(week.title)}", id=str(week.number))
            )
        if highlighted is None:
            highlighted = (self.progress.current_week or 1) - 1
        weeks.highlighted = highlighted
        stages = self.query_one("#stage-list", OptionList)
        stage_highlighted = stages.highlighted
        stages.clear_options()
        for stage in self.progress.stages:
            stages.add_option(
                Option(f"{STAGE_MARK[stage.status]} {stage.number:>2} {escape(stage.title)}", id=stage.key)
            )
        stages.highlighted = stage_highlighted or 0
        self._show_week(highlighted + 1)
        self._show_stage(self.progress.stages[stages.highlighted or 0].key)

    # -- weeks --------------------------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#week-list")
    def _week_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.progress and event.option.id:
            self._show_week(int(event.option.id))

    def _show_week(self, number: int) -> None:
        if not (self.progress and self.catalog):
            return
        self._shown_week = number
        week = self.catalog.week(number)
        progress = self.progress.week(number)
        stages = ", ".join(self.catalog.stage(key).title for key in week.stages)
        proof = "[b $success]✔ shipped[/]" if progress.proof_shipped else "[b $warning]not yet[/]"
        rows = [row for row in self.rows if row.week == number]
        required = sum(row.hours for row in rows if row.required)
        stretch = sum(row.hours for row in rows if not row.required)
        load = f"{required:g} h required of your {self.weekly_hours:g} h"
        if required > self.weekly_hours:
            load = f"[b $error]{load}[/] (the core alone)"
        self.query_one("#week-info", Static).update(
            f"[b]Week {week.number} · {escape(week.title)}[/]  "
            f"[dim]({WEEK_WORDS[progress.status]}, month {week.month})[/]\n"
            f"{escape(week.objective)}\n"
            f"[b]Proof:[/] {escape(week.proof_artifact)} · {proof}  "
            f"[dim]kinds: {escape(', '.join(week.artifact_kinds))}[/]\n"
            f"[b]Load:[/] {load} · {stretch:g} h stretch\n"
            f"[dim]Stages: {escape(stages)} · tasks {progress.tasks_finished}/{progress.tasks_total} · "
            f"artifacts {progress.artifacts}[/]"
        )
        table = self.query_one("#week-tasks", TaskTable)
        table.show(rows)
        self._show_task_detail()

    @on(TaskTable.RowHighlighted, "#week-tasks")
    def _task_highlighted(self) -> None:
        self._show_task_detail()

    def _show_task_detail(self) -> None:
        task = self.query_one("#week-tasks", TaskTable).selected
        detail = self.query_one("#task-detail", Static)
        if task is None or self.catalog is None:
            detail.update("")
            return
        _week, plan_task = self.catalog.task(task.key)
        note = f"\n[b]Your note:[/] {escape(task.note)}" if task.note else "\n[dim]No note yet (n writes one).[/]"
        detail.update(f"[b]{escape(plan_task.title)}[/] [dim]{task.key}[/]\n{escape(plan_task.detail)}{note}")

    # -- stages -------------------------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#stage-list")
    def _stage_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.progress and event.option.id:
            self._show_stage(event.option.id)

    def _show_stage(self, key: str) -> None:
        if not (self.progress and self.catalog) or key == self._shown_stage:
            return
        self._shown_stage = key
        stage = self.catalog.stage(key)
        progress = self.progress.stage(key)
        weeks = ", ".join(str(n) for n in progress.weeks) or "not scheduled"
        competencies = ", ".join(self.catalog.competency(c).title for c in stage.competencies)
        self.query_one("#stage-info", Static).update(
            f"[b]Stage {stage.number} · {escape(stage.title)}[/]  [dim]({STAGE_WORDS[progress.status]})[/]\n"
            f"{escape(stage.goal)}\n"
            f"[dim]Weeks {weeks} · about {stage.hours} h · raises {escape(competencies)} · "
            f"artifacts filed {progress.artifacts}[/]\n"
            f"[b]Proof:[/] {escape(stage.proof_artifact)}\n"
            f"{stage_exits_text(self.catalog, key, self.weekly_hours)}"
        )
        self.query_one("#stage-prose", Markdown).update(stage.prose)
        self.query_one("#stage-scroll", VerticalScroll).scroll_home(animate=False)

    # -- keys and palette -----------------------------------------------------------------------------------

    def page_target(self) -> Widget | None:
        """Page keys scroll the open tab's detail (the week's tasks, the stage's page), not the short list."""
        weeks = self.query_one(TabbedContent).active == "weeks"
        return self.query_one("#week-scroll" if weeks else "#stage-scroll")

    def action_toggle_tab(self) -> None:
        tabs = self.query_one(TabbedContent)
        self.action_tab("stages" if tabs.active == "weeks" else "weeks")

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.query_one("#week-list" if tab == "weeks" else "#stage-list").focus()

    def action_retro(self) -> None:
        """w: the retro of the highlighted week (this week's when none is highlighted)."""
        week = self._shown_week or (self.progress.current_week if self.progress else None) or 1
        self.write_retro(week)

    def palette(self) -> Iterable[SystemCommand]:
        yield SystemCommand("retro: write the week's retro", "Shipped, slipped, next, in your words", self.action_retro)
        yield SystemCommand("roadmap: weeks", "The 12 weeks and their tasks", lambda: self.action_tab("weeks"))
        yield SystemCommand("roadmap: stages", "The 10 stages and their pages", lambda: self.action_tab("stages"))
        yield from self.task_commands()


EXERCISE_WORDS = {"required": "in your plan", "stretch": "stretch only", "outside": "after day 90"}


def stage_exits_text(catalog: Catalog, key: str, weekly_hours: float) -> str:
    """The stage's exercises with where they fall at this budget, and its exits with the artifact that shows each."""
    from curriculum.workload import exercise_coverage

    stage = catalog.stage(key)
    exercises = " · ".join(
        f"{escape(item.title)} [dim]({EXERCISE_WORDS[item.status]})[/]"
        for item in exercise_coverage([stage], catalog.plan, weekly_hours)
    )
    exits = "\n".join(
        f"  • {escape(c.text)} [dim](proof: {escape(catalog.artifact_kind(c.proof).title)})[/]"
        for c in stage.exit_criteria
    )
    return f"[b]Exercises:[/] {exercises}\n[b]Done when:[/]\n{exits}"
