"""Interview questions about the learner's own repository, drawn from a grade's findings.

An interviewer who has read your repository asks about its gaps ("no eval in CI: how do you know a prompt
change did not regress?") and its strengths ("walk me through a trace in app/tracing.py"). Each finding is
matched to a template in `content/drills/findings/templates.yaml`; the result is a `Question`, so
`score_answer` scores answers to it like any bank question.

Order, most informative first: gaps before strengths within a dimension, dimensions in the grader's order
(evals, tests, observability first), a probe-specific template before a dimension's generic one, and one
question per dimension before any dimension gets a second. If every pick is a gap but the repository has a
strength, the last slot goes to the best strength: "walk me through your own code" is the question a learner
can answer best, and interviewers ask both kinds. Deterministic for the same findings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from curriculum.drills import Question
from curriculum.errors import UserError
from grader.answers.finding_templates import ANY_DIMENSION, FindingTemplate, load_templates

DIMENSION_ORDER = (
    "evals",
    "tests",
    "observability",
    "reliability",
    "security",
    "ci",
    "documentation",
    "code-health",
    "delivery",
)
# "not detected" is how a careful grader says "missing": for an interview it is a gap like "failed".
_GAP, _STRENGTH = "failed", "passed"
_OUTCOMES = {"failed": _GAP, "not detected": _GAP, "passed": _STRENGTH}
_NOWHERE = "your repository"
# The repository grader's report keys are short ("docs"); the templates use the full word.
_DIMENSION_ALIASES = {"docs": "documentation"}
_MAX_FIELD = 120


class GeneratedQuestion(Question):
    """A bank-shaped question about the learner's repository, with the finding it came from."""

    probe: str
    dimension: str
    outcome: str
    evidence: str | None = None


@dataclass(frozen=True)
class _Finding:
    index: int
    probe: str
    dimension: str
    outcome: str
    title: str
    path: str | None
    where: str

    @property
    def words(self) -> set[str]:
        return set(re.findall(r"[a-z0-9]+", f"{self.probe} {self.title}".lower()))


def questions_from_findings(findings: Sequence[Mapping[str, Any]], limit: int = 5) -> list[GeneratedQuestion]:
    """Up to `limit` interview questions about the graded repository, the most informative first."""
    if limit <= 0:
        return []
    templates = load_templates()
    candidates: list[tuple[tuple[int, int, int, str, str, int], _Finding, FindingTemplate]] = []
    read = [f for index, raw in enumerate(findings) if (f := _read_finding(index, raw)) is not None]
    # A dimension with any passed finding is not a blanket gap: its generic "you have no ..." question would
    # contradict the grade (no timeout? the grade just credited one), so its gaps get the question naming them.
    credited = {f.dimension for f in read if f.outcome == _STRENGTH}
    for finding in read:
        template, specific = _template_for(finding, templates, blanket_gap=finding.dimension not in credited)
        if template is not None:
            rank = (
                _dimension_rank(finding.dimension),
                0 if finding.outcome == _GAP else 1,
                0 if specific else 1,
                finding.probe,
                finding.path or "",
                finding.index,
            )
            candidates.append((rank, finding, template))
    candidates.sort(key=lambda item: item[0])

    picked: list[tuple[_Finding, FindingTemplate]] = []
    used: set[str] = set()
    covered: set[str] = set()
    # First pass: one question per dimension; second pass: fill up in rank order.
    for first_pass in (True, False):
        for _, finding, template in candidates:
            key = _question_key(finding, template)
            if len(picked) == limit or key in used or (first_pass and finding.dimension in covered):
                continue
            picked.append((finding, template))
            used.add(key)
            covered.add(finding.dimension)
    strengths = [(f, t) for _, f, t in candidates if f.outcome == _STRENGTH]
    if len(picked) >= 2 and strengths and all(f.outcome == _GAP for f, _ in picked):
        picked[-1] = strengths[0]
    return [_build(finding, template) for finding, template in picked]


