"""Drill: a timed interview answer, scored on the rubric and rescheduled by spaced repetition.

Mirrors `proofwork drill`: `tracker.drills.next_card` picks the most due theme (or the chosen one),
`question_for` the question, `grader.answers.score_answer` scores the answer, `rating_for` maps the score to
the card's rating (the schedule follows the rubric, never Claude) and `record_attempt` saves and reschedules.
Claude's feedback runs in its own worker and shows beside the rubric, or its skip line. The countdown starts
when the learner does (enter, or the first key typed in the answer box), not when the question appears, and
keeps counting past zero, in red, rather than cutting the learner off; `clock` and `now` are injectable.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

from rich.markup import escape as rich_escape  # DataTable cells are Rich markup
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.timer import Timer
from textual.widgets import DataTable, Select, Static, TabbedContent, TabPane, TextArea

from tui.screens.base import SectionScreen, is_text_box

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from grader.answers import AnswerScore
    from grader.answers.claude_feedback import FeedbackResult
    from tracker.drills import DrillQuestion, ThemeStats
    from tracker.models import Learner
    from tracker.stories import StoryCoverage, StoryListing

TIME_BOX = 90


def _now() -> datetime:
    return datetime.now(UTC)


def clock_text(remaining: float) -> str:
    """`1:05 left`, or `0:12 over` (in red) once the time box is spent."""
    whole = int(abs(remaining))
    mins, secs = divmod(whole, 60)
    if remaining >= 0:
        colour = "$warning" if remaining <= 15 else "$success"
        return f"[b {colour}]⏱ {mins}:{secs:02d} left[/]"
    return f"[b $error]⏱ -{mins}:{secs:02d} over[/]"


@dataclass(frozen=True)
class Asked:
    """The question on screen and the card it reschedules."""

    card_id: int
    question: DrillQuestion
    theme_title: str


@dataclass(frozen=True)
class DrillData:
    asked: Asked | None
    themes: list[tuple[str, str]]  # (title, key)
    stats: list[ThemeStats]
    stories: list[StoryListing]  # what `proofwork story list --json` prints, typed
    coverage: StoryCoverage


@dataclass(frozen=True)
class Scored:
    result: AnswerScore
    rating: int
    due: datetime | None


def question_title(asked: Asked) -> str:
    """The question card's title in words: its theme, and where a question drawn from the learner's own work
    came from (never the card's key, such as `project:0:repo-evals-missing`)."""
    if asked.question.key.startswith("project:"):
        return f"{asked.theme_title} · about your repository"
    return asked.theme_title


def _hint(question: DrillQuestion) -> str:
    """The shape of a good answer for this kind of question; never its key points."""
    from grader.answers.rubric import KIND_HINTS

    return KIND_HINTS[question.question.answer_kind]


def _cut(text: object, width: int) -> str:
    line = str(text or "").replace("\n", " ")
    return rich_escape(line if len(line) <= width else line[: width - 1] + "…")


class DrillScreen(SectionScreen):
    SECTION = "drill"
    HELP = (
        "Answer the most due interview question against the clock (or pick a theme). Read the question, then "
        "press enter (or start typing in the answer box): the countdown starts at the time box (90 s) and "
        "keeps counting, in red, past zero: you are never cut off. Esc leaves the answer box. ctrl+s scores the "
        "answer on the rubric (problem, constraints, design, metrics, failure, iteration; metrics, not "
        "adjectives), saves the attempt and reschedules the theme; Claude's feedback shows beside it when a key "
        "is set. ctrl+o writes the answer in $EDITOR, ctrl+n asks the next question. The Stats tab shows "
        "attempts, average, trend, time and when each theme is due; the Stories tab your story bank, the "
        "themes without a story and the stories without proof: a writes a new story, e (or enter on one) "
        "edits it."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "answer", "Answer"),
        Binding("ctrl+s", "submit", "Score", priority=True),
        Binding("ctrl+n", "next_question", "Next", priority=True),
        Binding("ctrl+o", "editor", "$EDITOR", priority=True),
        Binding("a", "add_story", "+Story"),
        Binding("e", "edit_story", "Edit story", show=False),
    ]

    HOME = ""  # no widget: enter (start answering) and 1-7 reach the screen; the theme box would take enter

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = _now,
        time_box: int = TIME_BOX,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.now = now
        self.time_box = time_box
        self.asked: Asked | None = None
        self.started: float | None = None  # clock() when the learner started answering; None before and after
        self.answered = False
        self.theme: str | None = None  # the picked theme; None means the most due one
        self.busy = False
        self.data: DrillData | None = None
        self._timer: Timer | None = None
        self._themes_filled = False

    def compose_body(self) -> ComposeResult:
        with TabbedContent(id="drill-tabs"):
            with TabPane("Drill", id="drill-tab"), VerticalScroll(id="drill-body"):
                with Horizontal(id="drill-bar"):
                    yield Select([], prompt="most due theme", id="drill-theme", compact=True)
                    yield Static("", id="drill-clock")
                yield Static("Loading the most due question…", id="drill-question", classes="card")
                yield TextArea(id="drill-answer", soft_wrap=True, show_line_numbers=False)
                with Horizontal(id="drill-results"):
                    yield Static("", id="drill-score", classes="card")
                    yield Static("", id="drill-claude", classes="card")
            with TabPane("Stats", id="drill-stats-tab"), Vertical():
                yield DataTable(id="drill-stats", cursor_type="row")
            with TabPane("Stories", id="drill-stories-tab"), Vertical():
                yield Static("", id="drill-coverage", classes="card")
                yield DataTable(id="drill-stories", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#drill-stats", DataTable).add_columns(
            "theme", "attempts", "avg", "last", "trend", "avg s", "due"
        )
        self.query_one("#drill-stories", DataTable).add_columns("#", "title", "themes", "proof", "missing")
        self.query_one("#drill-results").display = False
        self.query_one("#drill-answer", TextArea).border_title = "Your answer · ctrl+s scores · ctrl+o $EDITOR"
        self._timer = self.set_interval(1.0, self.tick)

    # -- loading -------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Stats and stories each time; a new question only when none is waiting for its answer."""
        self._load(new_question=self.asked is None)

    def _load(self, new_question: bool) -> None:
        theme, now = self.theme, self.now()

        def load(session: Session, learner: Learner) -> DrillData:
            from curriculum.drills import load_bank
            from tracker.drills import drill_stats, next_card, question_for
            from tracker.stories import StoryListing, list_stories, story_coverage

            bank = load_bank()
            asked = None
            if new_question:
                card = next_card(session, learner, now, theme)
                question = question_for(session, learner, card)
                titles = {t.key: t.title for t in bank.themes}
                asked = Asked(card.id, question, titles.get(question.theme, question.theme))
            return DrillData(
                asked=asked,
                themes=[(t.title, t.key) for t in bank.themes],
                stats=drill_stats(session, learner),
                stories=[StoryListing.of(s) for s in list_stories(session, learner)],
                coverage=story_coverage(session, learner),
            )

        self.proofwork.record_job(load, self._loaded, failed=self._not_loaded)

    def _not_loaded(self, error: Exception) -> None:
        if self.asked is None:
            self.query_one("#drill-question", Static).update(f"[b $error]No question:[/] {escape(str(error))}")

    def _loaded(self, data: DrillData) -> None:
        self.data = data
        select = self.query_one("#drill-theme", Select)
        if not self._themes_filled:
            self._themes_filled = True
            with select.prevent(Select.Changed):
                select.set_options(data.themes)
                if self.theme is not None:
                    select.value = self.theme
        if data.asked is not None:
            self._ask(data.asked)
        self._fill_stats()
        self._fill_stories()

    def _ask(self, asked: Asked) -> None:
        self.asked = asked
        question = asked.question
        box = self.query_one("#drill-question", Static)
        box.border_title = escape(question_title(asked))
        box.border_subtitle = f"time box {self.time_box} s"
        box.update(f"{escape(question.prompt)}\n[dim]{escape(_hint(question))}[/]")
        answer = self.query_one("#drill-answer", TextArea)
        with answer.prevent(TextArea.Changed):
            answer.load_text("")
        answer.read_only = False
        self.query_one("#drill-results").display = False
        self.started = None
        self.answered = False
        self.query_one("#drill-clock", Static).update(
            f"[b]⏱ {self.time_box // 60}:{self.time_box % 60:02d}[/] [dim]enter starts[/]"
        )
        if is_text_box(self.focused):
            self.focus_home()  # the clock starts when the learner does, not while they read

    # -- the countdown ------------------------------------------------------------------------------------

    def waiting(self) -> bool:
        """A question is on screen and not answered yet."""
        return self.asked is not None and not self.answered

    def start_clock(self) -> None:
        if self.waiting() and self.started is None:
            self.started = self.clock()
            self.tick()

    def action_answer(self) -> None:
        """Enter: start the clock and go to the answer box."""
        if not self.waiting():
            return
        self._show_tab("drill-tab")
        self.start_clock()
        self.query_one("#drill-answer", TextArea).focus()

    @on(TextArea.Changed, "#drill-answer")
    def _typed(self) -> None:
        self.start_clock()  # the first keystroke starts the clock

    def elapsed(self) -> float:
        return 0.0 if self.started is None else self.clock() - self.started

    def tick(self) -> None:
        """Redraw the countdown (every second through `set_interval`; tests call it after moving the clock)."""
        if self.started is None:
            return
        self.query_one("#drill-clock", Static).update(clock_text(self.time_box - self.elapsed()))

    # -- answering ----------------------------------------------------------------------------------------

    def action_submit(self) -> None:
        if not self.waiting():
            self.notify("No question waiting: ctrl+n asks the next one.", severity="warning")
            return
        if self.busy:
            return
        if self.started is None:
            self.notify("Not started: enter starts the clock, then write your answer.", severity="warning")
            return
        assert self.asked is not None
        asked = self.asked
        answer = self.query_one("#drill-answer", TextArea).text
        if not answer.strip():  # not an attempt: nothing saved, the clock keeps running
            self.notify("An empty answer is not an attempt: nothing was saved.", severity="warning")
            return
        seconds = round(self.elapsed(), 1)
        time_box, now = self.time_box, self.now()
        self.busy = True
        self.started = None  # the clock stops at the answer
        self.answered = True
        over = f" ({seconds - time_box:.0f} s over)" if seconds > time_box else ""
        self.query_one("#drill-clock", Static).update(
            f"[b {'$error' if over else '$success'}]answered in {seconds:.0f} s{over}[/]"
        )

        def save(session: Session, learner: Learner) -> Scored:
            from grader.answers import rating_for, score_answer
            from tracker.drills import DrillCard, record_attempt, theme_due

            result = score_answer(asked.question.question, answer, seconds, time_box=time_box)
            rating = rating_for(result.score)  # the schedule follows the rubric, never Claude's opinion
            if not result.attempted:  # the rubric could not read it: not an attempt, nothing is saved
                return Scored(result, rating, None)
            card = session.get(DrillCard, asked.card_id)
            assert card is not None
            record_attempt(
                session,
                learner,
                card,
                question_key=asked.question.question.key,
                answer=answer,
                seconds=seconds,
                score=result.score,
                criteria=result.model_dump(mode="json")["criteria"],
                rating=rating,
                feedback={"advice": result.advice},
                now=now,
            )
            return Scored(result, rating, theme_due(session, learner, card.theme))  # the date Stats shows

        def failed(_error: Exception) -> None:
            self.busy = False
            self.answered = False
            self.started = self.clock() - seconds  # carry on where the learner was

        self.proofwork.record_job(save, lambda scored: self._scored(scored, answer), failed=failed)

    def _scored(self, scored: Scored, answer: str) -> None:
        self.busy = False
        self.query_one("#drill-answer", TextArea).read_only = True
        result = scored.result
        lines = [f"[b]Score {result.score}/100[/]  [dim]rating {scored.rating} · {result.kind} rubric[/]"]
        lines += [f"[$warning]{escape(line)}[/]" for line in result.summary_lines()]
        for name, criterion in result.criteria.items():
            lines.append(f"[b]{escape(name)}[/] {criterion.score}/{criterion.max} [dim]{escape(criterion.detail)}[/]")
        lines += [f"→ {escape(advice)}" for advice in result.advice]
        if scored.due:
            lines.append(f"[dim]This theme comes back on {scored.due:%Y-%m-%d}. ctrl+n: next question.[/]")
        elif not result.attempted:
            lines.append("[dim]Not an attempt: nothing was saved and the question stays due. ctrl+n: next question.[/]")
        box = self.query_one("#drill-score", Static)
        box.border_title = "Rubric"
        box.update("\n".join(lines))
        claude = self.query_one("#drill-claude", Static)
        claude.border_title = "Claude"
        self.query_one("#drill-results").display = True
        if answer.strip() and self.asked is not None:
            claude.update("[dim]Asking Claude…[/]")
            self._claude(self.asked.question, answer, result)
        else:
            claude.update("[dim]No answer, no feedback.[/]")
        self.query_one("#drill-results").scroll_visible()
        self._load(new_question=False)  # stats and due dates

    @work(thread=True, group="claude", exclusive=True)
    def _claude(self, question: DrillQuestion, answer: str, rubric: AnswerScore) -> None:
        from grader.answers.claude_feedback import claude_feedback

        feedback = claude_feedback(question.question, answer, rubric)
        self.app.call_from_thread(self._show_claude, question.key, feedback)

    def _show_claude(self, key: str, result: FeedbackResult) -> None:
        if self.asked is None or self.asked.question.key != key:
            return  # the learner moved on
        box = self.query_one("#drill-claude", Static)
        if result.feedback is None:
            box.update(f"[dim]{escape(result.skipped or 'no feedback')}[/]")
            return
        feedback = result.feedback
        box.border_title = f"Claude · {escape(result.model or '')}"
        lines = [escape(feedback.verdict)]
        if result.judged:
            lines.append(f"[b]Judged on the same rubric: {result.judged.score}/100[/]")
        lines += [f"→ {escape(line)}" for line in feedback.improvements]
        lines.append("[dim]A stronger answer: " + escape(" / ".join(feedback.model_answer_outline)) + "[/]")
        box.update("\n".join(lines))

    def action_next_question(self) -> None:
        if self.busy:
            return
        self.query_one(TabbedContent).active = "drill-tab"
        self.asked = None
        self.started = None
        self.answered = False
        self.query_one("#drill-question", Static).update("Loading the next question…")
        self._load(new_question=True)

    def action_editor(self) -> None:
        from tui.widgets.editor import edit_text

        answer = self.query_one("#drill-answer", TextArea)
        if not self.waiting():
            self.notify("No question waiting for an answer: ctrl+n asks the next one.", severity="warning")
            return
        self.start_clock()  # an explicit start, like enter
        edited = edit_text(self.app, answer.text)  # the clock keeps running while the editor is open
        if edited is not None:
            answer.load_text(edited)

    @on(Select.Changed, "#drill-theme")
    def _theme_picked(self, event: Select.Changed) -> None:
        theme = None if event.value is Select.NULL else str(event.value)
        if theme == self.theme:
            return
        self.theme = theme
        self.action_next_question()

    # -- stats and stories ----------------------------------------------------------------------------------

    def _fill_stats(self) -> None:
        assert self.data is not None
        table = self.query_one("#drill-stats", DataTable)
        table.clear()
        titles = {key: title for title, key in self.data.themes}
        for row in self.data.stats:
            trend = row.trend
            trend_text = (
                ""
                if trend is None
                else (f"[green]+{trend}[/]" if trend > 0 else f"[red]{trend}[/]" if trend < 0 else "0")
            )
            table.add_row(
                rich_escape(titles.get(row.theme, row.theme)),
                str(row.attempts),
                "" if row.average is None else str(row.average),
                "" if row.last is None else str(row.last),
                trend_text,
                "" if row.average_seconds is None else f"{row.average_seconds:.0f}",
                row.due.strftime("%Y-%m-%d") if row.due else "[dim]new[/]",
                key=row.theme,
            )
        table.border_title = f"Drills · attempts: {sum(row.attempts for row in self.data.stats)}"

    def _fill_stories(self) -> None:
        assert self.data is not None
        coverage = self.data.coverage
        titles = {key: title for title, key in self.data.themes}
        table = self.query_one("#drill-stories", DataTable)
        table.clear()
        for story in self.data.stories:
            table.add_row(
                str(story.id),
                _cut(story.title, 28),
                _cut(", ".join(titles.get(theme, theme) for theme in story.themes), 24),
                "yes" if story.has_proof else "[b red]no[/]",
                _cut(", ".join(story.missing_parts), 20),
                key=str(story.id),
            )
        uncovered = ", ".join(titles.get(theme, theme) for theme in coverage.uncovered) or "none"
        without = ", ".join(f"#{i}" for i in coverage.without_proof) or "none"
        box = self.query_one("#drill-coverage", Static)
        box.border_title = f"Story bank {coverage.count}/{coverage.target}"
        box.update(
            f"[b]Themes without a story:[/] {escape(uncovered)}\n[b]Stories without proof:[/] {escape(without)}\n"
            "[dim]a adds a story; e (or enter) edits the highlighted one.[/]"
        )

    # -- writing stories --------------------------------------------------------------------------------------

    def action_add_story(self) -> None:
        self._write_story(None)

    def action_edit_story(self) -> None:
        table = self.query_one("#drill-stories", DataTable)
        if not table.row_count:
            self.notify("No stories yet: a adds the first.", severity="warning")
            return
        self._show_tab("drill-stories-tab")
        self._write_story(int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)))

    @on(DataTable.RowSelected, "#drill-stories")
    def _story_selected(self) -> None:
        self.action_edit_story()

    def _write_story(self, story_id: int | None) -> None:
        from tui.screens.writing_forms import StoryForm

        def written(saved: bool | None) -> None:
            if saved:
                self._show_tab("drill-stories-tab")
                self._load(new_question=False)  # the bank and its coverage

        self.app.push_screen(StoryForm(story_id), written)

    # -- the palette ----------------------------------------------------------------------------------------------

    def _show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_start(self) -> None:
        """Back to the question; a new one when the last was answered."""
        self._show_tab("drill-tab")
        if self.waiting():
            self.action_answer()
        elif not self.busy:
            self.action_next_question()

    def palette(self) -> Iterable[SystemCommand]:
        yield SystemCommand("drill: start", "Answer the most due question against the clock", self.action_start)
        yield SystemCommand(
            "drill: stats", "Attempts, average, trend and due date per theme", lambda: self._show_tab("drill-stats-tab")
        )
        yield SystemCommand(
            "drill: stories", "The story bank and its gaps", lambda: self._show_tab("drill-stories-tab")
        )
        yield SystemCommand("story: add", "Write a story for the bank: six parts, themes, proof", self.action_add_story)
        yield SystemCommand("story: edit", "Edit the highlighted story", self.action_edit_story)
