"""The weekly retro from the record: shipped, slipped, drills, metrics moved, next sprint, own notes."""

from __future__ import annotations

from datetime import date

import pytest

from tests.tracker.exports.conftest import headings, links, plain_text
from tests.tracker.exports.record import EVAL_LINK
from tracker.exports import render_retro


def test_week_four_retro_from_the_record(open_record):
    with open_record() as (session, ada):
        document = render_retro(session, ada, 4)
    text, seen = document.text, plain_text(document.text)
    assert document.name == "retro-week-04.md"
    assert headings(text, 1) == ["Week 4 retro: First eval dataset and baseline scoring"]
    assert headings(text) == ["Shipped", "Slipped", "Drills", "Metrics moved", "Next sprint", "In my words"]
    assert ("Grounded-answer eval", EVAL_LINK) in links(text)
    assert "Start the golden dataset: 100 cases from real tickets" in seen  # a done task, with its note
    assert "2.2 hours logged on 2 days" in seen  # 90 + 45 minutes; the log of 1 December is week 5
    assert "Sort failures into categories: in progress after the week ended" in seen
    assert "Skipped on purpose: Put the metrics on one page" in seen
    assert "3 timed answers, average score 68.3/100." in seen  # the drill of 3 December is week 5
    assert "evals: 2 attempts, average 75" in seen
    assert "hallucination rate went from 12% to 4% (-67%)" in seen
    assert "routing accuracy of 81%, with no baseline to compare against" in seen
    assert "Week 5: Improve from the eval failures." in seen
    assert "tag failures by category" in seen


def test_a_quiet_week_says_what_is_missing(open_record):
    with open_record() as (session, ada):
        ahead = plain_text(render_retro(session, ada, 12, today=date(2026, 12, 2)).text)
        seen = plain_text(render_retro(session, ada, 12, today=date(2027, 2, 1)).text)
    assert "The week starts on 2027-01-18." in ahead and "still to do" not in ahead
    assert "No artifact recorded for this week." in seen
    assert "This week's proof had not shipped when the week ended on 2027-01-24:" in seen
    assert "Build the story bank: still to do after the week ended" in seen
    assert "No drills this week." in seen
    assert "The twelve weeks are done." in seen
    assert "In my words" not in seen


@pytest.mark.parametrize("week", [0, 13, "x"])
def test_weeks_outside_the_plan_are_refused(open_record, week):
    from curriculum.errors import UserError

    with open_record() as (session, ada), pytest.raises(UserError, match="week"):
        render_retro(session, ada, week)
