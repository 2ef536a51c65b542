"""`data import` applies the rules the commands apply, the same on SQLite and PostgreSQL.

A file can hold anything; what `proofwork log` or `init` would refuse (3,000,000,000 minutes, 25 hours in a
day, NaN weekly hours, an unknown role, a schedule FSRS cannot read, a title longer than its column) the
import refuses too, with one line, importing nothing. What it accepts, both engines accept, so a laptop's
record always fits on the cohort's server.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from sqlalchemy import func, select, text

from tests.tracker.conftest import add_learner, populate_record
from tracker.db import open_session
from tracker.models import Base, DrillCard, GradeRun
from tracker.transfer import dump
from tui.cli.app import run


def proofwork(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def row_counts(url: str) -> dict[str, int]:
    with open_session(url, read_only=True) as session:
        return {
            name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in Base.metadata.tables.items()
        }


@pytest.fixture(scope="module")
def good_file(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One good export of one learner, shared: each test breaks its own copy."""
    from tracker.db import dispose_engine

    url = f"sqlite:///{tmp_path_factory.mktemp('good') / 'record.db'}"
    populate_record(url, "ada")
    with open_session(url) as session:
        payload = dump(session.connection(), "ada")
    dispose_engine(url)
    return payload


def _log(day: str, minutes: Any, n: int) -> dict[str, Any]:
    return {
        "id": 100 + n,
        "learner_id": 1,
        "day": day,
        "minutes": minutes,
        "note": "",
        "created_at": "2026-03-01T20:00:00",
    }


def _set(table: str, column: str, value: Any) -> Any:
    def change(tables: dict[str, list[dict[str, Any]]]) -> None:
        tables[table][0][column] = value

    return change


def _add_logs(*entries: tuple[str, Any]) -> Any:
    def change(tables: dict[str, list[dict[str, Any]]]) -> None:
        tables["log_entries"] += [_log(day, minutes, n) for n, (day, minutes) in enumerate(entries)]

    return change


