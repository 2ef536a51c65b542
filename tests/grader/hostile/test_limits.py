"""Memory and time are bounded: sizes are checked before reading, git's own memory is capped, and a grade
has a deadline. The huge objects are built cheaply: a loose object's header claims the size, and git (or
the grader) must act on that claim without ever holding the bytes."""

from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path

from grader.grade import grade_repository
from grader.report import Outcome
from grader.settings import GraderSettings
from grader.snapshot import _notebook_code

from .conftest import fast_import, plain_git, skipped

GB = 1024**3


def _claimed_object(git_dir: Path, kind: str, claimed: int, body: bytes) -> str:
    """A loose object whose header says `claimed` bytes though it holds `body`: what a reader sees first."""
    raw = f"{kind} {claimed}\0".encode() + body
    sha = hashlib.sha1(raw).hexdigest()
    folder = git_dir / "objects" / sha[:2]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / sha[2:]).write_bytes(zlib.compress(raw))
    return sha


def test_a_1_5_gb_pyproject_is_never_read(tmp_path, grade):
    git_dir = fast_import(tmp_path / "r", {"app.py": "x = 1\n"})
    blob = _claimed_object(git_dir, "blob", 3 * GB // 2, b'[tool.proofwork.grader]\nexclude = ["app.py"]\n')
    app = plain_git(git_dir, "rev-parse", "main:app.py").decode().strip()
    tree = plain_git(
        git_dir, "mktree", input=f"100644 blob {app}\tapp.py\n100644 blob {blob}\tpyproject.toml\n".encode()
    )
    commit = plain_git(git_dir, "commit-tree", tree.decode().strip(), "-m", "Add a huge pyproject")
    plain_git(git_dir, "update-ref", "refs/heads/main", commit.decode().strip())
    code, report, _, _ = grade(tmp_path / "r")
    assert code == 0
    assert skipped(report)["pyproject.toml"].startswith("over")  # its size was read, never its bytes
    assert report["coverage"]["files_read"] == 1  # and its exclude was never applied


def test_a_1_gb_commit_message_leaves_history_unread_with_the_reason(tmp_path, grade):
    git_dir = fast_import(tmp_path / "r", {"app.py": "x = 1\n"})
    tree = plain_git(git_dir, "rev-parse", "main^{tree}").decode().strip()
    ident = "Ada <ada@example.com> 1760000000 +0000"
    bomb = _claimed_object(git_dir, "commit", GB, f"tree {tree}\nauthor {ident}\ncommitter {ident}\n\n".encode())
    head = f"tree {tree}\nparent {bomb}\nauthor {ident}\ncommitter {ident}\n\nAdd the app on top\n"
    sha = plain_git(git_dir, "hash-object", "-t", "commit", "-w", "--stdin", input=head.encode()).decode().strip()
    plain_git(git_dir, "update-ref", "refs/heads/main", sha)
    code, report, _, _ = grade(tmp_path / "r")
    assert code == 0
    delivery = report["dimensions"]["delivery"]["findings"]
    assert all(f["outcome"] == "not_applicable" for f in delivery)
    assert "allowance" in delivery[0]["message"] or "git log failed" in delivery[0]["message"]


def test_long_subjects_are_cut_where_git_prints_them(tmp_path, isolated_cache):
    subject = "Add " + "very " * 20_000 + "long subject"
    fast_import(tmp_path / "r", {"app.py": "x = 1\n"}, message=subject)
    seen = []
    settings = GraderSettings(cache_dir=isolated_cache, workers=1)
    grade_repository(str(tmp_path / "r"), settings=settings, on_context=seen.append)
    (commit,) = seen[0].history.commits
    assert commit.subject.startswith("Add very") and len(commit.subject) <= 200  # git cut it, not Python


def test_the_deadline_leaves_unfinished_checks_not_assessed(tmp_path, isolated_cache):
    fast_import(tmp_path / "r", {"app.py": "import anthropic\n", "README.md": "# Demo\n"})
    settings = GraderSettings(cache_dir=isolated_cache, deadline_s=0.0, workers=1, reuse_grades=False)
    report = grade_repository(str(tmp_path / "r"), settings=settings)
    errors = [f for f in report.findings() if f.outcome == Outcome.error]
    assert errors and all("deadline" in f.message for f in errors)
    assert report.coverage.rubric_weight_assessed < 1


def test_notebook_line_mapping_is_a_lookup_not_a_search():
    """A 900 KB notebook whose every line needs escaping: each code line still maps to its own JSON line."""
    source = [f'print("row {i} \\\\ tab\\t quote\\" é")\n' for i in range(20_000)]
    raw = json.dumps({"cells": [{"cell_type": "code", "source": source}]}, indent=1, ensure_ascii=False)
    text, line_map = _notebook_code(raw)
    raw_lines = raw.splitlines()
    assert len(raw) > 900_000
    for n in (0, 1, 9_999, 19_999):
        assert text.splitlines()[n] == source[n].rstrip("\n")
        assert json.dumps(source[n], ensure_ascii=False)[1:-3] in raw_lines[line_map[n] - 1]


def test_notebooks_with_odd_sources_and_deep_nesting(tmp_path, grade):
    files = {
        "odd.ipynb": json.dumps({"cells": [{"cell_type": "code", "source": [1, None, "import os\n"]}, 7, None]}),
        "number.ipynb": json.dumps({"cells": [{"cell_type": "code", "source": 42}]}),
        "deep.ipynb": "[" * 100_000 + "]" * 100_000,
        "not_object.ipynb": "[1, 2, 3]",
    }
    code, report, _, _ = grade(fast_import(tmp_path / "r", files))
    assert code == 0
    assert "not valid JSON" in skipped(report)["deep.ipynb"]
    assert report["coverage"]["files_read"] == 2  # odd.ipynb and number.ipynb, read for what they hold


def test_a_readme_aimed_at_the_markdown_parser(tmp_path, grade):
    """markdown-it spends tens of microseconds a character on a megabyte of '[': only the head is parsed."""
    readme = "# Demo\n\n## Setup\n\nRun it.\n" + ("[" * 1000 + "\n") * 900
    code, report, _, _ = grade(fast_import(tmp_path / "r", {"README.md": readme}))
    assert code == 0
    setup = next(f for f in report["dimensions"]["docs"]["findings"] if f["probe"] == "docs.setup")
    assert setup["outcome"] != "error"
