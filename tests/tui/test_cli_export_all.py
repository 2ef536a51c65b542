"""`export all` tells each check once, naming every file it was found in."""

from __future__ import annotations

from pathlib import Path

from tests.tui.test_cli_export import build_record
from tracker.exports.document import Finding
from tracker.exports.documents import ExportBundle


def test_each_check_is_told_once(ada, tmp_path: Path):
    build_record(ada)
    result = ada("export", "all", "--out", str(tmp_path / "out"))
    assert result.code == 0, result.err
    checks = [line for line in result.err.splitlines() if line.startswith("check ")]
    assert checks and len(checks) == len(set(checks))
    strict = ada("export", "all", "--out", str(tmp_path / "again"), "--strict")
    assert strict.code == 1 and f"{len(checks)} finding" in strict.err


def test_a_finding_shared_by_several_files_is_one_check_naming_them_all(tmp_path: Path):
    shared = Finding("buzzword", "'spearheaded' claims without showing", "Projects")
    own = Finding("no-baseline", "no metric has a baseline", "Evaluation")
    bundle = ExportBundle(
        tmp_path, [], {"resume.md": [shared], "resume.json": [shared], "resume.html": [shared], "cs.md": [own]}
    )
    assert bundle.checks() == [(shared, ["resume.md", "resume.json", "resume.html"]), (own, ["cs.md"])]
