"""Key-point coverage of a glossed answer, whose word order is not English."""

from __future__ import annotations

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
