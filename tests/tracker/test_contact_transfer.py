"""Contact details and the work history travel with `data export` / `data import`, on both engines.

`tracker.transfer` reads and writes tables by reflection, so the columns and the table of migration 0004 need
no code there; this test holds that promise.
"""

from __future__ import annotations

from sqlalchemy import select

from tests.tracker.conftest import populate_record
from tracker.db import open_session
from tracker.models import Experience, Learner
from tui.cli.app import run


def contact_and_jobs(url: str) -> list[tuple]:
    with open_session(url) as session:
        learner = session.scalar(select(Learner))
        assert learner is not None
        jobs = session.scalars(select(Experience).order_by(Experience.id))
        return [
            (learner.email, learner.location, learner.github, learner.linkedin, learner.website),
            *[(j.role, j.organisation, j.start_date, j.end_date, j.highlights) for j in jobs],
        ]


def test_contact_and_jobs_survive_export_and_import(engine_url, other_url, tmp_path, capsys):
    populate_record(engine_url, "ada")
    path = tmp_path / "record.json"
    assert run(["--db", engine_url, "data", "export", str(path)]) == 0
    assert run(["--db", other_url, "data", "import", str(path)]) == 0, capsys.readouterr().err
    assert contact_and_jobs(other_url) == contact_and_jobs(engine_url)
    assert contact_and_jobs(other_url)[0][0] == "ada@example.com"
    assert contact_and_jobs(other_url)[1][0] == "Prompt Engineer"
