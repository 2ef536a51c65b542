"""Fixtures shared by every test package: an isolated home, a real SQLite file, and a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_FIXTURES = {"pg_url", "new_pg_url"}
_SET_ASIDE = pytest.StashKey[int]()


def _needs_postgres(item: pytest.Item) -> bool:
    return item.get_closest_marker("postgres") is not None or bool(PG_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a PostgreSQL server, its tests are set aside and counted on one line, not skipped one by one
    (about forty SKIPPED lines under -ra). Never under CI: PROOFWORK_REQUIRE_PG makes a missing server fail
    every one of them, and PROOFWORK_TEST_PG_URL runs them."""
    if os.environ.get("PROOFWORK_TEST_PG_URL") or os.environ.get("PROOFWORK_REQUIRE_PG"):
        return
    if "postgres" in (config.getoption("markexpr", "") or ""):
        return  # asked for by -m: let each one say why it skips
    postgres = [item for item in items if _needs_postgres(item)]
    if postgres:
        items[:] = [item for item in items if not _needs_postgres(item)]
        config.hook.pytest_deselected(items=postgres)
        config.stash[_SET_ASIDE] = len(postgres)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    count = config.stash.get(_SET_ASIDE, 0)
    if count:
        terminalreporter.write_line(
            f"{count} PostgreSQL tests not run: no server (set PROOFWORK_TEST_PG_URL, or source .ci/postgres.sh "
            "and run pg_start; CI runs them with PROOFWORK_REQUIRE_PG set)",
            yellow=True,
        )


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the real user's data, config, cache or API keys."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(var, str(home / sub))
    for var in (
        "PROOFWORK_DB_URL",
        "PROOFWORK_LEARNER",
        "PROOFWORK_MODEL",
        "GITHUB_STEP_SUMMARY",
        "ANTHROPIC_API_KEY",
        "ANTHROPIC_AUTH_TOKEN",
        "ANTHROPIC_BASE_URL",
    ):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "record.db"
    monkeypatch.setenv("PROOFWORK_DB_URL", f"sqlite:///{path}")
    return path


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run `proofwork ARGS...` in-process against the test's database file."""
    from tui.cli.app import run

    def invoke(*args: str) -> Result:
        capsys.readouterr()
        code = run(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def ada(cli: Callable[..., Result]) -> Callable[..., Result]:
    """A learner who started on 2026-11-02 aiming at AI Engineer."""
    result = cli(
        "init",
        "--name",
        "Ada",
        "--current-role",
        "Prompt Engineer",
        "--target-role",
        "AI Engineer",
        "--start",
        "2026-11-02",
        "--hours",
        "10",
    )
    assert result.code == 0, result.err
    return cli
