"""The installed `proofwork` in a real terminal (tmux): onboard, log a day, tick a task, write its note in
$EDITOR, quit; then the file.

Reads the screen with `tmux capture-pane -p` as a person would see it, and checks the SQLite file afterwards.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PROOFWORK = Path(sys.executable).parent / "proofwork"


def tmux(*args: str) -> str:
    result = subprocess.run(["tmux", *args], capture_output=True, text=True, check=True)
    return result.stdout


class Terminal:
    def __init__(self, session: str) -> None:
        self.session = session

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.session)

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        # One key at a time, as typed: a burst of keys in one write can arrive as one chunk.
        for key in keys:
            tmux("send-keys", "-t", self.session, key)
            # Moving focus settles on the next frame; what is typed after it must go to the new field.
            time.sleep(0.5 if key in ("Tab", "Enter") else 0.15)

    def type(self, text: str) -> None:
        for char in text:
            tmux("send-keys", "-t", self.session, "-l", char)
            time.sleep(0.05)


@pytest.fixture
def terminal(tmp_path: Path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (CI installs it in .ci/run)")
    if not PROOFWORK.exists():
        pytest.skip(f"the console script {PROOFWORK} is not installed (run `uv sync`)")
    home = tmp_path / "home"
    env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PROOFWORK_DB_URL": f"sqlite:///{tmp_path / 'e2e.db'}",
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
    }
    editor = tmp_path / "editor.sh"  # a stand-in $EDITOR: writes the note and exits
    editor.write_text('#!/bin/sh\necho "chunked at 512 tokens, from the editor" > "$1"\n')
    editor.chmod(0o755)
    env["EDITOR"] = str(editor)
    exported = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
    status = tmp_path / "exit-status"
    command = f"env -i {exported} {shlex.quote(str(PROOFWORK))}; echo $? > {shlex.quote(str(status))}"
    session = f"proofwork-e2e-{uuid.uuid4().hex[:8]}"
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "32", "sh", "-c", command)
    try:
        yield Terminal(session), tmp_path / "e2e.db", status
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)


def test_a_first_day_in_the_app(terminal):
    term, db, status = terminal

    term.wait_for("Welcome to proofwork", timeout=60)
    term.type("Ada Tester")
    term.keys("Tab")
    term.type("Prompt Engineer")
    term.keys("Enter")

    term.wait_for("1 of 7")
    term.keys("4", "2", "1", "3", "2", "3", "3")
    term.wait_for("all scored")
    term.keys("Enter")  # the Save button has focus after the seventh score

    screen = term.wait_for("Day 1 of 90")
    assert "Ada Tester" in screen and "AI Engineer" in screen

    term.keys("l")
    term.wait_for("Log time")
    term.type("45")
    term.keys("Tab")
    term.type("set up the workbench")
    term.keys("Enter")
    term.wait_for("Today   45m")

    term.keys("space")  # the task table has focus: tick the first task
    term.wait_for("Tasks 2/")  # the onboarding assessment already ticked "Score yourself" (a re-assessment task)

    term.keys("n")  # a note on that task, written in $EDITOR (the app suspends, then comes back)
    term.wait_for("Note on:")
    term.keys("C-o")
    term.wait_for("from the editor")
    term.keys("C-s")
    term.wait_for("note saved")

    term.keys("C-q")
    deadline = time.monotonic() + 15
    while not status.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert status.read_text().strip() == "0"

    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT name, current_role, target_role FROM learners").fetchall() == [
            ("Ada Tester", "Prompt Engineer", "ai-engineer")
        ]
        assert connection.execute("SELECT count(*) FROM assessment_scores").fetchone() == (7,)
        assert connection.execute("SELECT minutes, note FROM log_entries").fetchall() == [(45, "set up the workbench")]
        assert connection.execute("SELECT task_key, status, note FROM task_states ORDER BY task_key").fetchall() == [
            ("w01-pick-role-family", "done", "chunked at 512 tokens, from the editor"),
            ("w01-score-competencies", "done", ""),  # ticked by the assessment itself
        ]
