"""Weak answers must be Again: in FSRS even Hard counts as a pass."""

from __future__ import annotations

import pytest

from curriculum.errors import UserError
from grader.answers import rating_for, rubric


@pytest.mark.parametrize(
    ("score", "rating"),
    [(0, 1), (35, 1), (49, 1), (50, 2), (69, 2), (70, 3), (89, 3), (90, 4), (100, 4)],
)
def test_score_bands(score: int, rating: int) -> None:
    assert rating_for(score) == rating


@pytest.mark.parametrize(
    "cap",
    [rubric.OFF_TOPIC_CAP, rubric.STUFFED_CAP, rubric.ONE_WRONG_CAP, rubric.TWO_WRONG_CAP, rubric.CORE_MISSED_CAP],
)
def test_a_capped_answer_can_never_pass(cap: int) -> None:
    assert rating_for(cap) == 1


@pytest.mark.parametrize("bad", [-1, 101, 50.5, True, "70"])
def test_out_of_range_scores_are_user_errors(bad: object) -> None:
    with pytest.raises(UserError, match="0 to 100"):
        rating_for(bad)  # type: ignore[arg-type]
