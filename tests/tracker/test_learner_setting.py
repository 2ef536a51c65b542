"""On a shared database every command is about the learner the setting names, whichever way it is set.

The setting is `--learner`, PROOFWORK_LEARNER, or `learner = "..."` in config.toml. A member whose setting
names ada can never replace bob's record by import, rewrite bob's profile with `init --force`, or export
anyone else's record; only `cohort` and an explicit `--all` see several learners.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.tracker.conftest import populate_record
from tracker.db import open_session
from tracker.learners import config_path
from tracker.models import Learner, LogEntry
from tui.cli.app import run


def proofwork(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def by_env(monkeypatch: pytest.MonkeyPatch, handle: str) -> list[str]:
    monkeypatch.setenv("PROOFWORK_LEARNER", handle)
    return []


def by_config(monkeypatch: pytest.MonkeyPatch, handle: str) -> list[str]:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(f'learner = "{handle}"\n', encoding="utf-8")
    return []


def by_flag(monkeypatch: pytest.MonkeyPatch, handle: str) -> list[str]:
    return ["--learner", handle]


SETTINGS: dict[str, Callable[[pytest.MonkeyPatch, str], list[str]]] = {
    "flag": by_flag,
    "environment": by_env,
    "config": by_config,
}


def profile(url: str, handle: str) -> tuple[str, int]:
    with open_session(url, read_only=True) as session:
        learner = session.scalars(select(Learner).where(Learner.handle == handle)).one()
        logs = len(session.scalars(select(LogEntry.id).where(LogEntry.learner_id == learner.id)).all())
        return learner.name, logs


@pytest.fixture
def cohort(record_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """ada and bob share the database; bob.json is bob's own export."""
    populate_record(record_url, "ada")
    populate_record(record_url, "bob")
    file = tmp_path / "bob.json"
    code, _, err = proofwork(capsys, "--learner", "bob", "data", "export", str(file))
    assert code == 0, err
    return file


@pytest.mark.parametrize("how", SETTINGS)
def test_import_replace_of_another_learners_file_is_refused(cohort, record_url, capsys, monkeypatch, how):
    flag = SETTINGS[how](monkeypatch, "ada")
    before = profile(record_url, "bob")
    code, out, err = proofwork(capsys, *flag, "data", "import", "--replace", str(cohort))
    assert (code, out) == (2, "")
    assert "holds bob" in err and "names ada" in err, err
    assert profile(record_url, "bob") == before


@pytest.mark.parametrize("how", SETTINGS)
def test_init_force_rewrites_only_the_named_learners_profile(cohort, record_url, capsys, monkeypatch, how):
    flag = SETTINGS[how](monkeypatch, "ada")
    init = ["init", "--name", "Bob", "--target-role", "AI Engineer", "--start", "2026-01-05", "--force"]
    code, _, err = proofwork(capsys, *flag, *init)
    assert code == 0, err
    assert profile(record_url, "bob") == ("Bob", 5), "bob's profile is untouched"
    assert profile(record_url, "ada")[0] == "Bob", "the setting's learner got the new profile"

    code, _, err = proofwork(capsys, *flag, *init[:-1], "--handle", "bob")
    assert code == 2 and "--handle bob is not the learner" in err and "(ada)" in err


@pytest.mark.parametrize("how", SETTINGS)
def test_export_holds_only_the_named_learner(cohort, record_url, tmp_path, capsys, monkeypatch, how):
    flag = SETTINGS[how](monkeypatch, "ada")
    file = tmp_path / "mine.json"
    code, _, err = proofwork(capsys, *flag, "data", "export", str(file))
    assert code == 0, err
    payload = json.loads(file.read_text())
    assert [row["handle"] for row in payload["tables"]["learners"]] == ["ada"]
    assert payload["learner"] == "ada"
    code, _, err = proofwork(capsys, *flag, "status", "--json")
    assert code == 0 and json.loads(_)["name"] == "Ada", err


