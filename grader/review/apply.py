"""Verified verdicts -> reviewed scores, computed in code and bounded.

Per dimension: move = MAX_MOVE x (counted passes - counted fails) / criteria in the rubric, rounded half away
from zero, so a dimension moves by at most MAX_MOVE points and only on verdicts backed by verified citations.
A dimension the static grade could not assess stays unassessed: the review cannot invent a score. The reviewed
overall is the same weighted mean the static overall uses, over the reviewed scores.
"""

from __future__ import annotations

import math

from grader.report import GradeReport
from grader.review.criteria import ReviewCriteria
from grader.review_section import CriterionResult, DimensionReviewResult, OverallScores

MAX_MOVE = 10


def _round(value: float) -> int:
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def dimension_move(results: list[CriterionResult], criteria_count: int) -> int:
    """Points this dimension moves: in [-MAX_MOVE, MAX_MOVE], zero without counted verdicts."""
    if criteria_count <= 0:
        return 0
    balance = sum(1 if r.verdict == "pass" else -1 for r in results if r.counted)
    return max(-MAX_MOVE, min(MAX_MOVE, _round(MAX_MOVE * balance / criteria_count)))


def weighted_overall(scores: dict[str, int | None], weights: dict[str, float]) -> int | None:
    scored = {name: s for name, s in scores.items() if s is not None and weights.get(name, 0) > 0}
    total = sum(weights[name] for name in scored)
    # Python's round, as grader.scoring uses: with no moves the reviewed overall equals the static one.
    return round(sum(weights[name] * s for name, s in scored.items()) / total) if total else None


def reviewed_scores(
    report: GradeReport,
    verdicts: dict[str, list[CriterionResult]],
    summaries: dict[str, str],
    criteria: ReviewCriteria,
) -> tuple[dict[str, DimensionReviewResult], OverallScores]:
    dimensions: dict[str, DimensionReviewResult] = {}
    for name, dim in report.dimensions.items():
        results = verdicts.get(name, [])
        static = dim.score
        reviewed = static
        if static is not None:
            reviewed = max(0, min(100, static + dimension_move(results, len(criteria.dimensions.get(name, [])))))
        dimensions[name] = DimensionReviewResult(
            static=static,
            reviewed=reviewed,
            delta=(reviewed - static) if reviewed is not None and static is not None else 0,
            summary=summaries.get(name, ""),
            criteria=results,
        )
    weights = {name: dim.weight for name, dim in report.dimensions.items()}
    overall = OverallScores(
        static=report.overall,
        reviewed=weighted_overall({name: d.reviewed for name, d in dimensions.items()}, weights),
    )
    return dimensions, overall
