"""The shipped content loads, has the agreed shape, and every cross-reference resolves."""

from __future__ import annotations

from datetime import date

import pytest

from curriculum.catalog import Catalog, load_catalog
from curriculum.coach_rules import RULES
from curriculum.errors import UserError

COMPETENCY_KEYS = [
    "instruction_design",
    "data_handling",
    "evaluation",
    "backend_integration",
    "model_economics",
    "safety_compliance",
    "product_thinking",
]


def test_counts(catalog: Catalog) -> None:
    assert len(catalog.stages) == 10
    assert [stage.number for stage in catalog.stages] == list(range(1, 11))
    assert len(catalog.plan.weeks) == 12
    assert all(3 <= len(week.tasks) <= 8 for week in catalog.plan.weeks)
    assert len(catalog.plan.months) == 3
    assert catalog.plan.length_days == 90
    assert len(catalog.competencies) == 7
    assert len(catalog.layers) == 7
    assert len(catalog.roles) == 12
    assert len(catalog.project_briefs) >= 3
    assert len(catalog.failure_patterns) == 7
    assert len(catalog.decision_matrix) >= 8


def test_competency_keys_and_levels(catalog: Catalog) -> None:
    assert catalog.competency_keys == COMPETENCY_KEYS
    for competency in catalog.competencies:
        assert sorted(competency.levels) == [1, 2, 3, 4, 5], competency.key
        assert competency.stages, f"{competency.key} is raised by no stage"


def test_layer_keys(catalog: Catalog) -> None:
    assert [layer.key for layer in catalog.layers] == [
        "problem_framing",
        "data_retrieval",
        "prompt_orchestration",
        "evaluation",
        "runtime_infra",
        "governance_safety",
        "product_feedback",
    ]


def test_failure_pattern_keys_name_registered_rules(catalog: Catalog) -> None:
    assert [p.key for p in catalog.failure_patterns] == [
        "gone-quiet",
        "tutorial-treadmill",
        "tool-hopping",
        "no-eval-discipline",
        "weak-evidence",
        "narrative-mismatch",
        "interview-vagueness",
    ]
    for pattern in catalog.failure_patterns:
        rule = RULES[pattern.rule]
        rule.params.model_validate(pattern.params)  # raises if content and rule disagree


def test_must_learn_skills_from_the_seed_are_covered(catalog: Catalog) -> None:
    stage_keys = [stage.key for stage in catalog.stages]
    for key in ("async-and-apis", "schemas-and-validation", "advanced-rag", "agents-and-mcp", "evaluation"):
        assert key in stage_keys
    everything = " ".join(" ".join(stage.must_learn + stage.concepts) for stage in catalog.stages).lower()
    for skill in ("asyncio", "pydantic", "re-rank", "langgraph", "mcp", "tracing"):
        assert skill in everything, skill


def test_every_cross_reference_resolves(catalog: Catalog) -> None:
    stage_keys = {stage.key for stage in catalog.stages}
    kinds = {kind.key for kind in catalog.artifact_kinds}
    role_keys = {role.key for role in catalog.roles}
    for week in catalog.plan.weeks:
        assert set(week.stages) <= stage_keys, week.number
        assert set(week.artifact_kinds) <= kinds, week.number
        assert week.month in {month.number for month in catalog.plan.months}
    for stage in catalog.stages:
        assert set(stage.competencies) <= set(COMPETENCY_KEYS), stage.key
    for competency in catalog.competencies:
        raising = {stage.key for stage in catalog.stages if competency.key in stage.competencies}
        assert set(competency.stages) == raising, competency.key
    for role in catalog.roles:
        assert set(role.targets) == set(COMPETENCY_KEYS), role.key
        assert all(1 <= level <= 5 for level in role.targets.values())
    for row in catalog.decision_matrix:
        assert set(row.roles) <= role_keys, row.profile
    # Every stage is advanced by at least one week, so the plan touches the whole path.
    advanced = {key for week in catalog.plan.weeks for key in week.stages}
    assert advanced == stage_keys


