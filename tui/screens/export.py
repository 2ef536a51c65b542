"""Export: pick a document (a project's case study, the resume as md/html/json, a week's retro, or everything),
preview it rendered with the linter's findings beside it, and save it to a path the learner can edit.

Every document comes from `tracker.exports` (what `proofwork export ...` calls), rendered in a worker thread;
the file written is exactly the text previewed. Default file names are the documents' own (`case-study-x.md`,
`resume.json`, `retro-week-03.md`), relative to the folder the app was started in, as `-o NAME` would be.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import ContentSwitcher, Input, Label, Markdown, Select, Static

from tui.screens.base import SectionScreen

if TYPE_CHECKING:
    from tracker.exports import Document, ExportBundle

EVERYTHING = "all"
LOADING = "loading"
EVERYTHING_FOLDER = "proofwork-export"
RESUME_FORMATS = ("md", "html", "json")


@dataclass(frozen=True)
class ExportChoices:
    """What can be exported: the learner's projects and the plan week we are in."""

    projects: list[str]
    week: int


@dataclass(frozen=True)
class Preview:
    """A rendered document for the key it was asked for (a late result for an older pick is dropped)."""

    key: str
    document: Document | None = None
    summary: str = ""  # for "everything": what would be written
    notes: list[str] = field(default_factory=list)


def choice_options(choices: ExportChoices) -> list[tuple[str, str]]:
    """(label, key) for the picker: case study per project, resume per format, retro per week, everything."""
    options = [(f"case study: {name}", f"case:{name}") for name in choices.projects]
    options += [(f"resume ({fmt})", f"resume:{fmt}") for fmt in RESUME_FORMATS]
    options += [
        (f"retro: week {week}{' (this week)' if week == choices.week else ''}", f"retro:{week}")
        for week in range(1, 13)
    ]
    options.append(("everything (into a folder)", EVERYTHING))
    return options


def render_choice(session: Any, learner: Any, key: str) -> Preview:
    """Render one picker key with the tracker's export functions (runs in a worker thread)."""
    from tracker.exports import render_case_study, render_resume, render_retro

    kind, _, rest = key.partition(":")
    if kind == "case":
        return Preview(key, render_case_study(session, learner, rest))
    if kind == "resume":
        return Preview(key, render_resume(session, learner, rest))
    if kind == "retro":
        return Preview(key, render_retro(session, learner, int(rest)))
    assert key == EVERYTHING, key
    return Preview(key, summary=_everything_summary(session, learner))


def _everything_summary(session: Any, learner: Any) -> str:
    from tracker.projects import list_projects

    names = [project.name for project, _ in list_projects(session, learner)]
    cases = "\n".join(f"- `case-study-….md` for **{name}**" for name in names) or "- no case study: no projects yet"
    return (
        "# Everything\n\nPress **s** to write every document into the folder below "
        "(made if its parent exists):\n\n"
        f"{cases}\n- `resume.md`, `resume.html`, `resume.json`\n"
        "- `retro-week-NN.md` for each week begun or with recorded work\n"
        "- `record.json`: the whole record as data\n"
    )


