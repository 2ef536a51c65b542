"""Every claim pattern the product ships compiles: they are compiled when first matched, not at load (#12 speed),
so this test is what keeps a typo in content from reaching a learner."""

from __future__ import annotations

import re

import pytest

from curriculum.drills import claim_regex, load_bank
from curriculum.errors import UserError
from grader.answers.opposites import catalogue
from grader.answers.pitfalls import shared_traps


def _shipped_patterns() -> list[str]:
    questions = [question for theme in load_bank().themes for question in theme.questions]
    traps = [*shared_traps(), *(trap for question in questions for trap in question.traps)]
    return [
        *(pattern for trap in traps for pattern in trap.match),
        *(pattern for opposite in catalogue() for pattern in [*opposite.match, *opposite.unless]),
    ]


def test_every_shipped_claim_pattern_compiles() -> None:
    patterns = _shipped_patterns()
    assert len(patterns) > 100  # the bank's traps, the shared ones and every contrary stance
    for pattern in patterns:
        assert isinstance(claim_regex(pattern), re.Pattern)


def test_a_broken_pattern_is_one_line_naming_it() -> None:
    with pytest.raises(UserError, match=r"claim pattern '\(unclosed' is not a valid pattern"):
        claim_regex("(unclosed")
