"""Real git repositories built in tmp_path with the git CLI, and settings that keep caches in tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.settings import GraderSettings

FIXTURES = Path(__file__).parent / "fixtures"
DAY = 86_400
BASE_TIME = 1_760_000_000  # a fixed "now" so dated histories are reproducible


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    full_env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Ada Learner",
        "GIT_AUTHOR_EMAIL": "ada@example.com",
        "GIT_COMMITTER_NAME": "Ada Learner",
        "GIT_COMMITTER_EMAIL": "ada@example.com",
        **(env or {}),
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=full_env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


class Repo:
    """A working copy under construction: write files, then commit them (optionally at a given time)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        git(path, "init", "-q", "-b", "main")

    def write(self, rel: str, content: str | bytes) -> Path:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        return target

    def copy_tree(self, source: Path) -> None:
        shutil.copytree(source, self.path, dirs_exist_ok=True)

    def commit(self, message: str = "Add files", at: int | None = None) -> str:
        git(self.path, "add", "-A")
        stamp = f"@{at if at is not None else BASE_TIME} +0000"
        git(
            self.path,
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            message,
            env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp},
        )
        return git(self.path, "rev-parse", "HEAD")

    def show(self, commit: str, path: str) -> str:
        return git(self.path, "show", f"{commit}:{path}")


@pytest.fixture
def make_repo(tmp_path: Path) -> Iterator[callable]:
    made = 0

    def factory(files: dict[str, str | bytes] | None = None, message: str = "Add files") -> Repo:
        nonlocal made
        made += 1
        repo = Repo(tmp_path / f"repo{made}")
        for rel, content in (files or {}).items():
            repo.write(rel, content)
        if files:
            repo.commit(message)
        return repo

    yield factory


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache folder and only the default host list."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("PROOFWORK_CACHE_DIR", str(cache))
    monkeypatch.delenv("PROOFWORK_GRADER_HOSTS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return cache


@pytest.fixture
def settings(tmp_path: Path) -> GraderSettings:
    return GraderSettings(cache_dir=tmp_path / "cache", workers=1, now=BASE_TIME + 3600)


def build_rag_repo(make_repo: callable) -> Repo:
    """The realistic RAG portfolio fixture, committed over five weeks of work."""
    repo: Repo = make_repo()
    source = FIXTURES / "rag_app"
    steps = [
        (
            "Add ingestion and retrieval pipeline",
            ["pyproject.toml", "uv.lock", ".gitignore", ".env.example", "rag/"],
        ),
        ("Add FastAPI endpoint with request validation", ["app/"]),
        ("Add pytest suite for chunking and retrieval", ["tests/"]),
        ("Add golden dataset and DeepEval suite with thresholds", ["evals/"]),
        ("Run tests and evals in CI", [".github/"]),
        ("Document architecture, results and trade-offs", ["README.md", "LICENSE", "docs/", "notebooks/"]),
    ]
    for n, (message, parts) in enumerate(steps):
        for part in parts:
            src = source / part
            if src.is_dir():
                shutil.copytree(src, repo.path / part, dirs_exist_ok=True)
            else:
                shutil.copy(src, repo.path / part)
        repo.commit(message, at=BASE_TIME - (len(steps) - n) * 6 * DAY)
    return repo


# The fixture repositories hold their own tests; they are data here, never collected.
collect_ignore_glob = ["fixtures/*"]