def _read_finding(index: int, raw: Mapping[str, Any] | Any) -> _Finding | None:
    if hasattr(raw, "model_dump"):  # the grader's own pydantic Finding is welcome too
        raw = raw.model_dump(mode="json")
    if not isinstance(raw, Mapping):
        raise UserError(f"finding {index} is not a mapping")
    for field in ("dimension", "outcome"):
        if not isinstance(raw.get(field), str) or not raw[field].strip():
            raise UserError(f"finding {index} has no {field!r}")
    outcome = _OUTCOMES.get(re.sub(r"[\s_-]+", " ", raw["outcome"].strip().lower()))
    if outcome is None:  # not applicable, error: nothing the learner built or missed
        return None
    dimension = re.sub(r"[^a-z0-9]+", "-", raw["dimension"].lower()).strip("-")
    dimension = _DIMENSION_ALIASES.get(dimension, dimension)
    if not dimension:
        raise UserError(f"finding {index} has no usable 'dimension' ({raw['dimension']!r})")
    path, where = _first_evidence(raw.get("evidence"))
    return _Finding(
        index=index,
        probe=_clean(str(raw.get("probe") or "")).lower(),
        dimension=dimension,
        outcome=outcome,
        title=_clean(str(raw.get("title") or raw.get("probe") or "a finding")),
        path=path,
        where=where,
    )


def _first_evidence(evidence: Any) -> tuple[str | None, str]:
    if not isinstance(evidence, Sequence) or isinstance(evidence, str):
        return None, _NOWHERE
    for item in evidence:
        if isinstance(item, Mapping) and isinstance(item.get("path"), str) and item["path"].strip():
            path = _clean(item["path"])
            start, end = item.get("start_line"), item.get("end_line")
            if isinstance(start, int) and start > 0:
                lines = f"{start}-{end}" if isinstance(end, int) and end > start else f"{start}"
                return path, f"{path}:{lines}"
            return path, path
    return None, _NOWHERE


def _template_for(
    finding: _Finding, templates: Sequence[FindingTemplate], blanket_gap: bool = True
) -> tuple[FindingTemplate | None, bool]:
    """The best template and whether it was probe-specific: specific, then dimension default, then any.

    A dimension's default gap question speaks of the whole dimension ("no timeout, retry or fallback"), so it
    is used only when nothing in that dimension passed (`blanket_gap`)."""
    for dimension in (finding.dimension, ANY_DIMENSION):
        matching = [t for t in templates if t.dimension == dimension and t.outcome == finding.outcome]
        for template in matching:
            if template.probe and _mentions(finding.words, template.probe):
                return template, True
        for template in matching:
            generic_gap = dimension != ANY_DIMENSION and finding.outcome == _GAP
            if not template.probe and (blanket_gap or not generic_gap):
                return template, False
    return None, False


def _mentions(words: set[str], probe_words: Sequence[str]) -> bool:
    # Whole words, or a prefix of at least 4 letters ("secret" finds "secrets"; "ci" never finds "city").
    return any(w == p or (len(p) >= 4 and w.startswith(p)) for p in probe_words for w in words)


def _question_key(finding: _Finding, template: FindingTemplate) -> str:
    if template.dimension == ANY_DIMENSION:
        return f"repo-{finding.dimension}-{template.key}"
    return f"repo-{template.key}"


def _build(finding: _Finding, template: FindingTemplate) -> GeneratedQuestion:
    values = {
        "where": finding.where,
        "path": finding.path or _NOWHERE,
        "title": finding.title,
        "dimension": finding.dimension,
    }
    return GeneratedQuestion(
        key=_question_key(finding, template),
        theme=template.theme,
        prompt=" ".join(template.prompt.format_map(values).split()),
        tests=template.tests,
        outline=template.outline,
        key_points=template.key_points,
        pitfalls=template.pitfalls,
        probe=finding.probe,
        dimension=finding.dimension,
        outcome=finding.outcome,
        evidence=finding.where if finding.path else None,
    )


def _dimension_rank(dimension: str) -> int:
    return DIMENSION_ORDER.index(dimension) if dimension in DIMENSION_ORDER else len(DIMENSION_ORDER)


def _clean(text: str) -> str:
    # Paths and titles come from an untrusted repository: drop control and bidi characters, cap the length.
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cc", "Cf"})
    kept = " ".join(kept.split())
    return kept if len(kept) <= _MAX_FIELD else kept[: _MAX_FIELD - 1] + "…"
