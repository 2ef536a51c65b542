"""A PostgreSQL server a person got wrong (down, wrong password, no such database): one line, exit 2.

The line names the server without the password; nothing is written anywhere.
"""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from tests.tracker.conftest import pg_base_url
from tui.cli.app import run


def proofwork(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_unreachable_server_is_one_line(capsys, tmp_path):
    url = "postgresql+psycopg://mentor:s3cret@127.0.0.1:1/cohort"
    code, out, err = proofwork(capsys, "--db", url, "data", "export", str(tmp_path / "x.json"))
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("proofwork: cannot reach the database postgresql+psycopg://mentor:***@127.0.0.1:1/cohort")
    assert "refused" in err.lower() and "s3cret" not in err
    assert not (tmp_path / "x.json").exists()


def test_a_url_without_a_known_driver_is_one_line(capsys, tmp_path):
    url = "postgresql+nodriver://u:pw@localhost/x"
    code, _, err = proofwork(capsys, "--db", url, "data", "export", str(tmp_path / "x.json"))
    assert code == 2 and err.startswith("proofwork: cannot use database URL") and "pw" not in err


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"password": "wrong-password"}, "password authentication failed"),
        ({"database": "nope"}, "does not exist"),
    ],
)
def test_a_wrong_password_or_database_is_one_line(capsys, tmp_path, change, expected):
    url = make_url(pg_base_url()).set(**change).render_as_string(hide_password=False)
    code, out, err = proofwork(capsys, "--db", url, "data", "export", str(tmp_path / "x.json"))
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and expected in err, err
    # The URL's password never shows (as ":PASSWORD@"; a short password may well occur inside other words).
    assert "wrong-password" not in err and f":{make_url(pg_base_url()).password}@" not in err


def test_a_value_too_long_is_refused_the_same_on_both_engines(engine_url, capsys):
    """SQLite ignores VARCHAR lengths, PostgreSQL enforces them: proofwork checks them first, on both."""
    init = ["--db", engine_url, "init", "--name", "Ada", "--target-role", "AI Engineer", "--start", "2026-01-05"]
    assert proofwork(capsys, *init)[0] == 0
    add = ["--db", engine_url, "artifact", "add", "--week", "1", "--kind", "demo", "--title", "t" * 400]
    code, out, err = proofwork(capsys, *add)
    assert (code, out) == (2, "")
    assert err.strip() == "proofwork: title is 400 characters long; the record keeps at most 300"
    code, out, _ = proofwork(capsys, "--db", engine_url, "artifact", "list", "--json")
    assert code == 0 and out.strip() == "[]"
    add[-1] = "t" * 300
    assert proofwork(capsys, *add)[0] == 0
