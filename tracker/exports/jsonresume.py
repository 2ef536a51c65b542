"""The resume as JSON Resume 1.2.1 data (https://jsonresume.org/schema), with provenance in `meta`.

Highlights are strings in the schema, so each carries its proof link in its text; `meta.proofwork.provenance`
maps every highlight to the artifact and metric rows it was built from.
"""

from __future__ import annotations

import json
from typing import Any

from tracker.exports.resume import ExperienceView, ResumeView

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.2.1/schema.json"


def json_resume(view: ResumeView) -> dict[str, Any]:
    provenance: list[dict[str, Any]] = []
    projects = []
    for project in view.projects:
        highlights = []
        for index, bullet in enumerate(project.bullets):
            highlights.append(f"{bullet.text} Proof: {bullet.link}" if bullet.link else bullet.text)
            provenance.append(
                {
                    "project": project.name,
                    "highlight": index,
                    "artifact_id": bullet.artifact_id,
                    "metric_ids": list(bullet.metric_ids),
                    "link": bullet.link,
                }
            )
        entry: dict[str, Any] = {"name": project.name, "highlights": highlights, "keywords": project.keywords}
        if project.description:
            entry["description"] = project.description
        if _is_web(project.url):
            entry["url"] = project.url
        if project.start:
            entry["startDate"] = project.start
        projects.append(entry)
    return {
        "$schema": SCHEMA_URL,
        "basics": {"name": view.name, "label": view.label, "summary": view.summary},
        "work": [_work(item) for item in view.experience],
        "skills": [{"name": skill.title, "level": skill.level, "keywords": skill.keywords} for skill in view.skills],
        "projects": projects,
        "meta": {
            "version": "v1.2.1",
            "lastModified": view.generated_on,
            "proofwork": {"provenance": provenance},
        },
    }


def json_resume_text(view: ResumeView) -> str:
    return json.dumps(json_resume(view), indent=2, ensure_ascii=False) + "\n"


def _work(item: ExperienceView) -> dict[str, Any]:
    entry: dict[str, Any] = {"position": item.position}
    if item.organisation:
        entry["name"] = item.organisation
    if item.start:
        entry["startDate"] = item.start
    if item.summary:
        entry["summary"] = item.summary
    if item.highlights:
        entry["highlights"] = list(item.highlights)
    return entry


def _is_web(url: str) -> bool:
    return url.startswith(("https://", "http://"))
