"""The weekly retro's small section on self-ratings the evidence contradicts (calibrated self-assessment)."""

from __future__ import annotations

from tests.tracker.exports.conftest import headings, learner_session, plain_text
from tracker.exports import render_retro

FOUR_ON_EVALUATION = [
    "--score", "instruction_design=3", "--score", "data_handling=2", "--score", "evaluation=4",
    "--score", "backend_integration=2", "--score", "model_economics=2", "--score", "safety_compliance=2",
    "--score", "product_thinking=2",
]  # fmt: skip


def test_the_retro_names_a_rating_the_evidence_contradicts(ada):
    assert ada("assess", *FOUR_ON_EVALUATION).code == 0
    with learner_session() as (session, learner):
        week_six = render_retro(session, learner, 6).text  # ends 2026-12-13: week 4 asked for an eval report
    assert "Self-ratings against the evidence" in headings(week_six)
    assert "You rate Evaluation 4/5, but the evidence shows 1 at best" in plain_text(week_six)


def test_no_section_without_an_assessment_or_a_disagreement(ada):
    with learner_session() as (session, learner):
        assert "Self-ratings against the evidence" not in headings(render_retro(session, learner, 6).text)
    assert ada("assess", *FOUR_ON_EVALUATION).code == 0
    with learner_session() as (session, learner):
        early = render_retro(session, learner, 2).text  # nothing was asked for by then
    assert "Self-ratings against the evidence" not in headings(early)
