"""`proofwork cohort`: a mentor sees each learner's day, pace, streak and latest grade, in a fixed number
of queries however many learners the database holds; and a learner is picked by flag, variable or config."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from curriculum.catalog import load_catalog
from tests.tracker.conftest import add_learner
from tracker.cohort import cohort_report
from tracker.db import engine_for, open_session
from tracker.models import Artifact, GradeRun, LogEntry, TaskState
from tui.cli.app import run

TODAY = date(2026, 1, 24)  # day 20 for a learner who started on 2026-01-05


@contextmanager
def counted(url: str) -> Iterator[list[str]]:
    """Every SQL statement sent to the database inside the block."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = engine_for(url)
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def give_activity(url: str, learner_id: int, start: date, n: int, week: int = 1) -> None:
    """Logs on the last n days, the week's tasks done, proof for that week, and two grades."""
    tasks = [task.key for task in load_catalog().plan.weeks[week - 1].tasks]
    with open_session(url) as session:
        session.add_all(
            LogEntry(learner_id=learner_id, day=TODAY - timedelta(days=d), minutes=20 + d) for d in range(n)
        )
        session.add_all(TaskState(learner_id=learner_id, task_key=key, status="done") for key in tasks)
        session.add(Artifact(learner_id=learner_id, week=week, kind="demo", title="demo", shipped_on=start))
        for k, overall in enumerate((55.0, 72.5)):
            session.add(
                GradeRun(
                    learner_id=learner_id,
                    source=f"https://github.com/x/r{k}",
                    commit="c" * 40,
                    overall=overall,
                    report={"big": "x" * 1000},
                    created_at=datetime(2026, 1, 10 + k),
                )
            )


def make_cohort(url: str, size: int) -> None:
    for n in range(size):
        start = date(2026, 1, 5)
        learner_id = add_learner(url, f"l{n:03d}", start=start)
        if n % 2 == 0:
            give_activity(url, learner_id, start, 3 + n % 5)


def test_the_report_reads_each_learner_right(engine_url):
    start = date(2026, 1, 5)
    ada = add_learner(engine_url, "ada", start=start)
    give_activity(engine_url, ada, start, 4)
    add_learner(engine_url, "bob", start=start)
    add_learner(engine_url, "cleo", start=TODAY + timedelta(days=3))
    with open_session(engine_url) as session:
        rows = {row.handle: row for row in cohort_report(session, TODAY)}
    assert list(rows) == ["ada", "bob", "cleo"]
    ada_row, bob_row, cleo_row = rows["ada"], rows["bob"], rows["cleo"]
    assert (ada_row.phase, ada_row.day, ada_row.week) == ("active", 20, 3)
    assert (ada_row.streak_current, ada_row.streak_best) == (4, 4)
    assert ada_row.minutes_last_7 == 20 + 21 + 22 + 23 and ada_row.last_logged == TODAY
    assert ada_row.tasks_done == len(load_catalog().plan.weeks[0].tasks) and ada_row.proof_weeks == 1
    assert ada_row.latest_grade == 72.5 and ada_row.latest_grade_source == "https://github.com/x/r1"
    assert bob_row.pace == "behind" and bob_row.pace_days > 0
    assert (bob_row.streak_current, bob_row.latest_grade, bob_row.last_logged) == (0, None, None)
    assert (cleo_row.phase, cleo_row.day, cleo_row.pace) == ("not_started", None, "not_started")


def test_the_query_count_does_not_grow_with_the_cohort(engine_url):
    make_cohort(engine_url, 3)
    with counted(engine_url) as few, open_session(engine_url) as session:
        assert len(cohort_report(session, TODAY)) == 3
    make_cohort_more = 12
    for n in range(3, 3 + make_cohort_more):
        learner_id = add_learner(engine_url, f"m{n:03d}")
        give_activity(engine_url, learner_id, date(2026, 1, 5), 2)
    with counted(engine_url) as many, open_session(engine_url) as session:
        assert len(cohort_report(session, TODAY)) == 15
    selects = [s for s in many if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert len(many) == len(few), f"N+1: {len(few)} statements for 3 learners, {len(many)} for 15"
    assert len(selects) == 5, selects


def test_the_dashboard_query_count_does_not_grow_with_the_record(engine_url):
    from tracker.learners import current_learner
    from tracker.today import build_today

    start = date(2026, 1, 5)
    ada = add_learner(engine_url, "ada", start=start)
    give_activity(engine_url, ada, start, 2)
    counts = []
    for week in (2, 3):
        with counted(engine_url) as statements, open_session(engine_url) as session:
            build_today(session, current_learner(session, "ada"), TODAY)
        counts.append(len(statements))
        give_activity(engine_url, ada, start, 15, week)  # more logs, artifacts, grades, tasks
    assert counts[0] == counts[1], f"the dashboard's queries grew with the record: {counts}"


def test_cohort_command_prints_a_table_and_json(record_url, capsys):
    make_cohort(record_url, 3)
    capsys.readouterr()
    assert run(["cohort", "--date", TODAY.isoformat(), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["date"] == TODAY.isoformat()
    assert [row["handle"] for row in data["learners"]] == ["l000", "l001", "l002"]
    assert data["learners"][0]["latest_grade"] == 72.5
    assert data["learners"][0]["latest_grade_at"] == "2026-01-11T00:00:00"
    assert run(["cohort", "--date", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "Cohort on 2026-01-24 (3 learners)" in out and "l001" in out and "20/90" in out


@pytest.fixture
def config_file(isolated_home: Path) -> Callable[[str], Path]:
    from curriculum.settings import config_path

    def write(text: str) -> Path:
        path = config_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def _status_handle(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = run([*args, "status", "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out)["handle"] if code == 0 else captured.err


def test_the_learner_comes_from_flag_then_variable_then_config(record_url, config_file, monkeypatch, capsys):
    for handle in ("ada", "bob", "cleo"):
        add_learner(record_url, handle)
    code, err = _status_handle(capsys)
    assert code == 2 and "several learners" in err
    path = config_file('learner = "bob"\n')
    assert str(path).startswith(str(Path.home()))
    assert _status_handle(capsys) == (0, "bob")
    monkeypatch.setenv("PROOFWORK_LEARNER", "cleo")
    assert _status_handle(capsys) == (0, "cleo")
    assert _status_handle(capsys, "--learner", "ada") == (0, "ada")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('learner = "zed"\n', "no learner 'zed' in this database (named by"),
        ("learner = [1, 2]\n", 'learner must be a handle in quotes, e.g. learner = "ada"'),
        ("learner = \n", "cannot read"),
    ],
)
def test_a_bad_config_file_is_one_line_exit_2(record_url, config_file, capsys, text, expected):
    add_learner(record_url, "ada")
    path = config_file(text)
    code, err = _status_handle(capsys)
    assert code == 2 and expected in err and len(err.strip().splitlines()) == 1, err
    assert str(path) in err
