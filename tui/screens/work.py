"""Work: the record of what was done. Artifacts with metrics, projects, each project's decisions per
responsibility layer, the story bank and the time logs.

Lists come from the same services the commands print (`artifact list`, `project list`, `story list`, `logs`);
the forms in `work_forms` save through the same services as the commands. `x` deletes the highlighted row
after saying what goes with it (`tracker.deletes`), and `u` puts the last deletion back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.markup import escape as rich_escape  # DataTable cells are Rich markup
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import DataTable, Select, Static, TabbedContent, TabPane

from tui.screens.base import SectionScreen
from tui.screens.work_lists import LogList, StoryList, cut

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.artifacts import ArtifactListing
    from tracker.deletes import Deletion
    from tracker.logs import LogListing
    from tracker.models import Learner
    from tracker.projects import DecisionListing, ProjectListing
    from tracker.stories import StoryListing

LOG_ROWS = 200  # the latest logs: enough to find a mistyped one, bounded for a long record


@dataclass(frozen=True)
class WorkData:
    artifacts: list[ArtifactListing]
    projects: list[ProjectListing]
    layers: list[tuple[str, str]]  # (title, key)
    kinds: list[tuple[str, str]]  # (title, key)
    default_kind: str | None  # the current week's first proof kind
    stages: list[tuple[str, str]]  # (title, key)
    week: int
    stories: list[StoryListing]
    logs: list[LogListing]


class WorkScreen(SectionScreen):
    SECTION = "work"
    HELP = (
        "Your shipped proof. Artifacts (a to add, e or enter to edit) carry metrics, ideally with a "
        "baseline: "
        "`hallucination rate=12->4 %`. Projects (p to add) hold a decision per responsibility layer "
        "(d to add one on the highlighted layer): the decision, its metric, what failed, the mitigation and "
        "the alternative you rejected. Stories and Logs list the story bank (e or enter edits a story; the "
        "Drill section's Stories tab adds one) and your time. x deletes the "
        "highlighted row once you confirm (it says first what goes with it); u undoes the last delete."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_artifact", "+Artifact"),
        Binding("p", "add_project", "+Project"),
        Binding("d", "add_decision", "+Decision"),
        Binding("e", "edit", "Edit"),
        Binding("x", "delete", "Delete"),
        Binding("delete", "delete", "Delete", show=False),
        Binding("u", "undo", "Undo delete"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: WorkData | None = None
        self.last_deletion: Deletion | None = None

    def compose_body(self) -> ComposeResult:
        with TabbedContent(id="work-tabs"):
            with TabPane("Artifacts", id="artifacts-tab"), Vertical():
                yield DataTable(id="artifacts", cursor_type="row")
                yield Static("", id="artifact-detail", classes="card")
            with TabPane("Projects", id="projects-tab"), Vertical():
                yield DataTable(id="projects", cursor_type="row")
                yield Static("", id="project-detail", classes="card")
            with TabPane("Decisions", id="decisions-tab"), Vertical():
                yield Select([], prompt="(no project yet: p adds one)", id="decision-project", compact=True)
                yield DataTable(id="decisions", cursor_type="row")
                yield Static("", id="decision-detail", classes="card")
            with TabPane("Stories", id="stories-tab"):
                yield StoryList()
            with TabPane("Logs", id="logs-tab"):
                yield LogList()

    def on_mount(self) -> None:
        self.query_one("#artifacts", DataTable).add_columns("#", "wk", "kind", "title", "metrics", "link")
        self.query_one("#projects", DataTable).add_columns("name", "problem", "repo", "artifacts", "decisions")
        self.query_one("#decisions", DataTable).add_columns("layer", "decision", "metric", "failure")

    def reload(self) -> None:
        today = self.proofwork.today

        def load(session: Session, learner: Learner) -> WorkData:
            from curriculum.catalog import load_catalog
            from curriculum.plan import locate
            from tracker.artifacts import ArtifactListing, list_artifacts
            from tracker.logs import LogListing, recent_logs
            from tracker.projects import ProjectListing, list_projects
            from tracker.stories import StoryListing, list_stories

            catalog = load_catalog()
            week = locate(learner.start_date, today, catalog.plan).week or 1
            return WorkData(
                artifacts=[ArtifactListing.of(a) for a in list_artifacts(session, learner)],
                projects=[ProjectListing.of(p, n) for p, n in list_projects(session, learner)],
                layers=[(layer.title, layer.key) for layer in catalog.layers],
                kinds=[(kind.title, kind.key) for kind in catalog.artifact_kinds],
                default_kind=next(iter(catalog.week(week).artifact_kinds), None),
                stages=[(stage.title, stage.key) for stage in catalog.stages],
                week=week,
                stories=[StoryListing.of(s) for s in list_stories(session, learner)],
                logs=[LogListing.of(e) for e in recent_logs(session, learner, LOG_ROWS)],
            )

        self.proofwork.record_job(load, self._loaded)

    def _loaded(self, data: WorkData) -> None:
        self.data = data
        self._fill_artifacts()
        self._fill_projects()
        select = self.query_one("#decision-project", Select)
        chosen = select.value
        names = [p.name for p in data.projects]
        select.set_options([(name, name) for name in names])
        if chosen in names:
            select.value = chosen
        elif names:
            select.value = names[0]
        self._fill_decisions()
        self.query_one(StoryList).fill(data.stories)
        self.query_one(LogList).fill(data.logs)

    # -- artifacts ---------------------------------------------------------------------------------------

    def _fill_artifacts(self) -> None:
        from tracker.inputs import format_metric

        assert self.data is not None
        table = self.query_one("#artifacts", DataTable)
        row = table.cursor_row
        table.clear()
        for a in self.data.artifacts:
            metrics = "; ".join(format_metric(m.name, m.baseline, m.result, m.unit) for m in a.metrics)
            table.add_row(
                str(a.id),
                str(a.week),
                rich_escape(a.kind),
                cut(a.title, 40),
                cut(metrics, 30),
                cut(a.link, 30),
                key=str(a.id),
            )
        if self.data.artifacts:
            table.move_cursor(row=min(row, table.row_count - 1))
        self._show_artifact()
        table.border_title = f"Artifacts ({len(self.data.artifacts)})"

    @on(DataTable.RowHighlighted, "#artifacts")
    def _show_artifact(self) -> None:
        from tracker.inputs import format_metric

        detail = self.query_one("#artifact-detail", Static)
        artifact = self._selected_artifact()
        if artifact is None:
            detail.update("No artifacts yet. Press [b]a[/] to record this week's proof, with its metrics.")
            return
        metrics = (
            "\n".join(
                "  • "
                + escape(format_metric(m.name, m.baseline, m.result, m.unit))
                + ("" if m.baseline is not None else "  [dim](no baseline)[/]")
                for m in artifact.metrics
            )
            or "  [b $warning]no metrics yet[/]: a result with no number reads as an adjective"
        )
        project = f" · project {escape(artifact.project)}" if artifact.project else ""
        detail.update(
            f"[b]#{artifact.id} {escape(artifact.title)}[/] "
            f"[dim]week {artifact.week} · {escape(artifact.kind)} · "
            f"{artifact.shipped_on}{project}[/]\n{escape(artifact.link) or '[dim]no link[/]'}\n"
            f"{escape(artifact.description)}\n[b]Metrics[/]\n{metrics}"
        )

    def _selected_artifact(self) -> ArtifactListing | None:
        table = self.query_one("#artifacts", DataTable)
        if not self.data or not self.data.artifacts or table.cursor_row >= len(self.data.artifacts):
            return None
        return self.data.artifacts[table.cursor_row]

    # -- projects ------------------------------------------------------------------------------------------

    def _fill_projects(self) -> None:
        assert self.data is not None
        table = self.query_one("#projects", DataTable)
        row = table.cursor_row
        table.clear()
        for p in self.data.projects:
            table.add_row(
                cut(p.name, 24),
                cut(p.problem, 36),
                cut(p.repo, 30),
                str(p.artifacts),
                f"{len({d.layer for d in p.decisions})}/{len(self.data.layers)}",
                key=p.name,
            )
        if self.data.projects:
            table.move_cursor(row=min(row, table.row_count - 1))
        self._show_project()
        table.border_title = f"Projects ({len(self.data.projects)})"

    @on(DataTable.RowHighlighted, "#projects")
    def _show_project(self) -> None:
        detail = self.query_one("#project-detail", Static)
        project = self._selected_project()
        if project is None:
            detail.update("No projects yet. Press [b]p[/] to add the project your artifacts build up to.")
            return
        lines = [f"[b]{escape(project.name)}[/] [dim]{escape(project.repo) or 'no repository yet'}[/]"]
        for label, text in (
            ("Problem", project.problem),
            ("Users", project.users),
            ("Constraints", project.constraints),
            ("Non-goals", project.non_goals),
        ):
            lines.append(f"[b]{label}:[/] {escape(text) or '[dim]–[/]'}")
        detail.update("\n".join(lines))

    def _selected_project(self) -> ProjectListing | None:
        table = self.query_one("#projects", DataTable)
        if not self.data or not self.data.projects or table.cursor_row >= len(self.data.projects):
            return None
        return self.data.projects[table.cursor_row]

    # -- decisions per layer --------------------------------------------------------------------------------

    def _decision_project(self) -> ProjectListing | None:
        value = self.query_one("#decision-project", Select).value
        if not self.data or value is Select.NULL:
            return None
        return next((p for p in self.data.projects if p.name == value), None)

    @on(Select.Changed, "#decision-project")
    def _fill_decisions(self) -> None:
        if self.data is None:
            return
        table = self.query_one("#decisions", DataTable)
        row = table.cursor_row
        table.clear()
        project = self._decision_project()
        decisions = project.decisions if project else ()
        self._decision_rows: list[tuple[str, DecisionListing | None]] = []
        for title, key in self.data.layers:
            mine: list[DecisionListing | None] = [d for d in decisions if d.layer == key] or [None]
            for decision in mine:
                self._decision_rows.append((key, decision))
                if decision is None:
                    table.add_row(title, "[dim]– no decision yet[/]", "", "")
                else:
                    table.add_row(
                        title,
                        cut(decision.decision, 40),
                        cut(decision.metric, 24),
                        cut(decision.failure, 24),
                    )
        table.move_cursor(row=min(row, max(0, table.row_count - 1)))
        covered = len({d.layer for d in decisions})
        table.border_title = f"Decisions {covered}/{len(self.data.layers)} layers"
        self._show_decision()

    @on(DataTable.RowHighlighted, "#decisions")
    def _show_decision(self) -> None:
        detail = self.query_one("#decision-detail", Static)
        layer, decision = self._selected_decision()
        if self._decision_project() is None:
            detail.update("Decisions belong to a project: press [b]p[/] to add one first.")
        elif decision is None:
            detail.update(f"No decision on [b]{layer or 'this layer'}[/] yet: [b]d[/] records one.")
        else:
            detail.update(
                "\n".join(
                    f"[b]{label}:[/] {escape(text) or '[dim]–[/]'}"
                    for label, text in (
                        ("Decision", decision.decision),
                        ("Metric", decision.metric),
                        ("Failure", decision.failure),
                        ("Mitigation", decision.mitigation),
                        ("Rejected", decision.rejected),
                    )
                )
            )

    def _selected_decision(self) -> tuple[str | None, DecisionListing | None]:
        rows = getattr(self, "_decision_rows", [])
        row = self.query_one("#decisions", DataTable).cursor_row
        return rows[row] if 0 <= row < len(rows) else (None, None)

    # -- deleting -------------------------------------------------------------------------------------------

    def _highlighted(self) -> tuple[str, int] | None:
        """(kind, id) of the highlighted row in the active tab, or None when it holds nothing to delete."""
        active = self.query_one(TabbedContent).active
        if active == "artifacts-tab":
            artifact = self._selected_artifact()
            return ("artifact", artifact.id) if artifact else None
        if active == "projects-tab":
            project = self._selected_project()
            return ("project", project.id) if project else None
        if active == "decisions-tab":
            _, decision = self._selected_decision()
            return ("decision", decision.id) if decision else None
        if active == "stories-tab":
            story = self.query_one(StoryList).selected()
            return ("story", story.id) if story else None
        entry = self.query_one(LogList).selected()
        return ("log", entry.id) if entry else None

    def action_delete(self) -> None:
        from tui.screens.work_delete import ask_and_delete

        target = self._highlighted()
        if target is None:
            self.notify("Nothing to delete on the highlighted row.", severity="warning")
            return
        ask_and_delete(self, *target)

    def deleted(self, deletion: Deletion | None) -> None:
        """After a delete (kept for undo) or an undo (None): redraw from the record."""
        self.last_deletion = deletion
        self.reload()

    def action_undo(self) -> None:
        from tui.screens.work_delete import undo_last

        if self.last_deletion is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        undo_last(self, self.last_deletion)

    # -- actions ------------------------------------------------------------------------------------------

    def _reload_after(self, saved: bool | None) -> None:
        if saved:
            self.reload()

    def action_add_artifact(self, artifact: ArtifactListing | None = None) -> None:
        from tui.screens.work_forms import ArtifactForm

        if self.data is None:
            return
        form = ArtifactForm(
            artifact=artifact,
            week=self.data.week,
            today=self.proofwork.today,
            kinds=self.data.kinds,
            default_kind=self.data.default_kind,
            stages=self.data.stages,
            projects=[p.name for p in self.data.projects],
        )
        self.query_one(TabbedContent).active = "artifacts-tab"
        self.app.push_screen(form, self._reload_after)

    def action_add_project(self, project: ProjectListing | None = None) -> None:
        from tui.screens.work_forms import ProjectForm

        self.query_one(TabbedContent).active = "projects-tab"
        self.app.push_screen(ProjectForm(project), self._reload_after)

    def action_add_decision(self, decision: DecisionListing | None = None) -> None:
        from tui.screens.work_forms import DecisionForm

        project = self._decision_project()
        if self.data is None:
            return
        if project is None:
            self.notify("Add a project first (p): decisions belong to a project.", severity="warning")
            return
        layer, _ = self._selected_decision()
        self.query_one(TabbedContent).active = "decisions-tab"
        form = DecisionForm(project=project.name, layers=self.data.layers, layer=layer, decision=decision)
        self.app.push_screen(form, self._reload_after)

    def action_edit(self) -> None:
        active = self.query_one(TabbedContent).active
        if active == "artifacts-tab":
            artifact = self._selected_artifact()
            if artifact:
                self.action_add_artifact(artifact)
        elif active == "projects-tab":
            project = self._selected_project()
            if project:
                self.action_add_project(project)
        elif active == "decisions-tab":
            _, decision = self._selected_decision()
            if decision:
                self.action_add_decision(decision)
            else:
                self.action_add_decision()
        elif active == "stories-tab":
            from tui.screens.writing_forms import StoryForm

            story = self.query_one(StoryList).selected()
            self.app.push_screen(StoryForm(story.id if story else None), self._reload_after)
        else:
            self.notify("A mistyped log: x deletes it, then l logs it again.", timeout=5)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit()

    def palette(self) -> Iterable[SystemCommand]:
        yield SystemCommand("work: add artifact", "Record shipped proof with its metrics", self.action_add_artifact)
        yield SystemCommand("work: add project", "A portfolio project", self.action_add_project)
        yield SystemCommand("work: add decision", "A decision on a responsibility layer", self.action_add_decision)
        yield SystemCommand("work: edit the highlighted row", "Artifact, project or decision", self.action_edit)
        yield SystemCommand("work: delete the highlighted row", "Says what goes with it, then asks", self.action_delete)
        yield SystemCommand("work: undo the last delete", "Puts the deleted row back", self.action_undo)
