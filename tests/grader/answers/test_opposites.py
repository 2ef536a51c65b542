"""Asserting the contrary of a key point loses it and is an unsound claim; naming the point is not covering it.

The catalogue (`content/drills/scoring/opposites.yaml`) carries its own examples: every claim must be found and no
sound sentence may be. The sentences below are written for these tests, not taken from any labelled answer set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.drills import load_bank
from grader.answers import rubric, score_answer
from grader.answers.opposites import catalogue, claims, contradictions, stances
from grader.answers.stance import stance

CATALOGUE = catalogue()


@pytest.mark.parametrize("opposite", CATALOGUE, ids=[o.stance[:40] for o in CATALOGUE])
def test_every_example_claim_is_found_and_no_sound_sentence_is(opposite) -> None:  # type: ignore[no-untyped-def]
    for sentence in opposite.examples.claim:
        assert claims(opposite, sentence), sentence
    for sentence in opposite.examples.fine:
        assert not claims(opposite, sentence), sentence


def test_the_stances_cover_the_technical_questions_of_the_bank() -> None:
    # General knowledge, spread over the bank: every theme but the behavioural one has questions with stances.
    bank = load_bank()
    held = {q.key for q in bank.all_questions() if stances(q)}
    technical = [q for q in bank.all_questions() if q.theme != "behavioural"]
    assert len(held & {q.key for q in technical}) >= 0.85 * len(technical)
    for theme in {q.theme for q in technical}:
        assert any(q.key in held for q in technical if q.theme == theme), theme


def test_no_outline_and_no_strong_fixture_contradicts_its_own_question() -> None:
    bank = load_bank()
    for question in bank.all_questions():
        assert contradictions(question, "\n\n".join(question.outline.model_dump().values())) == [], question.key
    for path in (Path(__file__).parent / "fixtures").glob("*.strong.md"):
        key = path.name.removesuffix(".strong.md")
        assert contradictions(bank.question(key), path.read_text(encoding="utf-8")) == [], key


def _score(key: str, answer: str):  # type: ignore[no-untyped-def]
    return score_answer(load_bank().question(key), answer, None)


def test_naming_the_control_while_asserting_its_contrary_loses_the_point_and_is_unsound() -> None:
    contrary = (
        "Email bodies come from our own mail server, so the content is already trusted, and I would pass it to the "
        "model as a system message. I log every tool call and send only after the user confirms."
    )
    sound = (
        "Email bodies are untrusted data: they go to the model delimited as data, never as instructions. I log every "
        "tool call and send only after the user confirms."
    )
    bad, good = _score("agent-safety-03", contrary), _score("agent-safety-03", sound)
    assert "content is untrusted data" in good.key_points_hit
    assert "content is untrusted data" in bad.key_points_missed
    [claim] = [t for t in bad.traps if t.name.startswith("the contrary of")]
    assert claim.severity == "wrong" and "already trusted" in claim.quote
    assert bad.score <= rubric.ONE_WRONG_CAP and bad.score < good.score


def test_one_claim_is_one_unsound_claim_however_many_points_hold_the_stance() -> None:
    answer = (
        "I would re-index the knowledge base once a month, which is plenty, and track freshness on a dashboard with "
        "an alert on lag, deleting removed articles and reconciling versions and timestamps nightly."
    )
    result = _score("rag-design-04", answer)
    assert [t.name for t in result.traps] == ["the contrary of: the index and caches follow their source closely"]
    assert "incremental indexing" in result.key_points_missed


def test_a_hedged_contrary_is_a_weaker_fault_than_a_confident_one() -> None:
    hedged = _score("model-choice-06", "I think our prompts should mostly work on a second provider behind a gateway.")
    sure = _score("model-choice-06", "Our prompts will work on a second provider behind a gateway.")
    assert [t.severity for t in hedged.traps] == ["weak"] and [t.severity for t in sure.traps] == ["wrong"]
    assert sure.deductions == [f"-{rubric.WRONG_TRAP_COST}: {sure.traps[0].name}"]
    assert hedged.deductions[0] == f"-{rubric.WEAK_TRAP_COST}: {hedged.traps[0].name}"


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("We can drop the confirmation step now.", "removed"),
        ("I would skip the approval for speed.", "removed"),
        ("Never skip the approval.", "affirmed"),
        ("Skip the approval for read-only lookups.", "affirmed"),  # scoped to some cases: a design choice
        ("Someone had disabled the approval last spring.", "affirmed"),  # a story's past, told, not recommended
    ],
)
def test_removing_a_thing_is_read_from_its_clause(sentence: str, said: str) -> None:
    at = sentence.index("approval") if "approval" in sentence else sentence.index("confirmation")
    assert stance(sentence, at, at + 8) == said


def test_removing_a_control_is_unsound_but_removing_what_should_go_is_the_control() -> None:
    control = _score("agent-safety-03", "We can drop the confirmation step; it only adds friction.")
    assert any(t.name.startswith("dismisses confirmation before sending") for t in control.traps)
    cleanup = _score("rag-design-04", "On every edit a webhook upserts the article and we remove stale chunks.")
    assert "deletes and tombstones" in cleanup.key_points_hit and cleanup.traps == []
