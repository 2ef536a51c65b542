"""Nothing a graded repository configures is ever executed.

Every vector below names a program that writes a marker file. The first tests show the vector is live (plain
git on the repository runs the program); every grade then ends without the marker: git only ever runs on a
repository of ours that borrows the objects, so the graded repository's config is never read at all.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from grader.gitcmd import SAFE_CONFIG

from .conftest import one_line, plain_git

SIGNATURES = {
    "openpgp": "-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEEfake\n=abcd\n-----END PGP SIGNATURE-----",
    "ssh": "-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTk=\n-----END SSH SIGNATURE-----",
    "x509": "-----BEGIN SIGNED MESSAGE-----\nMIIFakeFakeFake\n-----END SIGNED MESSAGE-----",
}


class Target:
    """A working copy with two commits and a program that writes `marker` when anything runs it."""

    def __init__(self, tmp_path: Path) -> None:
        self.path = tmp_path / "target"
        self.marker = tmp_path / "MARKER"
        self.program = tmp_path / "evil.sh"
        self.program.write_text(f'#!/bin/sh\necho ran "$@" >> {self.marker}\nexit 1\n')
        self.program.chmod(0o755)
        plain_git(tmp_path, "init", "-q", "-b", "main", str(self.path))
        (self.path / "app.py").write_text("import anthropic\n\nclient = anthropic.Anthropic()\n")
        self.commit("Add the client")
        (self.path / "README.md").write_text("# Demo\n\nA demo.\n")
        self.commit("Add a README")
        self.git_dir = self.path / ".git"

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        full = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", **(env or {})}
        done = subprocess.run(["git", *args], cwd=self.path, env=full, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    def commit(self, message: str) -> None:
        ident = ["-c", "user.name=Ada", "-c", "user.email=ada@example.com"]
        plain_git(self.path, "add", "-A")
        plain_git(self.path, *ident, "commit", "-q", "-m", message)

    def config(self, *pairs: tuple[str, str]) -> None:
        for key, value in pairs:
            plain_git(self.path, "config", key, value)

    def lose(self, rev: str) -> str:
        """Delete a commit's loose object, as a partial clone would lack it."""
        sha = self.git("rev-parse", rev)
        (self.git_dir / "objects" / sha[:2] / sha[2:]).unlink()
        return sha

    def promisor(self, url: str) -> None:
        """Make the repository a partial clone whose promisor remote is `url`."""
        self.config(
            ("core.repositoryformatversion", "1"),
            ("extensions.partialClone", "origin"),
            ("remote.origin.url", url),
            ("remote.origin.promisor", "true"),
        )

    def sign_head(self, kind: str) -> None:
        """Replace HEAD by the same commit carrying a (fake) signature: git verifies it with a program."""
        raw = self.git("cat-file", "commit", "HEAD")
        header, _, message = raw.partition("\n\n")
        signature = SIGNATURES[kind].replace("\n", "\n ")
        text = f"{header}\ngpgsig {signature}\n\n{message}\n"
        sha = plain_git(self.path, "hash-object", "-t", "commit", "-w", "--stdin", input=text.encode()).decode()
        plain_git(self.path, "update-ref", "refs/heads/main", sha.strip())

    def old_grader_git(self, *args: str) -> None:
        """What the grader used to run: git with its safe options, on the graded repository itself."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null", GIT_TERMINAL_PROMPT="0")
        cmd = ["git", *SAFE_CONFIG[: SAFE_CONFIG.index("log.showSignature=false") - 1]]
        subprocess.run([*cmd, "--git-dir", str(self.git_dir), *args], env=env, cwd=self.path, capture_output=True)

    def ran(self) -> bool:
        return self.marker.exists()


@pytest.fixture
def target(tmp_path: Path) -> Target:
    return Target(tmp_path)


def graded_cleanly(grade, target: Target, where: str | None = None) -> tuple[int, dict | None, str]:
    code, report, _, err = grade(where or target.path)
    assert not target.ran(), target.marker.read_text()
    if code == 2:
        one_line(code, err)
    else:
        assert code == 0, err
    return code, report, err


# -- partial-clone lazy fetch: the promisor remote's transport runs a program -------------------------------


LAZY_FETCH = {
    "core.sshCommand": ("ssh://example.invalid/x.git", [("core.sshCommand", "{program}")]),
    "core.gitProxy": ("git://example.invalid/x.git", [("core.gitProxy", "{program}")]),
    "remote.uploadpack": ("{tmp}/nowhere.git", [("remote.origin.uploadpack", "{program}")]),
    "ext:: remote": ("ext::{program} %S", [("protocol.ext.allow", "always")]),
    "url.insteadOf to ext::": (
        "https://example.invalid/x.git",
        [("url.ext::{program} %S #.insteadOf", "https://"), ("protocol.ext.allow", "always")],
    ),
}


@pytest.mark.parametrize("vector", list(LAZY_FETCH))
@pytest.mark.parametrize("missing", ["parent commit", "HEAD commit"])
def test_lazy_fetch_never_runs_the_promisor_transport(target, grade, tmp_path, vector, missing):
    url, pairs = LAZY_FETCH[vector]
    fill = {"program": str(target.program), "tmp": str(tmp_path)}
    target.promisor(url.format(**fill))
    target.config(*[(key.format(**fill), value.format(**fill)) for key, value in pairs])
    target.lose("HEAD~1" if missing == "parent commit" else "HEAD")

    target.old_grader_git("log", "--format=%s", "main")
    assert target.ran(), "the fixture must be live: git on the repository itself runs the program"
    target.marker.unlink()

    code, report, err = graded_cleanly(grade, target)
    if missing == "HEAD commit":
        assert code == 2 and "missing" in err
    else:
        delivery = report["dimensions"]["delivery"]["findings"]
        assert any("git log failed" in (f["message"] or "") for f in delivery)  # history not read, reason given


# -- signature verification: log.showSignature runs gpg.program / gpg.ssh.program ---------------------------


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("openpgp", "gpg.program"),
        ("openpgp", "gpg.openpgp.program"),
        ("ssh", "gpg.ssh.program"),
        ("x509", "gpg.x509.program"),
    ],
)
def test_signed_commit_never_runs_a_signature_program(target, grade, kind, key):
    target.sign_head(kind)
    target.config(("log.showSignature", "true"), ("gpg.format", kind), (key, str(target.program)))
    target.config(("gpg.ssh.allowedSignersFile", str(target.program)))  # ssh verification needs one named

    target.old_grader_git("show", "-s", "--format=%cI", "HEAD")
    assert target.ran(), "the fixture must be live"
    target.marker.unlink()

    code, report, _ = graded_cleanly(grade, target)
    assert code == 0 and report["commit"] == target.git("rev-parse", "HEAD")


def test_relative_gpg_program_shipped_in_the_repository(target, grade, monkeypatch):
    """`gpg.program=./tools/gpg` with the script committed: grading `.` from inside the repository."""
    tools = target.path / "tools"
    tools.mkdir()
    (tools / "gpg").write_text(f"#!/bin/sh\necho ran >> {target.marker}\nexit 1\n")
    (tools / "gpg").chmod(0o755)
    target.commit("Add tools")
    target.sign_head("openpgp")
    target.config(("log.showSignature", "true"), ("gpg.program", "./tools/gpg"))
    monkeypatch.chdir(target.path)

    target.old_grader_git("show", "-s", "--format=%cI", "HEAD")
    assert target.ran(), "the fixture must be live"
    target.marker.unlink()

    code, _, _ = graded_cleanly(grade, target, ".")
    assert code == 0


# -- what an attacker tries next: every other key that names a program --------------------------------------


def _hooks(target: Target, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    names = [
        "pre-commit", "post-checkout", "post-merge", "reference-transaction", "post-index-change",
        "fsmonitor-watchman", "pre-auto-gc", "post-rewrite", "push-to-checkout", "sendemail-validate",
    ]  # fmt: skip
    for name in names:
        hook = folder / name
        hook.write_text(f"#!/bin/sh\necho {name} >> {target.marker}\n")
        hook.chmod(hook.stat().st_mode | stat.S_IEXEC)


OTHER_KEYS: dict[str, list[tuple[str, str]]] = {
    "pager": [("core.pager", "{program}"), ("pager.log", "{program}"), ("pager.show", "{program}")],
    "textconv and diff drivers": [
        ("diff.evil.textconv", "{program}"),
        ("diff.evil.command", "{program}"),
        ("diff.external", "{program}"),
    ],
    "filters": [
        ("filter.evil.clean", "{program}"),
        ("filter.evil.smudge", "{program}"),
        ("filter.evil.process", "{program}"),
        ("filter.evil.required", "true"),
    ],
    "aliases": [("alias.log", "!{program}"), ("alias.show", "!{program}"), ("alias.rev-parse", "!{program}")],
    "editors": [("core.editor", "{program}"), ("sequence.editor", "{program}")],
    "credential helper": [("credential.helper", "!{program}"), ("core.askPass", "{program}")],
    "fsmonitor": [("core.fsmonitor", "{program}"), ("core.untrackedCache", "true")],
    "hooks path": [("core.hooksPath", "{hooks}")],
    "alternate refs command": [("core.alternateRefsCommand", "{program}")],
    "maintenance": [("gc.auto", "1"), ("maintenance.auto", "true"), ("gc.autoDetach", "false")],
    "upload-pack hooks": [("uploadpack.packObjectsHook", "{program}"), ("remote.origin.receivepack", "{program}")],
    "include.path": [("include.path", "{include}")],
    "includeIf gitdir": [("includeIf.gitdir:{gitdir}/.path", "{include}")],
    "includeIf onbranch": [("includeIf.onbranch:main.path", "{include}")],
    "ssh command": [("core.sshCommand", "{program}"), ("ssh.variant", "ssh")],
}


@pytest.mark.parametrize("vector", list(OTHER_KEYS))
def test_no_configured_program_runs(target, grade, tmp_path, vector):
    include = target.git_dir / "evil.cfg"
    include.write_text(
        f"[core]\n\tfsmonitor = {target.program}\n\tpager = {target.program}\n[log]\n\tshowSignature = true\n"
        f"[gpg]\n\tprogram = {target.program}\n"
    )
    (target.path / ".gitattributes").write_text("* diff=evil filter=evil\n")
    target.commit("Add attributes")
    (target.git_dir / "info").mkdir(exist_ok=True)
    (target.git_dir / "info" / "attributes").write_text("* diff=evil filter=evil\n")
    target.sign_head("openpgp")
    hooks = tmp_path / "hooks"
    _hooks(target, hooks)
    _hooks(target, target.git_dir / "hooks")  # last: the fixture's own commits would run them
    fill = {"program": str(target.program), "hooks": str(hooks), "include": str(include), "gitdir": str(target.git_dir)}
    target.config(*[(key.format(**fill), value.format(**fill)) for key, value in OTHER_KEYS[vector]])

    code, _, _ = graded_cleanly(grade, target)
    assert code == 0


# -- the environment: GIT_* variables never reach the grader's git ------------------------------------------


def test_git_environment_variables_are_ignored(target, grade, tmp_path, monkeypatch):
    target.promisor("ssh://example.invalid/x.git")
    target.lose("HEAD~1")
    program = str(target.program)
    trace = tmp_path / "TRACE"
    for name, value in {
        "GIT_SSH_COMMAND": program,
        "GIT_SSH": program,
        "GIT_PROXY_COMMAND": program,
        "GIT_EXTERNAL_DIFF": program,
        "GIT_PAGER": program,
        "GIT_EDITOR": program,
        "GIT_SEQUENCE_EDITOR": program,
        "GIT_ASKPASS": program,
        "GIT_CONFIG_PARAMETERS": f"'core.fsmonitor'='{program}' 'log.showsignature'='true'",
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "core.pager",
        "GIT_CONFIG_VALUE_0": program,
        "GIT_CONFIG_GLOBAL": str(target.git_dir / "config"),
        "GIT_CONFIG_SYSTEM": str(target.git_dir / "config"),
        "GIT_TRACE": str(trace),
        "GIT_TRACE2_EVENT": str(trace),
        "GIT_DIR": str(target.git_dir),
        "GIT_ALTERNATE_OBJECT_DIRECTORIES": str(target.git_dir / "objects"),
    }.items():
        monkeypatch.setenv(name, value)
    graded_cleanly(grade, target)
    assert not trace.exists()


# -- the invariant ----------------------------------------------------------------------------------------


def test_the_repository_config_is_never_read(target, grade, isolated_cache, monkeypatch):
    """Its config is garbage git refuses to parse, and the grade still reads every file: nothing that can
    run a program (git) ever read it. And every git the grader starts runs on a repository of ours."""
    (target.git_dir / "config").write_text("[core]\n\trepositoryformatversion = 99\n[[[ not a config\n")
    assert target.git("log", "--oneline") == ""  # plain git cannot even read the repository now

    import grader.gitcmd

    calls: list[list[str]] = []
    real_run = subprocess.run

    def recording(cmd, *args, **kwargs):
        calls.append([str(c) for c in cmd])
        return real_run(cmd, *args, **kwargs)

    monkeypatch.setattr(grader.gitcmd.subprocess, "run", recording)
    code, report, _ = graded_cleanly(grade, target)
    assert code == 0 and report["coverage"]["files_read"] == 2
    git_dirs = [cmd[cmd.index("--git-dir") + 1] for cmd in calls if "--git-dir" in cmd]
    assert git_dirs and all(Path(d).is_relative_to(isolated_cache) for d in git_dirs), git_dirs
    assert not any(str(target.path) in " ".join(cmd) for cmd in calls)
    assert not list((isolated_cache / "borrowed").iterdir())  # the borrowing repository is removed afterwards
