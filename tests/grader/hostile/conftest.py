"""Hostile repositories, built cheaply: `git fast-import` writes thousands of files (or one odd object) in one
process, with no working tree. Each case grades through the real command line and checks the one outcome a
hostile input may have: a grade, or one line on stderr with exit code 2, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from tui.cli.app import run

_ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Ada Learner",
    "GIT_AUTHOR_EMAIL": "ada@example.com",
    "GIT_COMMITTER_NAME": "Ada Learner",
    "GIT_COMMITTER_EMAIL": "ada@example.com",
}


def plain_git(cwd: Path, *args: str, input: bytes | None = None) -> bytes:
    """git for building fixtures (never the grader's own runner)."""
    return subprocess.run(["git", *args], cwd=cwd, env=_ENV, input=input, capture_output=True, check=True).stdout


def fast_import(
    path: Path,
    files: dict[str | bytes, bytes | str] | Iterable[tuple[str | bytes, bytes | str]],
    message: str | bytes = "Add files",
    bare: bool = False,
) -> Path:
    """A repository at `path` whose main branch holds one commit with `files` (path -> content); returns the
    git directory. Paths may be bytes (names that are not UTF-8); equal contents share one blob."""
    path.mkdir(parents=True, exist_ok=True)
    plain_git(path, "init", "-q", "-b", "main", *(["--bare"] if bare else []))
    git_dir = path if bare else path / ".git"
    items = files.items() if isinstance(files, dict) else files
    stream = bytearray()
    marks: dict[bytes, int] = {}
    tree: list[tuple[bytes, int]] = []
    for name, content in items:
        data = content.encode() if isinstance(content, str) else content
        if data not in marks:
            marks[data] = len(marks) + 1
            stream += b"blob\nmark :%d\ndata %d\n" % (marks[data], len(data)) + data + b"\n"
        tree.append((name.encode() if isinstance(name, str) else name, marks[data]))
    body = message.encode() if isinstance(message, str) else message
    stream += b"commit refs/heads/main\ncommitter Ada Learner <ada@example.com> 1760000000 +0000\n"
    stream += b"data %d\n" % len(body) + body + b"\n"
    for name, mark in tree:
        quoted = b'"' + name.replace(b"\\", b"\\\\").replace(b'"', b'\\"').replace(b"\n", b"\\n") + b'"'
        stream += b"M 100644 :%d %s\n" % (mark, quoted)
    plain_git(git_dir, "fast-import", "--quiet", input=bytes(stream))
    return git_dir


GradeRun = tuple[int, dict | None, str, str]


@pytest.fixture
def grade(capsys: pytest.CaptureFixture[str]) -> Callable[..., GradeRun]:
    """Run `proofwork grade` (JSON unless a format is given): (exit code, report or None, stdout, stderr)."""

    def _grade(target: str | Path, *extra: str) -> GradeRun:
        argv = ["grade", *(extra if "--format" in extra else ("--format", "json", *extra)), "--", str(target)]
        code = run(argv)
        out, err = capsys.readouterr()
        report = json.loads(out) if code in (0, 1) and "--format" not in extra and out.strip() else None
        assert "Traceback" not in err, err
        return code, report, out, err

    return _grade


def one_line(code: int, err: str) -> str:
    """The refusal every hostile input that cannot be graded must give: exit 2, one line, no traceback."""
    assert code == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err.strip()


def skipped(report: dict) -> dict[str, str]:
    return {s["path"]: s["reason"] for s in report["skipped"]}
