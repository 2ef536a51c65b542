"""A broken content file gives exactly one line naming the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.catalog import load_catalog
from curriculum.errors import UserError


def load_error(root: Path) -> str:
    with pytest.raises(UserError) as caught:
        load_catalog(root)
    message = str(caught.value)
    assert "\n" not in message, message
    return message


def test_missing_field(content_copy: Path, edit_yaml) -> None:
    edit_yaml("plan.yaml", lambda data: data["weeks"][2]["tasks"][0].pop("key"))
    assert load_error(content_copy) == "content/plan.yaml: weeks[2].tasks[0].key: field required"


def test_wrong_type(content_copy: Path, edit_yaml) -> None:
    def change(data):
        data["stages"][4]["hours"] = "a lot"

    edit_yaml("stages.yaml", change)
    message = load_error(content_copy)
    assert message.startswith("content/stages.yaml: stages[4].hours: input should be a valid integer")


def test_wrong_type_of_list(content_copy: Path, edit_yaml) -> None:
    def change(data):
        data["roles"][0]["key_skills"] = "everything"

    edit_yaml("roles.yaml", change)
    assert load_error(content_copy) == "content/roles.yaml: roles[0].key_skills: input should be a valid list"


def test_unknown_field_is_rejected(content_copy: Path, edit_yaml) -> None:
    edit_yaml("layers.yaml", lambda data: data["layers"][1].update(titel="typo"))
    assert load_error(content_copy) == "content/layers.yaml: layers[1].titel: extra inputs are not permitted"


def test_levels_must_be_one_to_five(content_copy: Path, edit_yaml) -> None:
    edit_yaml("competencies.yaml", lambda data: data["competencies"][3]["levels"].pop(5))
    message = load_error(content_copy)
    assert message.startswith("content/competencies.yaml: competencies[3].levels: needs exactly the levels 1")


def test_bad_cross_reference_week_to_stage(content_copy: Path, edit_yaml) -> None:
    edit_yaml("plan.yaml", lambda data: data["weeks"][2]["stages"].__setitem__(0, "retreival"))
    message = load_error(content_copy)
    assert message.startswith("content/plan.yaml: weeks[2].stages[0]: unknown stage 'retreival' (known: ")


def test_bad_cross_reference_stage_to_competency(content_copy: Path, edit_yaml) -> None:
    edit_yaml("stages.yaml", lambda data: data["stages"][0]["competencies"].append("charisma"))
    message = load_error(content_copy)
    assert message.startswith("content/stages.yaml: stages[0].competencies[1]: unknown competency 'charisma'")


def test_bad_cross_reference_role_target(content_copy: Path, edit_yaml) -> None:
    edit_yaml("roles.yaml", lambda data: data["roles"][2]["targets"].pop("evaluation"))
    assert load_error(content_copy) == "content/roles.yaml: roles[2].targets: missing a level for evaluation"


def test_role_target_out_of_range(content_copy: Path, edit_yaml) -> None:
    edit_yaml("roles.yaml", lambda data: data["roles"][2]["targets"].update(evaluation=7))
    message = load_error(content_copy)
    assert message.startswith("content/roles.yaml: roles[2].targets.evaluation: input should be less than")


def test_bad_cross_reference_matrix_to_role(content_copy: Path, edit_yaml) -> None:
    edit_yaml("roles.yaml", lambda data: data["decision_matrix"][1]["roles"].__setitem__(0, "wizard"))
    message = load_error(content_copy)
    assert message.startswith("content/roles.yaml: decision_matrix[1].roles[0]: unknown role 'wizard'")


def test_competency_stages_must_agree_with_stages(content_copy: Path, edit_yaml) -> None:
    edit_yaml("competencies.yaml", lambda data: data["competencies"][1]["stages"].remove("advanced-rag"))
    message = load_error(content_copy)
    assert message.startswith("content/competencies.yaml: competencies[1].stages: missing 'advanced-rag'")


def test_duplicate_task_key(content_copy: Path, edit_yaml) -> None:
    def change(data):
        data["weeks"][0]["tasks"][1]["key"] = data["weeks"][0]["tasks"][0]["key"]

    edit_yaml("plan.yaml", change)
    message = load_error(content_copy)
    assert message == "content/plan.yaml: weeks[0].tasks[1].key: duplicate task key 'w01-pick-role-family'"


def test_task_key_must_name_its_week(content_copy: Path, edit_yaml) -> None:
    edit_yaml("plan.yaml", lambda data: data["weeks"][4]["tasks"][0].update(key="w04-misplaced"))
    message = load_error(content_copy)
    assert message == "content/plan.yaml: weeks[4].tasks[0].key: 'w04-misplaced' should start with 'w05-'"


def test_weeks_numbered_in_order(content_copy: Path, edit_yaml) -> None:
    edit_yaml("plan.yaml", lambda data: data["weeks"][6].update(number=9))
    assert load_error(content_copy) == "content/plan.yaml: weeks[6].number: expected 7 (got 9)"


def test_unknown_artifact_kind(content_copy: Path, edit_yaml) -> None:
    edit_yaml("plan.yaml", lambda data: data["weeks"][5]["artifact_kinds"].append("selfie"))
    message = load_error(content_copy)
    assert message.startswith("content/plan.yaml: weeks[5].artifact_kinds[2]: unknown artifact kind 'selfie'")


def test_unknown_coach_rule(content_copy: Path, edit_yaml) -> None:
    edit_yaml("failure_patterns.yaml", lambda data: data["patterns"][2].update(rule="vibes"))
    message = load_error(content_copy)
    assert message.startswith("content/failure_patterns.yaml: patterns[2].rule: unknown coach rule 'vibes'")


def test_bad_rule_params(content_copy: Path, edit_yaml) -> None:
    edit_yaml("failure_patterns.yaml", lambda data: data["patterns"][0]["params"].update(days="two weeks"))
    message = load_error(content_copy)
    assert message.startswith("content/failure_patterns.yaml: patterns[0].params.days: input should be a valid integer")


def test_unknown_rule_param(content_copy: Path, edit_yaml) -> None:
    edit_yaml("failure_patterns.yaml", lambda data: data["patterns"][1]["params"].update(weeks=3))
    message = load_error(content_copy)
    assert message == ("content/failure_patterns.yaml: patterns[1].params.weeks: extra inputs are not permitted")


def test_rule_param_kinds_must_exist(content_copy: Path, edit_yaml) -> None:
    edit_yaml("failure_patterns.yaml", lambda data: data["patterns"][3]["params"].update(kinds=["evals"]))
    message = load_error(content_copy)
    assert message.startswith(
        "content/failure_patterns.yaml: patterns[3].params.kinds[0]: unknown artifact kind 'evals'"
    )


def test_invalid_yaml(content_copy: Path) -> None:
    path = content_copy / "layers.yaml"
    path.write_text("layers:\n  - key: problem_framing\n    title: [unclosed\n", encoding="utf-8")
    message = load_error(content_copy)
    assert message.startswith("content/layers.yaml: invalid YAML at line ")


def test_top_level_must_be_a_mapping(content_copy: Path) -> None:
    (content_copy / "projects.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    assert load_error(content_copy) == "content/projects.yaml: expected a mapping of keys at the top level"


def test_missing_file(content_copy: Path) -> None:
    (content_copy / "roles.yaml").unlink()
    assert load_error(content_copy) == "content/roles.yaml: file missing"


def test_missing_stage_page(content_copy: Path) -> None:
    (content_copy / "stages" / "evaluation.md").unlink()
    message = load_error(content_copy)
    assert message == "content/stages/evaluation.md: file missing (the page for stage 'evaluation')"


def test_empty_stage_page(content_copy: Path) -> None:
    (content_copy / "stages" / "evaluation.md").write_text("   \n", encoding="utf-8")
    message = load_error(content_copy)
    assert message.startswith("content/stages.yaml: stages[6].prose: string should have at least 1 character")


def test_missing_content_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="content folder not found"):
        load_catalog(tmp_path / "nowhere")


# -- hours, proof for every exit, rituals, evidence -------------------------------------------------------


def test_exit_criterion_must_name_a_known_kind(content_copy: Path, edit_yaml) -> None:
    edit_yaml("stages.yaml", lambda data: data["stages"][1]["exit_criteria"][0].update(proof="confidence"))
    message = load_error(content_copy)
    assert message.startswith(
        "content/stages.yaml: stages[1].exit_criteria[0].proof: unknown artifact kind 'confidence'"
    )


def test_a_self_claim_without_proof_is_refused(content_copy: Path, edit_yaml) -> None:
    # The old shape ("You can explain when async helps") had no proof: it no longer loads.
    edit_yaml("stages.yaml", lambda data: data["stages"][1]["exit_criteria"][0].pop("proof"))
    assert load_error(content_copy) == "content/stages.yaml: stages[1].exit_criteria[0].proof: field required"


def test_exit_proof_must_be_yielded_by_a_task_on_the_stage(content_copy: Path, edit_yaml) -> None:
    def no_deploy(data):
        for week in data["weeks"]:
            for task in week["tasks"]:
                if task.get("proof") == "deployment":
                    task.pop("proof")

    edit_yaml("plan.yaml", no_deploy)
    message = load_error(content_copy)
    assert message == (
        "content/stages.yaml: stages[9].exit_criteria[0].proof: "
        "no task in a week on this stage yields 'deployment' (plan.yaml)"
    )


def test_core_tasks_must_fit_the_smallest_budget(content_copy: Path, edit_yaml) -> None:
    edit_yaml("plan.yaml", lambda data: data["weeks"][7]["tasks"][1].update(hours=4))
    message = load_error(content_copy)
    assert message == "content/plan.yaml: weeks[7].tasks: core tasks take 6 h, more than min_weekly_hours (5)"


def test_hours_come_in_half_hours(content_copy: Path, edit_yaml) -> None:
    edit_yaml("plan.yaml", lambda data: data["weeks"][0]["tasks"][0].update(hours=1.25))
    assert load_error(content_copy).startswith(
        "content/plan.yaml: weeks[0].tasks[0].hours: input should be a multiple of 0.5"
    )


def test_a_task_must_cover_a_real_exercise(content_copy: Path, edit_yaml) -> None:
    edit_yaml("plan.yaml", lambda data: data["weeks"][1]["tasks"][1].update(covers=["async-and-apis/juggling"]))
    message = load_error(content_copy)
    assert message.startswith(
        "content/plan.yaml: weeks[1].tasks[1].covers[0]: unknown stage exercise 'async-and-apis/juggling'"
    )


def test_a_task_ritual_must_be_declared(content_copy: Path, edit_yaml) -> None:
    edit_yaml("plan.yaml", lambda data: data["weeks"][2]["tasks"][5].update(ritual="standup"))
    message = load_error(content_copy)
    assert message == (
        "content/plan.yaml: weeks[2].tasks[5].ritual: unknown ritual 'standup' (known: reassessment, peer-review)"
    )


def test_every_competency_needs_its_drill_themes(content_copy: Path, edit_yaml) -> None:
    edit_yaml("evidence.yaml", lambda data: data["drill_themes"].pop("evaluation"))
    assert load_error(content_copy) == "content/evidence.yaml: drill_themes: missing evaluation"


def test_evidence_kinds_must_exist(content_copy: Path, edit_yaml) -> None:
    edit_yaml("evidence.yaml", lambda data: data["kinds"].update(vibes=["evaluation"]))
    assert load_error(content_copy) == "content/evidence.yaml: kinds.vibes: unknown artifact kind"


def test_evidence_competencies_must_exist(content_copy: Path, edit_yaml) -> None:
    edit_yaml("evidence.yaml", lambda data: data["layers"]["evaluation"].append("charisma"))
    message = load_error(content_copy)
    assert message.startswith("content/evidence.yaml: layers.evaluation[1]: unknown competency 'charisma'")


def test_evidence_score_levels_must_rise(content_copy: Path, edit_yaml) -> None:
    edit_yaml("evidence.yaml", lambda data: data["calibration"].update(score_levels=[25, 65, 45, 85]))
    assert load_error(content_copy).startswith("content/evidence.yaml: calibration: score_levels must rise strictly")


def test_a_region_needs_a_range(content_copy: Path, edit_yaml) -> None:
    edit_yaml("roles.yaml", lambda data: data["regions"][1].update(lower=[30]))
    assert load_error(content_copy).startswith(
        "content/roles.yaml: regions[1].lower: list should have at least 2 items"
    )
