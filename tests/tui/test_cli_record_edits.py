"""Correcting the record from the command line: profile, contact, jobs, deletes, and inputs as people type them."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest


def ok(result):
    assert result.code == 0, result.err
    return result


def refused(result, *mentions: str) -> None:
    assert result.code == 2, result.out + result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    for mention in mentions:
        assert mention in result.err
    assert "Traceback" not in result.err


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def test_init_starts_today_unless_told_and_says_so(cli, db_path):
    result = ok(cli("init", "--name", "Grace", "--target-role", "AI Engineer"))
    assert f"Day 1 of 90 is today, {date.today()} (--start YYYY-MM-DD picks another day)." in result.out
    today = json.loads(ok(cli("today", "--json")).out)
    assert today["day"] == 1


def test_init_force_changes_only_what_is_given_and_keeps_the_start_date(ada, db_path):
    ok(ada("profile", "edit", "--email", "ada@example.com"))
    result = ok(ada("init", "--force", "--hours", "6"))
    assert "Day 1 stays 2026-11-02, as before." in result.out
    assert rows(db_path, "SELECT name, current_role, target_role, start_date, weekly_hours, email FROM learners") == [
        ("Ada", "Prompt Engineer", "ai-engineer", "2026-11-02", 6.0, "ada@example.com")
    ]
    ok(ada("init", "--force", "--name", "Ada L.", "--start", "2026-11-09"))
    assert rows(db_path, "SELECT name, start_date FROM learners") == [("Ada L.", "2026-11-09")]


def test_profile_edit_checks_contact_fields_and_changes_nothing_when_one_is_wrong(ada, db_path):
    refused(ada("profile", "edit", "--email", "ada-at-example", "--location", "Lisbon"), "email")
    assert rows(db_path, "SELECT email, location FROM learners") == [("", "")]
    result = ok(ada("profile", "edit", "--github", "github.com/ada-l", "--linkedin", "in/ada",
                    "--website", "ada.dev", "--location", "Lisbon, Portugal"))  # fmt: skip
    assert result.out.startswith("Profile updated: location, website, github, linkedin.")
    shown = json.loads(ok(ada("profile", "show", "--json")).out)
    assert shown["github"] == "https://github.com/ada-l" and shown["linkedin"] == "https://www.linkedin.com/in/ada"
    assert shown["website"] == "https://ada.dev" and shown["start_date"] == "2026-11-02"
    ok(ada("profile", "edit", "--website", ""))  # an empty value clears a field
    assert rows(db_path, "SELECT website FROM learners") == [("",)]
    refused(ada("profile", "edit"), "say what to change")


def test_jobs_are_added_listed_edited_and_deleted(ada, db_path):
    ok(ada("experience", "add", "--role", "Prompt Engineer", "--company", "Acme", "--start", "03/2023",
           "--highlight", "Cut escalations from 18% to 11%"))  # fmt: skip
    ok(ada("experience", "add", "--role", "Technical writer", "--organisation", "Beta", "--start", "2020",
           "--end", "Feb 2023"))  # fmt: skip
    listed = json.loads(ok(ada("experience", "list", "--json")).out)
    assert [(job["role"], job["start"], job["end"]) for job in listed] == [
        ("Prompt Engineer", "2023-03", ""),
        ("Technical writer", "2020", "2023-02"),
    ]
    refused(ada("experience", "add", "--role", "Future job", "--start", "2099-01"), "in the future")
    refused(ada("experience", "edit", "2", "--end", "2019"), "ends (2019) before it starts (2020)")
    ok(ada("experience", "edit", "1", "--highlight", "Ran weekly prompt reviews"))
    assert rows(db_path, "SELECT highlights FROM experiences WHERE id = 1") == [('["Ran weekly prompt reviews"]',)]
    result = ok(ada("experience", "delete", "2", "--yes"))
    assert result.out == "Deleted job #2: Technical writer at Beta.\n"


def test_delete_asks_first_and_an_unanswered_question_deletes_nothing(ada, db_path, monkeypatch):
    ok(ada("artifact", "add", "--week", "2", "--kind", "eval-report", "--title", "Recall report",
           "--metric", "recall@5=0.62->0.81", "--date", "2026-11-12"))  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    result = ok(ada("artifact", "delete", "1"))
    assert "Delete artifact #1 'Recall report' (week 2), with its 1 metric?" in result.out
    assert result.out.rstrip().endswith("Nothing deleted.")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    refused(ada("artifact", "delete", "1"), "nothing deleted", "--yes")
    assert rows(db_path, "SELECT count(*) FROM artifacts") == [(1,)]
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert "Deleted artifact #1 'Recall report' (week 2), with its 1 metric." in ok(ada("artifact", "delete", "1")).out
    assert rows(db_path, "SELECT count(*) FROM artifact_metrics") == [(0,)]
    refused(ada("artifact", "delete", "1", "--yes"), "no artifact #1")


def test_every_kind_of_row_can_be_deleted(ada, db_path):
    ok(ada("project", "add", "--name", "Support RAG"))
    ok(ada("decision", "add", "--project", "Support RAG", "--layer", "evaluation", "--decision", "golden set gate"))
    ok(ada("story", "add", "--title", "Judge drift", "--project", "Support RAG"))
    ok(ada("log", "--minutes", "45", "queries", "--date", "2026-11-10"))
    ok(ada("retro", "add", "--week", "2", "--slipped", "the demo"))
    decisions = json.loads(ok(ada("decision", "list", "--json")).out)
    assert [(d["id"], d["project"], d["layer"]) for d in decisions] == [(1, "Support RAG", "evaluation")]
    logs = json.loads(ok(ada("logs", "--json")).out)
    assert logs == [{"id": 1, "day": "2026-11-10", "minutes": 45, "note": "queries"}]
    ok(ada("decision", "delete", "1", "--yes"))
    ok(ada("story", "delete", "1", "--yes"))
    assert ok(ada("logs", "delete", "1", "--yes")).out == "Deleted log #1: 45 min on 2026-11-10 ('queries').\n"
    assert ok(ada("retro", "delete", "--week", "2", "--yes")).out == "Deleted your week 2 retro notes.\n"
    ok(ada("project", "delete", "support rag", "--yes"))
    for table in ("decisions", "stories", "log_entries", "retros", "projects"):
        assert rows(db_path, f"SELECT count(*) FROM {table}") == [(0,)], table
    refused(ada("retro", "delete", "--week", "3", "--yes"), "no retro written for week 3")


def test_metrics_as_people_type_them(ada, db_path):
    ok(ada("artifact", "add", "--week", "3", "--kind", "dashboard", "--title", "Latency",
           "--metric", "latência p95=4,2->1,8 s", "--metric", "x=1e3->2e3 ms",
           "--metric", "hallucination rate=12%->4%", "--date", "2026-11-20"))  # fmt: skip
    assert rows(db_path, "SELECT name, baseline, result, unit FROM artifact_metrics ORDER BY id") == [
        ("latência p95", 4.2, 1.8, "s"),
        ("x", 1000.0, 2000.0, "ms"),
        ("hallucination rate", 12.0, 4.0, "%"),
    ]
    for metric, mention in (
        ("p95=1,800 ms", "could be 1800 or 1.800"),
        ("p95=1e999 ms", "too large"),
        ("p95=12 % -> 4 ms", "baseline is in '%' and the result in 'ms'"),
    ):
        refused(ada("artifact", "add", "--week", "3", "--kind", "dashboard", "--title", "T", "--metric", metric,
                    "--date", "2026-11-20"), mention)  # fmt: skip
    assert rows(db_path, "SELECT count(*) FROM artifacts") == [(1,)]


@pytest.mark.parametrize(
    ("day", "mention"),
    [
        ("2026-10-30", "before day 1 of your plan (2026-11-02)"),
        ((date.today() + timedelta(days=1)).isoformat(), "is in the future"),
    ],
)
def test_log_and_shipping_dates_outside_the_plan_are_refused_in_one_line(ada, db_path, day, mention):
    refused(ada("log", "--minutes", "30", "work", "--date", day), mention)
    refused(ada("artifact", "add", "--week", "1", "--kind", "demo", "--title", "Demo", "--date", day), mention)
    assert rows(db_path, "SELECT count(*) FROM log_entries") == [(0,)]
    assert rows(db_path, "SELECT count(*) FROM artifacts") == [(0,)]
