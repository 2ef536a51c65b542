"""Delivery from one git log: a young single-author repository is judged on its own age."""

from __future__ import annotations

from grader.grade import grade_repository
from tests.grader.conftest import BASE_TIME, DAY


def _delivery(report) -> dict[str, object]:
    return {f.probe: f for f in report.dimensions["delivery"].findings}


def test_a_single_commit_in_a_new_repository_has_no_cadence_to_judge(make_repo, settings):
    repo = make_repo({"a.py": "x = 1\n"}, message="Start the retrieval prototype")
    found = _delivery(grade_repository(str(repo.path), settings=settings))
    assert found["delivery.cadence"].outcome == "not_applicable"
    assert found["delivery.active_weeks"].credit == 1.0


def test_young_repository_is_not_penalised_for_being_young(make_repo, settings):
    repo = make_repo()
    for n, message in enumerate(["Add retrieval pipeline", "Add chunking tests", "Add README with results"]):
        repo.write(f"m{n}.py", f"x = {n}\n")
        repo.commit(message, at=BASE_TIME - (4 - 2 * n) * DAY)
    found = _delivery(grade_repository(str(repo.path), settings=settings))
    assert found["delivery.active_weeks"].credit == 1.0
    assert found["delivery.commits"].credit == 1.0
    assert found["delivery.cadence"].credit == 1.0
    assert found["delivery.messages"].credit == 1.0


def test_one_weekend_dump_in_an_old_repository_scores_low(make_repo, settings):
    repo = make_repo()
    repo.write("a.py", "x = 1\n")
    repo.commit("Initial commit of everything", at=BASE_TIME - 200 * DAY)
    for n in range(3):
        repo.write(f"b{n}.py", "y = 1\n")
        repo.commit("update", at=BASE_TIME - n * 3600)
    report = grade_repository(str(repo.path), settings=settings)
    found = _delivery(report)
    assert found["delivery.active_weeks"].credit < 0.2
    assert found["delivery.cadence"].credit == 0.0
    assert found["delivery.messages"].credit < 0.5
    assert "update" in found["delivery.messages"].message
    assert report.dimensions["delivery"].score < 30


def test_a_portfolio_left_alone_for_months_shows_it(make_repo, settings):
    repo = make_repo()
    for n in range(10):
        repo.write(f"m{n}.py", "x = 1\n")
        repo.commit(f"Add retrieval step {n}", at=BASE_TIME - (200 - 3 * n) * DAY)
    found = _delivery(grade_repository(str(repo.path), settings=settings))
    assert found["delivery.commits"].credit == 0.0
    assert "173 days ago" in found["delivery.commits"].message
    assert found["delivery.cadence"].credit == 0.0
    assert found["delivery.messages"].credit == 1.0
