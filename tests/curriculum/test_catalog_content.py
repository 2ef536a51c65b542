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


def test_every_exit_criterion_names_an_artifact_kind(catalog: Catalog) -> None:
    kinds = {kind.key for kind in catalog.artifact_kinds}
    for stage in catalog.stages:
        assert stage.exit_criteria, stage.key
        for criterion in stage.exit_criteria:
            assert criterion.proof in kinds, (stage.key, criterion.text)
            # ...and the plan asks for it: a task in a week on that stage yields that kind.
            yielded = {t.proof for w in catalog.plan.weeks if stage.key in w.stages for t in w.tasks}
            assert criterion.proof in yielded, (stage.key, criterion.proof)
            # No self-claim survives: an exit is something to show, not something "you can explain".
            assert not criterion.text.lower().startswith(("you can", "you know")), criterion.text


def test_the_plan_asks_for_the_proof_hiring_teams_check(catalog: Catalog) -> None:
    yielded = {task.proof: week.number for week in catalog.plan.weeks for task in week.tasks if task.proof}
    assert yielded["deployment"] == 8  # a public deployment with a rollback, not only "deployment notes"
    assert yielded["mcp-server"] == 7 and yielded["agent-report"] == 7
    assert yielded["interview-deck"] == 12  # month 3's proof names the deck: a task now produces it
    assert "interview deck" in catalog.plan.months[2].proof_artifact
    assert {"benchmark", "cost-breakdown", "decision-record"} <= set(yielded)  # the former self-claims


def test_rituals_repeat_on_their_cadence(catalog: Catalog) -> None:
    weeks = {
        ritual.key: [w.number for w in catalog.plan.weeks for t in w.tasks if t.ritual == ritual.key]
        for ritual in catalog.plan.rituals
    }
    assert weeks["peer-review"] == [3, 5, 7, 9, 11]  # every two weeks once there is something to review
    assert weeks["reassessment"] == [1, 4, 8, 12]  # day 1, then the end of each month
    for week in catalog.plan.weeks:
        for task in week.tasks:
            if task.ritual:
                assert task.core, task.key  # a habit cannot be a stretch goal


def test_every_week_core_fits_the_smallest_budget_and_yields_its_proof(catalog: Catalog) -> None:
    assert catalog.plan.min_weekly_hours == 5
    for week in catalog.plan.weeks:
        assert week.core_hours <= catalog.plan.min_weekly_hours, week.number
        assert any(t.core and t.proof in week.artifact_kinds for t in week.tasks), week.number


def test_the_gaps_in_the_path_are_covered(catalog: Catalog) -> None:
    def text(stage: str) -> str:
        found = catalog.stage(stage)
        return " ".join([*found.concepts, *found.must_learn, found.prose, *(e.brief for e in found.exercises)]).lower()

    assert "cut-off" in text("llm-apis-and-prompts") and "open-weight" in text("llm-apis-and-prompts")
    assert "injection" in text("agents-and-mcp") and "mcp server" in text("agents-and-mcp")
    assert "vision" in text("retrieval-rag")  # multimodal basics
    assert "synthetic" in text("evaluation")
    tasks = " ".join(t.detail for w in catalog.plan.weeks for t in w.tasks).lower()
    for phrase in ("planted in a retrieved document", "open-weight", "synthetic", "training cut-off"):
        assert phrase in tasks, phrase


def test_the_evidence_map_names_real_drill_themes_and_grader_dimensions(catalog: Catalog) -> None:
    import yaml

    from curriculum.drills import load_bank
    from curriculum.resources import content_dir

    themes = {theme.key for theme in load_bank().themes}
    rubric = yaml.safe_load((content_dir() / "grader" / "rubric.yaml").read_text(encoding="utf-8"))
    dimensions = set(rubric["dimensions"])
    layers = {layer.key for layer in catalog.layers}
    for key in catalog.competency_keys:
        rule = catalog.evidence.rule(key)
        assert set(rule.drill_themes) <= themes, key
        assert set(rule.grader_dimensions) <= dimensions, key
        assert set(rule.decision_layers) <= layers, key
        assert rule.drill_themes and rule.metric_words, key
    # Every drill theme tests some competency, so no drill score is left out of the calibration.
    assert {t for key in catalog.competency_keys for t in catalog.evidence.rule(key).drill_themes} == themes
    # Every artifact kind is mapped (to nothing, for a demo or the job search), so no kind is forgotten.
    assert set(catalog.evidence.kinds) == {kind.key for kind in catalog.artifact_kinds}


def test_metric_words_match_whole_words(catalog: Catalog) -> None:
    economics = catalog.evidence.rule("model_economics")
    assert economics.shown_by_metric("Cost per task") and economics.shown_by_metric("tokens per answer")
    assert not economics.shown_by_metric("costume changes")
    retrieval = catalog.evidence.rule("data_handling")
    assert retrieval.shown_by_metric("recall@5") and retrieval.shown_by_metric("Hit rate")


def test_regions_adjust_the_bands_as_the_sources_say(catalog: Catalog) -> None:
    band = catalog.role("ai-engineer").salary.entry
    assert band is not None
    assert str(catalog.region("us").adjust(band)) == "$120K-$160K"
    assert str(catalog.region("europe").adjust(band)) == "$60K-$112K"  # 50% off the low end, 30% off the high
    assert str(catalog.region("other").adjust(band)) == "$48K-$96K"


def test_the_drill_bank_covers_the_gaps_in_the_path() -> None:
    from curriculum.drills import load_bank

    bank = load_bank()
    added = {
        "agent-safety-08": "mcp",  # injection planted in a tool result
        "agent-safety-09": "ignore your previous instructions",  # injection typed by the user
        "cost-optimisation-07": "open-weight",
        "system-design-07": "screenshots",  # multimodal input
        "eval-strategy-08": "can a model write the rest",  # synthetic eval data
        "hallucination-incident-07": "pricing change",  # training cut-off, next-token prediction
    }
    for key, phrase in added.items():
        question = bank.question(key)
        assert phrase in question.prompt.lower(), key
        # Every field the scorer reads: the kind of answer, a premise key point, traps with a reason.
        assert question.kind is not None and question.traps, key
        assert sum(point.core for point in question.key_points) == 1, key
        assert all(trap.why for trap in question.traps), key
    fundamentals = bank.question("hallucination-incident-07")
    assert "cut-off" in " ".join(point.point for point in fundamentals.key_points)
