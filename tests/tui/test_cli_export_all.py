"""`export all` tells each check once, naming every file it was found in."""

from __future__ import annotations

from pathlib import Path

from tests.tui.test_cli_export import build_record


def test_the_resumes_checks_are_told_once_for_its_three_formats(ada, tmp_path: Path):
    build_record(ada)
    result = ada("export", "all", "--out", str(tmp_path / "out"))
    assert result.code == 0, result.err
    checks = [line for line in result.err.splitlines() if line.startswith("check ")]
    assert len(checks) == len(set(checks))
    resume = [line for line in checks if "resume" in line]
    assert resume, "the test record's resume should have something to check"
    assert all(line.startswith("check resume.md, resume.json, resume.html: ") for line in resume)
    messages = [line.split(": ", 1)[1] for line in checks]
    assert len(messages) == len(set(messages))
    strict = ada("export", "all", "--out", str(tmp_path / "again"), "--strict")
    assert strict.code == 1 and f"{len(checks)} finding" in strict.err
