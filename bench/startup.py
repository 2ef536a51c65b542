"""Benchmark: how soon `proofwork` shows the learner's day, and `proofwork today --json`, against bare imports.

    uv run python bench/startup.py [--runs 7] [--size 80x24]

Every run spawns fresh processes, each timed against its baseline run just before it (paired), in one session,
so a busy machine slows both sides of a ratio:
- `python -c "import textual.app"`, then the installed `proofwork` console script in a pseudo-terminal:
  * frame: until the dashboard frame (the Today cards) has been written to the terminal;
  * data: until the learner's day ("Day N of 90") is on screen. The record has not changed since the last
    run, as on a normal morning, so the app draws the view it remembered (tracker.today_cache);
  * data, cold: the same with an empty cache folder: what the first run after a change (a `proofwork log`
    from a script, an upgrade) costs: SQLAlchemy and the curriculum load, the record is read.
- `python -c "import sqlalchemy.orm"`, then `proofwork today --json` to its exit, remembered and cold.
The record is a temporary SQLite file with a profile, made through the tracker services. Every process, the
baselines included, shares one bytecode folder (PYTHONPYCACHEPREFIX) filled by an untimed first run, as an
installed proofwork has its bytecode (tui/cli/bytecode.py). Budgets, on the
medians of the paired ratios: frame and data <= 1.5 x `import textual.app`, `today --json` <= 1.5 x
`import sqlalchemy.orm`; the script exits 1 when one is over. The cold figures are shown, not budgeted: no
start that loads SQLAlchemy after Textual can stay under 1.5 x Textual's import (see bench/README.md).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from datetime import date
from pathlib import Path

BUDGET = 1.5
FRAME_MARKER = b"Momentum"  # a card title on the Today frame, drawn before any data arrives
DATA_MARKER = b"of 90"  # "Day N of 90": the learner's day is on screen


def console_script() -> Path:
    script = Path(sys.executable).parent / "proofwork"
    if not script.exists():
        raise SystemExit(f"{script} is missing: run `uv sync` first")
    return script


def share_bytecode(folder: Path) -> None:
    """One bytecode folder for every process of the run, so both sides of a ratio start compiled."""
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def make_record(folder: Path) -> dict[str, str]:
    """A HOME with a database holding one profile, so the app opens on the dashboard (not onboarding)."""
    home = folder / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PROOFWORK_DB_URL": f"sqlite:///{folder / 'bench.db'}",
        "TERM": "xterm-256color",
    }
    code = (
        "from datetime import date\n"
        "from tracker.db import open_session\n"
        "from tracker.learners import ProfileInput, create_profile\n"
        "with open_session() as s:\n"
        f"    create_profile(s, ProfileInput('Bench', 'AI Engineer', date.fromisoformat('{date.today()}'), 10))\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return env


def cold(env: dict[str, str], folder: Path) -> dict[str, str]:
    """The same record with an empty cache folder: nothing remembered."""
    cache = folder / "cold-cache"
    shutil.rmtree(cache, ignore_errors=True)
    return {**env, "XDG_CACHE_HOME": str(cache)}


def time_process(argv: list[str], env: dict[str, str] | None = None) -> float:
    began = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def time_app(env: dict[str, str], size: tuple[int, int], timeout: float = 30) -> tuple[float, float]:
    """Seconds to the painted frame and to the painted data, reading what the app writes to its terminal."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the app
        os.execve(str(console_script()), [str(console_script())], env)
    columns, lines = size
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    began = time.perf_counter()
    seen = b""
    frame = data = 0.0
    try:
        while time.perf_counter() - began < timeout and not data:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            seen = seen[-4096:] + chunk
            now = time.perf_counter() - began
            if not frame and FRAME_MARKER in seen:
                frame = now
            if DATA_MARKER in seen:
                frame = frame or now  # data and frame in one write: the frame was there as soon
                data = now
        # Leave through ctrl+q after the record has been read (the app remembers today's view then).
        time.sleep(0.3)
        os.write(fd, b"\x11")
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            finished, _status = os.waitpid(pid, os.WNOHANG)
            if finished:
                break
            try:
                if select.select([fd], [], [], 0.05)[0]:
                    os.read(fd, 65536)
            except OSError:
                pass
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
    if not frame or not data:
        raise SystemExit(f"the dashboard never painted within {timeout} s (frame {frame:.2f}, data {data:.2f})")
    return frame, data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", default="80x24", help="terminal size, COLSxROWS")
    args = parser.parse_args(argv)
    columns, lines = (int(n) for n in args.size.split("x"))
    size = (columns, lines)
    python, script = sys.executable, str(console_script())
    runs: dict[str, list[float]] = {
        name: [] for name in ("textual", "frame", "data", "data_cold", "sqlalchemy", "json", "json_cold")
    }
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        share_bytecode(folder)
        subprocess.run([python, "-c", "import textual.app, sqlalchemy.orm"], check=True)  # compiled, untimed
        env = make_record(folder)
        time_app(env, size)  # warm the file cache once, untimed; the app remembers today's view
        subprocess.run([script, "today", "--json"], env=env, check=True, stdout=subprocess.DEVNULL)
        for _ in range(args.runs):
            runs["textual"].append(time_process([python, "-c", "import textual.app"]))
            frame, data = time_app(env, size)
            runs["frame"].append(frame)
            runs["data"].append(data)
            runs["data_cold"].append(time_app(cold(env, folder), size)[1])
            runs["sqlalchemy"].append(time_process([python, "-c", "import sqlalchemy.orm"]))
            runs["json"].append(time_process([script, "today", "--json"], env))
            runs["json_cold"].append(time_process([script, "today", "--json"], cold(env, folder)))

    def ratio(name: str, base: str) -> float:
        return statistics.median(v / b for v, b in zip(runs[name], runs[base], strict=True))

    def ms(name: str) -> str:
        return f"{statistics.median(runs[name]) * 1000:7.0f} ms"

    rows = [
        ("import textual.app", "textual", None, None),
        ("proofwork: dashboard frame", "frame", "textual", BUDGET),
        ("proofwork: today's data shown", "data", "textual", BUDGET),
        ("  cold (nothing remembered)", "data_cold", "textual", None),
        ('python -c "import sqlalchemy.orm"', "sqlalchemy", None, None),
        ("proofwork today --json", "json", "sqlalchemy", BUDGET),
        ("  cold (nothing remembered)", "json_cold", "sqlalchemy", None),
    ]
    print(f"runs: {args.runs} · terminal {columns}x{lines} · medians; ratios are medians of paired runs")
    over = False
    for label, name, base, budget in rows:
        line = f"  {label:34s} {ms(name)}"
        if base is not None:
            value = ratio(name, base)
            line += f"   {value:5.2f} x {base}"
            if budget is not None:
                over |= value > budget
                line += f"   (budget {budget}){'  OVER' if value > budget else ''}"
        print(line)
    print("  every run (ms):")
    for name, values in runs.items():
        print(f"    {name:11s} {[round(v * 1000) for v in values]}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
