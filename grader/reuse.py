"""Reuse the grade of a commit already graded with the same grader, tables, rubric and limits.

Everything in a static grade is a function of those inputs (delivery reads history up to the commit, not
the clock), so a regrade of an unchanged commit only has to confirm the commit. The key covers the
grader's own source and the installed detect-secrets release (its patterns are rules of the grader), so a
changed probe or rule never serves a stale grade. The per-file metrics cache (by blob
SHA) still serves a new commit whose files mostly did not change.
"""

from __future__ import annotations

import hashlib
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

from curriculum.resources import content_dir
from grader import secret_rules
from grader.report import SCHEMA_VERSION, GradeReport
from grader.settings import GraderSettings

_PER_GRADE = {"source", "generated_at", "timings", "notes", "review"}


@cache
def code_digest() -> str:
    digest = hashlib.sha256(secret_rules.fingerprint().encode())  # its patterns are part of the grader
    roots = [Path(__file__).resolve().parent, content_dir() / "grader"]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in {".py", ".yaml"} and "claude" not in path.name and "review" not in path.name:
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def grade_key(commit: str, settings: GraderSettings, rubric_json: str) -> str:
    limits = (settings.max_file_bytes, settings.max_files, settings.max_total_bytes, settings.file_timeout_s)
    day = int(settings.clock() // 86_400)  # delivery counts the last 90 days from today
    parts = [commit, SCHEMA_VERSION, code_digest(), rubric_json, repr(limits), str(day)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class ReportStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=10)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS reports (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    def get(self, key: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT value FROM reports WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        import json

        value: dict[str, Any] = json.loads(row[0])
        return value

    def put(self, key: str, report: GradeReport) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO reports (key, value) VALUES (?, ?)",
                (key, report.model_dump_json(exclude=_PER_GRADE)),
            )

    def close(self) -> None:
        self.db.close()
