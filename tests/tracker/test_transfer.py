"""`data export` and `data import`: the record survives a trip through one JSON file, on both engines."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.tracker.conftest import add_learner, populate_record
from tracker.db import open_session
from tracker.migrate import HEAD, revisions
from tracker.models import Base, Learner, LogEntry
from tui.cli.app import run

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def proofwork(capsys: pytest.CaptureFixture[str]) -> Cli:
    def invoke(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = run(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def without_timestamp(path: Path) -> dict[str, Any]:
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert payload.pop("exported_at")
    return payload


def row_counts(url: str) -> dict[str, int]:
    with open_session(url) as session:
        return {
            name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in Base.metadata.tables.items()
        }


def test_export_import_export_gives_the_same_file(engine_url, other_url, tmp_path, proofwork):
    populate_record(engine_url, "ada")
    populate_record(engine_url, "bob")
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    code, out, err = proofwork("--db", engine_url, "data", "export", "--all", str(first))
    assert code == 0, err
    assert "Exported 2 learner(s)" in out

    assert proofwork("--db", other_url, "data", "import", "--all", str(first))[0] == 0
    assert proofwork("--db", other_url, "data", "export", "--all", str(second))[0] == 0
    assert without_timestamp(first) == without_timestamp(second)
    payload = without_timestamp(first)
    assert payload["schema_version"] == HEAD
    assert set(payload["tables"]) == set(Base.metadata.tables), "every table of the record is exported"
    assert all(payload["tables"][name] for name in Base.metadata.tables), "every table holds rows"
    assert [row["id"] for row in payload["tables"]["log_entries"]] == list(range(1, 11)), "ids renumbered"
    assert row_counts(engine_url) == row_counts(other_url)


@pytest.mark.postgres
def test_a_laptop_record_moves_to_the_cohort_server_and_back(tmp_path, pg_url, proofwork):
    laptop = f"sqlite:///{tmp_path / 'laptop.db'}"
    populate_record(laptop, "ada")
    files = [tmp_path / f"{n}.json" for n in range(3)]
    assert proofwork("--db", laptop, "data", "export", str(files[0]))[0] == 0
    assert proofwork("--db", pg_url, "data", "import", str(files[0]))[0] == 0
    assert proofwork("--db", pg_url, "data", "export", str(files[1]))[0] == 0
    back = f"sqlite:///{tmp_path / 'back.db'}"
    assert proofwork("--db", back, "data", "import", str(files[1]))[0] == 0
    assert proofwork("--db", back, "data", "export", str(files[2]))[0] == 0
    assert without_timestamp(files[0]) == without_timestamp(files[1]) == without_timestamp(files[2])


def test_one_learner_joins_a_database_that_holds_others(engine_url, other_url, tmp_path, proofwork):
    populate_record(engine_url, "ada")
    populate_record(engine_url, "bob")
    populate_record(other_url, "cleo")
    file = tmp_path / "ada.json"
    assert proofwork("--db", engine_url, "--learner", "ada", "data", "export", str(file))[0] == 0
    payload = without_timestamp(file)
    assert payload["learner"] == "ada"
    assert [row["handle"] for row in payload["tables"]["learners"]] == ["ada"]
    assert [row["name"] for row in payload["tables"]["projects"]] == ["ada RAG"]
    assert len(payload["tables"]["decisions"]) == 1, "child rows follow their parent's owner"

    assert proofwork("--db", other_url, "data", "import", str(file))[0] == 0
    again = tmp_path / "again.json"
    assert proofwork("--db", other_url, "data", "export", "--learner", "ada", str(again))[0] == 0
    assert without_timestamp(again) == payload
    with open_session(other_url) as session:
        assert sorted(session.scalars(select(Learner.handle))) == ["ada", "cleo"]


def test_import_refuses_a_learner_already_there_unless_replace(engine_url, tmp_path, proofwork):
    populate_record(engine_url, "ada")
    populate_record(engine_url, "bob")
    file = tmp_path / "ada.json"
    assert proofwork("--db", engine_url, "data", "export", "--learner", "ada", str(file))[0] == 0
    with open_session(engine_url) as session:
        ada = session.scalars(select(Learner).where(Learner.handle == "ada")).one()
        session.add(LogEntry(learner_id=ada.id, day=ada.start_date, minutes=5, note="after the export"))
    before = row_counts(engine_url)

    code, out, err = proofwork("--db", engine_url, "data", "import", str(file))
    assert code == 2 and out == ""
    expected = "this database already holds ada; add --replace to overwrite their record with the file's"
    assert err.strip() == f"proofwork: {expected}"
    assert row_counts(engine_url) == before

    assert proofwork("--db", engine_url, "data", "import", "--replace", str(file))[0] == 0
    with open_session(engine_url) as session:
        notes = set(session.scalars(select(LogEntry.note)))
    assert "after the export" not in notes, "--replace puts the file's record in place of the old one"
    assert row_counts(engine_url)["log_entries"] == before["log_entries"] - 1
    assert row_counts(engine_url)["learners"] == 2


def _export(url: str, tmp_path: Path, proofwork: Cli) -> dict[str, Any]:
    file = tmp_path / "good.json"
    assert proofwork("--db", url, "data", "export", str(file))[0] == 0
    return json.loads(file.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def good_file(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One good export, shared: each bad-file test breaks its own copy of it."""
    from tracker.db import dispose_engine
    from tracker.transfer import dump

    url = f"sqlite:///{tmp_path_factory.mktemp('good') / 'record.db'}"
    populate_record(url, "ada")
    with open_session(url) as session:
        payload = dump(session.connection())
    dispose_engine(url)
    return payload


