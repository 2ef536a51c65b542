"""Exports: the case study, the resume and the weekly retro, every claim built from the record and linked to
its proof; plus the linter that says which claims still lack it.

The functions below are the whole interface; the command line (`proofwork export ...`) and the TUI's Export
screen both call them. View models (`case_study`, `resume`, `retro`) are plain dataclasses; templates live in
`templates/` and can be overridden from the user's config folder.
"""

from tracker.exports.document import Document, DocumentWarning
from tracker.exports.documents import (
    RESUME_FORMATS,
    ExportBundle,
    export_all,
    lint_case_study,
    render_case_study,
    render_resume,
    render_retro,
)
from tracker.exports.facts import FactCheck, check_facts

__all__ = [
    "RESUME_FORMATS",
    "Document",
    "DocumentWarning",
    "ExportBundle",
    "FactCheck",
    "check_facts",
    "export_all",
    "lint_case_study",
    "render_case_study",
    "render_resume",
    "render_retro",
]
