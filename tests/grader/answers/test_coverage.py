"""Key-point coverage of a glossed answer, whose word order is not English."""

from __future__ import annotations

import pytest

from curriculum.drills import load_bank
from grader.answers.coverage import coverage


def test_a_glossed_answer_may_say_a_terms_words_in_its_own_order() -> None:
    # German puts the verb last: "Isolationstests" can come out of a gloss as "tests of the isolation".
    question = load_bank().question("rag-design-07")
    text = "Every night the tests of the isolation run against fifty accounts."
    assert "automated leak tests" in coverage(question, text, glossed=True).hit
    assert "automated leak tests" not in coverage(question, text).hit  # English says the term in its order


def test_out_of_order_words_must_stand_near_each_other() -> None:
    question = load_bank().question("rag-design-07")
    text = (
        "The isolation of each account is a design goal we keep in mind from the start of the project, and much "
        "later, in another part of the system, a test checks the invoices."
    )
    assert "automated leak tests" not in coverage(question, text, glossed=True).hit


def _disagreement_points(text: str) -> list[str]:
    return coverage(load_bank().question("behavioural-03"), text).hit


@pytest.mark.parametrize(
    ("text", "point"),
    [
        # A story of one person says "his" and "her" where the bank says "their".
        ("Before arguing I asked her about her concern with the new queue.", "understanding their view"),
        ("She had good reasons: the old cache had burned her team twice.", "understanding their view"),
        ("I asked him what would convince him to drop the framework.", "understanding their view"),
        # A disagreement settled in plain words.
        ("After the demo we agreed on a two-week trial of my version.", "disagree and commit"),
        ("We settled on his schema and I moved my tests over to it.", "disagree and commit"),
        # An objection is the view itself, not a stance on the objection: "I thought X was overkill" disagrees.
        ("I thought the orchestration layer was overkill for four steps.", "the disagreement itself"),
        ("I pushed back, since the extra service was unnecessary for our volume.", "the disagreement itself"),
    ],
)
def test_a_disagreement_story_in_its_tellers_words(text: str, point: str) -> None:
    assert point in _disagreement_points(text)


@pytest.mark.parametrize(
    "text",
    [
        "The report says their reasons were never written down.",  # no person's view, no view understood either
        "We shipped the feature on time and moved on.",
    ],
)
def test_words_that_are_not_the_settling_of_a_disagreement(text: str) -> None:
    assert "disagree and commit" not in _disagreement_points(text)


def test_a_dismissal_is_still_a_dismissal_when_the_term_is_not_an_opinion() -> None:
    # The carve-out is for terms that voice a view; waving away a control the question needs is still caught.
    text = "Step limits are overkill here, so the agent runs until it finishes its refactor."
    assert "step or iteration limits" in coverage(load_bank().question("agent-safety-02"), text).dismissed


@pytest.mark.parametrize(
    "text",
    [
        "I'd take 300 past requests and run them through both models.",
        "I'd sample 500 logged requests from last month as the test.",
    ],
)
def test_requests_from_production_said_plainly_are_an_eval_set_from_production(text: str) -> None:
    assert "eval set from production" in coverage(load_bank().question("model-choice-01"), text).hit


def test_requests_that_were_not_collected_are_not_an_eval_set() -> None:
    text = "The model handles the requests quickly and the team is happy."
    assert "eval set from production" not in coverage(load_bank().question("model-choice-01"), text).hit


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("In the end data-driven decisions win every argument.", "evidence over opinion"),
        ("We were data driven and listened to the best practices.", "evidence over opinion"),
    ],
)
def test_a_buzzword_names_no_point(text: str, point: str) -> None:
    assert point not in _disagreement_points(text)


def test_the_same_idea_said_concretely_still_counts() -> None:
    assert "evidence over opinion" in _disagreement_points("I benchmarked both on 800 tickets and showed him the data.")


def _labelling_points(text: str) -> list[str]:
    return coverage(load_bank().question("cross-team-06"), text).hit


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("A tenth of the items are labelled twice, to check they agree.", "labelling agreement"),
        ("Two annotators take every twentieth conversation.", "labelling agreement"),
        ("It has to be worth their while, so the labels count toward their targets.", "what is in it for them"),
        ("When it shipped I showed them what changed in the bot.", "credit and results back"),
    ],
)
def test_a_labelling_plan_in_plain_words(text: str, point: str) -> None:
    assert point in _labelling_points(text)


def test_agreeing_to_help_is_not_labelling_agreement() -> None:
    assert "labelling agreement" not in _labelling_points("Their lead agreed to lend us two people for a week.")
