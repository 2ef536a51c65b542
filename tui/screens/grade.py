"""Grade: a repository URL or path, graded in a worker with a progress bar; the scorecard, its findings and
their evidence; the history of grades with the change since the last one.

The grader (`grader.grade.grade_repository`, what `proofwork grade` runs) and the saved history
(`tracker.grades`) are imported only when used.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

from rich.markup import escape as rich_escape  # DataTable cells are Rich markup
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Button, DataTable, Input, Markdown, ProgressBar, Static, TabbedContent, TabPane

from curriculum.errors import UserError
from tui.screens.grade_review import ReviewActions, score_text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from grader.context import Context
    from grader.report import GradeReport
    from tracker.grade_record import RecordedGrade
    from tracker.grades import GradeRow, StoredEvidence, StoredFinding, StoredReport
    from tracker.models import Learner

# The grader reports progress as (stage, done, total); each stage gets an equal share of the bar.
STAGES = ("fetch", "read", "metrics", "probes", "score")
STAGE_WORDS = {
    "fetch": "fetching the repository",
    "read": "reading files at the commit",
    "metrics": "measuring code",
    "probes": "running probes",
    "score": "scoring",
    "review": "asking for a review",
}
OUTCOME_MARK = {
    "passed": "[green]✔ passed[/]",
    "failed": "[red]✘ failed[/]",
    "not_detected": "[red]✘ not found[/]",
    "not_applicable": "[dim]– n/a[/]",
    "error": "[yellow]! error[/]",
}


NO_REVIEW = (
    "No review yet. Grade a repository, then press **r**: the evidence pack Claude would read and its "
    "worst-case cost are shown before anything is sent."
)


class GradeScreen(ReviewActions):
    SECTION = "grade"
    HELP = (
        "Type a GitHub URL or a local path and press enter. The grader reads the repository at a pinned "
        "commit (it never runs its code), runs its probes and scores each dimension 0-100 with evidence. "
        "Pick a dimension to list its findings; enter on a finding shows its evidence and the fix. r asks "
        "Claude for a senior reviewer's critique of the graded commit: what would be sent and its cost are "
        "shown first, and nothing is sent until you say so (ANTHROPIC_API_KEY, model and cap as for "
        "`proofwork grade`)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "focus_target", "Grade…", priority=True),
        Binding("r", "review", "Claude review"),
        Binding("h", "history", "History"),
    ]
    HOME = "#dimensions"

    def __init__(self) -> None:
        super().__init__()
        self.report: StoredReport | None = None  # the record's form: it also shows grades saved long ago
        self.running = False
        self._findings: list[StoredFinding] = []
        self._history_sources: dict[str, str] = {}
        # The grade this screen made, for the review: the report, the facts collected at its commit, its run.
        self._graded: tuple[GradeReport, Context] | None = None  # the report and the facts at its commit
        self._run_id: int | None = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="grade-body"):
            with Horizontal(id="grade-bar"):
                yield Input(
                    placeholder="https://github.com/owner/repo or a local path",
                    id="grade-target",
                    compact=True,
                )
                yield Button("Grade", variant="primary", id="grade-go", compact=True)
            yield Static("", id="grade-status")
            yield ProgressBar(total=100 * len(STAGES), show_eta=False, id="grade-progress")
            with TabbedContent(id="grade-tabs"):
                with TabPane("Scorecard", id="scorecard-tab"), Horizontal(classes="master-detail"):
                    yield DataTable(id="dimensions", cursor_type="row", classes="master")
                    with Vertical(classes="detail"):
                        yield Static("", id="grade-summary")
                        yield DataTable(id="findings", cursor_type="row")
                with TabPane("Review", id="review-tab"), VerticalScroll(id="review-scroll"):
                    yield Markdown(NO_REVIEW, id="grade-review")
                with TabPane("History", id="history-tab"):
                    yield DataTable(id="grade-history", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#dimensions", DataTable).add_columns("dimension", "score", "weight")
        self.query_one("#findings", DataTable).add_columns("outcome", "finding", "where")
        self.query_one("#grade-history", DataTable).add_columns("when", "source", "commit", "overall", "change")
        self.query_one("#grade-progress").display = False
        self._status(
            "Grade a portfolio repository: evals, tests, observability and more, with evidence. "
            "[b]ctrl+g[/] (or a click) to type its URL or path; esc leaves the box."
        )

    # -- history ------------------------------------------------------------------------------------------

    def reload(self) -> None:
        def load(session: Session, learner: Learner) -> list[GradeRow]:
            from tracker.grades import grade_history

            return list(grade_history(session, learner))

        self.proofwork.record_job(load, self._show_history)

    def _show_history(self, rows: list[GradeRow]) -> None:
        table = self.query_one("#grade-history", DataTable)
        table.clear()
        self._history_sources = {str(row.id): row.source for row in rows}
        for row in rows:
            change = row.change
            moved = "" if change is None else f"[green]+{change:g}[/]" if change > 0 else f"[red]{change:g}[/]"
            table.add_row(
                row.created_at.strftime("%Y-%m-%d %H:%M"),
                rich_escape(_source_text(row.source)),
                str(row.commit)[:10],
                score_text(row.overall),
                moved or "[dim]first[/]",
                key=str(row.id),
            )
        table.border_title = f"Grades ({len(rows)})"

    def action_history(self) -> None:
        self.query_one(TabbedContent).active = "history-tab"
        self.query_one("#grade-history").focus()

    # -- grading ------------------------------------------------------------------------------------------

    def action_focus_target(self) -> None:
        self.query_one(TabbedContent).active = "scorecard-tab"
        self.query_one("#grade-target").focus()

    @on(Input.Submitted, "#grade-target")
    @on(Button.Pressed, "#grade-go")
    def start_grade(self) -> None:
        target = self.query_one("#grade-target", Input).value.strip()
        if self.running:
            self.notify("A grade is already running.", severity="warning")
            return
        if not target:
            self.notify("Type a repository URL or a local path to grade.", severity="error", title="Nothing to grade")
            return
        # Tab wraps back to this box after a grade: an enter there must not grade the same commit again.
        asking = f"Grade {target} again? It was graded from this screen."
        self.run_once(f"grade:{target}", asking, lambda: self._begin(target))

    def _begin(self, target: str) -> None:
        self.running = True
        bar = self.query_one("#grade-progress", ProgressBar)
        bar.display = True
        bar.update(progress=0)
        self._status(f"Grading [b]{escape(target)}[/]…")
        self.query_one("#grade-go", Button).disabled = True
        self.query_one("#dimensions").focus()  # keys work again while the grade runs
        self._grade(target)

    @work(thread=True, exclusive=True, group="grade")
    def _grade(self, target: str) -> None:
        app = self.proofwork
        contexts: list[Context] = []  # the facts collected at the commit: the review reads the same snapshot
        try:
            from grader.grade import grade_repository
            from tracker.grades import stored_report

            report = grade_repository(target, progress=self._progress_from_thread, on_context=contexts.append)
        except UserError as error:
            app.call_from_thread(self._failed, error)
            return
        app.call_from_thread(self._graded_now, report, stored_report(report), contexts[0] if contexts else None)

    def _progress_from_thread(self, stage: str, done: int, total: int) -> None:
        self.app.call_from_thread(self._progress, stage, done, total)

    def _progress(self, stage: str, done: int, total: int) -> None:
        index = STAGES.index(stage) if stage in STAGES else len(STAGES) - 1
        share = done / total if total else 1
        self.query_one("#grade-progress", ProgressBar).update(progress=100 * index + 100 * share)
        self._status(f"{STAGE_WORDS.get(stage, stage)} · {done}/{total}")

    def _finish(self) -> None:
        self.running = False
        self.query_one("#grade-go", Button).disabled = False
        self.query_one("#grade-progress").display = False

    def _failed(self, error: Exception) -> None:
        self._finish()
        self.forget_job()  # nothing was graded: trying again needs no confirmation
        self._status(f"[b $error]{escape(str(error))}[/]")
        self.proofwork.show_error(error)

    def _graded_now(self, report: GradeReport, shown: StoredReport, context: Context | None) -> None:
        self._finish()
        self._graded, self._run_id = (report, context) if context is not None else None, None
        self.show_report(shown)

        def save(session: Session, learner: Learner) -> RecordedGrade:
            from tracker.grade_record import record_grade

            # The same call `proofwork grade` makes: the run, and drill cards from the repository's findings.
            return record_grade(session, learner, report, datetime.now(UTC))

        def saved(recorded: RecordedGrade) -> None:
            self._run_id = recorded.run_id
            cards = len(recorded.cards)
            questions = f"; {cards} interview question(s) added to your drills" if cards else ""
            self.notify(f"Grade saved to your record{questions}.", timeout=5)
            self.reload()

        self.proofwork.record_job(save, saved)

    # -- the scorecard ---------------------------------------------------------------------------------------

    def show_report(self, data: StoredReport) -> None:
        self.report = data
        dimensions = data.get("dimensions") or {}
        table = self.query_one("#dimensions", DataTable)
        table.clear()
        for name, dim in dimensions.items():
            table.add_row(name.replace("_", " "), score_text(dim.get("score")), f"{dim.get('weight', 0):g}", key=name)
        coverage = (data.get("coverage") or {}).get("rubric_weight_assessed")
        assessed = f" · {coverage:.0%} of the rubric assessed" if isinstance(coverage, int | float) else ""
        commit = str(data.get("commit") or "")[:10]
        self._status(
            f"Overall {score_text(data.get('overall'))}{assessed} · "
            f"{escape(_source_text(data.get('source')))} @ {escape(commit)}"
        )
        table.focus()
        if dimensions:
            self._show_dimension(next(iter(dimensions)))

    @on(DataTable.RowHighlighted, "#dimensions")
    def _dimension_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value:
            self._show_dimension(event.row_key.value)

    def _show_dimension(self, name: str) -> None:
        if not self.report:
            return
        dim = (self.report.get("dimensions") or {}).get(name) or {}
        findings = dim.get("findings") or []
        self._findings = findings
        passed = sum(1 for f in findings if f.get("outcome") == "passed")
        fixes = [fix for fix in self.report.get("fixes") or [] if fix.get("dimension") == name][:2]
        worth = "".join(
            f"\n[b $success]+{float(fix.get('points') or 0):.1f}[/] {escape(str(fix.get('title', '')))}: "
            f"[dim]{escape(str(fix.get('remediation', '')))}[/]"
            for fix in fixes
        )
        self.query_one("#grade-summary", Static).update(
            f"[b]{name.replace('_', ' ')}[/] {score_text(dim.get('score'))} · "
            f"{passed}/{len(findings)} passed · "
            "[dim]enter on a finding shows its evidence[/]" + worth
        )
        table = self.query_one("#findings", DataTable)
        table.clear()
        for index, finding in enumerate(findings):
            evidence = finding.get("evidence") or []
            where = _location(evidence[0]) if evidence else ""
            table.add_row(
                OUTCOME_MARK.get(str(finding.get("outcome")), str(finding.get("outcome"))),
                rich_escape(str(finding.get("title") or finding.get("probe", ""))),
                rich_escape(where),
                key=str(index),
            )

    @on(DataTable.RowSelected, "#dimensions")
    def _dimension_selected(self) -> None:
        self.query_one("#findings").focus()

    @on(DataTable.RowSelected, "#findings")
    def _finding_selected(self, event: DataTable.RowSelected) -> None:
        from tui.screens.finding import FindingScreen

        index = int(event.row_key.value or 0)
        findings = self._findings
        if 0 <= index < len(findings):
            self.app.push_screen(FindingScreen(findings[index]))

    @on(DataTable.RowSelected, "#grade-history")
    def _history_selected(self, event: DataTable.RowSelected) -> None:
        source = self._history_sources.get(str(event.row_key.value))
        if source is None:
            return

        def load(session: Session, learner: Learner) -> StoredReport | None:
            from tracker.grades import latest_grade, run_report

            run = latest_grade(session, learner, source)
            return run_report(run) if run is not None else None

        def loaded(report: StoredReport | None) -> None:
            if report:
                self.query_one(TabbedContent).active = "scorecard-tab"
                self.show_report(report)

        self.proofwork.record_job(load, loaded)

    def palette(self) -> Iterable[SystemCommand]:
        yield SystemCommand("grade: Claude review", "Quote, then ask for, a review of this grade", self.action_review)
        yield SystemCommand("grade: history", "Past grades and their change", self.action_history)


def _location(evidence: StoredEvidence) -> str:
    path = str(evidence.get("path", ""))
    line = evidence.get("start_line")
    return f"{path}:{line}" if line else path


def _source_text(source: object) -> str:
    if isinstance(source, dict):
        return str(source.get("url") or source.get("target") or "")
    return str(source or "")
