"""Commit history from ONE `git log`: timestamps, authors and subjects up to the graded commit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grader.gitcmd import run_git

MAX_COMMITS = 20_000


@dataclass(frozen=True)
class Commit:
    sha: str
    timestamp: int
    author: str
    subject: str


@dataclass(frozen=True)
class History:
    commits: list[Commit]  # newest first
    truncated: bool

    @property
    def authors(self) -> int:
        return len({c.author for c in self.commits})


SUBJECT_CHARS = 200  # git cuts subjects and emails as it prints them: a 1 GB message never reaches us
EMAIL_CHARS = 120


def read_history(git_dir: Path, commit: str, timeout: float, memory_mb: int = 0) -> History:
    fields = f"%H%x1f%ct%x1f%<({EMAIL_CHARS},trunc)%aE%x1f%<({SUBJECT_CHARS},trunc)%s%x1e"
    out = run_git(
        git_dir,
        ["log", "--no-color", "--no-show-signature", f"--max-count={MAX_COMMITS}", f"--format={fields}", commit],
        timeout=timeout,
        memory_mb=memory_mb,
    )
    commits = []
    for record in out.decode("utf-8", "replace").split("\x1e"):
        parts = record.strip("\n").split("\x1f")
        if len(parts) == 4 and parts[1].isdigit():
            commits.append(Commit(parts[0], int(parts[1]), parts[2].rstrip().lower(), parts[3].rstrip()))
    return History(commits, truncated=len(commits) >= MAX_COMMITS)