def _break(payload: dict[str, Any], how: str) -> str:
    tables = payload["tables"]
    if how == "not json":
        return "{ nope"
    if how == "not ours":
        return json.dumps({"hello": 1})
    if how == "newer schema":
        payload["schema_version"] = "9999"
    elif how == "bad date":
        tables["log_entries"][0]["day"] = "yesterday"
    elif how == "wrong type":
        tables["log_entries"][0]["minutes"] = "forty"
    elif how == "missing column":
        del tables["artifacts"][0]["title"]
    elif how == "unknown column":
        tables["retros"][0]["mood"] = "great"
    elif how == "dangling reference":
        tables["artifact_metrics"][0]["artifact_id"] = 99
    elif how == "broken rule":  # a CHECK constraint, caught by the database after other tables went in
        tables["retros"].append({**tables["retros"][0], "id": 2})
    elif how == "unknown table":
        tables["secrets"] = []
    return json.dumps(payload)


BROKEN = {
    "not json": "is not JSON",
    "not ours": "is not a proofwork export",
    "newer schema": "written by a newer proofwork (schema 9999",
    "bad date": "log_entries[0].day: 'yesterday' is not a date",
    "wrong type": "log_entries[0].minutes: 'forty' is not a number",
    "missing column": "artifacts[0] lacks column title",
    "unknown column": "retros[0] has columns this database does not know: mood",
    "dangling reference": "artifact_metrics[0].artifact_id refers to artifacts id 99",
    "broken rule": "the file breaks a rule of the record",
    "unknown table": "tables this database does not know: secrets",
}


@pytest.mark.parametrize("how", BROKEN)
def test_a_bad_file_is_one_line_exit_2_and_imports_nothing(other_url, good_file, tmp_path, proofwork, how):
    payload = copy.deepcopy(good_file)
    add_learner(other_url, "cleo")
    before = row_counts(other_url)
    bad = tmp_path / "bad.json"
    bad.write_text(_break(payload, how), encoding="utf-8")
    code, out, err = proofwork("--db", other_url, "data", "import", str(bad))
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and BROKEN[how] in err, err
    assert row_counts(other_url) == before


def test_export_errors_are_one_line(engine_url, tmp_path, proofwork):
    populate_record(engine_url, "ada")
    code, _, err = proofwork("--db", engine_url, "data", "export", str(tmp_path / "no" / "such" / "x.json"))
    assert code == 2 and "folder" in err and "does not exist" in err
    code, _, err = proofwork("--db", engine_url, "data", "export", "--learner", "zed", str(tmp_path / "z.json"))
    assert code == 2 and "no learner 'zed'" in err and "ada" in err
    assert not (tmp_path / "z.json").exists()
    code, _, err = proofwork("--db", engine_url, "data", "import", str(tmp_path / "missing.json"))
    assert code == 2 and "no file" in err


@pytest.mark.skipif(len(revisions()) < 2, reason="only one schema revision exists: no older file to import yet")
def test_a_file_from_an_older_schema_is_upgraded_on_import(engine_url, other_url, tmp_path, proofwork):
    # An older file is what an older proofwork wrote: export a database built at the previous revision.
    from tests.tracker.test_migrations import build_at
    from tracker.db import create_engine_for
    from tracker.transfer import dump

    old_revision = revisions()[-2]
    old = create_engine_for(f"sqlite:///{tmp_path / 'old.db'}")
    build_at(old, old_revision)
    with old.connect() as connection:
        payload = dump(connection)
    old.dispose()
    assert payload["schema_version"] == old_revision
    file = tmp_path / "old.json"
    file.write_text(json.dumps(payload), encoding="utf-8")
    assert proofwork("--db", other_url, "data", "import", str(file))[0] == 0
    exported = _export(other_url, tmp_path, proofwork)
    assert exported["schema_version"] == HEAD
    for name, rows in payload["tables"].items():
        assert len(exported["tables"][name]) == len(rows)
