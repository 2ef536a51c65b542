"""Weak answers must be Again: in FSRS even Hard counts as a pass."""

from __future__ import annotations

import pytest

from curriculum.errors import UserError
from grader.answers import rating_for
from grader.answers.rubric import NO_NUMBERS_CAP


@pytest.mark.parametrize(
    ("score", "rating"),
    [(0, 1), (35, 1), (49, 1), (50, 2), (69, 2), (70, 3), (89, 3), (90, 4), (100, 4)],
)
def test_score_bands(score: int, rating: int) -> None:
    assert rating_for(score) == rating


def test_an_answer_without_numbers_can_never_pass() -> None:
    assert rating_for(NO_NUMBERS_CAP) == 1


@pytest.mark.parametrize("bad", [-1, 101, 50.5, True, "70"])
def test_out_of_range_scores_are_user_errors(bad: object) -> None:
    with pytest.raises(UserError, match="0 to 100"):
        rating_for(bad)  # type: ignore[arg-type]
