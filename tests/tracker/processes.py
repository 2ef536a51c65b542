"""Real processes running proofwork commands at the same moment, as cheaply as processes can be had.

The children are forked from the test process after the modules and the curriculum are loaded, so the test
pays for one interpreter start instead of one per process: what is tested is the race between processes
(each with its own connections and its own transactions), the same race as between terminals.
tracker.db forgets inherited engines in a forked child, so no connection is shared with the parent.
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Outcome:
    argv: list[str]
    code: int
    err: str
    ms: float


def warm_up() -> None:
    """Load here what every child would otherwise load on its own (after fork they share it)."""
    import grader.answers  # noqa: F401
    import tui.cli.commands  # noqa: F401
    from curriculum.catalog import load_catalog
    from curriculum.drills import load_bank

    load_catalog()
    load_bank()


def run_at_once(scripts: list[list[list[str]]], folder: Path) -> list[list[Outcome]]:
    """Fork one process per script, start them together, and return each command's exit code and stderr."""
    warm_up()
    go = folder / "go"
    reports = [folder / f"process-{n}" for n in range(len(scripts))]
    children = []
    for script, report in zip(scripts, reports, strict=True):
        pid = os.fork()
        if pid == 0:
            _child(script, go, report)
        children.append(pid)
    go.touch()
    try:
        statuses = [os.waitpid(pid, 0)[1] for pid in children]
    except BaseException:
        for pid in children:
            os.kill(pid, signal.SIGKILL)
        raise
    outcomes = []
    for script, report, status in zip(scripts, reports, statuses, strict=True):
        crashed = Path(f"{report}.crash")
        assert status == 0 and not crashed.exists(), crashed.read_text() if crashed.exists() else status
        lines = [line.split("\t", 2) for line in report.read_text().split("\0") if line]
        outcomes.append(
            [Outcome(argv, int(code), err, float(ms)) for argv, (code, ms, err) in zip(script, lines, strict=True)]
        )
    return outcomes


def _child(script: list[list[str]], go: Path, report: Path) -> None:
    """Wait for the start, run each command as `proofwork` would, record code/time/stderr; never return."""
    status = 1
    try:
        import contextlib
        import io
        import traceback

        from tui.cli.app import run

        while not go.exists():
            time.sleep(0.002)
        records = []
        for argv in script:
            started = time.perf_counter()
            err = io.StringIO()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                try:
                    code = run(argv)
                except BaseException:  # a traceback: what these tests exist to catch
                    traceback.print_exc()
                    code = 1
            records.append(f"{code}\t{(time.perf_counter() - started) * 1000:.1f}\t{err.getvalue()}")
        report.write_text("\0".join(records) + "\0")
        status = 0
    except BaseException:
        import traceback

        Path(f"{report}.crash").write_text(traceback.format_exc())
    finally:
        os._exit(status)
