"""Interview questions from the Claude review, shaped like bank questions so drills can score answers to them.

The review's question and its expected answer points are specific to the repository; the six-part outline and
the pitfalls come from the finding template of the same dimension (a strong answer has the same shape whatever
the question). Key points match on the longest content words of each expected point, cut to a stem, so
"thresholds" in an answer finds a point about a "threshold".
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from curriculum.drills import KeyPoint
from grader.answers.finding_templates import ANY_DIMENSION, FindingTemplate, load_templates
from grader.answers.from_findings import GeneratedQuestion

_ALIASES = {"docs": "documentation", "code_health": "code-health"}
_STOP = frozenset(  # words too common to tell one expected point from another
    """
    about above after again against because before being between could doing during each explain
    explains their there these those through under until what when where which while would should with
    without your yours from into over that this have will them then than also just only very more most
    such much many does done show shows mention mentions
    """.split()  # noqa: SIM905
)
_STEM = 7
_TERMS = 3


def _template(dimension: str, templates: Sequence[FindingTemplate]) -> FindingTemplate:
    wanted = _ALIASES.get(dimension, dimension.replace("_", "-"))
    for dim in (wanted, ANY_DIMENSION):
        for outcome in ("failed", "passed"):
            for template in templates:
                if template.dimension == dim and template.outcome == outcome and not template.probe:
                    return template
    return templates[0]


def match_terms(point: str) -> list[str]:
    """Up to three stems of the longest content words; the whole phrase when it has no content word."""
    words = re.findall(r"[a-z][a-z0-9]+", point.lower())
    content = sorted({w for w in words if len(w) >= 4 and w not in _STOP}, key=lambda w: (-len(w), w))
    terms = list(dict.fromkeys(w[:_STEM] for w in content))[:_TERMS]  # "categories", "category": one stem
    return terms or [" ".join(words[:3]) or point.strip().lower()[:40]]


def _key(question: str) -> str:
    return "review-" + hashlib.sha256(" ".join(question.lower().split()).encode("utf-8")).hexdigest()[:10]


def questions_from_review(questions: Sequence[Mapping[str, Any]], limit: int = 5) -> list[GeneratedQuestion]:
    """The review's interview questions (`ReviewSection.interview_questions` as dicts) as drillable questions."""
    templates = load_templates()
    out: list[GeneratedQuestion] = []
    for raw in questions[:limit]:
        text = " ".join(str(raw.get("question") or "").split())
        if not text:
            continue
        dimension = str(raw.get("dimension") or "")
        template = _template(dimension, templates)
        points = [" ".join(str(p).split()) for p in raw.get("expected_points") or [] if str(p).strip()]
        key_points = [KeyPoint(point=p, match=match_terms(p)) for p in points[:8]]
        for extra in template.key_points:  # a bank question needs four points at least
            if len(key_points) >= 4:
                break
            key_points.append(extra)
        citations = raw.get("citations") or []
        first = citations[0] if citations and isinstance(citations[0], Mapping) else None
        where = None
        if first and first.get("path"):
            where = str(first["path"]) + (f":{first['start_line']}" if first.get("start_line") else "")
        out.append(
            GeneratedQuestion(
                key=_key(text),
                theme=template.theme,
                prompt=text,
                tests=" ".join(str(raw.get("why") or template.tests).split()),
                outline=template.outline,
                key_points=key_points,
                pitfalls=template.pitfalls,
                probe="review",
                dimension=dimension or "review",
                outcome="review",
                evidence=where,
            )
        )
    return out
