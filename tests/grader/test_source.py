"""Target parsing and refusals: user text never reaches git as an option."""

from __future__ import annotations

import pytest

from curriculum.errors import UserError
from grader.settings import GraderSettings
from grader.source import cache_path, looks_remote, parse_remote


@pytest.fixture
def gh(tmp_path) -> GraderSettings:
    return GraderSettings(cache_dir=tmp_path / "cache", allowed_hosts=["github.com"])


@pytest.mark.parametrize(
    ("target", "ref"),
    [
        ("https://github.com/ada/rag-demo", None),
        ("https://github.com/ada/rag-demo.git", None),
        ("https://github.com/ada/rag-demo/", None),
        ("https://github.com/ada/rag-demo/tree/feature/evals", "feature/evals"),
        ("git@github.com:ada/rag-demo.git", None),
        ("ssh://git@github.com/ada/rag-demo.git", None),
        ("http://github.com/ada/rag-demo", None),
        ("https://GitHub.com/ada/rag-demo", None),
    ],
)
def test_common_github_forms_become_one_https_url(gh, target, ref):
    remote = parse_remote(target, gh)
    assert remote.url == "https://github.com/ada/rag-demo.git"
    assert remote.ref == ref


def test_cache_path_is_host_owner_repo(gh):
    remote = parse_remote("https://github.com/Ada/Rag-Demo", gh)
    assert cache_path(remote, gh) == gh.cache_dir / "repos" / "github.com" / "ada" / "rag-demo.git"


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("ext::sh -c touch% /tmp/pwned", "transport"),
        ("fd::17", "transport"),
        ("-uhttps://github.com/a/b", "starts with '-'"),
        ("--upload-pack=touch /tmp/x", "starts with '-'"),
        ("https://gitlab.com/ada/rag", "not allowed"),
        ("https://evil.example/ada/rag", "not allowed"),
        ("file:///etc/passwd", "scheme"),
        ("https://user:pw@github.com/ada/rag", "password"),
        ("https://github.com/ada", "does not name a repository"),
        ("https://github.com/ada/-rag", "not a valid"),
        ("https://github.com/ada/rag/issues/3", "not a repository URL"),
    ],
)
def test_refusals_are_user_errors(gh, target, words):
    with pytest.raises(UserError, match=words):
        parse_remote(target, gh)


def test_hosts_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PROOFWORK_GRADER_HOSTS", "github.com, git.example.org")
    settings = GraderSettings(cache_dir=tmp_path)
    assert settings.allowed_hosts == ["github.com", "git.example.org"]
    assert parse_remote("https://git.example.org/team/proj", settings).host == "git.example.org"


def test_local_paths_are_not_remote(tmp_path):
    assert not looks_remote(str(tmp_path))
    assert looks_remote("git@github.com:a/b.git")
    assert looks_remote("https://github.com/a/b")
