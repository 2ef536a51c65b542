"""How an answer stands towards what it names: used, absent, decided against, or dismissed."""

from __future__ import annotations

import re

import pytest

from grader.answers.stance import stance


def _stance(sentence: str, term: str) -> str:
    found = re.search(term, sentence, re.IGNORECASE)
    assert found, (term, sentence)
    return stance(sentence, found.start(), found.end())


@pytest.mark.parametrize(
    ("sentence", "term", "expected"),
    [
        ("I added a step limit of 40 so runs end.", "step limit", "affirmed"),
        ("There was no step limit, so it ran for nine hours.", "step limit", "negated"),
        ("No budget, step limit or alert was in place.", "alert", "negated"),  # a list stays in the scope
        ("We didn't have alerts, so I added a step limit.", "step limit", "affirmed"),  # a new clause
        ("I deliberately didn't add a step limit.", "step limit", "dismissed"),
        ("Step limits are an anti-pattern.", "step limits", "dismissed"),
        ("A pilot isn't necessary for summaries.", "pilot", "dismissed"),
        ("I wouldn't build checkpointing, because jobs are atomic.", "checkpoint", "dismissed"),
        ("We rejected step limits and per-run caps.", "per-run caps", "rejected"),
        ("I chose loop detection rather than a lower step limit.", "step limit", "rejected"),
        ("A run can't exceed 40 steps.", "steps", "affirmed"),  # a limit, not a negation
        ("We allow no more than 40 steps.", "steps", "affirmed"),
        ("Not only the step limit but also alerts.", "step limit", "affirmed"),
        ("I would never ship without an eval.", "eval", "affirmed"),  # two negations
        ("We don't need approval for read-only actions.", "read-only", "negated"),  # approval is dismissed, not this
    ],
)
def test_a_mention_is_read_in_its_clause(sentence: str, term: str, expected: str) -> None:
    assert _stance(sentence, term) == expected
