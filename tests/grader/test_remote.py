"""The remote path against a real git server on loopback (`git daemon`), with that host allowed."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from curriculum.errors import UserError
from grader.grade import grade_repository
from grader.settings import GraderSettings
from tests.grader.conftest import git
from tui.cli.app import run


def _has_git_daemon() -> bool:
    if shutil.which("git") is None:
        return False
    exec_path = subprocess.run(["git", "--exec-path"], capture_output=True, text=True).stdout.strip()
    return (Path(exec_path) / "git-daemon").exists()


pytestmark = pytest.mark.skipif(not _has_git_daemon(), reason="needs git and git-daemon")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Serve tmp_path/served over git:// on a free loopback port; yields (host:port, served folder)."""
    served = tmp_path / "served"
    served.mkdir()
    port = _free_port()
    process = subprocess.Popen(
        [
            "git",
            "daemon",
            "--export-all",
            f"--base-path={served}",
            f"--port={port}",
            "--listen=127.0.0.1",
            "--reuseaddr",
            str(served),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"127.0.0.1:{port}", served
    finally:
        process.terminate()
        process.wait(timeout=10)


def publish(make_repo, served: Path, files: dict[str, str | bytes]) -> Path:
    repo = make_repo(files)
    git(repo.path, "config", "uploadpack.allowFilter", "true")
    target = served / "ada" / "rag-demo.git"
    target.parent.mkdir(parents=True, exist_ok=True)
    git(served, "clone", "-q", "--bare", str(repo.path), str(target))
    git(target, "config", "uploadpack.allowFilter", "true")
    return repo.path


def test_clone_then_fetch_again(daemon, make_repo, tmp_path):
    host, served = daemon
    source = publish(make_repo, served, {"app.py": "import openai\n", "big.txt": "x" * (2 * 1024 * 1024)})
    settings = GraderSettings(cache_dir=tmp_path / "cache", allowed_hosts=[host], allowed_schemes=["git"], workers=1)
    url = f"git://{host}/ada/rag-demo"

    first = grade_repository(url, settings=settings)
    clone = tmp_path / "cache" / "repos" / host.replace(":", "_") / "ada" / "rag-demo.git"
    assert (clone / "HEAD").is_file() and not (clone / "app.py").exists()  # bare, nothing checked out
    assert first.source.kind == "remote" and first.source.url == f"{url}.git"
    assert first.llm_project
    reasons = {s.path: s.reason for s in first.skipped}
    assert "big.txt" in reasons  # filtered out of the partial clone or over the size cap, never read

    # A new commit upstream is seen on the next grade (fetch, not a fresh clone).
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(served / "ada" / "rag-demo.git"), str(work))
    (work / "tests").mkdir()
    (work / "tests" / "test_app.py").write_text("def test_x():\n    assert 1\n")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "Add a test")
    git(work, "push", "-q", "origin", "HEAD")
    second = grade_repository(url, settings=settings)
    assert second.commit != first.commit
    assert second.commit == git(work, "rev-parse", "HEAD")
    assert source.exists()


def test_remote_is_refused_when_host_not_allowed(daemon, tmp_path):
    host, _ = daemon
    settings = GraderSettings(cache_dir=tmp_path / "cache", allowed_schemes=["git"])
    with pytest.raises(UserError, match="not allowed"):
        grade_repository(f"git://{host}/ada/rag-demo", settings=settings)


def test_remote_that_does_not_exist_is_one_line(daemon, tmp_path, capsys, monkeypatch):
    host, _ = daemon
    settings = GraderSettings(cache_dir=tmp_path / "cache", allowed_hosts=[host], allowed_schemes=["git"])
    with pytest.raises(UserError, match="could not clone"):
        grade_repository(f"git://{host}/ada/missing", settings=settings)


def test_cli_with_allowed_host_from_environment(daemon, make_repo, monkeypatch, capsys):
    host, served = daemon
    publish(make_repo, served, {"README.md": "# demo\n"})
    monkeypatch.setenv("PROOFWORK_GRADER_HOSTS", host)
    # The CLI allows https only; a git:// URL on an allowed host is refused with one line.
    code = run(["grade", f"git://{host}/ada/rag-demo"])
    assert code == 2
    assert "refusing git://" in capsys.readouterr().err
