"""TARGET -> a safe local git object store and a pinned commit.

A target is a local repository path (working copy or bare) or a GitHub-style URL on an allowed host.
Remote repositories are cloned bare, without checkout, hooks or submodules, into the cache folder and
fetched again on later grades. Either way, git then reads the objects through a fresh repository of ours
that borrows them (grader.borrow), never with the graded repository's own config. User text never reaches
git in option position.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from curriculum.errors import UserError
from grader.borrow import Borrowed, borrow, locate
from grader.gitcmd import GitFailed, run_git
from grader.report import Source
from grader.settings import GraderSettings

_TRANSPORT = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*::")
_SCP = re.compile(r"^(?:[A-Za-z0-9._-]+@)?(?P<host>[A-Za-z0-9.-]+):(?P<path>[^/].*)$")
_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
_REF = re.compile(r"^[A-Za-z0-9._/@{}^~+-]{1,250}$")
_KNOWN_SCHEMES = {"https", "http", "git", "ssh", "git+ssh", "ssh+git"}


@dataclass(frozen=True)
class RemoteTarget:
    host: str  # lower-case, may carry a port
    owner: str
    repo: str
    scheme: str
    ref: str | None  # from a /tree/<branch> URL

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}/{self.owner}/{self.repo}.git"


@dataclass(frozen=True)
class Checkout:
    """A git directory of ours (borrowing the graded objects) and the commit to grade; nothing is ever checked
    out. `close()` removes the borrowing repository; a Checkout is also a context manager."""

    git_dir: Path
    commit: str
    source: Source
    notes: tuple[str, ...] = ()
    borrowed: Borrowed | None = None

    def close(self) -> None:
        if self.borrowed is not None:
            self.borrowed.remove()

    def __enter__(self) -> Checkout:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_text(target: str) -> None:
    if not target or not target.strip():
        raise UserError("give a repository path or URL to grade")
    if target.startswith("-"):
        raise UserError(f"refusing target {target!r}: it starts with '-' and would read as a git option")
    if _TRANSPORT.match(target):
        raise UserError(f"refusing target {target!r}: '<transport>::' URLs can run commands")
    if any(ord(ch) < 32 for ch in target):
        raise UserError("refusing target: it contains control characters")


def looks_remote(target: str) -> bool:
    if "://" in target:
        return True
    match = _SCP.match(target)
    return match is not None and not Path(target).exists() and "." in match.group("host")


def _split(target: str, settings: GraderSettings) -> tuple[str, str, str]:
    """(scheme, host[:port], path) of a URL or an scp-style `git@host:owner/repo`."""
    if "://" not in target:
        scp = _SCP.match(target)
        if not scp:
            raise UserError(f"{target!r} is neither a repository path nor a URL")
        return "ssh", scp.group("host").lower(), "/" + scp.group("path")
    if not target.isascii():  # fullwidth or look-alike characters: no allowed host is spelled with them
        raise UserError(f"refusing {target[:80]!r}: a repository URL is plain ASCII")
    try:
        parts = urlsplit(target)
        port = parts.port  # raises for a port that is not a number from 0 to 65535
    except ValueError as error:
        raise UserError(f"{target[:80]!r} is not a valid URL ({error})") from error
    scheme = parts.scheme.lower()
    if scheme not in _KNOWN_SCHEMES:
        raise UserError(f"refusing URL scheme {scheme!r}: use https://{settings.allowed_hosts[0]}/OWNER/REPO")
    if parts.password is not None:
        raise UserError("refusing a URL with a password in it; public repositories need none")
    host = (parts.hostname or "").lower()
    return scheme, f"{host}:{port}" if port else host, parts.path


def _transport(scheme: str, settings: GraderSettings) -> str:
    # ssh forms are read over https: no keys, no agent, no ssh command configuration.
    if scheme in {"ssh", "git+ssh", "ssh+git"} or (scheme == "http" and "http" not in settings.allowed_schemes):
        scheme = "https"
    if scheme not in settings.allowed_schemes:
        raise UserError(f"refusing {scheme}:// URLs; allowed: {', '.join(settings.allowed_schemes)}")
    return scheme


def _owner_repo_ref(target: str, segments: list[str]) -> tuple[str, str, str | None]:
    if len(segments) < 2:
        raise UserError(f"{target!r} does not name a repository: expected https://HOST/OWNER/REPO")
    owner, repo = segments[0], segments[1].removesuffix(".git")
    for name in (owner, repo):
        if not _NAME.match(name) or name in {".", ".."} or name.startswith("-"):
            raise UserError(f"{name!r} is not a valid owner or repository name")
    if len(segments) == 2:
        return owner, repo, None
    if segments[2] in {"tree", "commit", "blob"} and len(segments) > 3:
        return owner, repo, "/".join(segments[3:]) if segments[2] == "tree" else segments[3]
    raise UserError(f"{target!r} is not a repository URL (expected /OWNER/REPO or /tree/BRANCH)")


def parse_remote(target: str, settings: GraderSettings) -> RemoteTarget:
    """Parse the common GitHub URL forms; reject hosts and schemes the settings do not allow."""
    _check_text(target)
    scheme, host, path = _split(target, settings)
    if host not in settings.allowed_hosts:
        allowed = ", ".join(settings.allowed_hosts)
        raise UserError(f"host {host!r} is not allowed (allowed: {allowed}; set PROOFWORK_GRADER_HOSTS)")
    scheme = _transport(scheme, settings)
    owner, repo, ref = _owner_repo_ref(target, [s for s in path.split("/") if s])
    return RemoteTarget(host=host, owner=owner, repo=repo, scheme=scheme, ref=ref)


def _check_ref(ref: str) -> str:
    if not _REF.match(ref) or ref.startswith("-") or ".." in ref.replace("...", ""):
        raise UserError(f"refusing ref {ref!r}: use a branch, tag or commit name")
    return ref


def _object_size(git_dir: Path, oid: str, settings: GraderSettings) -> int | None:
    """An object's size from its header (git does not inflate the body), or None when it is missing."""
    out = run_git(git_dir, ["cat-file", "--batch-check"], input=f"{oid}\n".encode(), timeout=settings.git_timeout_s)
    fields = out.decode("ascii", "replace").split()
    return int(fields[2]) if len(fields) == 3 and fields[2].isdigit() else None


