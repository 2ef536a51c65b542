"""Saved grades keep the whole report and know the change since the last grade of the same repository."""

from __future__ import annotations

from datetime import date

from tracker.db import open_session
from tracker.grades import grade_history, latest_grade, save_grade
from tracker.models import Learner, Project


def report(source: str, overall: float | None, commit: str = "abc") -> dict:
    """A report as GradeReport.model_dump(mode="json") shapes it: `source` is an object."""
    remote = source.startswith("https://")
    return {
        "schema_version": "1.1",
        "source": {"target": source, "kind": "remote" if remote else "local", "url": source if remote else None},
        "commit": commit,
        "overall": overall,
        "dimensions": {"evals": {"score": overall, "weight": 3, "findings": []}},
        "review": None,
    }


def test_history_shows_the_change_per_repository(db_path):
    with open_session() as session:
        ada = Learner(handle="ada", name="Ada", target_role="ai-engineer", start_date=date(2026, 11, 2))
        session.add(ada)
        session.flush()
        session.add(Project(learner_id=ada.id, name="Support RAG", repo_url="https://github.com/ada/rag"))
        save_grade(session, ada, report("https://github.com/ada/rag", 40))
        save_grade(session, ada, report("/home/ada/other", 70))
        run = save_grade(session, ada, report("https://github.com/ada/rag.git/", 55, commit="def"))
        assert run.project_id is not None and run.scores == {"evals": 55}
    with open_session() as session:
        ada = session.query(Learner).one()
        rows = grade_history(session, ada)
        assert [(r.overall, r.change) for r in rows] == [(55, 15), (70, None), (40, None)]
        assert [r.overall for r in grade_history(session, ada, "https://github.com/ada/rag")] == [55, 40]
        latest = latest_grade(session, ada, "https://github.com/ada/rag")
        assert latest is not None and latest.commit == "def" and latest.report["overall"] == 55


def test_source_is_the_canonical_url_or_the_target_and_overall_may_be_null(db_path):
    remote = report("ada/rag", 60)
    remote["source"] = {"target": "ada/rag", "kind": "remote", "url": "https://github.com/ada/rag"}
    with open_session() as session:
        assert save_grade(session, None, remote).source == "https://github.com/ada/rag"
        assert save_grade(session, None, report("/home/ada/empty", None)).overall is None
        save_grade(session, None, report("/home/ada/empty", 20))
    with open_session() as session:
        rows = grade_history(session, None)
        assert [(r.source, r.overall, r.change) for r in rows] == [
            ("/home/ada/empty", 20, None),  # no change against a grade that had no score
            ("/home/ada/empty", None, None),
            ("https://github.com/ada/rag", 60, None),
        ]


def test_review_tokens_cost_and_reviewed_score_are_recorded(db_path):
    reviewed = report("https://github.com/ada/rag", 70)
    reviewed["review"] = {
        "status": "reviewed",
        "model": "claude-sonnet-5-5",
        "usage": {"input_tokens": 9000, "output_tokens": 2100, "cache_write_tokens": 1800, "cache_read_tokens": 0},
        "cost_usd": 0.0435,
        "overall": {"static": 70, "reviewed": 74},
    }
    failed = report("https://github.com/ada/rag", 70)
    failed["review"] = {
        "status": "failed",
        "model": "claude-sonnet-5-5",
        "usage": {"input_tokens": 18000, "output_tokens": 400, "cache_write_tokens": 0, "cache_read_tokens": 0},
        "cost_usd": 0.04,
    }
    with open_session() as session:
        run = save_grade(session, None, reviewed)
        assert (run.model, run.input_tokens, run.output_tokens, run.cache_write_tokens, run.cache_read_tokens) == (
            "claude-sonnet-5-5",
            9000,
            2100,
            1800,
            0,
        )
        assert run.cost_usd == 0.0435
        save_grade(session, None, failed)
    with open_session() as session:
        newest, oldest = grade_history(session, None)
        assert (oldest.reviewed, oldest.reviewed_overall) == (True, 74)
        assert (newest.reviewed, newest.cost_usd) == (False, 0.04)  # a failed review still shows what it cost


def test_migration_0003_keeps_grades_and_allows_a_null_overall(tmp_path):
    from sqlalchemy import create_engine, text

    from tracker.migrate import current_revision, downgrade, upgrade

    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0002")
    with engine.begin() as connection:
        connection.execute(
            text(
                'INSERT INTO grade_runs (source, "commit", overall, scores, report, model, input_tokens, '
                "output_tokens, cache_write_tokens, cache_read_tokens, created_at) VALUES "
                "('https://github.com/ada/rag', 'abc', 55, '{}', '{}', '', 0, 0, 0, 0, '2026-11-20 10:00:00')"
            )
        )
    upgrade(engine, "0003")
    assert current_revision(engine) == "0003"
    with engine.begin() as connection:
        assert connection.execute(text("SELECT overall FROM grade_runs")).scalar() == 55
        connection.execute(
            text(
                'INSERT INTO grade_runs (source, "commit", overall, scores, report, model, input_tokens, '
                "output_tokens, cache_write_tokens, cache_read_tokens, created_at) VALUES "
                "('/empty', 'def', NULL, '{}', '{}', '', 0, 0, 0, 0, '2026-11-21 10:00:00')"
            )
        )
    downgrade(engine, "0002")
    with engine.connect() as connection:
        assert sorted(connection.execute(text("SELECT overall FROM grade_runs")).scalars()) == [0, 55]


def test_a_local_target_is_remembered_by_its_absolute_path(tmp_path, monkeypatch):
    from tracker.grades import report_source

    monkeypatch.chdir(tmp_path)
    local = {"source": {"target": ".", "kind": "local", "url": None}}
    remote = {"source": {"target": "git@github.com:ada/rag.git", "kind": "remote", "url": "https://github.com/ada/rag"}}
    assert report_source(local) == str(tmp_path.resolve())
    assert report_source(remote) == "https://github.com/ada/rag"