def test_task_keys_are_unique_and_name_their_week(catalog: Catalog) -> None:
    keys = [task.key for week in catalog.plan.weeks for task in week.tasks]
    assert len(keys) == len(set(keys))
    for week in catalog.plan.weeks:
        assert all(task.key.startswith(f"w{week.number:02d}-") for task in week.tasks)
    assert "w03-retrieval-checks" in keys


def test_months_follow_the_playbook(catalog: Catalog) -> None:
    assert [week.month for week in catalog.plan.weeks] == [1] * 4 + [2] * 4 + [3] * 4
    assert "dashboard" in catalog.plan.months[0].proof_artifact
    assert "85-90" in catalog.plan.final_days


def test_stage_pages_are_real_pages(catalog: Catalog) -> None:
    for stage in catalog.stages:
        words = len(stage.prose.split())
        assert 300 <= words <= 600, (stage.key, words)
        assert "## " in stage.prose, stage.key
        assert len(stage.exercises) >= 2
        assert stage.hours > 0


def test_salary_bands_and_year(catalog: Catalog) -> None:
    ai_engineer = catalog.role("ai-engineer")
    assert str(ai_engineer.salary.entry) == "$120K-$160K"
    assert ai_engineer.salary.senior is not None and ai_engineer.salary.senior.high == 300
    assert all(role.salary.year == "2025-2026" for role in catalog.roles)
    harness = catalog.role("Harness Engineer")
    assert harness.salary.entry is None and harness.salary.mid is None
    founding = catalog.role("founding ai engineer")
    assert str(founding.salary.mid) == "$100K-$150K + equity"
    assert "30-50%" in catalog.salary_note


@pytest.mark.parametrize("name", ["AI Engineer", "ai engineer", "ai-engineer", "  AI   engineer "])
def test_role_lookup_accepts_title_or_key(catalog: Catalog, name: str) -> None:
    assert catalog.role(name).key == "ai-engineer"


def test_role_lookup_by_alias_and_unknown(catalog: Catalog) -> None:
    assert catalog.role("Platform Engineer (AI)").key == "platform-engineer"
    assert catalog.role("AI Safety/Eval Engineer").key == "ai-safety-eval-engineer"
    with pytest.raises(UserError, match="unknown role 'quantum wizard'") as error:
        catalog.role("quantum wizard")
    assert "ai-engineer" in str(error.value) and "ml-engineer" in str(error.value)


def test_lookups(catalog: Catalog) -> None:
    week, task = catalog.task("w03-retrieval-checks")
    assert week.number == 3 and task.title
    assert catalog.week(12).number == 12
    assert catalog.stage("advanced-rag").number == 6
    assert catalog.competency("Data handling").key == "data_handling"
    assert catalog.layer("runtime_infra").title
    assert catalog.artifact_kind("eval-report").title
    assert catalog.project_brief("rag-support-assistant").evidence
    assert catalog.failure_pattern("tool-hopping").rule == "tool_hopping"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.task("w99-nothing"), "unknown task 'w99-nothing'"),
        (lambda c: c.week(13), "no week 13 in the plan"),
        (lambda c: c.week(0), "no week 0 in the plan"),
        (lambda c: c.stage("rag"), "unknown stage 'rag'"),
        (lambda c: c.competency("charisma"), "unknown competency 'charisma'"),
    ],
)
def test_unknown_lookups_are_user_errors(catalog: Catalog, call, message: str) -> None:
    with pytest.raises(UserError, match=message):
        call(catalog)


def test_default_catalog_is_cached() -> None:
    # Load speed is measured in bench/, not asserted with a clock here.
    assert load_catalog() is load_catalog()


def test_plan_week_stages_are_in_focus(catalog: Catalog) -> None:
    from curriculum.plan import locate

    position = locate(date(2025, 1, 1), date(2025, 1, 15), catalog.plan)
    assert position.stages == catalog.week(3).stages
