"""Deleting from the record: what goes with each row, what stays unlinked, and undo, on both engines."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from curriculum.errors import UserError
from tests.tracker.conftest import add_learner
from tracker.artifacts import ArtifactInput, add_artifact
from tracker.db import open_session
from tracker.deletes import delete, plan_delete, undo
from tracker.inputs import parse_metric
from tracker.logs import add_log
from tracker.models import Artifact, ArtifactMetric, Decision, DrillCard, GradeRun, Learner, Project, Story
from tracker.projects import DecisionInput, ProjectInput, add_decision, add_project
from tracker.stories import StoryInput, add_story

TODAY = date(2026, 1, 30)


def seed(url: str) -> None:
    add_learner(url, "ada", start=date(2026, 1, 5))
    add_learner(url, "bob", start=date(2026, 1, 5))
    with open_session(url) as session:
        ada = session.scalar(select(Learner).where(Learner.handle == "ada"))
        assert ada is not None
        project = add_project(session, ada, ProjectInput("Support RAG", problem="slow answers"))
        add_decision(session, ada, "Support RAG", DecisionInput("evaluation", "golden set gate"))
        add_decision(session, ada, "Support RAG", DecisionInput("data_retrieval", "hybrid search"))
        entry = ArtifactInput(
            week=2,
            kind="eval-report",
            title="Recall report",
            shipped_on=date(2026, 1, 14),
            project="Support RAG",
            metrics=[parse_metric("recall@5=0,62->0,81"), parse_metric("cost=1e-3->4e-4 USD")],
        )
        artifact = add_artifact(session, ada, entry, today=TODAY)
        add_story(session, ada, StoryInput(title="Judge drift", project="Support RAG", artifact_id=artifact.id))
        session.add(GradeRun(learner_id=ada.id, project_id=project.id, source="x", commit="a" * 40, overall=70))
        session.add(DrillCard(learner_id=ada.id, key="k", theme="evals", project_id=project.id))
        add_log(session, ada, 45, "queries", date(2026, 1, 20), today=TODAY)


def learner(session, handle: str = "ada") -> Learner:
    row = session.scalar(select(Learner).where(Learner.handle == handle))
    assert row is not None
    return row


def count(session, model) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_project_takes_its_decisions_and_leaves_the_rest_unlinked_then_comes_back(engine_url):
    seed(engine_url)
    with open_session(engine_url) as session:
        ada = learner(session)
        project_id = session.scalar(select(Project.id))
        plan = plan_delete(session, ada, "project", project_id)
        assert plan.statement == (
            "Delete project 'Support RAG', with its 2 decisions? Its 1 artifact stays in the record, under no "
            "project. 1 story linked to it stays, without the link. 1 grade linked to it stays, without the link."
        )
        deletion = delete(session, ada, "project", project_id)
    with open_session(engine_url) as session:
        assert count(session, Project) == 0 and count(session, Decision) == 0
        assert session.scalar(select(Artifact.project_id)) is None
        assert session.scalar(select(Story.project_id)) is None
        assert session.scalar(select(GradeRun.project_id)) is None
        assert session.scalar(select(DrillCard.project_id)) is None
        undo(session, deletion)
    with open_session(engine_url) as session:
        assert session.scalar(select(Project.id)) == project_id
        assert sorted(session.scalars(select(Decision.decision))) == ["golden set gate", "hybrid search"]
        for model in (Artifact, Story, GradeRun, DrillCard):
            assert session.scalar(select(model.project_id)) == project_id, model


def test_an_artifact_takes_its_metrics_and_undo_restores_them_exactly(engine_url):
    seed(engine_url)
    with open_session(engine_url) as session:
        ada = learner(session)
        artifact_id = session.scalar(select(Artifact.id))
        before = [(m.id, m.name, m.baseline, m.result, m.unit) for m in session.scalars(select(ArtifactMetric))]
        assert before[0][1:] == ("recall@5", 0.62, 0.81, "") and before[1][1:] == ("cost", 0.001, 0.0004, "USD")
        deletion = delete(session, ada, "artifact", artifact_id)
        assert deletion.done == "Deleted artifact #1 'Recall report' (week 2), with its 2 metrics."
        assert count(session, ArtifactMetric) == 0 and session.scalar(select(Story.artifact_id)) is None
        undo(session, deletion)
        after = [(m.id, m.name, m.baseline, m.result, m.unit) for m in session.scalars(select(ArtifactMetric))]
        assert after == before and session.scalar(select(Story.artifact_id)) == artifact_id


@pytest.mark.parametrize("kind", ["artifact", "decision", "log", "story", "project", "retro", "experience"])
def test_another_learners_rows_and_unknown_ids_are_refused(engine_url, kind):
    seed(engine_url)
    with open_session(engine_url) as session:
        bob = learner(session, "bob")
        for row_id in (1, 99, 10**20, 0, -3):
            with pytest.raises(UserError, match=f"no {'job' if kind == 'experience' else kind} #"):
                delete(session, bob, kind, row_id)


def test_undo_is_refused_when_the_record_moved_on(engine_url):
    seed(engine_url)
    with open_session(engine_url) as session:
        ada = learner(session)
        deletion = delete(session, ada, "project", session.scalar(select(Project.id)))
        add_project(session, ada, ProjectInput("Support RAG"))  # the same name is taken again
        with pytest.raises(UserError, match="cannot undo"):
            undo(session, deletion)
        assert count(session, Project) == 1
