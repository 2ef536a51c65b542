"""Assessment: the gap chart against the target role, the two to focus on, role fit, each self-rating beside the
evidence in the record, and the history.

The report is `tracker.assessments.latest_gaps` (what `proofwork gaps` prints, calibration included); the
history is `tracker.assessments.assessment_timeline`. `n` takes the assessment again, starting from the last
scores.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.markup import escape as rich_escape  # DataTable cells are Rich markup
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import DataTable, Static

from tui.screens.base import SectionScreen
from tui.widgets.gap_chart import GapChart

if TYPE_CHECKING:
    from curriculum.assessment import GapReport
    from curriculum.calibration import Calibration
    from curriculum.catalog import Catalog
    from tracker.assessments import AssessmentPoint

HISTORY_COLUMNS = 6


class AssessmentScreen(SectionScreen):
    SECTION = "assessment"
    HELP = (
        "Your latest self-assessment against the target role: the gap per competency, the lowest two to work "
        "on first, how well you fit each role today, each self-rating beside what your artifacts, repository "
        "grades and drills show (⚠ where they differ by two levels or more), and every past assessment with its "
        "change. n takes it again (scores start from your last ones)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "assess", "Take again"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.history: list[AssessmentPoint] = []

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="assessment-body"):
            yield GapChart("Loading your assessments…", id="gap-chart", classes="card")
            yield Static("", id="focus", classes="card")
            yield Static("", id="calibration", classes="card")
            yield DataTable(id="assessment-history", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#gap-chart").border_title = "Gaps"
        self.query_one("#focus").border_title = "Focus and fit"
        self.query_one("#calibration").border_title = "Self-rating against evidence"
        self.query_one("#assessment-history").border_title = "History"

    def reload(self) -> None:
        today = self.proofwork.today

        def load(session: Any, learner: Any) -> tuple[GapReport | None, list[AssessmentPoint], Catalog]:
            from curriculum.catalog import load_catalog
            from tracker.assessments import assessment_timeline, latest_gaps

            history = assessment_timeline(session, learner)
            report = latest_gaps(session, learner, today) if history else None
            return report, history, load_catalog()

        self.proofwork.record_job(load, self._loaded)

    def _loaded(self, data: tuple[GapReport | None, list[AssessmentPoint], Catalog]) -> None:
        report, self.history, catalog = data
        titles = {c.key: c.title for c in catalog.competencies}
        chart = self.query_one("#gap-chart", GapChart)
        focus = self.query_one("#focus", Static)
        calibration = self.query_one("#calibration", Static)
        if report is None:
            chart.border_title = "Gaps"
            chart.update("No self-assessment yet. Press [b]n[/] to score yourself on the seven competencies.")
            focus.display = False
            calibration.display = False
        else:
            chart.border_title = f"Gaps against {escape(report.target_title)}"
            chart.show(report, titles)
            focus.display = True
            focus.update(focus_text(report, titles))
            calibration.display = report.calibration is not None
            if report.calibration is not None:
                calibration.update(calibration_text(report.calibration))
                disagreements = len(report.calibration.nudges)
                calibration.border_subtitle = f"{disagreements} to look at" if disagreements else "in line"
        self._history_table(titles)

    def _history_table(self, titles: dict[str, str]) -> None:
        table = self.query_one("#assessment-history", DataTable)
        table.clear(columns=True)
        table.display = bool(self.history)
        shown = self.history[:HISTORY_COLUMNS][::-1]  # oldest of the shown on the left
        table.add_column("competency", key="competency")
        for index, point in enumerate(shown):
            table.add_column(point.taken_at.strftime("%b %d"), key=str(index))
        for key, title in titles.items():
            cells = []
            for point in shown:
                score = point.scores.get(key)
                change = point.change.get(key) if point.change else None
                moved = ""
                if change:
                    moved = f" [green]▲{change}[/]" if change > 0 else f" [red]▼{-change}[/]"
                cells.append(f"{score if score is not None else '–'}{moved}")
            table.add_row(rich_escape(title), *cells, key=key)
        table.border_subtitle = f"{len(self.history)} assessment(s)" + (
            f", the last {HISTORY_COLUMNS} shown" if len(self.history) > HISTORY_COLUMNS else ""
        )
        # A DataTable of height auto does not ask for a new layout when rows arrive after it was laid out
        # empty: without this the box stayed two lines high (empty) until the terminal was resized.
        table.refresh(layout=True)

    def action_assess(self) -> None:
        from tui.screens.assessment_form import AssessmentFormScreen

        initial = self.history[0].scores if self.history else None
        self.app.push_screen(AssessmentFormScreen(initial))

    def palette(self) -> Iterable[SystemCommand]:
        yield SystemCommand("assessment: take again", "Score the seven competencies again", self.action_assess)


def focus_text(report: GapReport, titles: dict[str, str]) -> str:
    focus = " and ".join(f"[b]{escape(titles.get(key, key))}[/]" for key in report.focus)
    fits = " · ".join(f"{escape(fit.title)} [b]{fit.fit}%[/]" for fit in report.role_fit[:4])
    return f"Work first on {focus} (your lowest two).\n[dim]Fit today:[/] {fits}"


def calibration_text(calibration: Calibration) -> str:
    """One line per competency (self, evidence), then the nudges where they differ by two levels or more."""
    width = max(len(escape(check.title)) for check in calibration.checks) + 2
    lines = []
    for check in calibration.checks:
        evidence = "–" if check.evidence_level is None else str(check.evidence_level)
        mark = " [b $warning]⚠[/]" if check.disagrees else ""
        lines.append(f"{escape(check.title):<{width}}you [b]{check.self_rating}[/] · evidence [b]{evidence}[/]{mark}")
    nudges = [f"[$warning]⚠[/] {escape(nudge)}" for nudge in calibration.nudges]
    legend = "[dim]Evidence: the level your artifacts, repository grades and drills show at best; – none yet.[/]"
    return "\n".join([*lines, legend, *(["", *nudges] if nudges else [])])