def _head_commit(head: str, refs: dict[str, str]) -> str | None:
    return head if not head.startswith("ref:") else refs.get(head[4:].strip())


def resolve_commit(git_dir: Path, ref: str | None, settings: GraderSettings, head_commit: str | None = None) -> str:
    """The full commit id for ref (or HEAD); a repository with no commits is a person's mistake."""
    candidates = [f"refs/heads/{ref}", f"refs/tags/{ref}", ref] if ref else ["HEAD"]
    for name in candidates:
        try:
            out = run_git(
                git_dir,
                ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"],
                timeout=settings.git_timeout_s,
                memory_mb=settings.git_memory_mb,
            )
        except GitFailed:
            continue
        commit = out.decode("ascii", "replace").strip()
        if len(commit) in (40, 64) and all(c in "0123456789abcdef" for c in commit):
            return commit
    if ref:
        raise UserError(f"ref {ref!r} is not a commit in this repository")
    if head_commit:
        size = _object_size(git_dir, head_commit, settings)
        if size is None:
            raise UserError(f"HEAD names commit {head_commit[:12]}, which is missing from the repository's objects")
        raise UserError(f"HEAD names commit {head_commit[:12]} ({size:,} bytes), which git could not read")
    raise UserError("the repository has no commits yet: commit something, then grade it")


MAX_COMMIT_BYTES = 1024 * 1024


def _commit_date(git_dir: Path, commit: str, settings: GraderSettings) -> str | None:
    """The committer date (ISO 8601) from the commit object alone: `git show` would also read its parents,
    which a damaged repository may lack. None for a commit too large to read."""
    size = _object_size(git_dir, commit, settings)
    if size is None or size > MAX_COMMIT_BYTES:
        return None
    raw = run_git(git_dir, ["cat-file", "commit", commit], timeout=settings.git_timeout_s)
    header = raw.split(b"\n\n", 1)[0].decode("utf-8", "replace")
    line = next((row for row in header.splitlines() if row.startswith("committer ")), "")
    stamp, _, zone = line.rpartition(">")[2].strip().partition(" ")
    try:
        offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * (-1 if zone.startswith("-") else 1)
        return datetime.fromtimestamp(int(stamp), timezone(offset)).isoformat()
    except (ValueError, OverflowError, OSError):
        return None


