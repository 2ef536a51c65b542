"""Map a drill score to an FSRS rating (Again=1, Hard=2, Good=3, Easy=4) for the scheduler in tracker.

In FSRS, Hard still counts as a successful recall: the card's stability grows and the next review moves
further out. So an answer that is not yet interview-ready must be Again, or a weak story drifts out of
practice.

    0-49    Again=1   not ready; includes every capped answer (off topic, stuffed, unsound, no premise)
    50-69   Hard=2    usable but missing a part, a number or a trade-off: a pass, reviewed again soon
    70-89   Good=3    structured, measured and owned: the normal pass
    90-100  Easy=4    nothing material to add: push the next review far out

Every cap of the rubric (`grader.answers.rubric`) sits below 50, so an off-topic, stuffed or unsound answer
is always reviewed again soon. This module never imports `fsrs`; the scheduler turns the int into its `Rating`.
"""

from __future__ import annotations

from curriculum.errors import UserError

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
_THRESHOLDS: tuple[tuple[int, int], ...] = ((90, EASY), (70, GOOD), (50, HARD))


def rating_for(score: int) -> int:
    """The FSRS rating (1..4) for a drill score (0..100)."""
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
        raise UserError(f"a drill score must be a whole number from 0 to 100, not {score!r}")
    for threshold, rating in _THRESHOLDS:
        if score >= threshold:
            return rating
    return AGAIN
