"""Self-ratings held against the evidence: artifacts, repository grades and drill scores, nudged at two levels."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from curriculum.calibration import ArtifactFact, DrillFact, EvidenceFacts, GradeFact, calibrate
from curriculum.catalog import Catalog
from curriculum.plan import locate

START = date(2026, 1, 5)
SCORES = {
    "instruction_design": 3,
    "data_handling": 2,
    "evaluation": 4,
    "backend_integration": 2,
    "model_economics": 2,
    "safety_compliance": 2,
    "product_thinking": 2,
}


def facts(catalog: Catalog, day: int, **given: object) -> EvidenceFacts:
    position = locate(START, START + timedelta(days=day - 1), catalog.plan)
    return EvidenceFacts(position=position, **given)  # type: ignore[arg-type]


def drills(theme: str, *scores: int) -> list[DrillFact]:
    return [DrillFact(theme, score, datetime(2026, 2, 1) + timedelta(hours=n)) for n, score in enumerate(scores)]


def test_a_four_with_level_one_evidence_is_nudged(catalog: Catalog) -> None:
    # Week 6: no eval report though week 4 asked for one, evals graded 20, eval drills around 20.
    record = facts(
        catalog,
        40,
        grades=[GradeFact("https://github.com/ada/rag", {"evals": 20.0, "tests": 70.0})],
        drills=drills("eval-strategy", 18, 22, 20),
    )
    check = calibrate(SCORES, record, catalog).check("evaluation")
    assert (check.self_rating, check.evidence_level, check.disagrees) == (4, 1, True)
    assert check.artifacts.level == 1 and "week 4 asked for one" in check.artifacts.detail
    assert check.grades.detail == "best repository https://github.com/ada/rag grades 20/100 on evals"
    assert check.drills.detail == (
        "drills on eval-strategy, hallucination-incident average 20/100 over the last 3 attempts"
    )
    assert check.nudge is not None
    assert check.nudge.startswith("You rate Evaluation 4/5, but the evidence shows 1 at best (no eval report filed")
    assert "or lower the rating" in check.nudge


def test_the_strongest_source_counts(catalog: Catalog) -> None:
    # The same weak drills, but a repository whose evals grade 70 shows level 4: in line with the rating.
    record = facts(catalog, 40, grades=[GradeFact("r", {"evals": 70.0})], drills=drills("eval-strategy", 20))
    check = calibrate(SCORES, record, catalog).check("evaluation")
    assert (check.evidence_level, check.disagrees) == (4, False)


def test_one_level_apart_is_not_a_disagreement(catalog: Catalog) -> None:
    record = facts(catalog, 40, drills=drills("eval-strategy", 50, 50))  # level 3 against a self-rating of 4
    assert calibrate(SCORES, record, catalog).check("evaluation").nudge is None


def test_an_empty_record_says_nothing_before_the_plan_asks(catalog: Catalog) -> None:
    check = calibrate(SCORES, facts(catalog, 10), catalog).check("evaluation")
    assert (check.evidence_level, check.nudge) == (None, None)
    assert check.artifacts.detail == "no artifact yet; week 4 asks for one"
    assert check.drills.detail == "no drill on eval-strategy, hallucination-incident yet"


def test_underrating_is_a_disagreement_too(catalog: Catalog) -> None:
    measured = [ArtifactFact(f"Eval {n}", "eval-report", ["pass rate"], measured=True) for n in range(3)]
    record = facts(catalog, 40, artifacts=measured)
    check = calibrate({**SCORES, "evaluation": 1}, record, catalog).check("evaluation")
    assert (check.evidence_level, check.artifacts.detail) == (4, "3 artifacts (3 with a before-and-after metric)")
    assert check.nudge is not None and "Rate it higher" in check.nudge


def test_artifact_levels_follow_the_content(catalog: Catalog) -> None:
    def level(*artifacts: ArtifactFact) -> int | None:
        record = facts(catalog, 40, artifacts=list(artifacts))
        return calibrate(SCORES, record, catalog).check("evaluation").artifacts.level

    plain = ArtifactFact("Eval", "eval-report")
    measured = ArtifactFact("Eval", "eval-report", ["faithfulness"], measured=True)
    assert level(plain) == 2
    assert level(measured) == 3
    assert level(measured, measured, plain) == 4
    assert level(measured, measured, measured, measured, measured) == 4  # no count of files shows level 5


def test_metric_words_count_an_artifact_of_another_kind(catalog: Catalog) -> None:
    # A retrieval number filed under an eval report still shows data handling.
    retrieval = ArtifactFact("Baseline", "eval-report", ["recall@5"], measured=True)
    record = facts(catalog, 40, artifacts=[retrieval])
    assert calibrate(SCORES, record, catalog).check("data_handling").artifacts.level == 3


def test_only_recent_drills_and_the_best_assessed_repository_count(catalog: Catalog) -> None:
    old_then_good = drills("rag-design", 10, 10, 10, 90, 90, 90, 90, 90)  # the last five average 90
    grades = [GradeFact("a", {"tests": None, "ci": None}), GradeFact("b", {"tests": 40.0, "ci": 60.0})]
    record = facts(catalog, 40, drills=old_then_good, grades=grades)
    result = calibrate(SCORES, record, catalog)
    assert result.check("data_handling").drills.level == 5
    backend = result.check("backend_integration").grades
    assert backend.level == 3 and backend.detail.startswith("best repository b grades 50/100")
    assert result.check("instruction_design").grades.detail == "no grader dimension measures this"


def test_to_dict_is_keyed_by_competency(catalog: Catalog) -> None:
    data = calibrate(SCORES, facts(catalog, 40), catalog).to_dict()
    assert list(data) == catalog.competency_keys
    evaluation = data["evaluation"]
    assert evaluation["self"] == 4 and evaluation["evidence"] == 1 and evaluation["disagrees"] is True
    assert set(evaluation["sources"]) == {"artifacts", "grades", "drills"}
