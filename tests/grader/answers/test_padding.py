"""Padding that imitates substance: a key point earns once, a list of nouns says nothing, ownership is not a verb list.

The sentences are written for these tests, not taken from any labelled answer set.
"""

from __future__ import annotations

import pytest

from curriculum.drills import load_bank
from grader.answers import rubric, score_answer
from grader.answers.gaming import read_form
from grader.answers.padding import (
    first_person_checklist,
    noun_lists,
    restated_points,
    restates_most,
    stacked_ownership,
)

KEY = "agent-safety-01"


@pytest.mark.parametrize(
    ("sentence", "listed"),
    [
        ("Budget, allowlist, sandbox, approval queue, rollback.", True),
        ("Canary, shadow traffic, feature flag, kill switch, audit trail.", True),
        ("Tracing, caching, batching, streaming and autoscaling.", True),
        # A sentence with a verb and its objects says something about them.
        ("I tracked recall, precision, latency and cost per query on every release.", False),
        ("We added a budget, an allowlist and a sandbox because the agent had spent $400 overnight.", False),
        # Figures are left to the count of numbers standing alone.
        ("p95 1.2 s, recall 0.82, 200 cases, $0.01 per query.", False),
        ("Latency, mostly.", False),
    ],
)
def test_a_sentence_that_is_only_a_list_of_nouns_is_found(sentence: str, listed: bool) -> None:
    assert bool(noun_lists(sentence)) is listed


@pytest.mark.parametrize(
    ("sentence", "stacked"),
    [
        ("I owned, led and delivered the migration.", True),
        ("I owned, I drove, I shipped.", True),
        ("I owned the roadmap, I led the rollout, I drove adoption across teams.", True),
        ("I owned the eval, I led the labelling and I shipped the judge.", True),
        # One ownership claim with what was done is how ownership is said.
        ("I owned the rollout, so when p95 doubled I paged the vendor and cut traffic to 10%.", False),
        ("I led the migration and wrote the runbook myself.", False),
        ("I measured recall, I compared two chunkers and I picked the smaller one.", False),
    ],
)
def test_ownership_claimed_by_stacking_verbs_is_found(sentence: str, stacked: bool) -> None:
    assert bool(stacked_ownership(sentence)) is stacked


def _question():  # type: ignore[no-untyped-def]
    return load_bank().question(KEY)


def _stuffed_in_first_person() -> str:
    """Every key point said as 'I <verb> <point>', then said again, then listed, then ownership stacked."""
    points = [p.point for p in _question().key_points]
    first = " ".join(f"I made sure of {p} from day one." for p in points)
    again = "; ".join(f"I also handled {p} carefully" for p in points) + "."
    listed = ", ".join(p.split()[-1].capitalize() for p in points) + ", safety, guardrails."
    return f"{first} {again} {listed} I owned, led and delivered a 52% improvement."


def test_a_key_point_said_again_earns_nothing_and_counts_as_padding() -> None:
    question = _question()
    text = _stuffed_in_first_person()
    assert len(restated_points(question, text)) == len([p for p in question.key_points if len(p.point.split()) > 1])
    assert restates_most(question, text)
    form = read_form(question, text)
    assert form.stuffed
    assert any("said again" in sign for sign in form.stuffing)
    result = score_answer(question, text, 60)
    assert result.stuffed and result.score <= rubric.STUFFED_CAP


def test_one_point_revisited_is_not_padding() -> None:
    question = _question()
    first = question.key_points[0].point
    text = (
        f"The first thing I added was {first}, because the agent had looped for an hour. "
        f"Later, when a run still cost $40, I tightened {first} again and added an alert at half the budget."
    )
    assert restated_points(question, text) == [first]
    assert restates_most(question, text) == []


def test_no_outline_of_the_bank_reads_as_padding() -> None:
    for question in load_bank().all_questions():
        if question.outline:
            text = " ".join(question.outline.model_dump().values())
            assert not restates_most(question, text), question.key
            assert not stacked_ownership(text), question.key


def test_a_checklist_in_the_first_person_is_still_a_checklist() -> None:
    question = _question()
    text = (
        "I built a least-privilege tool for refunds, I added hard limits validated in code, I set human approval "
        "above a threshold, I kept an audit log, I ran adversarial testing. Refund errors fell 60%."
    )
    assert len(first_person_checklist(question, text)) == 5
    form = read_form(question, text)
    assert any("'I did <a key point>'" in sign for sign in form.stuffing)


def test_steps_linked_by_their_reasons_are_not_a_checklist() -> None:
    question = _question()
    text = (
        "I built a least-privilege tool that can only refund the caller's own orders, because the first prototype "
        "could refund anyone. Hard limits are validated in code, so a prompt cannot raise them. Above $100 a person "
        "approves, which caught 3 bad refunds in the pilot, and every call goes to an audit log so we can reverse one. "
        "When the red team tried injected tickets, the limits held."
    )
    assert first_person_checklist(question, text) == []
    assert not read_form(question, text).stuffed
