"""The one way the grader runs git: fixed options first, user text never in option position.

Git only ever runs on repositories of ours: a bare clone in the cache (remote targets) or a fresh repository
that borrows a graded repository's objects (grader.borrow). Never with `--git-dir` on a graded repository,
because git then reads that repository's config, and a config can name programs for git to run (a promisor
remote's `core.sshCommand`, `gpg.program` under `log.showSignature`, `core.fsmonitor`, filters, drivers,
`include.path` pulling in more of the same...). `-c` on the command line does outrank the repository's own
config, but only for the keys it names, and there are too many keys that run programs to name them all.

The options below are defence in depth on top of that: they also keep our own repositories inert, and the
environment drops every GIT_* variable and the user's global and system config.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from curriculum.errors import UserError

# Inert git: no hooks, fsmonitor, credential prompts, signature checks, commit-graph files from the graded
# repository (they could lie about parents), and bounded pack memory so the memory cap below holds.
SAFE_CONFIG: tuple[str, ...] = (
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "credential.helper=",
    "-c",
    "core.askPass=",
    "-c",
    "submodule.recurse=false",
    "-c",
    "core.quotePath=false",
    "-c",
    "log.showSignature=false",
    "-c",
    "core.commitGraph=false",
    "-c",
    "core.packedGitLimit=128m",
    "-c",
    "core.packedGitWindowSize=32m",
    "-c",
    "core.deltaBaseCacheLimit=32m",
    "-c",
    "core.bigFileThreshold=16m",
)


def git_env() -> dict[str, str]:
    """The environment for every git call: no GIT_* from outside, no system or global config, no prompts."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_ASKPASS="/bin/false",
        SSH_ASKPASS="/bin/false",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL="/dev/null",
        GIT_PROTOCOL_FROM_USER="0",
        GIT_NO_REPLACE_OBJECTS="1",
        GIT_NO_LAZY_FETCH="1",  # git 2.44+; older gits never lazy-fetch here anyway (no promisor in our config)
        GIT_OPTIONAL_LOCKS="0",
        LC_ALL="C",
    )
    return env


class GitFailed(Exception):
    """A git command exited non-zero; stderr is kept for the message."""

    def __init__(self, args: Sequence[str], code: int, stderr: str) -> None:
        super().__init__(f"git {' '.join(args[:3])} failed ({code}): {stderr.strip()[:300]}")
        self.code = code
        self.stderr = stderr

    @property
    def out_of_memory(self) -> bool:
        return "out of memory" in self.stderr.lower() or "cannot allocate" in self.stderr.lower()


def _memory_capped(cmd: list[str], megabytes: int) -> list[str]:
    """`cmd` run under an address-space cap (a shell's `ulimit -v`: set in the child before git starts, so
    a 1 GB commit message makes git fail with "out of memory" instead of taking a gigabyte)."""
    if megabytes <= 0:
        return cmd
    return ["/bin/sh", "-c", f'ulimit -v {megabytes * 1024} 2>/dev/null; exec "$@"', "git", *cmd]


def run_git(
    git_dir: Path | None,
    args: Sequence[str],
    *,
    input: bytes | None = None,
    timeout: float = 120.0,
    extra_config: Sequence[str] = (),
    cwd: Path | None = None,
    check: bool = True,
    memory_mb: int = 0,
) -> bytes:
    """Run git with SAFE_CONFIG on git_dir (a repository of ours); returns stdout bytes. `memory_mb` caps the
    git process's address space (reads of graded objects pass one; clones and fetches of our own do not)."""
    cmd: list[str] = ["git", *SAFE_CONFIG, *extra_config]
    if git_dir is not None:
        cmd += ["--git-dir", str(git_dir)]
    cmd += list(args)
    try:
        done = subprocess.run(
            _memory_capped(cmd, memory_mb),
            input=input,
            capture_output=True,
            timeout=timeout,
            env=git_env(),
            # Never the caller's folder: that may be the graded repository, and a git that goes looking for
            # a repository there (or resolves a relative program path against it) must find nothing.
            cwd=cwd or "/",
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise UserError(f"git took longer than {timeout:.0f}s ({' '.join(args[:2])}); try again later") from error
    if check and done.returncode != 0:
        raise GitFailed(list(args), done.returncode, done.stderr.decode("utf-8", "replace"))
    return done.stdout
