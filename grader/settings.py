"""What a grade may touch: allowed hosts, where clones are cached, and the caps on size and time."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field

MIB = 1024 * 1024


def default_cache_dir() -> Path:
    override = os.environ.get("PROOFWORK_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("proofwork"))


def _default_hosts() -> list[str]:
    raw = os.environ.get("PROOFWORK_GRADER_HOSTS", "")
    hosts = [h.strip().lower() for h in raw.split(",") if h.strip()]
    return hosts or ["github.com"]


class GraderSettings(BaseModel):
    """Limits and places for one grade. Defaults read PROOFWORK_GRADER_HOSTS and PROOFWORK_CACHE_DIR."""

    allowed_hosts: list[str] = Field(default_factory=_default_hosts)
    # https only by default; a test serving a repository with `git daemon` adds "git".
    allowed_schemes: list[str] = Field(default_factory=lambda: ["https"])
    cache_dir: Path = Field(default_factory=default_cache_dir)
    clone_timeout_s: float = 300.0
    git_timeout_s: float = 120.0
    max_file_bytes: int = 1 * MIB
    max_files: int = 10_000
    max_total_bytes: int = 128 * MIB
    # Per-file metrics time box; parsing is not interruptible, so this leaves room under 2 s a file.
    file_timeout_s: float = 1.5
    # Address space of each git process reading graded objects: a zlib bomb (a 1 GB commit message in a
    # few MB of .git) makes git fail "out of memory" instead of taking the machine's memory.
    git_memory_mb: int = 448
    # The whole grade's deadline: checks and files not finished by then are "not assessed", with that reason.
    deadline_s: float = 300.0
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1)
    use_cache: bool = True  # per-file metrics by blob SHA
    reuse_grades: bool = True  # a commit already graded with the same grader, tables and rubric
    profile_path: Path | None = None
    # The end of the delivery window (epoch seconds); None means now. Tests pin it.
    now: float | None = None

    def clock(self) -> float:
        import time

        return self.now if self.now is not None else time.time()

    @property
    def repos_dir(self) -> Path:
        return self.cache_dir / "repos"

    @property
    def metrics_cache_path(self) -> Path:
        return self.cache_dir / "grader-metrics.sqlite"

    @property
    def grades_cache_path(self) -> Path:
        return self.cache_dir / "grader-grades.sqlite"
