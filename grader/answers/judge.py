"""Claude as a judge of a drill answer, on the same rubric as the local scorer, held to its quotes.

Claude returns, per rubric criterion, points and the span of the answer they rest on; the key points it found
covered, each with a quote; the unsound claims it found, each with a quote; and whether the answer is about the
question. Code then decides: a quote that is not in the answer (after normalising spaces, quotes and case) is
dropped together with the credit it carried; points are clamped to the rubric's maxima; the same caps as the
local scorer apply (off topic, unsound claims). The result is `JudgedScore`, shown beside the local score.

How far to trust it is measured the way the product tells learners to measure their own judges: a replay eval
over labelled answers (`tests/grader/answers/test_judge.py`), agreement with the labels reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field

from curriculum.drills import Question
from grader.answers import rubric

PROMPT_VERSION = "drill-judge-1"


class CriterionVerdict(BaseModel):
    criterion: str = Field(description="one of the rubric's criteria: " + ", ".join(rubric.CRITERIA))
    points: int = Field(ge=0, le=40, description="points earned, at most the criterion's maximum")
    quote: str | None = Field(default=None, description="the exact words of the answer this rests on", max_length=400)


class PointVerdict(BaseModel):
    point: str = Field(description="a key point of the question, as listed")
    quote: str = Field(description="the exact words of the answer that cover it", max_length=400)


class ClaimVerdict(BaseModel):
    claim: str = Field(description="what is technically unsound, in a few words", max_length=200)
    quote: str = Field(description="the exact words of the answer that make the claim", max_length=400)
    why: str = Field(description="why it is unsound, one sentence", max_length=300)


class Judgement(BaseModel):
    """What Claude returns: verdicts with quotes; the score is computed from them in code."""

    on_topic: bool = Field(description="false when the answer addresses a different question")
    criteria: list[CriterionVerdict] = Field(max_length=6)
    points_covered: list[PointVerdict] = Field(default_factory=list, max_length=8)
    unsound_claims: list[ClaimVerdict] = Field(default_factory=list, max_length=6)
    summary: str = Field(description="one sentence, as an interviewer would say it", max_length=400)


@dataclass(frozen=True)
class JudgedScore:
    score: int
    criteria: dict[str, int]
    points_covered: list[str]
    unsound: list[str]
    on_topic: bool
    summary: str
    dropped: list[str] = field(default_factory=list)  # quotes that were not in the answer, with what they carried

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "criteria": self.criteria,
            "points_covered": self.points_covered,
            "unsound": self.unsound,
            "on_topic": self.on_topic,
            "summary": self.summary,
            "dropped": self.dropped,
        }


def instructions(question: Question) -> str:
    """The rubric as the judge gets it: the same criteria, maxima, key points and caps as the local scorer."""
    kind = question.answer_kind
    weights = rubric.WEIGHTS_BY_KIND[kind]
    lines = [
        f"Question kind: {kind}. {rubric.KIND_HINTS[kind]}",
        "Criteria and their maxima: " + ", ".join(f"{name} {points}" for name, points in weights.items()) + ".",
        "key_points: share of the key points below that the answer really covers (not merely names).",
        "depth: how concretely it engages the mechanism the question is about.",
        "evidence: measured numbers, before -> after; reasoning: trade-offs, rejected options, reasons;",
        "ownership: what the candidate did or decided, from experience; delivery: fit for a 90-second answer.",
        "Key points: " + "; ".join(p.point for p in question.key_points) + ".",
        "Pitfalls: " + "; ".join(question.pitfalls) + ".",
        "Scores for form (evidence, reasoning, ownership, delivery) must stay low when the content is thin.",
        "Every criterion with points, every covered point and every unsound claim needs an exact quote from the "
        "answer; anything without one is discarded. Keyword lists, repetition and recited rubric words earn nothing.",
    ]
    return "\n".join(lines)


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def quoted(quote: str | None, answer: str) -> bool:
    """True when `quote` is, up to spacing, quotes and case, a span of the answer (and not a trivial one)."""
    if not quote:
        return False
    wanted = _normal(quote).strip(" .,;:\"'")
    return len(wanted) >= 3 and wanted in _normal(answer)


def score_judgement(question: Question, answer: str, judgement: Judgement, stuffed: bool = False) -> JudgedScore:
    """The judged score from Claude's verdicts: unverified quotes dropped, maxima and caps applied in code.

    `stuffed`: the local scorer found keyword stuffing. Quotes cannot catch it (a recited checklist quotes
    perfectly), so the same cap holds for the judged score.
    """
    weights = rubric.WEIGHTS_BY_KIND[question.answer_kind]
    dropped: list[str] = []
    known = {p.point.lower(): p.point for p in question.key_points}
    covered: list[str] = []
    for found in judgement.points_covered:
        point = known.get(found.point.strip().lower())
        if point is None:
            dropped.append(f"key point not in the question: {found.point!r}")
        elif not quoted(found.quote, answer):
            dropped.append(f"{point}: quote not in the answer")
        elif point not in covered:
            covered.append(point)
    criteria: dict[str, int] = dict.fromkeys(weights, 0)
    for verdict in judgement.criteria:
        if verdict.criterion not in weights or verdict.criterion == "key_points":
            continue
        if verdict.points and not quoted(verdict.quote, answer):
            dropped.append(f"{verdict.criterion}: {verdict.points} points without a quote from the answer")
            continue
        criteria[verdict.criterion] = min(verdict.points, weights[verdict.criterion])
    # Key points are counted, not taken on trust: the verified share, like the local scorer's.
    share = len(covered) / len(question.key_points) if question.key_points else 0.0
    criteria["key_points"] = round(weights["key_points"] * min(1.0, share / rubric.KEY_POINTS_FULL_SHARE))
    unsound = []
    for claim in judgement.unsound_claims:
        if quoted(claim.quote, answer):
            unsound.append(f"{claim.claim} ('{claim.quote.strip()}')")
        else:
            dropped.append(f"unsound claim without a quote from the answer: {claim.claim!r}")
    total = sum(criteria.values())
    if len(unsound) >= 2:
        total = min(total, rubric.TWO_WRONG_CAP)
    elif unsound:
        total = min(total, rubric.ONE_WRONG_CAP)
    if not judgement.on_topic:
        total = min(total, rubric.OFF_TOPIC_CAP)
    if stuffed and total > rubric.STUFFED_CAP:
        dropped.append(f"capped at {rubric.STUFFED_CAP} from {total}: the local check found keyword stuffing")
        total = rubric.STUFFED_CAP
    return JudgedScore(
        score=max(0, min(100, total)),
        criteria=criteria,
        points_covered=covered,
        unsound=unsound,
        on_topic=judgement.on_topic,
        summary=judgement.summary,
        dropped=dropped,
    )
