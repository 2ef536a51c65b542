"""Editing what was recorded: an artifact (with its metrics) and a decision, checked as when added."""

from __future__ import annotations

from datetime import date

import pytest

from curriculum.catalog import load_catalog
from curriculum.errors import UserError
from tests.tracker.conftest import add_learner
from tracker.artifacts import ArtifactInput, add_artifact, get_artifact, list_artifacts, update_artifact
from tracker.db import open_session
from tracker.inputs import MetricText, format_metric, parse_hours, parse_metric, parse_minutes
from tracker.learners import current_learner, needs_profile
from tracker.projects import DecisionInput, ProjectInput, add_decision, add_project, list_projects, update_decision


def _artifact(**changes) -> ArtifactInput:
    values = {
        "week": 2,
        "kind": "eval-report",
        "title": "Baseline eval",
        "shipped_on": date(2026, 11, 10),
        "metrics": [MetricText("recall@5", 0.62, 0.81, "")],
    }
    return ArtifactInput(**{**values, **changes})


def test_an_artifact_edit_replaces_fields_and_metrics(engine_url):
    add_learner(engine_url, "ada")
    with open_session(engine_url) as session:
        learner = current_learner(session, "ada")
        add_project(session, learner, ProjectInput(name="Support RAG"))
        row = add_artifact(session, learner, _artifact())
        update_artifact(
            session,
            learner,
            row.id,
            _artifact(title="Eval v2", project="support rag", metrics=[MetricText("p95", 1900, 900, "ms")]),
        )
    with open_session(engine_url) as session:
        [saved] = list_artifacts(session, current_learner(session, "ada"))
        assert saved.title == "Eval v2" and saved.project is not None and saved.project.name == "Support RAG"
        assert [(m.name, m.baseline, m.result, m.unit) for m in saved.metrics] == [("p95", 1900, 900, "ms")]


def test_a_refused_edit_changes_nothing(engine_url):
    add_learner(engine_url, "ada")
    with open_session(engine_url) as session:
        row_id = add_artifact(session, current_learner(session, "ada"), _artifact()).id
    with pytest.raises(UserError, match="week 13"), open_session(engine_url) as session:
        update_artifact(session, current_learner(session, "ada"), row_id, _artifact(week=13, title="x"))
    with pytest.raises(UserError, match="no artifact #999"), open_session(engine_url) as session:
        get_artifact(session, current_learner(session, "ada"), 999)
    with open_session(engine_url) as session:
        assert get_artifact(session, current_learner(session, "ada"), row_id).title == "Baseline eval"


def test_another_learners_artifact_cannot_be_edited(engine_url):
    add_learner(engine_url, "ada")
    add_learner(engine_url, "grace")
    with open_session(engine_url) as session:
        row_id = add_artifact(session, current_learner(session, "ada"), _artifact()).id
    with pytest.raises(UserError), open_session(engine_url) as session:
        update_artifact(session, current_learner(session, "grace"), row_id, _artifact(title="mine now"))


def test_a_decision_can_move_to_another_layer_but_not_to_an_unknown_one(engine_url):
    add_learner(engine_url, "ada")
    layers = [layer.key for layer in load_catalog().layers]
    with open_session(engine_url) as session:
        learner = current_learner(session, "ada")
        add_project(session, learner, ProjectInput(name="Support RAG"))
        decision = add_decision(session, learner, "Support RAG", DecisionInput(layers[0], "Hybrid search"))
        update_decision(session, learner, decision.id, DecisionInput(layers[1], "Reranker", metric="recall@5"))
        with pytest.raises(UserError, match="not a responsibility layer"):
            update_decision(session, learner, decision.id, DecisionInput("vibes", "x"))
        [(project, _count)] = list_projects(session, learner)
        assert [(d.layer, d.decision, d.metric) for d in project.decisions] == [(layers[1], "Reranker", "recall@5")]


def test_needs_profile(engine_url, monkeypatch):
    monkeypatch.delenv("PROOFWORK_LEARNER", raising=False)
    with open_session(engine_url) as session:
        assert needs_profile(session)
    add_learner(engine_url, "ada")
    with open_session(engine_url) as session:
        assert not needs_profile(session)
        assert not needs_profile(session, "ada")
        assert needs_profile(session, "grace")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("45", 45), ("45m", 45), ("45 min", 45), ("1h", 60), ("1h30", 90), ("1h 30m", 90), ("1.5h", 90), ("2 hours", 120)],
)
def test_durations(text, minutes):
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize("text", ["", "lots", "h", "-5", "1h30h", "forty"])
def test_bad_durations_say_how_to_write_one(text):
    with pytest.raises(UserError, match="not a duration"):
        parse_minutes(text)


def test_hours_and_metric_round_trip():
    assert parse_hours(" 7.5 ") == 7.5
    with pytest.raises(UserError, match="weekly hours"):
        parse_hours("ten")
    for text in ("hallucination rate=12->4 %", "jobs read=20", "p95 latency=1900->900 ms"):
        metric = parse_metric(text)
        assert format_metric(metric.name, metric.baseline, metric.result, metric.unit) == text


def test_the_coach_summary_counts_metrics_and_baselines_per_artifact(engine_url):
    from curriculum.plan import locate
    from tracker.logs import minutes_by_day
    from tracker.record import summarise_record

    add_learner(engine_url, "ada", start=date(2026, 11, 2))
    with open_session(engine_url) as session:
        learner = current_learner(session, "ada")
        add_project(session, learner, ProjectInput(name="Support RAG"))
        add_artifact(
            session,
            learner,
            _artifact(
                link="https://github.com/ada/rag",
                project="Support RAG",
                metrics=[MetricText("recall@5", 0.62, 0.81, ""), MetricText("p95", None, 900, "ms")],
            ),
        )
        add_artifact(session, learner, _artifact(week=3, metrics=[]))
        today = date(2026, 11, 21)
        position = locate(learner.start_date, today, load_catalog().plan)
        summary = summarise_record(session, learner, today, position, minutes_by_day(session, learner))
    first, second = summary.artifacts
    assert (first.week, first.metric_count, first.metrics_with_baseline, first.has_link, first.project) == (
        2,
        2,
        1,
        True,
        "Support RAG",
    )
    assert (second.week, second.metric_count, second.metrics_with_baseline, second.has_link, second.project) == (
        3,
        0,
        0,
        False,
        None,
    )
