"""Export: case study, resume and retro documents built from the record (placeholder until exports land).

Plug-in point for the exports work: replace `ExportScreen.compose_body` (and add `palette` entries titled
`export: ...`) with a form that calls the tracker's export services, as the `proofwork export` commands do.
Keep the class name and SECTION: the app's mode table and the 6 key open this screen.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.screens.base import SectionScreen

COMING = """[b]Export is coming.[/]

Soon this screen turns your record into documents, every claim linked to its proof:

  • [b]case study[/]  problem, constraints, design and alternatives, metrics against a baseline,
                 a real failure and its fix
  • [b]resume[/]      bullets from your artifacts and their metrics (Markdown, HTML, JSON Resume)
  • [b]retro[/]       the week: what shipped, what slipped, what comes next

They already work from the command line: [b]proofwork export case-study[/], [b]export resume[/],
[b]export retro[/] and [b]export all[/]. Keep filing proof in [b]4 Work[/] (artifacts with metrics and
baselines, projects with a decision per responsibility layer): that is what every export is built from."""


class ExportScreen(SectionScreen):
    SECTION = "export"
    HELP = "Exports (case study, resume, retro) are not built yet; this screen says what is coming."

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="placeholder"):
            yield Static(COMING, classes="card", id="export-coming")

    def palette(self) -> Iterable[SystemCommand]:
        yield SystemCommand("export: what is coming", "Case study, resume and retro exports", self.focus)
