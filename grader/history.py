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


def read_history(git_dir: Path, commit: str, timeout: float) -> History:
    out = run_git(
        git_dir,
        ["log", "--no-color", f"--max-count={MAX_COMMITS}", "--format=%H%x1f%ct%x1f%aE%x1f%s%x1e", commit],
        timeout=timeout,
    )
    commits = []
    for record in out.decode("utf-8", "replace").split("\x1e"):
        fields = record.strip("\n").split("\x1f")
        if len(fields) == 4:
            commits.append(Commit(fields[0], int(fields[1]), fields[2].lower(), fields[3]))
    return History(commits, truncated=len(commits) >= MAX_COMMITS)
