"""Today's view over a real record: the coach's nudges fire from what the learner did (and did not) do."""

from __future__ import annotations

import json


def nudge_patterns(cli, on: str) -> set[str]:
    return {n["pattern"] for n in json.loads(cli("today", "--date", on, "--json").out)["nudges"]}


def test_studying_without_shipping_shows_the_tutorial_treadmill(ada):
    for day in range(5, 21):
        assert ada("log", "--minutes", "60", "watched a course", "--date", f"2026-11-{day:02d}").code == 0
    assert "tutorial-treadmill" in nudge_patterns(ada, "2026-11-21")
    ada(
        "artifact",
        "add",
        "--week",
        "3",
        "--kind",
        "eval-report",
        "--title",
        "retrieval check",
        "--link",
        "https://example.com/pr/1",
        "--metric",
        "recall@5=0.41->0.68",
        "--date",
        "2026-11-20",
    )
    assert "tutorial-treadmill" not in nudge_patterns(ada, "2026-11-21")


def test_no_eval_by_week_five_is_flagged_and_an_eval_report_clears_it(ada):
    assert "no-eval-discipline" in nudge_patterns(ada, "2026-12-03")  # day 32, week 5
    ada(
        "artifact",
        "add",
        "--week",
        "4",
        "--kind",
        "eval-report",
        "--title",
        "first eval set",
        "--link",
        "https://example.com/pr/2",
        "--metric",
        "pass rate=52->71 %",
        "--date",
        "2026-11-28",
    )
    assert "no-eval-discipline" not in nudge_patterns(ada, "2026-12-03")


def test_nothing_fires_on_day_one(ada):
    assert nudge_patterns(ada, "2026-11-02") == set()


def test_before_the_start_and_after_the_end(ada):
    before = json.loads(ada("today", "--date", "2026-10-30", "--json").out)
    assert before["position"]["phase"] == "not_started" and before["position"]["days_until_start"] == 3
    assert before["week"]["number"] == 1  # what comes first is shown ahead of time
    after = json.loads(ada("today", "--date", "2027-02-15", "--json").out)
    assert after["position"]["phase"] == "finished" and after["week"] is None
    assert "done" in after["next_step"]
