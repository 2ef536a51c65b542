"""Bad command lines are one line and exit 2, and change nothing, on both engines.

Each case is one a reliability review found ending in a traceback: a week that is not a whole number, an
infinite answer time, ids too large for any row, outputs in /proc or on a device, NaN hours.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tracker.db import open_session
from tracker.models import Base
from tui.cli.app import run

HUGE = "99999999999999999999"


def proofwork(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def rows(url: str) -> int:
    with open_session(url, read_only=True) as session:
        return sum(session.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables)


@pytest.fixture
def ada(record_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    init = ["init", "--name", "Ada", "--target-role", "AI Engineer", "--start", "2026-01-05"]
    assert proofwork(capsys, *init)[0] == 0
    return record_url


BAD_LINES = {
    "week abc": (["artifact", "list", "--week", "abc"], "week 'abc' is not a number from 1 to 12"),
    "week 1.5": (["artifact", "list", "--week", "1.5"], "week '1.5' is not a number from 1 to 12"),
    "seconds inf": (["drill", "score", "--theme", "rag-design", "--answer", "x", "--seconds", "inf"], "--seconds inf"),
    "seconds nan": (["drill", "score", "--theme", "rag-design", "--answer", "x", "--seconds", "nan"], "--seconds nan"),
    "seconds -1": (["drill", "score", "--theme", "rag-design", "--answer", "x", "--seconds", "-1"], "--seconds -1"),
    "huge artifact id": (["story", "add", "--title", "t", "--artifact", HUGE], f"no artifact #{HUGE}"),
    "huge story id": (["story", "edit", HUGE, "--title", "t"], f"no story #{HUGE}"),
    "10**30 minutes": (["log", "--minutes", str(10**30)], "is more than a day holds"),
    "hours nan": (
        ["init", "--name", "B", "--handle", "b", "--target-role", "AI Engineer", "--hours", "nan"],
        "--hours",
    ),
    "hours inf": (
        ["init", "--name", "B", "--handle", "b", "--target-role", "AI Engineer", "--hours", "inf"],
        "--hours",
    ),
    "long handle": (
        ["init", "--name", "B", "--handle", "h" * 81, "--target-role", "AI Engineer"],
        "handle is 81 characters long",
    ),
    "long name": (["profile", "edit", "--name", "n" * 201], "name is 201 characters long"),
    "profile hours nan": (["profile", "edit", "--hours", "nan"], "--hours nan is not a number of hours"),
    "long organisation": (
        ["experience", "add", "--role", "PE", "--start", "2023", "--organisation", "o" * 201],
        "the organisation is 201 characters long",
    ),
    "huge job id": (["experience", "edit", HUGE, "--role", "PE"], f"no job #{HUGE}"),
    "huge artifact to delete": (["artifact", "delete", HUGE, "--yes"], f"no artifact #{HUGE}"),
}


@pytest.mark.parametrize("case", BAD_LINES)
def test_a_bad_command_line_is_one_line_exit_2_and_writes_nothing(ada, capsys, case):
    argv, expected = BAD_LINES[case]
    before = rows(ada)
    code, out, err = proofwork(capsys, *argv)
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and expected in err, err
    assert rows(ada) == before, "nothing is written, not even the drill cards a first drill adds"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize(
    "argv",
    [["data", "export", "/proc/x.json"], ["backup", "/proc/x.db"], ["export", "resume", "-o", "/proc/x.md"]],
    ids=["data export", "backup", "export resume"],
)
def test_an_output_in_proc_is_one_line(ada, capsys, argv):
    if argv[0] == "backup" and not ada.startswith("sqlite"):
        pytest.skip("on PostgreSQL `backup` prints the pg_dump line and writes nothing")
    code, out, err = proofwork(capsys, *argv)
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and "cannot write" in err and "/proc/x." in err, err


@pytest.mark.parametrize(
    "argv",
    [["data", "export", "{}"], ["backup", "--force", "{}"], ["export", "resume", "-o", "{}"]],
    ids=["data export", "backup", "export resume"],
)
def test_an_output_that_is_a_device_or_pipe_stays_what_it_is(ada, capsys, tmp_path, argv):
    """A named pipe stands in for /dev/full: replacing it with a file is what the old writer did."""
    if argv[0] == "backup" and not ada.startswith("sqlite"):
        pytest.skip("on PostgreSQL `backup` prints the pg_dump line and writes nothing")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    code, out, err = proofwork(capsys, *[part.replace("{}", str(pipe)) for part in argv])
    assert (code, out) == (2, "")
    assert "is not a regular file" in err, err
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".proofwork")] == []


def test_any_number_too_large_for_a_row_is_one_line_on_both_engines(ada):
    """The safety net under every command: a huge id reaching a query is a UserError, not a traceback."""
    from curriculum.errors import UserError
    from tracker.models import Artifact

    with pytest.raises(UserError, match=r"too large|out of range"), open_session(ada) as session:
        session.get(Artifact, 10**20)
