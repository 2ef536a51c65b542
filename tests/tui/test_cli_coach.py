"""The coach on the command line: the plan sized to the weekly hours, the roles, calibrated gaps, reminders."""

from __future__ import annotations

import json

import pytest

SCORES = {
    "instruction_design": 4,
    "data_handling": 2,
    "evaluation": 4,
    "backend_integration": 2,
    "model_economics": 2,
    "safety_compliance": 2,
    "product_thinking": 3,
}
SCORE_ARGS = [part for key, score in SCORES.items() for part in ("--score", f"{key}={score}")]


def flat(text: str) -> str:
    """Terminal output with rich's line wrapping undone."""
    return " ".join(text.split())


@pytest.mark.parametrize("hours", ["5", "10", "20"])
def test_roadmap_required_load_fits_the_weekly_hours(cli, hours):
    result = cli("roadmap", "--json", "--hours", hours)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    budget = float(hours)
    assert data["weekly_hours"] == budget and data["hours_source"] == "--hours"
    for week in data["weeks"]:
        load = week["load"]
        assert load["fits"] and load["required_hours"] <= budget, week["number"]
        required = [task for task in week["tasks"] if task["required"]]
        assert sum(task["hours"] for task in required) == load["required_hours"]
        assert {task["key"] for task in required} == set(load["required"])
        assert all(task["required"] for task in week["tasks"] if task["core"])
    assert data["totals"]["required_hours"] <= data["totals"]["budget_hours"]
    # What the plan cannot reach at this budget is named, never silently dropped.
    outside = {(item["stage"], item["key"]) for item in data["outside_90_days"]}
    assert ("retrieval-rag", "documents-as-pictures") in outside
    assert (len(outside) == 1) is (budget == 20)


def test_roadmap_uses_the_profile_hours_and_shows_each_week_load(ada):
    data = json.loads(ada("roadmap", "--json").out)
    assert (data["weekly_hours"], data["hours_source"]) == (10, "profile")
    text = flat(ada("roadmap").out)
    assert "90-day plan at 10 hours a week (profile)" in text
    assert "8 / 10 h" in text  # week 1's load against the budget
    assert "Documents that are pictures (-)" in text


def test_roadmap_without_a_profile_uses_the_plan_default(cli):
    data = json.loads(cli("roadmap", "--json").out)
    assert (data["weekly_hours"], data["hours_source"]) == (10, "default")
    assert len(data["stages"]) == 10 and len(data["weeks"]) == 12
    exits = [c for stage in data["stages"] for c in stage["exit_criteria"]]
    assert exits and all(set(c) == {"text", "proof"} for c in exits)


def test_roadmap_below_the_minimum_says_the_core_does_not_fit(cli):
    result = cli("roadmap", "--hours", "3")
    assert result.code == 0
    assert "built for 5 hours a week or more" in flat(result.out)
    weeks = json.loads(cli("roadmap", "--json", "--hours", "3").out)["weeks"]
    assert not all(week["load"]["fits"] for week in weeks)


@pytest.mark.parametrize("hours", ["0", "-4", "nan", "inf", "101"])
def test_roadmap_refuses_an_implausible_budget(cli, hours):
    result = cli("roadmap", "--hours", hours)
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert "--hours" in result.err and "Traceback" not in result.err


def test_roles_json_has_twelve_roles_with_bands_and_sources(cli):
    data = json.loads(cli("roles", "--json").out)
    assert len(data["roles"]) == 12 and data["assessed"] is False and data["closest"] is None
    for role in data["roles"]:
        assert role["salary_sources"] and role["salary_year"] == "2025-2026"
        assert set(role["needs"]) == set(SCORES)
    engineer = next(role for role in data["roles"] if role["key"] == "ai-engineer")
    assert [b["text"] for b in engineer["bands"]] == ["$120K-$160K", "$160K-$220K", "$220K-$300K"]
    assert engineer["regional"]["other"][0]["text"] == "$48K-$96K"
    assert len(data["decision_matrix"]) >= 8 and "30-50%" in data["salary_note"]


