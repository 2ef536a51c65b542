"""Mock interview drills: a timed answer to the most due theme, scored on the rubric, rescheduled."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click
from rich.markup import escape

from tui.cli.app import app
from tui.cli.context import console, emit_json, json_option, learner_scope

if TYPE_CHECKING:
    from curriculum.drills import Question


def _now() -> datetime:
    return datetime.now(UTC)


@app.group("drill", invoke_without_command=True)
@click.option("--theme", help="Drill this theme instead of the most due one.")
@click.option(
    "--seconds",
    "time_box",
    type=click.IntRange(15, 900),
    default=90,
    show_default=True,
    help="The time box for the answer.",
)
@click.option("--editor", is_flag=True, help="Write the answer in $EDITOR.")
@click.pass_context
def drill(ctx: click.Context, theme: str | None, time_box: int, editor: bool) -> None:
    """Answer the most due interview question against the clock; scored and rescheduled."""
    if ctx.invoked_subcommand is not None:
        return
    from tracker.drills import next_card, question_for

    with learner_scope(ctx) as (session, learner):
        card = next_card(session, learner, _now(), theme)
        question = question_for(session, learner, card)
    from grader.answers.rubric import KIND_HINTS

    out = console()
    out.print(f"[bold]{question.theme}[/]  ({question.key})\n\n{question.prompt}\n")
    # How to shape the answer for this kind of question; never the key points, which are what is scored.
    out.print(
        f"[dim]Time box {time_box} s. {KIND_HINTS[question.question.answer_kind]} "
        "Finish with an empty line then Ctrl-D.[/]"
    )
    started = time.monotonic()
    answer = (click.edit("") or "") if editor else sys.stdin.read()
    # Piped answers were not typed against the clock: no time is recorded for them.
    seconds = round(time.monotonic() - started, 1) if editor or sys.stdin.isatty() else None
    _score_and_save(ctx, question.question, card.id, answer, seconds, time_box, as_json=False)


def _score_and_save(
    ctx: click.Context,
    question: Question,
    card_id: int,
    answer: str,
    seconds: float | None,
    time_box: int,
    as_json: bool,
    save: bool = True,
) -> None:
    from curriculum.errors import UserError
    from grader.answers import rating_for, score_answer
    from grader.answers.claude_feedback import claude_feedback
    from tracker.drills import DrillCard, record_attempt, theme_due

    if not answer.strip():
        # Not an attempt: nothing is saved and the card keeps its due date.
        raise UserError("the answer is empty, so it is not an attempt: nothing was saved and the question stays due")
    result = score_answer(question, answer, seconds, time_box=time_box)
    rating = rating_for(result.score)  # the schedule follows the rubric, never Claude's opinion
    claude = claude_feedback(question, answer, result)
    due = None
    if save and not result.attempted:  # an answer the rubric cannot read is not an attempt: nothing is saved
        if not as_json:  # the JSON says it too: "attempted": false and the language note
            console().print(f"[yellow]{escape(result.language_note or 'Not scored.')} Nothing was saved.[/]")
    elif save:
        with learner_scope(ctx) as (session, learner):
            card = session.get(DrillCard, card_id)
            assert card is not None
            record_attempt(
                session,
                learner,
                card,
                question_key=question.key,
                answer=answer,
                seconds=seconds,
                score=result.score,
                criteria=result.model_dump(mode="json")["criteria"],
                rating=rating,
                feedback={"advice": result.advice},
                now=_now(),
            )
            due = theme_due(session, learner, card.theme)  # the date Stats shows for the theme
    data = {
        **result.model_dump(mode="json"),
        "question": question.key,
        "seconds": seconds,
        "rating": rating,
        "next_due": due.isoformat(timespec="minutes") if due else None,
        "claude": claude.to_dict(),  # the judged score on the same rubric, or why it was skipped
    }
    if as_json:
        emit_json(data)
        return
    out = console()
    over = f" ([red]{seconds - time_box:.0f} s over[/])" if seconds and seconds > time_box else ""
    took = f" in {seconds} s" if seconds is not None else ""
    out.print(f"\n[bold]Score {result.score}/100[/]{took}{over}  [dim]{result.kind} rubric[/]")
    for line in result.summary_lines():
        out.print(f"  {escape(line)}")
    for name, criterion in data["criteria"].items():
        detail = escape(str(criterion.get("detail", "")))
        out.print(f"  {name:<14} {criterion['score']}/{criterion['max']}  [dim]{detail}[/]")
    for advice in result.advice:
        out.print(f"  → {escape(advice)}")
    if claude and claude.feedback:
        feedback = claude.feedback
        out.print(f"\n[bold]Claude[/] ({claude.model}): {escape(feedback.verdict)}")
        if claude.judged:
            judged = claude.judged
            dropped = f"; {len(judged.dropped)} unquoted verdicts dropped" if judged.dropped else ""
            out.print(
                f"  Judged on the same rubric: {judged.score}/100 (local {result.score}/100){dropped}. "
                "[dim]The schedule follows the local score.[/]"
            )
        for line in feedback.improvements:
            out.print(f"  → {line}")
        out.print("  [dim]A stronger answer: " + " / ".join(feedback.model_answer_outline) + "[/]")
    else:
        out.print(f"[dim]{claude.skipped}[/]")
    if due:
        out.print(f"[dim]This theme comes back on {due:%Y-%m-%d}.[/]")


@drill.command("score")
@click.option("--theme", required=True, help="The theme the answer belongs to.")
@click.option("--question", "question_key", help="A bank question key (default: the theme's next question).")
@click.option("--answer", required=True, help="The answer text ('-' reads standard input).")
@click.option("--seconds", type=float, help="How long the answer took.")
@click.option("--time-box", type=click.IntRange(15, 900), default=90, show_default=True)
@click.option("--no-save", is_flag=True, help="Score only; do not record the attempt or reschedule.")
@json_option
@click.pass_context
def drill_score(
    ctx: click.Context,
    theme: str,
    question_key: str | None,
    answer: str,
    seconds: float | None,
    time_box: int,
    no_save: bool,
    as_json: bool,
) -> None:
    """Score an answer without the countdown."""
    from curriculum.drills import load_bank
    from curriculum.errors import UserError
    from tracker.drills import next_card, question_for

    bank = load_bank()
    bank.theme(theme)
    if question_key and bank.question(question_key).theme != theme:
        raise UserError(f"question {question_key} belongs to theme {bank.question(question_key).theme}, not {theme}")
    from tracker.rules import check_seconds

    check_seconds(seconds)  # before anything is written (the first session below adds the theme cards)
    text = sys.stdin.read() if answer == "-" else answer
    with learner_scope(ctx) as (session, learner):
        card = next_card(session, learner, _now(), theme)
        question = bank.question(question_key) if question_key else question_for(session, learner, card).question
        card_id = card.id
    _score_and_save(ctx, question, card_id, text, seconds, time_box, as_json, save=not no_save)


@drill.command("bank")
@click.option("--theme", help="Only this theme.")
@json_option
def drill_bank(theme: str | None, as_json: bool) -> None:
    """The question bank: every question with its theme."""
    from curriculum.drills import load_bank

    bank = load_bank()
    questions = bank.questions(theme) if theme else bank.all_questions()
    rows = [{"key": q.key, "theme": q.theme, "prompt": q.prompt, "tests": q.tests} for q in questions]
    if as_json:
        emit_json(rows)
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} questions")
    for column in ("key", "theme", "question"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["key"], row["theme"], row["prompt"])
    console().print(table)


@drill.command("stats")
@json_option
@click.pass_context
def drill_stats_command(ctx: click.Context, as_json: bool) -> None:
    """Attempts per theme, score trend, time used and when each theme is due."""
    from tracker.drills import drill_stats

    with learner_scope(ctx, read_only=True) as (session, learner):
        stats = drill_stats(session, learner)
    rows = [{**s.__dict__, "due": s.due.isoformat(timespec="minutes") if s.due else None} for s in stats]
    if as_json:
        emit_json(rows)
        return
    from rich.table import Table

    table = Table(title="Drills")
    for column in ("theme", "attempts", "average", "last", "trend", "avg s", "due"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            *[
                ("" if row[k] is None else str(row[k]))
                for k in ("theme", "attempts", "average", "last", "trend", "average_seconds", "due")
            ]
        )
    console().print(table)
