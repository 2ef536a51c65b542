"""Today's view remembered between runs: shown again only while the record, date, learner and code are the same."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

import tracker.today_cache as today_cache
from tracker.db import open_session
from tracker.learners import current_learner
from tracker.today import build_today
from tracker.today_cache import RecordState, build_remembered, cache_file, fingerprint, recall, remember
from tracker.today_view import view_from_dict

DAY = date(2026, 11, 21)  # Ada's day 20


def url_of(db_path: Path) -> str:
    return f"sqlite:///{db_path}"


def build(db_path: Path, day: date = DAY) -> object:
    before = RecordState(url_of(db_path), None)
    with open_session(url_of(db_path)) as session:
        return build_remembered(session, current_learner(session), day, before)


def test_a_view_survives_its_json_round_trip(ada, db_path):
    assert ada("log", "--minutes", "45", "read the RAG chapter", "--date", "2026-11-20").code == 0
    with open_session(url_of(db_path)) as session:
        view = build_today(session, current_learner(session), DAY)
    assert ada("task", "note", view.tasks[0].key, "recall@5 on 40 questions").code == 0
    with open_session(url_of(db_path)) as session:
        noted = build_today(session, current_learner(session), DAY)
    assert noted.tasks[0].note
    assert view_from_dict(json.loads(json.dumps(noted.to_dict()))) == noted
    late = date(2026, 12, 20)  # week 7 with no artifact and no eval: the coach has nudges
    with open_session(url_of(db_path)) as session:
        view = build_today(session, current_learner(session), late)
    assert view.nudges and view.recent and view.week is not None
    assert view_from_dict(json.loads(json.dumps(view.to_dict()))) == view


def test_the_view_is_recalled_for_the_same_record_and_day_and_the_next(ada, db_path):
    view = build(db_path)
    assert recall(url_of(db_path), None, DAY) == view
    tomorrow = recall(url_of(db_path), None, DAY + timedelta(days=1))
    assert tomorrow is not None and tomorrow.position.day == 21  # remembered ahead for the next morning
    assert recall(url_of(db_path), None, DAY + timedelta(days=2)) is None


def test_any_write_to_the_record_forgets_it(ada, db_path):
    build(db_path)
    assert ada("log", "--minutes", "30", "drill", "--date", DAY.isoformat()).code == 0
    assert recall(url_of(db_path), None, DAY) is None
    fresh = build(db_path)
    assert fresh.minutes_today == 30 and recall(url_of(db_path), None, DAY) == fresh


def test_a_write_while_the_view_is_built_is_never_cached(ada, db_path):
    before = RecordState(url_of(db_path), None)
    with open_session(url_of(db_path)) as session:
        view = build_today(session, current_learner(session), DAY)
    assert ada("log", "--minutes", "20", "meanwhile").code == 0  # another process writes
    assert remember(before, [view]) is False
    assert recall(url_of(db_path), None, DAY) is None


def test_another_learner_or_changed_code_misses(ada, db_path, monkeypatch):
    build(db_path)
    monkeypatch.setenv("PROOFWORK_LEARNER", "someone-else")
    assert recall(url_of(db_path), None, DAY) is None
    monkeypatch.delenv("PROOFWORK_LEARNER")
    assert recall(url_of(db_path), None, DAY) is not None
    assert recall(url_of(db_path), "ada", DAY) is None  # --learner is part of the key too
    monkeypatch.setattr(today_cache, "code_stamp", lambda: "an edited plan.yaml")
    assert recall(url_of(db_path), None, DAY) is None


def test_an_edited_content_file_changes_the_code_stamp(tmp_path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    (content / "plan.yaml").write_text("weeks: []\n")
    monkeypatch.setattr("curriculum.resources.content_dir", lambda: content)
    first = today_cache.code_stamp()
    (content / "plan.yaml").write_text("weeks: [1]\n")
    os.utime(content / "plan.yaml", ns=(1, 1))
    assert today_cache.code_stamp() != first


def test_a_corrupt_or_foreign_cache_entry_is_ignored(ada, db_path):
    build(db_path)
    path = cache_file(Path(db_path), None)
    path.write_text("{not json")
    assert recall(url_of(db_path), None, DAY) is None
    entry = {"key": RecordState(url_of(db_path), None).key(), "views": {DAY.isoformat(): {"date": "x"}}}
    path.write_text(json.dumps(entry))
    assert recall(url_of(db_path), None, DAY) is None


def test_an_unwritable_cache_folder_costs_speed_not_the_view(ada, db_path, monkeypatch, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    view = build(db_path)
    assert view.position.day == 20 and recall(url_of(db_path), None, DAY) is None


@pytest.mark.parametrize(
    "url", ["postgresql+psycopg://u:p@localhost/db", "sqlite://", "sqlite:///:memory:", "sqlite:///x.db?mode=ro"]
)
def test_only_plain_sqlite_files_are_cached(url):
    assert today_cache.record_file(url) is None
    assert recall(url, None, DAY) is None


def test_the_fingerprint_covers_the_write_ahead_log(tmp_path):
    database = tmp_path / "r.db"
    database.write_bytes(b"main")
    alone = fingerprint(database)
    (tmp_path / "r.db-wal").write_bytes(b"")
    assert fingerprint(database) == alone  # an empty log is no change
    (tmp_path / "r.db-wal").write_bytes(b"frame")
    assert fingerprint(database) != alone
    assert fingerprint(tmp_path / "missing.db") is None


def test_the_cli_prints_the_same_json_from_the_cache_and_from_the_record(ada, monkeypatch):
    first = ada("today", "--json", "--date", DAY.isoformat())
    assert first.code == 0

    def no_record(*args, **kwargs):
        raise AssertionError("today's view was built again although the record had not changed")

    monkeypatch.setattr("tracker.today.build_today", no_record)
    again = ada("today", "--json", "--date", DAY.isoformat())
    assert again.code == 0 and again.out == first.out
    text = ada("today", "--date", DAY.isoformat())
    assert text.code == 0 and "Day 20 of 90" in text.out
