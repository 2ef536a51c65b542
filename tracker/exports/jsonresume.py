"""The resume as JSON Resume 1.2.1 data (https://jsonresume.org/schema), with provenance in `meta`.

Only what the record holds is written: an empty field is left out, not written as "". Highlights are strings
in the schema, so each carries its proof link in its text; `meta.proofwork.provenance` maps every project
highlight and every skill to the artifact and metric rows it was built from.
"""

from __future__ import annotations

import json
from typing import Any

from tracker.exports.resume import ExperienceView, ResumeView, network_profiles

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
        projects.append(
            _present(
                name=project.name,
                description=project.description,
                highlights=highlights,
                keywords=project.keywords,
                url=project.url if _is_web(project.url) else "",
                startDate=project.start,
                endDate=project.end,
            )
        )
    skills = []
    for skill in view.skills:
        skills.append(_present(name=skill.title, keywords=skill.keywords))
        provenance.append(
            {
                "skill": skill.title,
                "evidence": [
                    {"artifact_id": e.artifact_id, "metric_ids": list(e.metric_ids), "why": list(e.reasons)}
                    for e in skill.evidence
                ],
            }
        )
    basics = _present(
        name=view.name,
        label=view.label,
        email=view.email,
        url=next((link.url for link in view.links if link.label == "Website"), ""),
        summary=view.summary,
        location=_location(view.location),
        profiles=network_profiles(view),
    )
    return _present(
        **{"$schema": SCHEMA_URL},
        basics=basics,
        work=[_work(item) for item in view.experience],
        skills=skills,
        projects=projects,
        meta={"version": "v1.2.1", "lastModified": view.generated_on, "proofwork": {"provenance": provenance}},
    )


def json_resume_text(view: ResumeView) -> str:
    return json.dumps(json_resume(view), indent=2, ensure_ascii=False) + "\n"


def _work(item: ExperienceView) -> dict[str, Any]:
    return _present(
        name=item.organisation,
        position=item.position,
        location=item.location,
        startDate=item.start,
        endDate=item.end,
        summary=item.summary,
        highlights=list(item.highlights),
    )


def _location(text: str) -> dict[str, str]:
    """`Lisbon, Portugal` -> city and region, as JSON Resume themes print them; one word -> the city."""
    if not text:
        return {}
    city, _, region = text.partition(",")
    return _present(city=city.strip(), region=region.strip())


def _present(**fields: Any) -> dict[str, Any]:
    """The fields that hold something: no "" and no [] for a reader to wonder about."""
    return {key: value for key, value in fields.items() if value not in ("", [], {}, None)}


def _is_web(url: str) -> bool:
    return url.startswith(("https://", "http://"))
