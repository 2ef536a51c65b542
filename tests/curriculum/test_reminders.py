"""Ritual reminders: the latest re-assessment and peer review whose week has begun, due then overdue."""

from __future__ import annotations

from datetime import date, timedelta

from curriculum.catalog import Catalog
from curriculum.plan import locate
from curriculum.reminders import Reminder, reminders

START = date(2026, 3, 2)  # a Monday


def on(catalog: Catalog, day: int, finished: set[str] | None = None) -> dict[str, Reminder]:
    today = START + timedelta(days=day - 1)
    found = reminders(catalog.plan, START, locate(START, today, catalog.plan), finished or set())
    return {reminder.ritual: reminder for reminder in found}


def test_week_one_asks_for_the_first_assessment(catalog: Catalog) -> None:
    found = on(catalog, 2)
    assert list(found) == ["reassessment"]
    first = found["reassessment"]
    assert first.task_key == "w01-score-competencies" and not first.overdue
    assert first.due == START + timedelta(days=6)
    assert first.command == "proofwork assess"
    assert first.message == "Score yourself on the seven competencies, due by Sun 08 Mar."


def test_a_done_ritual_is_quiet_and_the_next_one_comes_on_cadence(catalog: Catalog) -> None:
    assert on(catalog, 10, {"w01-score-competencies"}) == {}
    week_three = on(catalog, 16, {"w01-score-competencies"})
    assert list(week_three) == ["peer-review"]
    assert week_three["peer-review"].task_key == "w03-peer-review"
    assert week_three["peer-review"].command == "proofwork task done w03-peer-review"


def test_a_missed_ritual_turns_overdue_until_the_next_one_replaces_it(catalog: Catalog) -> None:
    done = {"w01-score-competencies"}
    late = on(catalog, 24, done)["peer-review"]  # week 4: week 3's review was due on day 21
    assert late.overdue and late.message == "First peer review, 3 days overdue (week 3)."
    week_five = on(catalog, 30, done | {"w04-reassess"})["peer-review"]
    assert week_five.task_key == "w05-peer-review" and not week_five.overdue


def test_monthly_reassessment_and_nothing_outside_the_plan(catalog: Catalog) -> None:
    everything = {t.key for w in catalog.plan.weeks for t in w.tasks if t.ritual}
    assert on(catalog, 50, everything) == {}
    assert on(catalog, 53, everything - {"w08-reassess"})["reassessment"].task_key == "w08-reassess"
    assert on(catalog, -2) == {} and on(catalog, 91) == {}