def _borrowed_checkout(
    root: Path, target: str, kind: Literal["local", "remote"], ref: str | None, settings: GraderSettings, **source: str
) -> Checkout:
    """Borrow the objects at `root` into a repository of ours, then pin the commit to grade."""
    borrowed = borrow(locate(root), settings.cache_dir.resolve() / "borrowed")
    try:
        head = _head_commit(borrowed.head, borrowed.refs)
        commit = resolve_commit(borrowed.path, ref, settings, head)
        date = _commit_date(borrowed.path, commit, settings)
    except GitFailed as error:
        borrowed.remove()
        raise UserError(f"cannot read the repository: {_git_message(error)}") from error
    except BaseException:
        borrowed.remove()
        raise
    return Checkout(
        git_dir=borrowed.path,
        commit=commit,
        source=Source(target=target, kind=kind, ref=ref, commit_date=date, **source),
        borrowed=borrowed,
    )


def open_local(target: str, ref: str | None, settings: GraderSettings) -> Checkout:
    _check_text(target)
    path = Path(target).expanduser()
    if not path.exists():
        raise UserError(f"{target!r} does not exist (give a repository folder or a https:// URL)")
    if not path.is_dir():
        raise UserError(f"{target!r} is a file, not a git repository folder")
    ref = _check_ref(ref) if ref else None
    # Look only at this folder, never a parent: a plain folder inside another repository is not a repository.
    return _borrowed_checkout(path.resolve(), target, "local", ref, settings)


def cache_path(remote: RemoteTarget, settings: GraderSettings) -> Path:
    host_dir = remote.host.replace(":", "_")
    return settings.repos_dir / host_dir / remote.owner.lower() / f"{remote.repo.lower()}.git"


def _protocol_config(settings: GraderSettings) -> list[str]:
    config = ["-c", "protocol.allow=never"]
    for scheme in settings.allowed_schemes:
        config += ["-c", f"protocol.{scheme}.allow=always"]
    return config


def _git_message(error: GitFailed) -> str:
    lines = [line for line in error.stderr.splitlines() if line.strip() and not line.startswith("warning:")]
    return lines[-1].strip()[:200] if lines else f"git exited {error.code}"


def _clone(remote: RemoteTarget, dest: Path, settings: GraderSettings) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".clone-", dir=dest.parent))
    try:
        run_git(
            None,
            [
                "clone",
                "--bare",
                "--quiet",
                "--no-recurse-submodules",
                f"--filter=blob:limit={settings.max_file_bytes}",
                "--",
                remote.url,
                str(tmp / "repo.git"),
            ],
            extra_config=_protocol_config(settings),
            timeout=settings.clone_timeout_s,
        )
        (tmp / "repo.git").rename(dest)
    except GitFailed as error:
        raise UserError(f"could not clone {remote.url}: {_git_message(error)}") from error
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _fetch(remote: RemoteTarget, dest: Path, settings: GraderSettings) -> None:
    run_git(
        dest,
        [
            "fetch",
            "--quiet",
            "--prune",
            "--force",
            "--no-recurse-submodules",
            f"--filter=blob:limit={settings.max_file_bytes}",
            "--",
            remote.url,
            "+refs/heads/*:refs/heads/*",
            "+refs/tags/*:refs/tags/*",
        ],
        extra_config=_protocol_config(settings),
        timeout=settings.clone_timeout_s,
    )


def open_remote(target: str, ref: str | None, settings: GraderSettings) -> Checkout:
    remote = parse_remote(target, settings)
    ref = _check_ref(ref) if ref else (_check_ref(remote.ref) if remote.ref else None)
    dest = cache_path(remote, settings).resolve()
    notes: list[str] = []
    started = time.monotonic()
    if (dest / "HEAD").is_file():
        try:
            _fetch(remote, dest, settings)
        except GitFailed as error:
            notes.append(f"fetch failed ({_git_message(error)}); graded the cached copy")
    else:
        _clone(remote, dest, settings)
    # Our own clone, read like any other repository: through a borrowing repository with no promisor, so a
    # blob the partial clone left out is reported missing rather than fetched in the middle of a grade.
    checkout = _borrowed_checkout(dest, target, "remote", ref, settings, url=remote.url)
    notes.append(f"fetched in {time.monotonic() - started:.1f}s into {dest}")
    return Checkout(
        git_dir=checkout.git_dir,
        commit=checkout.commit,
        source=checkout.source,
        notes=tuple(notes),
        borrowed=checkout.borrowed,
    )


def open_target(target: str, ref: str | None, settings: GraderSettings) -> Checkout:
    """Local path or allowed remote URL -> Checkout; every refusal is a UserError with one clear line."""
    _check_text(target)
    if looks_remote(target):
        return open_remote(target, ref, settings)
    return open_local(target, ref, settings)