def test_several_learners_need_all_to_export_or_import_together(cohort, record_url, other_url, tmp_path, capsys):
    everyone = tmp_path / "everyone.json"
    code, out, err = proofwork(capsys, "data", "export", str(everyone))
    assert (code, out) == (2, "")
    assert "several learners share this database (ada, bob)" in err and "--all" in err
    assert not everyone.exists()

    assert proofwork(capsys, "data", "export", "--all", str(everyone))[0] == 0
    handles = [row["handle"] for row in json.loads(everyone.read_text())["tables"]["learners"]]
    assert handles == ["ada", "bob"]

    code, _, err = proofwork(capsys, "--db", other_url, "data", "import", str(everyone))
    assert code == 2 and "holds several learners (ada, bob); import them all with --all" in err
    assert proofwork(capsys, "--db", other_url, "data", "import", "--all", str(everyone))[0] == 0


def test_a_member_imports_their_own_file(cohort, record_url, other_url, capsys, monkeypatch):
    monkeypatch.setenv("PROOFWORK_LEARNER", "bob")
    code, _, err = proofwork(capsys, "--db", other_url, "data", "import", str(cohort))
    assert code == 0, err
    assert profile(other_url, "bob") == ("Bob", 5)


@pytest.mark.parametrize("how", SETTINGS)
def test_grade_history_is_the_named_learners(cohort, record_url, capsys, monkeypatch, how):
    flag = SETTINGS[how](monkeypatch, "ada")
    code, out, err = proofwork(capsys, *flag, "grades", "--json")
    assert code == 0, err
    assert len(json.loads(out)) == 1, "bob's grade is not in ada's history"


@pytest.mark.parametrize("how", SETTINGS)
def test_init_force_changes_only_what_is_given_in_the_named_learners_profile(
    cohort, record_url, capsys, monkeypatch, how
):
    flag = SETTINGS[how](monkeypatch, "bob")
    before = {handle: _row(record_url, handle) for handle in ("ada", "bob")}
    code, out, err = proofwork(capsys, *flag, "init", "--force", "--hours", "6", "--github", "bob-h")
    assert code == 2 and "no such option" in err.lower(), "init takes no contact fields; profile edit does"
    code, out, err = proofwork(capsys, *flag, "init", "--force", "--hours", "6")
    assert code == 0, err
    assert "Day 1 stays 2026-01-05, as before." in out
    assert _row(record_url, "bob") == {**before["bob"], "weekly_hours": 6.0}
    assert _row(record_url, "ada") == before["ada"]
    code, out, err = proofwork(capsys, *flag, "profile", "edit", "--github", "bob-h", "--name", "B" * 201)
    assert code == 2 and "name is 201 characters long" in err, err
    assert _row(record_url, "bob") == {**before["bob"], "weekly_hours": 6.0}, "a refused edit changes nothing"


def _row(url: str, handle: str) -> dict[str, object]:
    with open_session(url, read_only=True) as session:
        learner = session.scalars(select(Learner).where(Learner.handle == handle)).one()
        return {c: getattr(learner, c) for c in ("name", "target_role", "start_date", "weekly_hours", "github")}


READS = {
    "profile show": ["profile", "show", "--json"],
    "experience list": ["experience", "list", "--json"],
    "logs": ["logs", "--json"],
    "roles": ["roles", "--json"],
    "roadmap": ["roadmap", "--json"],
}


@pytest.mark.parametrize("how", SETTINGS)
def test_every_view_is_the_named_learners_and_an_absent_one_is_an_error(cohort, record_url, capsys, monkeypatch, how):
    flag = SETTINGS[how](monkeypatch, "ghost")
    for name, argv in READS.items():
        code, out, err = proofwork(capsys, *flag, *argv)
        assert (code, out) == (2, ""), name
        assert "no learner 'ghost' in this database" in err and "ada, bob" in err, (name, err)
    monkeypatch.delenv("PROOFWORK_LEARNER", raising=False)
    config_path().unlink(missing_ok=True)
    flag = SETTINGS[how](monkeypatch, "bob")
    code, out, err = proofwork(capsys, *flag, "profile", "show", "--json")
    assert code == 0 and json.loads(out)["handle"] == "bob", err
    code, out, err = proofwork(capsys, *flag, "logs", "--json")
    assert code == 0 and len(json.loads(out)) == 5, err
