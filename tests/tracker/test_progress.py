"""Roadmap progress: a week is done only with its tasks finished and its proof shipped."""

from __future__ import annotations

from datetime import date

from curriculum.catalog import load_catalog
from tests.tracker.conftest import add_learner
from tracker.artifacts import ArtifactInput, add_artifact
from tracker.db import open_session
from tracker.learners import current_learner
from tracker.progress import roadmap_progress
from tracker.tasks import set_task

START = date(2026, 11, 2)
DAY_20 = date(2026, 11, 21)  # week 3


def test_weeks_are_late_current_or_upcoming_until_proven(engine_url):
    add_learner(engine_url, "ada", start=START)
    with open_session(engine_url) as session:
        progress = roadmap_progress(session, current_learner(session, "ada"), DAY_20)
    assert progress.current_week == 3
    assert [w.status for w in progress.weeks[:4]] == ["late", "late", "current", "upcoming"]
    assert progress.weeks[0].tasks_finished == 0 and not progress.weeks[0].proof_shipped


def test_tasks_alone_do_not_finish_a_week_and_proof_does(engine_url):
    add_learner(engine_url, "ada", start=START)
    week = load_catalog().week(1)
    with open_session(engine_url) as session:
        learner = current_learner(session, "ada")
        for number, task in enumerate(week.tasks):
            set_task(session, learner, task.key, status="skipped" if number == 0 else "done")
        assert roadmap_progress(session, learner, DAY_20).week(1).status == "late"
        add_artifact(
            session,
            learner,
            ArtifactInput(week=1, kind=week.artifact_kinds[0], title="Role brief", shipped_on=DAY_20),
        )
        progress = roadmap_progress(session, learner, DAY_20)
    assert progress.week(1).status == "done"
    assert progress.week(1).tasks_finished == len(week.tasks) and progress.week(1).artifacts == 1


def test_a_stage_follows_its_weeks(engine_url):
    add_learner(engine_url, "ada", start=START)
    catalog = load_catalog()
    with open_session(engine_url) as session:
        progress = roadmap_progress(session, current_learner(session, "ada"), START)
    assert len(progress.stages) == len(catalog.stages)
    first_week_stages = set(catalog.week(1).stages)
    for stage in progress.stages:
        if stage.key in first_week_stages:
            assert stage.status == "in_progress"
        if stage.weeks and min(stage.weeks) > 1:
            assert stage.status == "upcoming"


def test_before_the_start_nothing_is_late(engine_url):
    add_learner(engine_url, "ada", start=START)
    with open_session(engine_url) as session:
        progress = roadmap_progress(session, current_learner(session, "ada"), date(2026, 10, 1))
    assert progress.current_week is None
    assert {w.status for w in progress.weeks} == {"upcoming"}
