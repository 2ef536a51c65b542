"""The export functions the command line and the TUI call: record in, `Document` out.

Each gathers a view model from the record, lints it, renders it through a template and, on request,
polishes the wording without letting a fact in. Nothing here writes a file except `export_all`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.errors import UserError
from tracker.exports.case_study import gather_case_study
from tracker.exports.document import Document, Finding
from tracker.exports.dump import record_dump
from tracker.exports.jsonresume import json_resume_text
from tracker.exports.lint import lint_case_study_view, lint_resume_view
from tracker.exports.output import check_output_dir, write_bytes, write_text
from tracker.exports.polish import Ask, polish
from tracker.exports.render import markdown_to_html, render_html, render_markdown
from tracker.exports.resume import gather_resume
from tracker.exports.retro import gather_retro
from tracker.inputs import slug
from tracker.models import Artifact, Learner, Project, Retro

RESUME_FORMATS = ("md", "json", "html", "pdf")


def render_case_study(
    session: Session, learner: Learner, project_name: str, *, polished: bool = False, ask: Ask | None = None
) -> Document:
    view = gather_case_study(session, learner, project_name)
    text = render_markdown("case-study.md.j2", cs=view)
    document = Document(text, lint_case_study_view(view), "md", f"case-study-{slug(view.project)}.md")
    return _polish(document, ask) if polished else document


def lint_case_study(session: Session, learner: Learner, project_name: str) -> list[Finding]:
    """The case-study linter alone, for screens that show findings as the learner fills the record in."""
    return lint_case_study_view(gather_case_study(session, learner, project_name))


def render_resume(
    session: Session, learner: Learner, fmt: str = "md", *, polished: bool = False, ask: Ask | None = None
) -> Document:
    if fmt not in RESUME_FORMATS:
        raise UserError(f"resume format {fmt!r} is not one of {', '.join(RESUME_FORMATS)}")
    view = gather_resume(session, learner)
    findings = lint_resume_view(view)
    if fmt in ("json", "pdf"):
        if fmt == "json":
            document = Document(json_resume_text(view), findings, "json", "resume.json")
        else:
            from tracker.exports.pdf import resume_pdf

            document = Document("", findings, "pdf", "resume.pdf", data=resume_pdf(view))
        if polished:
            document = replace(document, notes=[f"polish skipped: the {fmt.upper()} resume is written as recorded"])
        return document
    markdown = Document(render_markdown("resume.md.j2", resume=view), findings, "md", "resume.md")
    if polished:
        markdown = _polish(markdown, ask)
    if fmt == "md":
        return markdown
    html = render_html("resume.html.j2", resume=view, body=markdown_to_html(markdown.text))
    return replace(markdown, text=html, fmt="html", name="resume.html")


def render_retro(
    session: Session,
    learner: Learner,
    week: int,
    *,
    polished: bool = False,
    ask: Ask | None = None,
    today: date | None = None,
) -> Document:
    view = gather_retro(session, learner, week, today=today)
    document = Document(render_markdown("retro.md.j2", retro=view), [], "md", f"retro-week-{view.week:02d}.md")
    return _polish(document, ask) if polished else document


@dataclass(frozen=True)
class ExportBundle:
    folder: Path
    files: list[Path]
    findings: dict[str, list[Finding]] = field(default_factory=dict)  # file name -> its findings
    notes: list[str] = field(default_factory=list)

    def checks(self) -> list[tuple[Finding, list[str]]]:
        """Each distinct finding once, with the files it was found in: the resume's three formats share their
        checks, which would otherwise be told three times."""
        grouped: dict[Finding, list[str]] = {}
        for name, found in self.findings.items():
            for finding in found:
                grouped.setdefault(finding, []).append(name)
        return list(grouped.items())


def export_all(
    session: Session,
    learner: Learner,
    out_dir: Path,
    *,
    today: date | None = None,
    polished: bool = False,
    ask: Ask | None = None,
) -> ExportBundle:
    """Every document plus `record.json`, rendered first and written only when all of them rendered."""
    out_dir = check_output_dir(Path(out_dir))
    documents = [
        render_case_study(session, learner, name, polished=polished, ask=ask)
        for name in session.scalars(select(Project.name).where(Project.learner_id == learner.id).order_by(Project.id))
    ]
    documents += [render_resume(session, learner, fmt, polished=polished, ask=ask) for fmt in RESUME_FORMATS]
    documents += [
        render_retro(session, learner, week, polished=polished, ask=ask, today=today)
        for week in retro_weeks(session, learner, today or date.today())
    ]
    record = json.dumps(record_dump(session, learner), indent=2, ensure_ascii=False, default=str) + "\n"
    documents = _distinct_names(documents)
    out_dir.mkdir(exist_ok=True)
    files = []
    for document in documents:
        if document.binary:
            write_bytes(out_dir / document.name, document.data)
        else:
            write_text(out_dir / document.name, document.text)
        files.append(out_dir / document.name)
    write_text(out_dir / "record.json", record)
    files.append(out_dir / "record.json")
    notes = list(dict.fromkeys(note for document in documents for note in document.notes))
    # The resume's four formats share one set of findings: listed once, against resume.md.
    findings = {
        d.name: d.findings for d in documents if d.findings and not (d.name.startswith("resume.") and d.fmt != "md")
    }
    return ExportBundle(out_dir, files, findings, notes)


def retro_weeks(session: Session, learner: Learner, today: date) -> list[int]:
    """Weeks already begun, plus any week that holds an artifact or a written retro."""
    begun = (today - learner.start_date).days // 7 + 1 if today >= learner.start_date else 0
    recorded = set(session.scalars(select(Artifact.week).where(Artifact.learner_id == learner.id)))
    recorded |= set(session.scalars(select(Retro.week).where(Retro.learner_id == learner.id)))
    return sorted(set(range(1, min(begun, 12) + 1)) | {w for w in recorded if 1 <= w <= 12})


def _distinct_names(documents: list[Document]) -> list[Document]:
    """Two projects whose names slug alike ("RAG bot", "RAG-bot") must not overwrite each other's file."""
    seen: set[str] = set()
    distinct = []
    for document in documents:
        name, number = document.name, 2
        while name in seen:
            stem, dot, suffix = document.name.rpartition(".")
            name, number = f"{stem}-{number}{dot}{suffix}", number + 1
        seen.add(name)
        distinct.append(replace(document, name=name))
    return distinct


def _polish(document: Document, ask: Ask | None) -> Document:
    outcome = polish(document.text, ask)
    notes = [*document.notes, outcome.note]
    return replace(document, text=outcome.text, notes=notes, polish_diff=outcome.diff)
