"""Today's view drawn for a terminal with rich (the TUI draws the same TodayView its own way)."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from curriculum.text import days
from tracker.today import TodayView
from tracker.today_words import Tone, headline_words, pace_words

_STATUS_MARK = {"done": "[green]✔[/]", "skipped": "[dim]–[/]", "doing": "[yellow]…[/]", "todo": "[ ]"}


_TONE_STYLE: dict[Tone, str] = {"good": "green", "bad": "red"}


def headline(view: TodayView) -> str:
    return headline_words(view).text()


def pace_text(view: TodayView) -> str:
    words, tone = pace_words(view.pace)
    style = _TONE_STYLE.get(tone)
    return f"[{style}]{words}[/]" if style else words


def print_today(out: Console, view: TodayView) -> None:
    out.print(f"[bold]{view.learner}[/] → {view.target_role}   {headline(view)}")
    if view.week:
        week = view.week
        proof = "[green]shipped[/]" if week.proof_shipped else "[yellow]not yet[/]"
        out.print(
            Panel(
                f"{week.objective}\n[bold]Proof:[/] {week.proof_artifact} ({proof})\n"
                f"[dim]Month goal: {week.month_objective} · Stages: {', '.join(week.stages)}[/]",
                title=f"Week {week.number}: {week.title}",
            )
        )
    if view.tasks:
        table = Table(show_header=False, box=None)
        for task in view.tasks:
            title = task.title if task.required else f"[dim]{task.title} (stretch)[/]"
            table.add_row(_STATUS_MARK.get(task.status, ""), title, f"[dim]{task.hours:g} h · {task.key}[/]")
        out.print(table)
    out.print(
        f"Streak {days(view.streak_current)} (best {view.streak_best}) · "
        f"{view.minutes_today} min today, {view.minutes_this_week / 60:.1f} of {view.weekly_hours:g} h this week · "
        f"pace {pace_text(view)} · "
        f"drills due {view.drills_due}"
    )
    for nudge in view.nudges:
        out.print(f"[bold yellow]⚠ {nudge.title}[/]: {nudge.message} [dim]→ {nudge.correction}[/]")
    for reminder in view.reminders:
        out.print(f"[bold cyan]⏰ {reminder.title}[/]: {reminder.message} [dim]→ {reminder.command}[/]")
    out.print(f"[dim]{view.next_step}[/]")
