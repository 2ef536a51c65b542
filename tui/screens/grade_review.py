"""The Claude review from the Grade screen: what it would send and cost, asked before anything is sent.

The same steps `proofwork grade` runs (`grader.review.run.review_report`, settings from the environment and
`config.toml` through `grader.review.config`), split in two so the learner sees the quote first:
`quote_review` builds the evidence pack and prices its worst case (every token fresh, the whole output
allowance), `run_review` sends it. Both run in worker threads; nothing here decides a score.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown, Static, TabbedContent

from curriculum.errors import UserError
from tui.screens.base import SectionScreen
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from grader.claude.settings import ClaudeSettings
    from grader.context import Context
    from grader.report import GradeReport
    from grader.review.run import Progress, ReviewOptions
    from tracker.models import Learner


def score_text(score: object) -> str:
    if not isinstance(score, int | float):
        return "[dim]–[/]"
    colour = "green" if score >= 70 else "yellow" if score >= 40 else "red"  # named: tables read Rich markup
    return f"[b {colour}]{score:.0f}[/]"


@dataclass(frozen=True)
class ReviewQuote:
    """What one review would send and its worst-case cost, before it is sent."""

    model: str
    input_tokens: int  # the pack, system prompt and instructions, estimated on the high side
    max_output_tokens: int
    cost_usd: float | None  # None: the model has no listed price
    price_as_of: date | None
    cached: bool  # the same pack was answered before: nothing will be sent, $0
    files_whole: int
    files_named: int
    redactions: int
    max_cost: float | None  # the learner's cap (config.toml [review] max_cost), if any
    note: str | None = None  # why the cost is not estimated

    @property
    def over_cap(self) -> bool:
        return self.max_cost is not None and (self.cost_usd is None or self.cost_usd > self.max_cost)

    def text(self) -> str:
        """The question put to the learner, in plain words (no markup)."""
        if self.cached:
            return (
                f"This commit's evidence pack was reviewed before by {self.model}: the answer comes from the "
                "local cache. Nothing is sent and it costs nothing."
            )
        if self.cost_usd is None:
            cost = f"cost not estimated ({self.note or 'no price listed for this model'})"
        else:
            cost = f"at most ${self.cost_usd:.4f} (prices as of {self.price_as_of})"
        cap = ""
        if self.max_cost is not None:
            cap = f"\nYour cap is ${self.max_cost:.4f} a review" + (": this is over it." if self.over_cap else ".")
        return (
            f"Send this grade's evidence pack to Claude ({self.model})?\n"
            f"About {self.input_tokens:,} input tokens and up to {self.max_output_tokens:,} output tokens: "
            f"{cost}.{cap}\n"
            f"{self.files_whole} file(s) whole, {self.files_named} named only; {self.redactions} secret(s) "
            "redacted before sending, .env files never read."
        )


def review_settings() -> tuple[ClaudeSettings, ReviewOptions]:
    """(ClaudeSettings, ReviewOptions) as `proofwork grade` reads them: environment, then config.toml."""
    from grader.review.config import claude_settings, review_options
    from grader.settings import GraderSettings

    return claude_settings(None), review_options(None, None, GraderSettings().cache_dir / "claude")


def quote_review(report: GradeReport, context: Context) -> ReviewQuote | str:
    """The quote for reviewing `report`, or the one line saying why no review can run (no key)."""
    from grader.claude import check_budget
    from grader.review.model import ReviewAnswer
    from grader.review.run import cache_key, prepare_review

    settings, options = review_settings()
    if not settings.available:
        return f"review: skipped ({settings.skip_reason or 'no key'}); set ANTHROPIC_API_KEY to ask Claude"
    prepared = prepare_review(report, context, options.token_budget)
    estimate = check_budget(prepared.input_estimate, settings.max_output_tokens, settings.model, None)
    cached = options.cache is not None and options.cache.get(cache_key(prepared, settings.model), ReviewAnswer)
    return ReviewQuote(
        model=settings.model,
        input_tokens=prepared.input_estimate,
        max_output_tokens=settings.max_output_tokens,
        cost_usd=estimate.usd,
        price_as_of=estimate.as_of,
        cached=bool(cached),
        files_whole=len(prepared.pack.files_included),
        files_named=len(prepared.pack.listed),
        redactions=prepared.pack.redactions,
        max_cost=options.max_cost,
        note=estimate.note,
    )


def run_review(report: GradeReport, context: Context, progress: Progress | None = None) -> GradeReport:
    """`report` with its review section: reviewed, or failed/skipped with the reason (never raises for Claude)."""
    from grader.review.run import review_report

    settings, options = review_settings()
    return review_report(report, context, settings, options, progress=progress)


def review_markdown(report: GradeReport) -> str:
    """The review as `proofwork grade --format markdown` writes it, or its one status line."""
    from grader.render.markdown import to_markdown
    from grader.render.review import cost_line, status_line

    review = report.review
    if review is None or review.status != "reviewed":
        return status_line(review)
    return to_markdown(report, "grade_review.md.j2").strip() + f"\n\n_{cost_line(review)}_\n"


class ReviewDialog(ModalScreen[bool]):
    """The quote, and Send or Cancel. Cancel has focus: a stray enter sends nothing and costs nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "Cancel"),
        Binding("s", "answer(True)", "Send"),
    ]

    def __init__(self, quote: ReviewQuote) -> None:
        super().__init__()
        self.quote = quote

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm") as box:
            box.border_title = "Claude review"
            yield Static(escape(self.quote.text()), id="review-quote")
            refused = self.quote.over_cap
            hint = (
                "over your max_cost: raise it in config.toml or lower the token budget"
                if refused
                else ("s sends · enter or esc cancels")
            )
            yield Static(hint, classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="no", compact=True)
                yield Button("Send", variant="warning", id="yes", compact=True, disabled=refused)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    def action_answer(self, send: bool) -> None:
        self.dismiss(send and not self.quote.over_cap)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "yes")


