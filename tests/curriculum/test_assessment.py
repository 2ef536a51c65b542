"""Scores against a target role: validation, gaps, the two focus competencies, role fit and change."""

from __future__ import annotations

import json

import pytest

from curriculum.assessment import check_scores, gap_report
from curriculum.catalog import Catalog
from curriculum.errors import UserError


def scores(**overrides: int) -> dict[str, int]:
    base = {
        "instruction_design": 4,
        "data_handling": 3,
        "evaluation": 3,
        "backend_integration": 3,
        "model_economics": 3,
        "safety_compliance": 3,
        "product_thinking": 4,
    }
    return base | overrides


def test_check_scores_accepts_a_valid_partial_set(catalog: Catalog) -> None:
    check_scores({"evaluation": 1, "product_thinking": 5}, catalog)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"charisma": 3}, "unknown competency 'charisma'"),
        ({"evaluation": 0}, "score for evaluation must be a whole number from 1 to 5 \\(got 0\\)"),
        ({"evaluation": 6}, "score for evaluation must be .* \\(got 6\\)"),
        ({"evaluation": True}, "score for evaluation must be .* \\(got True\\)"),
        ({"evaluation": 2.5}, "score for evaluation must be .* \\(got 2.5\\)"),
    ],
)
def test_check_scores_names_the_problem(catalog: Catalog, bad: dict, message: str) -> None:
    with pytest.raises(UserError, match=message):
        check_scores(bad, catalog)


def test_gap_report_needs_every_competency(catalog: Catalog) -> None:
    partial = scores()
    del partial["model_economics"]
    with pytest.raises(UserError, match="no score for model_economics"):
        gap_report(partial, catalog.role("ai-engineer"), catalog)


def test_gaps_are_target_minus_score(catalog: Catalog) -> None:
    role = catalog.role("ai-engineer")
    report = gap_report(scores(), role, catalog)
    assert report.target_role == "ai-engineer" and report.target_title == "AI Engineer"
    assert report.targets == role.targets
    for key in catalog.competency_keys:
        assert report.gaps[key] == role.targets[key] - report.scores[key]
    assert report.gaps["instruction_design"] == -1  # above target: a negative gap
    assert list(report.scores) == catalog.competency_keys


def test_focus_is_the_lowest_two(catalog: Catalog) -> None:
    report = gap_report(scores(data_handling=1, safety_compliance=2), catalog.role("ai-engineer"), catalog)
    assert report.focus == ["data_handling", "safety_compliance"]


def test_focus_ties_go_to_the_larger_gap_then_content_order(catalog: Catalog) -> None:
    # AI engineer targets: data_handling 3, evaluation 4, backend_integration 4. All three scored 2:
    # data_handling has the smaller gap (1), evaluation and backend_integration tie on gap 2 -> content order.
    role = catalog.role("ai-engineer")
    needs = [role.targets[key] for key in ("data_handling", "evaluation", "backend_integration")]
    assert needs == [3, 4, 4]
    report = gap_report(scores(data_handling=2, evaluation=2, backend_integration=2), role, catalog)
    assert report.focus == ["evaluation", "backend_integration"]


def test_focus_tie_on_gap_flips_with_the_target_role(catalog: Catalog) -> None:
    # Same scores, another role: a platform engineer needs backend_integration 5 but evaluation only 3.
    report = gap_report(
        scores(data_handling=2, evaluation=2, backend_integration=2),
        catalog.role("platform-engineer"),
        catalog,
    )
    assert report.focus == ["backend_integration", "data_handling"]


def test_role_fit(catalog: Catalog) -> None:
    top = gap_report({key: 5 for key in catalog.competency_keys}, catalog.role("ai-engineer"), catalog)
    assert all(fit.fit == 100 and fit.missing == [] for fit in top.role_fit)
    assert [fit.role for fit in top.role_fit] == [role.key for role in catalog.roles]  # ties keep content order

    low = gap_report({key: 1 for key in catalog.competency_keys}, catalog.role("ai-engineer"), catalog)
    by_role = {fit.role: fit for fit in low.role_fit}
    prompt = catalog.role("prompt-engineer")
    assert by_role["prompt-engineer"].fit == round(100 * 7 / sum(prompt.targets.values()))
    # The lowest total need fits best when every score is 1.
    assert low.role_fit[0].role == min(catalog.roles, key=lambda role: sum(role.targets.values())).key
    assert low.role_fit == sorted(low.role_fit, key=lambda fit: -fit.fit)
    # Missing competencies come largest gap first.
    architect = by_role["ai-architect"]
    assert architect.missing[:2] == ["backend_integration", "model_economics"]


def test_change_against_previous(catalog: Catalog) -> None:
    previous = scores(evaluation=2, data_handling=3)
    report = gap_report(scores(evaluation=4, data_handling=2), catalog.role("ai-engineer"), catalog, previous)
    assert report.change is not None
    assert report.change["evaluation"] == 2
    assert report.change["data_handling"] == -1
    assert report.change["product_thinking"] == 0
    assert gap_report(scores(), catalog.role("ai-engineer"), catalog).change is None


def test_previous_scores_are_checked(catalog: Catalog) -> None:
    with pytest.raises(UserError, match="got 9"):
        gap_report(scores(), catalog.role("ai-engineer"), catalog, {"evaluation": 9})


def test_to_dict_is_json_ready(catalog: Catalog) -> None:
    report = gap_report(scores(), catalog.role("context engineer"), catalog, scores(evaluation=1))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["target_role"] == "context-engineer"
    assert data["role_fit"][0].keys() == {"role", "title", "fit", "missing"}
    assert data["change"]["evaluation"] == 2