def test_roles_with_an_assessment_name_the_closest_next_role(ada):
    ada("assess", *SCORE_ARGS)
    data = json.loads(ada("roles", "--json").out)
    assert data["assessed"] and data["current_role"] == "prompt-engineer" and data["target_role"] == "ai-engineer"
    closest = next(role for role in data["roles"] if role["key"] == data["closest"])
    assert data["closest"] != "prompt-engineer"
    assert closest["fit"] == max(role["fit"] for role in data["roles"] if role["key"] != "prompt-engineer")
    text = flat(ada("roles", "--region", "europe").out)
    assert "Closest next role:" in text and "Base pay, Europe" in text and "$60K-$112K" in text


def test_roles_refuses_an_unknown_region(cli):
    result = cli("roles", "--region", "mars")
    assert result.code == 2 and "unknown region 'mars'" in result.err


def test_gaps_json_shows_a_self_rating_the_evidence_contradicts(ada):
    ada("assess", *SCORE_ARGS)
    # Week 7 of Ada's plan: week 4 asked for an eval report and none is filed.
    report = json.loads(ada("gaps", "--json", "--date", "2026-12-18").out)
    evaluation = report["calibration"]["evaluation"]
    assert (evaluation["self"], evaluation["evidence"], evaluation["disagrees"]) == (4, 1, True)
    assert evaluation["nudge"].startswith("You rate Evaluation 4/5, but the evidence shows 1 at best")
    assert report["calibration"]["backend_integration"]["disagrees"] is False  # self 2, evidence 1
    text = flat(ada("gaps", "--date", "2026-12-18").out)
    assert "evidence" in text and "You rate Evaluation 4/5" in text


def test_an_eval_report_brings_the_evidence_up(ada):
    ada("assess", *SCORE_ARGS)
    for week in (4, 5, 6):
        result = ada(
            "artifact", "add", "--week", str(week), "--kind", "eval-report", "--title", f"Eval run {week}",
            "--metric", "pass rate=61->78 %", "--date", "2026-12-01",
        )  # fmt: skip
        assert result.code == 0, result.err
    evaluation = json.loads(ada("gaps", "--json", "--date", "2026-12-18").out)["calibration"]["evaluation"]
    assert (evaluation["evidence"], evaluation["disagrees"]) == (4, False)


def test_seven_weeks_with_nothing_logged_nudge_on_today(ada):
    view = json.loads(ada("today", "--json", "--date", "2026-12-21").out)  # day 50
    quiet = next(n for n in view["nudges"] if n["pattern"] == "gone-quiet")
    assert quiet["message"] == "Nothing logged or shipped in the 49 days since the plan started."


def test_today_reminds_of_the_rituals_and_sizes_the_week(ada):
    view = json.loads(ada("today", "--json", "--date", "2026-11-18").out)  # day 17, week 3
    rituals = {r["ritual"]: r for r in view["reminders"]}
    assert rituals["peer-review"]["task_key"] == "w03-peer-review" and not rituals["peer-review"]["overdue"]
    assert rituals["reassessment"]["overdue"]  # week 1's first assessment was never taken
    assert view["weekly_hours"] == 10 and view["pace"]["weekly_hours"] == 10
    assert all(task["required"] for task in view["tasks"] if task["key"] == "w03-peer-review")
    text = flat(ada("today", "--date", "2026-11-18").out)
    assert "Fortnightly peer review" in text and "proofwork task done w03-peer-review" in text


def test_task_list_marks_stretch_tasks(ada):
    rows = json.loads(ada("task", "list", "--week", "1", "--json").out)
    stretch = [row["key"] for row in rows if not row["required"]]
    assert stretch == ["w01-typed-text-tool"] and sum(row["hours"] for row in rows) == 14
    assert "(stretch)" in ada("task", "list", "--week", "1").out
