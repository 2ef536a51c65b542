"""The self-assessment: one competency at a time, its five level descriptions beside the scores; 1-5 picks.

Used in onboarding (step 2 of 2) and from the Assessment section to take it again. Saving goes through
`tracker.assessments.record_assessment`, exactly as `proofwork assess` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from rich.table import Table

    from curriculum.catalog import Competency
    from tui.app import ProofworkApp


class AssessmentFormScreen(Screen[bool]):
    """Dismisses with True once an assessment is saved, False if left without saving."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"score({n})", f"level {n}", show=False) for n in range(1, 6)),
        Binding("left", "move(-1)", "Previous"),
        Binding("right", "move(1)", "Next"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "leave", "Later"),
    ]

    def __init__(self, initial: dict[str, int] | None = None, *, onboarding: bool = False) -> None:
        super().__init__()
        from curriculum.catalog import load_catalog

        self.competencies: list[Competency] = list(load_catalog().competencies)
        self.scores: dict[str, int] = dict(initial or {})
        self.onboarding = onboarding
        self.index = 0
        self._saving = False

    def compose(self) -> ComposeResult:
        step = "step 2 of 2 · " if self.onboarding else ""
        with VerticalScroll(id="assess-form"):
            yield Static("", id="assess-step")
            with Vertical(classes="card", id="competency") as card:
                card.border_title = f"Self-assessment · {step}score yourself 1-5"
                yield Static("", id="competency-text")
                yield OptionList(id="levels", compact=True)
            yield Static("", id="assess-summary")
            with Horizontal(classes="buttons"):
                yield Button("Save assessment", variant="primary", id="save", compact=True)
                yield Button("Later" if self.onboarding else "Cancel", id="leave", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()

    @property
    def proofwork(self) -> ProofworkApp:
        from tui.app import ProofworkApp

        assert isinstance(self.app, ProofworkApp)
        return self.app

    # -- moving through the seven ------------------------------------------------------------------------

    def _show(self) -> None:
        competency = self.competencies[self.index]
        count = len(self.competencies)
        self.query_one("#assess-step", Static).update(
            f"[b]{self.index + 1} of {count}[/] · press 1-5 (or pick and enter); ←/→ move; ctrl+s saves"
        )
        self.query_one("#competency-text", Static).update(
            f"[b]{escape(competency.title)}[/]\n{escape(competency.description)}"
        )
        levels = self.query_one("#levels", OptionList)
        levels.clear_options()
        chosen = self.scores.get(competency.key)
        for level, anchor in sorted(competency.levels.items()):
            levels.add_option(Option(level_prompt(level, anchor, level == chosen), id=str(level)))
        levels.highlighted = (chosen or 1) - 1
        levels.focus()
        self._summary()

    def _summary(self) -> None:
        parts = []
        for position, competency in enumerate(self.competencies):
            score = self.scores.get(competency.key)
            text = f"{escape(competency.title)} [b]{score if score else '–'}[/]"
            parts.append(f"[reverse]{text}[/]" if position == self.index else text)
        missing = len(self.competencies) - len(self.scores)
        tail = "all scored: ctrl+s or Save" if not missing else f"{missing} to score"
        self.query_one("#assess-summary", Static).update(" · ".join(parts) + f"\n[dim]{tail}[/]")

    def action_score(self, level: int) -> None:
        self.scores[self.competencies[self.index].key] = level
        if self.index < len(self.competencies) - 1:
            self.index += 1
            self._show()
        else:
            self._show()
            self.query_one("#save").focus()

    def action_move(self, step: int) -> None:
        self.index = max(0, min(len(self.competencies) - 1, self.index + step))
        self._show()

    @on(OptionList.OptionSelected, "#levels")
    def _level_chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_score(int(event.option.id or 1))

    # -- leaving -------------------------------------------------------------------------------------------

    @on(Button.Pressed, "#leave")
    def action_leave(self) -> None:
        if self.onboarding:
            self.notify("Take the self-assessment any time: section 3, key n.", timeout=5)
        self.dismiss(False)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self._saving:
            return
        scores = dict(self.scores)
        today = self.proofwork.today

        def save(session: Any, learner: Any) -> list[str]:
            from curriculum.catalog import load_catalog
            from tracker.assessments import latest_gaps, record_assessment

            record_assessment(session, learner, scores, today)
            catalog = load_catalog()
            return [catalog.competency(key).title for key in latest_gaps(session, learner, today).focus]

        def saved(focus: list[str]) -> None:
            self._saving = False
            self.notify(f"Assessment saved. Work first on: {' and '.join(focus)}.", timeout=6, markup=False)
            self.dismiss(True)

        def failed(_: Exception) -> None:
            self._saving = False

        self._saving = True
        self.proofwork.record_job(save, saved, failed=failed)


def level_prompt(level: int, anchor: str, chosen: bool) -> Table:
    """`● 3  anchor text`, the text wrapping under itself rather than under the number."""
    from rich.markup import escape as rich_escape
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(f"{'●' if chosen else ' '} {level}", rich_escape(anchor))
    return grid
