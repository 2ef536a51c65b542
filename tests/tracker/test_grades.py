"""Saved grades keep the whole report and know the change since the last grade of the same repository."""

from __future__ import annotations

from datetime import date

from tracker.db import open_session
from tracker.grades import grade_history, latest_grade, save_grade
from tracker.models import Learner, Project


def report(source: str, overall: float, commit: str = "abc") -> dict:
    return {
        "schema_version": "1",
        "source": source,
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
