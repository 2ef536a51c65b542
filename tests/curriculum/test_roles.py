"""The role view: needs, pay with source, year and region, and the closest next role for a learner's scores."""

from __future__ import annotations

from curriculum.catalog import Catalog
from curriculum.roles import roles_view

PROMPT_ENGINEER = {
    "instruction_design": 4,
    "data_handling": 2,
    "evaluation": 3,
    "backend_integration": 1,
    "model_economics": 2,
    "safety_compliance": 2,
    "product_thinking": 3,
}


def test_twelve_roles_with_bands_sources_and_year(catalog: Catalog) -> None:
    view = roles_view(catalog)
    assert len(view.roles) == 12 and not view.assessed and view.closest is None
    engineer = view.role("ai-engineer")
    assert [band.text for band in engineer.bands] == ["$120K-$160K", "$160K-$220K", "$220K-$300K"]
    assert engineer.salary_year == "2025-2026" and "Alcor AI Salary Report (2025)" in engineer.salary_sources
    assert engineer.needs["evaluation"] == 4 and list(engineer.needs) == catalog.competency_keys
    assert [band.text for band in engineer.regional["europe"]] == ["$60K-$112K", "$80K-$154K", "$110K-$210K"]
    assert view.role("harness-engineer").bands == []  # no standard band yet, and nothing invented
    assert view.role("founding-ai-engineer").bands[0].text == "$100K-$150K + equity"
    assert [region.key for region in view.regions] == ["us", "europe", "other"]


def test_the_closest_next_role_is_not_the_current_one(catalog: Catalog) -> None:
    view = roles_view(catalog, PROMPT_ENGINEER, current_role="Prompt Engineer", target_role="AI Engineer")
    assert view.role("prompt-engineer").fit == 100  # these scores are exactly a prompt engineer's needs
    assert view.closest != "prompt-engineer"
    closest = view.role(view.closest or "")
    others = [role.fit or 0 for role in view.roles if role.key != "prompt-engineer"]
    assert closest.fit == max(others)
    assert closest.lacks and all(lack.you < lack.needs for lack in closest.lacks)
    assert {lack.competency for lack in closest.lacks} == {
        key for key, level in closest.needs.items() if PROMPT_ENGINEER[key] < level
    }


def test_ties_go_to_the_target_role(catalog: Catalog) -> None:
    everything = dict.fromkeys(catalog.competency_keys, 5)
    view = roles_view(catalog, everything, target_role="ml engineer")
    assert all(role.fit == 100 for role in view.roles)
    assert view.closest == "ml-engineer"


def test_the_matrix_names_the_best_fit_in_each_row(catalog: Catalog) -> None:
    view = roles_view(catalog, PROMPT_ENGINEER)
    for row in view.decision_matrix:
        fits = {key: view.role(key).fit for key in row.roles}
        assert row.best_fit in row.roles and fits[row.best_fit] == max(fits.values())
    assert all(row.best_fit is None for row in roles_view(catalog).decision_matrix)


def test_an_unknown_current_role_excludes_nothing(catalog: Catalog) -> None:
    view = roles_view(catalog, PROMPT_ENGINEER, current_role="Software Engineer")
    assert view.current_role is None and view.closest == "prompt-engineer"