class ReviewActions(SectionScreen):
    """The Grade screen's review key and workers; `GradeScreen` builds on it (kept here with the review)."""

    running: bool
    _graded: tuple[GradeReport, Context] | None  # (GradeReport, grader Context) of the grade made on this screen
    _run_id: int | None  # its saved run

    def _status(self, text: str) -> None:
        self.query_one("#grade-status", Static).update(text)

    def action_review(self) -> None:
        """r: quote the review of the grade made here (tokens, worst-case cost), then send it if asked."""
        if self.running:
            self.notify("A grade is running: the review follows it.", severity="warning")
            return
        if self._graded is None:
            self.notify(
                "Grade a repository here first: the review reads the commit that was just graded.",
                title="Nothing to review",
                severity="warning",
            )
            return
        report, context = self._graded
        self._status("Building the evidence pack and pricing the review…")
        self._quote(report, context)

    @work(thread=True, exclusive=True, group="review")
    def _quote(self, report: GradeReport, context: Context) -> None:
        try:
            quote = quote_review(report, context)
        except UserError as error:
            self.app.call_from_thread(self._review_refused, str(error))
            return
        self.app.call_from_thread(self._quoted, quote)

    def _review_refused(self, line: str) -> None:
        self._status(escape(line))
        self.notify(line, title="No review", severity="warning", timeout=8, markup=False)

    def _quoted(self, quote: ReviewQuote | str) -> None:
        if isinstance(quote, str):
            self._review_refused(quote)
            return
        self._status("Review quoted: nothing sent yet.")

        def answered(send: bool | None) -> None:
            if not send or self._graded is None:
                self._status("Review not sent.")
                return
            self._status(f"Asking {escape(quote.model)} for a review…")
            self._send_review(*self._graded)

        self.app.push_screen(ReviewDialog(quote), answered)

    @work(thread=True, exclusive=True, group="review")
    def _send_review(self, report: GradeReport, context: Context) -> None:
        reviewed = run_review(report, context)
        self.app.call_from_thread(self._reviewed, reviewed)

    def _reviewed(self, reviewed: GradeReport) -> None:
        if self._graded is None:
            return
        self._graded = (reviewed, self._graded[1])
        review = reviewed.review
        self.query_one("#grade-review", Markdown).update(review_markdown(reviewed))
        self.query_one(TabbedContent).active = "review-tab"
        if review is None or review.status != "reviewed":
            self._status(escape(review_markdown(reviewed)))
            return
        overall = review.overall
        moved = f" · reviewed {score_text(overall.reviewed)}" if overall is not None else ""
        self._status(f"Overall {score_text(reviewed.overall)} static{moved} · the Review tab has the critique")
        self._save_review(reviewed)

    def _save_review(self, reviewed: GradeReport) -> None:
        run_id = self._run_id
        if run_id is None:
            return

        def save(session: Session, learner: Learner) -> int:
            from tracker.grade_record import record_review

            return len(record_review(session, learner, run_id, reviewed, datetime.now(UTC)).cards)

        def saved(cards: int) -> None:
            questions = f"; {cards} interview question(s) from the review added to your drills" if cards else ""
            self.notify(f"Review saved with grade #{run_id}{questions}.", timeout=6)
            self.reload()

        self.proofwork.record_job(save, saved)
