"""The one way the grader runs git: fixed options first, user text never in option position.

Every call disables hooks, fsmonitor, pagers, prompts and credential helpers, because the repository
(and for a local path its config) comes from someone else.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from curriculum.errors import UserError

# Options that make git inert: no hooks, no fsmonitor command, no credential prompts, no lazy fetch transport.
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
)


def git_env() -> dict[str, str]:
    """The environment for every git call: no prompts, no system/global config surprises."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_ASKPASS="/bin/false",
        SSH_ASKPASS="/bin/false",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL="/dev/null",
        GIT_PROTOCOL_FROM_USER="0",
        LC_ALL="C",
    )
    return env


class GitFailed(Exception):
    """A git command exited non-zero; stderr is kept for the message."""

    def __init__(self, args: Sequence[str], code: int, stderr: str) -> None:
        super().__init__(f"git {' '.join(args[:3])} failed ({code}): {stderr.strip()[:300]}")
        self.code = code
        self.stderr = stderr


def run_git(
    git_dir: Path | None,
    args: Sequence[str],
    *,
    input: bytes | None = None,
    timeout: float = 120.0,
    extra_config: Sequence[str] = (),
    cwd: Path | None = None,
    check: bool = True,
) -> bytes:
    """Run git with SAFE_CONFIG on git_dir (a bare or .git directory); returns stdout bytes."""
    cmd: list[str] = ["git", *SAFE_CONFIG, *extra_config]
    if git_dir is not None:
        cmd += ["--git-dir", str(git_dir)]
    cmd += list(args)
    try:
        done = subprocess.run(
            cmd,
            input=input,
            capture_output=True,
            timeout=timeout,
            env=git_env(),
            cwd=cwd,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise UserError(f"git took longer than {timeout:.0f}s ({' '.join(args[:2])}); try again later") from error
    if check and done.returncode != 0:
        raise GitFailed(list(args), done.returncode, done.stderr.decode("utf-8", "replace"))
    return done.stdout
