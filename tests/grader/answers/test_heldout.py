"""The local scorer on the held-out answers: a measurement, printed, like the calibration test.

Data: `data/drill_heldout.json`, a verbatim copy of a set of 56 answers to 14 bank questions that no calibration
answer uses, written blind by a reviewer (an interviewer who had not seen the scorer's rules) to test whether the
scorer generalises beyond the calibration set; each answer is labelled 0-100 with a one-line reason. The scorer was
then developed against it, so it is no longer blind: its figures here are a regression guard and a second
development set, not a measure of how the scorer does on answers nobody has seen. That measure is the next blind
set. See `data/README.md`.

`pytest tests/grader/answers -k heldout -s` prints the same figures as the calibration test. The assertions are the
issue's goals, so a change that helps one set by hurting the other fails here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from curriculum.drills import load_bank
from grader.answers import score_answer
from tests.grader.answers.test_calibration import GOAL_GAMING_MAX, GOAL_PAIRS, GOAL_RHO, figures

DATA = Path(__file__).parent / "data" / "drill_heldout.json"
CALIBRATION = Path(__file__).parent / "data" / "drill_calibration.json"


@pytest.fixture(scope="module")
def scored() -> list[dict[str, Any]]:
    bank = load_bank()
    items = json.loads(DATA.read_text(encoding="utf-8"))
    return [
        {**item, "score": score_answer(bank.question(item["question_key"]), item["answer"], item["seconds"]).score}
        for item in items
    ]


def test_the_heldout_set_asks_other_questions_than_the_calibration_set() -> None:
    heldout = {item["question_key"] for item in json.loads(DATA.read_text(encoding="utf-8"))}
    calibration = {item["question_key"] for item in json.loads(CALIBRATION.read_text(encoding="utf-8"))}
    assert len(heldout) == 14 and not heldout & calibration


def test_the_heldout_figures_meet_the_goals(scored: list[dict[str, Any]]) -> None:
    whole = figures(scored)
    print()
    for category in ("excellent", "good", "format", "mediocre", "vague", "wrong", "off-topic", "stuffed"):
        sub = [r for r in scored if r["category"] == category]
        labels, scores = [r["label"] for r in sub], [r["score"] for r in sub]
        print(
            f"{category:10s} n={len(sub):2d} label {sum(labels) / len(labels):5.1f} "
            f"score {sum(scores) / len(scores):5.1f} ({min(scores)}-{max(scores)})"
        )
    print(
        f"heldout n={whole['n']:2.0f} spearman {whole['spearman']:.3f}; gaming mean {whole['gaming_mean']:.1f} "
        f"(max {whole['gaming_max']:.0f}); pairs ordered {whole['pairs']:.1f}%"
    )
    assert whole["spearman"] >= GOAL_RHO
    assert whole["gaming_max"] <= GOAL_GAMING_MAX
    assert whole["pairs"] >= GOAL_PAIRS
