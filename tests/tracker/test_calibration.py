"""Calibration against a real record: artifacts with metrics, saved grades and drill attempts, on both engines."""

from __future__ import annotations

from datetime import date, datetime

from curriculum.catalog import load_catalog
from tests.tracker.conftest import add_learner
from tracker.artifacts import ArtifactInput, add_artifact
from tracker.assessments import latest_gaps, record_assessment
from tracker.db import open_session
from tracker.drills import ensure_theme_cards, record_attempt
from tracker.grades import save_grade
from tracker.inputs import parse_metric
from tracker.learners import current_learner
from tracker.tasks import finished_task_keys

START = date(2026, 1, 5)
WEEK_6 = date(2026, 2, 12)
SCORES = {
    "instruction_design": 4,
    "data_handling": 2,
    "evaluation": 4,
    "backend_integration": 2,
    "model_economics": 2,
    "safety_compliance": 2,
    "product_thinking": 2,
}


def grade(source: str, **scores: float | None) -> dict[str, object]:
    return {
        "source": {"kind": "remote", "url": source},
        "commit": "a" * 40,
        "overall": 40.0,
        "dimensions": {name: {"score": score} for name, score in scores.items()},
    }


def drill(session, learner, theme: str, score: int, when: datetime) -> None:
    card = next(card for card in ensure_theme_cards(session, learner, when) if card.theme == theme)
    record_attempt(
        session, learner, card, question_key=f"{theme}-01", answer="...", seconds=60.0, score=score,
        criteria={}, rating=1, feedback={}, now=when,
    )  # fmt: skip


def test_a_four_with_level_one_evidence_shows_in_the_gap_report(engine_url):
    add_learner(engine_url, "ada", start=START)
    with open_session(engine_url) as session:
        learner = current_learner(session, "ada")
        record_assessment(session, learner, SCORES, WEEK_6)
        save_grade(session, learner, grade("https://github.com/ada/rag", evals=20.0, tests=55.0))
        for hour, score in enumerate((15, 25, 20)):
            drill(session, learner, "eval-strategy", score, datetime(2026, 2, 10, 9 + hour))
        report = latest_gaps(session, learner, WEEK_6)
    assert report.calibration is not None
    data = report.to_dict()["calibration"]["evaluation"]
    assert (data["self"], data["evidence"], data["disagrees"]) == (4, 1, True)
    assert "best repository https://github.com/ada/rag grades 20/100 on evals" in data["nudge"]
    assert "drills on eval-strategy, hallucination-incident average 20/100" in data["nudge"]
    assert data["sources"]["artifacts"]["level"] == 1


def test_measured_artifacts_and_the_latest_grade_of_each_repository(engine_url):
    add_learner(engine_url, "ada", start=START)
    with open_session(engine_url) as session:
        learner = current_learner(session, "ada")
        record_assessment(session, learner, SCORES, WEEK_6)
        for week, title in ((4, "Baseline"), (5, "After the fix"), (6, "Regression run")):
            entry = ArtifactInput(
                week=week,
                kind="eval-report",
                title=title,
                shipped_on=date(2026, 2, 1),
                metrics=[parse_metric("pass rate=61->74 %")],
            )
            add_artifact(session, learner, entry)
        save_grade(session, learner, grade("https://github.com/ada/rag", evals=10.0))
        save_grade(session, learner, grade("https://github.com/ada/rag.git", evals=80.0))  # same repository, later
        calibration = latest_gaps(session, learner, WEEK_6).calibration
    assert calibration is not None
    check = calibration.check("evaluation")
    assert check.artifacts.level == 4 and check.grades.level == 4 and check.evidence_level == 4
    assert not check.disagrees
    assert calibration.check("data_handling").artifacts.level == 1  # no retrieval report after week 3


def test_a_future_artifact_is_not_evidence_yet(engine_url):
    add_learner(engine_url, "ada", start=START)
    with open_session(engine_url) as session:
        learner = current_learner(session, "ada")
        record_assessment(session, learner, SCORES, WEEK_6)
        entry = ArtifactInput(week=8, kind="eval-report", title="Later", shipped_on=date(2026, 3, 1))
        add_artifact(session, learner, entry)
        calibration = latest_gaps(session, learner, WEEK_6).calibration
    assert calibration is not None and calibration.check("evaluation").artifacts.level == 1


def test_assessing_in_a_reassessment_week_ticks_its_task(engine_url):
    add_learner(engine_url, "ada", start=START)
    with open_session(engine_url) as session:
        learner = current_learner(session, "ada")
        record_assessment(session, learner, SCORES, date(2026, 2, 1))  # day 28: week 4
        assert "w04-reassess" in finished_task_keys(session, learner)
        record_assessment(session, learner, SCORES, date(2026, 2, 10))  # week 6 has no re-assessment task
        finished = finished_task_keys(session, learner)
    assert finished == {"w04-reassess"}
    assert load_catalog().task("w04-reassess")[1].ritual == "reassessment"
