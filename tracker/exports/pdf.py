"""The resume as a PDF, the file people actually send, laid out by Typst.

Typst (the `typst` package on PyPI ships the compiler and its fonts; no LaTeX, no browser) reads the
template `templates/resume.typ` and the resume as JSON handed over in `sys.inputs`: the learner's text is
data to the template, never markup, so a `#` or a `]` in a title prints as itself. The compiler sees only
the templates folder (its `root`), so a template cannot read the learner's files either.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from curriculum.errors import UserError
from tracker.exports.render import user_templates_dir
from tracker.exports.resume import ResumeView

TEMPLATE = "resume.typ"


def resume_pdf(view: ResumeView) -> bytes:
    import typst

    template = _template()
    data = json.dumps(_resume_data(view), ensure_ascii=False)
    try:
        return bytes(typst.compile(str(template), root=str(template.parent), format="pdf", sys_inputs={"resume": data}))
    except typst.TypstError as error:  # a broken (user-edited) template: its first diagnostic
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise UserError(f"the PDF template {template} does not compile: {first}") from None


def _template() -> Path:
    from curriculum.resources import templates_dir

    for folder in (user_templates_dir(), templates_dir()):
        if (folder / TEMPLATE).is_file():
            return folder / TEMPLATE
    raise UserError(f"template {TEMPLATE} is missing (looked in {user_templates_dir()} and {templates_dir()})")


def _dates(start: str, end: str) -> str:
    return f"{start} to {end}" if end and end != start else start


def _resume_data(view: ResumeView) -> dict[str, Any]:
    """The view as plain JSON for the template: text already phrased, empty sections empty lists."""
    contact = [{"text": view.location, "url": ""}] if view.location else []
    if view.email:
        contact.append({"text": view.email, "url": f"mailto:{view.email}"})
    contact += [{"text": link.text, "url": link.url} for link in view.links]
    return {
        "name": view.name,
        "label": view.label,
        "contact": contact,
        "summary": view.summary,
        "skills": [
            {
                "title": skill.title,
                "evidence": [{"title": e.title, "link": _web(e.link), "results": e.results} for e in skill.evidence],
            }
            for skill in view.skills
        ],
        "projects": [
            {
                "name": project.name,
                "url": _web(project.url),
                "dates": _dates(project.start, project.end),
                "description": project.description,
                "bullets": [{"text": bullet.text, "link": _web(bullet.link)} for bullet in project.bullets],
            }
            for project in view.projects
        ],
        "experience": [
            {
                "title": job.position + (f", {job.organisation}" if job.organisation else ""),
                "dates": f"{job.start} to {job.end or 'present'}" + (f" · {job.location}" if job.location else ""),
                "summary": job.summary,
                "highlights": job.highlights,
            }
            for job in view.experience
        ],
    }


def _web(url: str) -> str:
    """Only web links become links in a PDF; a local path would point nowhere on the reader's machine."""
    return url if url.startswith(("https://", "http://")) else ""