class ExportScreen(SectionScreen):
    SECTION = "export"
    HELP = (
        "Turn your record into documents, every claim linked to its proof. Pick one in the box at the top "
        "(a project's case study, the resume as Markdown, HTML or JSON Resume, a week's retro, or everything); "
        "it is rendered in the preview, with the linter's findings on the right: claims a hiring manager "
        "would doubt, such as a metric with no baseline. Edit the path at the bottom and press s (or enter "
        "in the path box) to save; 'everything' writes every document and record.json into that folder. "
        "The palette has export: case study, resume, retro and everything."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save", "Save"),
        Binding("ctrl+s", "save", "Save", show=False, priority=True),
        Binding("o", "pick", "Pick"),
        Binding("f", "path", "Path"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.choices: ExportChoices | None = None
        self.preview: Preview | None = None
        self._default_path = ""

    def compose_body(self) -> ComposeResult:
        with Vertical(id="export-body"):
            yield Select([("(reading your record…)", LOADING)], id="export-pick", compact=True, allow_blank=False)
            with Horizontal(id="export-main"):
                with ContentSwitcher(initial="export-md", id="export-preview"):
                    with VerticalScroll(id="export-md"):
                        yield Markdown("", id="export-markdown")
                    with VerticalScroll(id="export-raw"):
                        yield Static("", id="export-text", markup=False)
                with VerticalScroll(id="export-findings-box"):
                    yield Static("", id="export-findings")
            with Horizontal(id="export-save"):
                yield Label("Save to ", id="export-save-label")
                yield Input(placeholder="file name or path", id="export-path", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-preview").border_title = "Preview"
        self.query_one("#export-findings-box").border_title = "Check"

    # -- loading and rendering -------------------------------------------------------------------------------

    def reload(self) -> None:
        today = self.proofwork.today

        def load(session: Any, learner: Any) -> ExportChoices:
            from curriculum.catalog import load_catalog
            from curriculum.plan import locate
            from tracker.projects import list_projects

            week = locate(learner.start_date, today, load_catalog().plan).week or 1
            return ExportChoices([project.name for project, _ in list_projects(session, learner)], week)

        self.proofwork.record_job(load, self._loaded)

    def _loaded(self, choices: ExportChoices) -> None:
        self.choices = choices
        select: Select[str] = self.query_one("#export-pick", Select)
        chosen = select.value
        options = choice_options(choices)
        keys = [key for _, key in options]
        with self.prevent(Select.Changed):
            select.set_options(options)
            if isinstance(chosen, str) and chosen in keys:
                select.value = chosen
            else:
                select.value = keys[0] if choices.projects else "resume:md"
        self._render_choice(str(select.value))

    @on(Select.Changed, "#export-pick")
    def _picked(self, event: Select.Changed) -> None:
        if self.choices is not None and isinstance(event.value, str) and event.value != LOADING:
            self._render_choice(event.value)

    def _render_choice(self, key: str) -> None:
        self.query_one("#export-findings", Static).update("[dim]rendering…[/]")
        self.proofwork.record_job(lambda session, learner: render_choice(session, learner, key), self._shown)

    async def _shown(self, preview: Preview) -> None:
        if self.query_one("#export-pick", Select).value != preview.key:
            return  # the learner picked something else meanwhile
        self.preview = preview
        document = preview.document
        switcher = self.query_one("#export-preview", ContentSwitcher)
        if document is None or document.fmt == "md":
            switcher.current = "export-md"
            await self.query_one("#export-markdown", Markdown).update(
                preview.summary if document is None else document.text
            )
            self.query_one("#export-md", VerticalScroll).scroll_home(animate=False)
        else:
            switcher.current = "export-raw"
            self.query_one("#export-text", Static).update(document.text)
            self.query_one("#export-raw", VerticalScroll).scroll_home(animate=False)
        switcher.border_subtitle = f"{document.fmt} · {document.name}" if document else "a folder"
        self._show_findings(preview)
        self._set_default_path(document.name if document else EVERYTHING_FOLDER)

    def _show_findings(self, preview: Preview) -> None:
        document = preview.document
        box = self.query_one("#export-findings", Static)
        if document is None:
            box.update("[dim]Each document is checked as it is written; findings are listed after saving.[/]")
            return
        lines = []
        if document.findings:
            lines.append(f"[b $warning]{len(document.findings)} to fix[/]")
            for finding in document.findings:
                where = f" [dim]{escape(finding.section)}[/]" if finding.section else ""
                lines.append(f"• [b]{escape(finding.code)}[/]{where}\n  {escape(finding.message)}")
        elif preview.key.startswith("retro:"):
            lines.append("[dim]Retros are not linted.[/]")
        else:
            lines.append("[b $success]✔ no findings[/]\nEvery claim has its proof.")
        lines += [f"[dim]{escape(note)}[/]" for note in document.notes]
        box.update("\n".join(lines))

    def _set_default_path(self, name: str) -> None:
        """The document's own name; a folder the learner typed is kept for the next document."""
        path_input = self.query_one("#export-path", Input)
        current = path_input.value.strip()
        folder = Path()
        if current and current != self._default_path:  # edited by the learner
            folder = Path(current) if self._default_path.endswith(EVERYTHING_FOLDER) else Path(current).parent
        self._default_path = str(folder / name)
        path_input.value = self._default_path

    # -- saving ------------------------------------------------------------------------------------------

    @on(Input.Submitted, "#export-path")
    def _path_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        from curriculum.errors import UserError

        preview = self.preview
        if preview is None or preview.key != self.query_one("#export-pick", Select).value:
            self.notify("Still rendering: save again in a moment.", severity="warning", timeout=3)
            return
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.notify("Type a file name or path to save to.", severity="warning")
            return
        path = Path(raw).expanduser()
        if preview.document is None:
            self._save_everything(path)
            return
        from tracker.exports.output import check_output_file, write_text

        try:
            check_output_file(path, "save to")
            write_text(path, preview.document.text)
        except UserError as error:
            self.proofwork.show_error(error)
            return
        except OSError as error:
            self.notify(f"could not write {path}: {error.strerror or error}", title="Not saved", severity="error")
            return
        self.notify(f"wrote {path.resolve()}", title="Saved", timeout=6, markup=False)

    def _save_everything(self, folder: Path) -> None:
        from curriculum.errors import UserError

        today = self.proofwork.today

        def write(session: Any, learner: Any) -> ExportBundle:
            from tracker.exports import export_all
            from tracker.exports.output import check_output_dir

            check_output_dir(folder, "save to")
            try:
                return export_all(session, learner, folder, today=today)
            except OSError as error:
                raise UserError(f"could not write into {folder}: {error.strerror or error}") from None

        self.notify(f"writing everything into {folder}…", timeout=3, markup=False)
        self.proofwork.record_job(write, self._saved_everything)

    def _saved_everything(self, bundle: ExportBundle) -> None:
        checks = bundle.checks()  # the resume's formats share their checks: each is listed once
        count = len(checks)
        self.notify(
            f"wrote {len(bundle.files)} files into {bundle.folder.resolve()}",
            title="Saved",
            timeout=8,
            markup=False,
        )
        lines = [f"[b]{len(bundle.files)} files written[/]"]
        if count:
            lines.append(f"[b $warning]{count} to fix[/]")
        for finding, names in checks:
            lines.append(f"• [b]{escape(', '.join(names))}[/] {escape(finding.code)}\n  {escape(finding.message)}")
        if not count:
            lines.append("[b $success]✔ no findings[/]")
        lines += [f"[dim]{escape(note)}[/]" for note in bundle.notes]
        self.query_one("#export-findings", Static).update("\n".join(lines))

    # -- picking -------------------------------------------------------------------------------------------

    def action_pick(self) -> None:
        self.query_one("#export-pick", Select).focus()

    def action_path(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _pick(self, key: str) -> None:
        select = self.query_one("#export-pick", Select)
        if self.choices is None:
            self.notify("Still reading your record: try again in a moment.", severity="warning", timeout=3)
            return
        select.value = key
        select.focus()

    def action_case_study(self) -> None:
        if self.choices is None:
            self._pick("")
            return
        if not self.choices.projects:
            self.notify(
                "No projects yet: a case study tells one project's story. Add one in 4 Work (p).",
                title="No case study",
                severity="warning",
            )
            return
        current = self.query_one("#export-pick", Select).value
        self._pick(
            current if isinstance(current, str) and current.startswith("case:") else f"case:{self.choices.projects[0]}"
        )

    def action_resume(self) -> None:
        self._pick("resume:md")

    def action_retro(self) -> None:
        self._pick(f"retro:{self.choices.week}" if self.choices else "")

    def action_everything(self) -> None:
        self._pick(EVERYTHING)

    def palette(self) -> Iterable[SystemCommand]:
        yield SystemCommand("export: case study", "A project's case study, with its check", self.action_case_study)
        yield SystemCommand("export: resume", "The resume (Markdown, HTML or JSON Resume)", self.action_resume)
        yield SystemCommand("export: retro", "This week's retro (pick another week in the box)", self.action_retro)
        yield SystemCommand(
            "export: everything", "Every document and record.json into a folder", self.action_everything
        )
        yield SystemCommand("export: save", "Write the previewed document to the path below it", self.action_save)
