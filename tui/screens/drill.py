"""Drill: timed interview answers scored on a rubric, scheduled by spaced repetition (placeholder for now).

Plug-in point for the drills work: replace `DrillScreen.compose_body` with the question, a countdown and an
answer box, and save attempts through the tracker's drill services, as `proofwork drill` does. Keep the class
name and SECTION: the app's mode table and the 7 key open this screen. Today already counts cards due.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.screens.base import SectionScreen

COMING = """[b]Drills are coming.[/]

Soon this screen asks a real interview question, starts a 90-second countdown and scores your answer on the
pattern interviewers listen for: problem, constraints, design, metrics, failure, iteration. Metrics, not
adjectives. Themes come back on a spaced-repetition schedule, and your stories are kept in a bank.

They already run from the command line: [b]proofwork drill[/] asks the most due question against the
clock, [b]drill stats[/] shows your trend. Today counts the cards due, and grading a repository in
[b]5 Grade[/] adds questions about your own code."""


class DrillScreen(SectionScreen):
    SECTION = "drill"
    HELP = "Timed, rubric-scored drills are not built yet; this screen says what is coming."

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="placeholder"):
            yield Static(COMING, classes="card", id="drill-coming")

    def palette(self) -> Iterable[SystemCommand]:
        yield SystemCommand("drill: what is coming", "Timed answers, rubric scores, spaced repetition", self.focus)