# What the file says -> what the one line must say.
REFUSED: dict[str, tuple[Any, str]] = {
    "3e9 minutes": (_set("log_entries", "minutes", 3_000_000_000), "log_entries[0].minutes 3000000000 is out of range"),
    "10**30 minutes": (_set("log_entries", "minutes", 10**30), "is out of range"),
    "2,000 minutes": (_set("log_entries", "minutes", 2000), "is more than a day holds (1440 minutes)"),
    "zero minutes": (_set("log_entries", "minutes", 0), "must be a positive number of minutes"),
    "25 hours in a day": (_add_logs(("2026-03-01", 1000), ("2026-03-01", 500)), "would then hold more than 24 hours"),
    "negative weekly hours": (_set("learners", "weekly_hours", -3), "learners[0].weekly_hours -3 is not a plausible"),
    "huge weekly hours": (_set("learners", "weekly_hours", 10**400), "is not a finite number"),
    "unknown role": (_set("learners", "target_role", "astronaut"), "'astronaut' is not a role this proofwork knows"),
    "garbage schedule": (_set("drill_cards", "fsrs", "garbage"), "drill_cards[0].fsrs is not a drill schedule"),
    "half a schedule": (_set("drill_cards", "fsrs", {"stability": 2.5}), "drill_cards[0].fsrs is not a drill"),
    "a week-long answer": (_set("drill_attempts", "seconds", 604800.0), "seconds 604800 is not a time an answer took"),
    "Infinity": (_set("drill_attempts", "seconds", float("inf")), "Infinity is not a number a record can hold"),
    "400-character title": (_set("artifacts", "title", "t" * 400), "artifacts[0].title is 400 characters long"),
    "100,000-character title": (_set("stories", "title", "t" * 100_000), "is 100,000 characters long"),
    "long handle": (_set("learners", "handle", "h" * 81), "learners[0].handle is 81 characters long"),
    # The profile's contact fields and the work history: the checks `profile edit` and `experience add` make.
    "long name": (_set("learners", "name", "n" * 201), "learners[0].name is 201 characters long"),
    "not an email": (_set("learners", "email", "ada-at-example"), "learners[0]: email 'ada-at-example' is not"),
    "not a GitHub": (_set("learners", "github", "https://gitlab.com/a/b"), "learners[0]: GitHub"),
    "long location": (_set("learners", "location", "l" * 201), "learners[0].location is 201 characters long"),
    "long organisation": (_set("experiences", "organisation", "o" * 201), "experiences[0].organisation is 201"),
    "job from the future": (_set("experiences", "start_date", "2999-01"), "experiences[0]: start date"),
    "not a date": (_set("experiences", "start_date", "soon"), "is not a date like 2023"),
    "ends before it starts": (_set("experiences", "end_date", "2020"), "ends (2020) before it starts (2023-03)"),
    "no role": (_set("experiences", "role", " "), "experiences[0]: the role must not be empty"),
    "highlights as text": (_set("experiences", "highlights", "led it"), "experiences[0]: highlights must be a list"),
    "long highlight": (_set("experiences", "highlights", ["h" * 401]), "a highlight is 401 characters long"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_import_refuses_what_the_commands_refuse(engine_url, good_file, tmp_path, capsys, case):
    change, expected = REFUSED[case]
    payload = copy.deepcopy(good_file)
    change(payload["tables"])
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(payload), encoding="utf-8")  # json writes inf as Infinity
    add_learner(engine_url, "cleo")
    before = row_counts(engine_url)

    code, out, err = proofwork(capsys, "--db", engine_url, "data", "import", str(file))

    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and expected in err, err
    assert row_counts(engine_url) == before


def test_nan_infinity_and_deep_nesting_are_one_line(tmp_path, capsys, db_path):
    for name, content, expected in [
        ("nan.json", '{"format": "proofwork-record", "x": NaN}', "NaN is not a number a record can hold"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "is nested too deeply"),
    ]:
        file = tmp_path / name
        file.write_text(content, encoding="utf-8")
        code, out, err = proofwork(capsys, "data", "import", str(file))
        assert (code, out) == (2, "")
        assert len(err.strip().splitlines()) == 1 and expected in err, err


def test_what_one_engine_accepts_the_other_accepts(engine_url, good_file, tmp_path, capsys):
    """At the limits exactly: 300 characters, 1,440 minutes in a day, 100 hours a week."""
    payload = copy.deepcopy(good_file)
    tables = payload["tables"]
    tables["artifacts"][0]["title"] = "t" * 300
    tables["learners"][0]["weekly_hours"] = 100
    tables["log_entries"] += [_log("2026-03-01", 1000, 0), _log("2026-03-01", 440, 1)]
    file = tmp_path / "edge.json"
    file.write_text(json.dumps(payload), encoding="utf-8")
    code, _, err = proofwork(capsys, "--db", engine_url, "data", "import", str(file))
    assert code == 0, err


def test_null_stays_null_in_json_columns(engine_url, other_url, tmp_path, capsys):
    add_learner(engine_url, "ada")
    with open_session(engine_url) as session:
        learner_id = session.scalar(text("SELECT id FROM learners"))
        session.add(DrillCard(learner_id=learner_id, key="theme:rag-design", theme="rag-design", fsrs={}))
    file = tmp_path / "ada.json"
    assert proofwork(capsys, "--db", engine_url, "data", "export", str(file))[0] == 0
    assert json.loads(file.read_text())["tables"]["drill_cards"][0]["question"] is None
    assert proofwork(capsys, "--db", other_url, "data", "import", str(file))[0] == 0
    with open_session(other_url, read_only=True) as session:
        assert session.scalar(text("SELECT count(*) FROM drill_cards WHERE question IS NULL")) == 1


def test_importing_a_full_export_again_does_not_duplicate_grades_without_a_learner(engine_url, tmp_path, capsys):
    populate_record(engine_url, "ada")
    with open_session(engine_url) as session:  # a grade made before any profile existed
        session.add(GradeRun(learner_id=None, source="https://github.com/x/y", commit="b" * 40, overall=50.0))
    file = tmp_path / "all.json"
    assert proofwork(capsys, "--db", engine_url, "data", "export", "--all", str(file))[0] == 0
    before = row_counts(engine_url)
    for _ in range(2):
        code, _, err = proofwork(capsys, "--db", engine_url, "data", "import", "--all", "--replace", str(file))
        assert code == 0, err
    assert row_counts(engine_url) == before


def test_a_refused_import_on_postgresql_is_exactly_one_line(engine_url, good_file, tmp_path, capsys):
    """A rule only the database knows (one retro a week) breaks mid-import: one line, nothing imported."""
    payload = copy.deepcopy(good_file)
    payload["tables"]["retros"].append({**payload["tables"]["retros"][0], "id": 2})
    file = tmp_path / "twice.json"
    file.write_text(json.dumps(payload), encoding="utf-8")
    before = row_counts(engine_url)
    for _ in range(3):
        code, out, err = proofwork(capsys, "--db", engine_url, "data", "import", str(file))
        assert (code, out) == (2, "")
        assert err.count("\n") == 1 and "breaks a rule of the record" in err, err
    assert row_counts(engine_url) == before


def test_contact_and_jobs_are_stored_as_the_commands_store_them(engine_url, good_file, tmp_path, capsys):
    """A hand-edited file may write a GitHub handle or a spaced-out line: stored as `profile edit` stores it."""
    payload = copy.deepcopy(good_file)
    payload["tables"]["learners"][0].update(github="@ada-l", website="ada.dev", location="  Lisboa,\n Portugal ")
    payload["tables"]["experiences"][0].update(role=" Prompt   Engineer ", end_date="Feb 2025")
    file = tmp_path / "hand-edited.json"
    file.write_text(json.dumps(payload), encoding="utf-8")
    code, _, err = proofwork(capsys, "--db", engine_url, "data", "import", str(file))
    assert code == 0, err
    with open_session(engine_url, read_only=True) as session:
        assert session.execute(text("SELECT github, website, location FROM learners")).one() == (
            "https://github.com/ada-l",
            "https://ada.dev",
            "Lisboa, Portugal",
        )
        assert session.execute(text("SELECT role, start_date, end_date FROM experiences")).one() == (
            "Prompt Engineer",
            "2023-03",
            "2025-02",
        )


def test_a_good_import_still_round_trips(engine_url, good_file, tmp_path, capsys):
    file = tmp_path / "good.json"
    file.write_text(json.dumps(good_file), encoding="utf-8")
    assert proofwork(capsys, "--db", engine_url, "data", "import", str(file))[0] == 0
    again = tmp_path / "again.json"
    assert proofwork(capsys, "--db", engine_url, "data", "export", str(again))[0] == 0
    exported = json.loads(again.read_text())
    assert {**exported, "exported_at": None} == {**good_file, "exported_at": None}
