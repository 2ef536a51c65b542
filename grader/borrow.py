"""A fresh repository of ours that borrows a graded repository's objects, so git never reads the graded one's
configuration.

Why this design: git run with `--git-dir` on someone else's repository reads that repository's config, and a
config can make git run programs (a promisor remote's `core.sshCommand` or `uploadpack` on a lazy fetch,
`gpg.program` under `log.showSignature`, fsmonitor, filters, `include.path`...). Instead the grader makes an
empty bare repository in its cache, whose config it writes itself, and points that repository's
`objects/info/alternates` at the graded repository's object folder. Git then reads the graded commits, trees
and blobs as data, and nothing else of that repository: not its config, hooks, info/attributes, grafts,
commit-graph or promisor state, so a missing object is simply missing (no lazy fetch). The refs are read
here, as plain files, checked, and written into the borrowing repository as `packed-refs`.

Considered and not taken: libgit2 through pygit2 (also runs nothing, but refuses repositories with
extensions such as `partialClone`, and would replace every git call the grader makes); `git -c` overrides
alone (they beat the repository's config only for the keys they name).

Everything read here must lie inside the folder being graded: a `.git` file or symlink, a `commondir`, an
object folder or an alternate that points elsewhere is refused with one line, since following it would grade
(and send to the review) another repository.
"""

from __future__ import annotations

import os
import shutil
import string
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from curriculum.errors import UserError

MAX_REFS = 100_000
MAX_SMALL_FILE = 4096  # HEAD, a loose ref, a .git file, commondir
MAX_PACKED_REFS = 64 * 1024 * 1024
MAX_ALTERNATES_DEPTH = 5  # as deep as git itself follows them
STALE_AFTER_S = 24 * 3600
_HEX = frozenset(string.hexdigits.lower())
_REF_BAD = frozenset(" ~^:?*[\\\x7f")


@dataclass(frozen=True)
class Located:
    """Where a graded repository keeps its HEAD (git_dir) and its refs and objects (common_dir)."""

    root: Path
    git_dir: Path
    common_dir: Path


@dataclass
class Borrowed:
    """The repository of ours that git runs on, and what was learnt while making it."""

    path: Path
    head: str  # "ref: refs/heads/<name>" or a commit id
    refs: dict[str, str]
    notes: list[str] = field(default_factory=list)

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _read_small(path: Path, limit: int = MAX_SMALL_FILE) -> str | None:
    """A small regular file's text; None for a symlink, folder, special or oversized file."""
    try:
        info = path.lstat()
    except OSError:
        return None
    if not path.is_file() or path.is_symlink() or info.st_size > limit:
        return None
    try:
        with path.open("rb") as handle:
            return handle.read(limit + 1).decode("utf-8", "replace")
    except OSError:
        return None


def _refuse_outside(what: str, where: Path, root: Path) -> UserError:
    return UserError(
        f"refusing to grade {root}: {what} points at {where}, outside this folder "
        "(grade that repository itself, or a clone of it)"
    )


def locate(root: Path) -> Located:
    """The git folders of the repository at `root` (a working copy or a bare repository), all inside it."""
    dot_git = root / ".git"
    git_dir: Path | None = None
    if dot_git.is_symlink():
        target = dot_git.resolve()
        if not _inside(target, root):
            raise _refuse_outside(".git (a symlink)", target, root)
        git_dir = target
    elif dot_git.is_file():
        text = _read_small(dot_git) or ""
        if not text.startswith("gitdir:"):
            raise UserError(f"{dot_git} is a file but not a `gitdir:` pointer; it is not a repository")
        linked = Path(text.split(":", 1)[1].strip())
        target = (linked if linked.is_absolute() else root / linked).resolve()
        if not _inside(target, root):
            raise _refuse_outside(".git (a `gitdir:` file: a linked worktree or a submodule)", target, root)
        git_dir = target
    elif dot_git.is_dir():
        git_dir = dot_git.resolve()
    for candidate in [git_dir] if git_dir is not None else [root]:
        common = candidate
        pointer = _read_small(candidate / "commondir")
        if pointer is not None:
            named = Path(pointer.strip())
            common = (named if named.is_absolute() else candidate / named).resolve()
            if not _inside(common, root):
                raise _refuse_outside("its commondir", common, root)
        if (candidate / "HEAD").is_file() and (common / "objects").is_dir():
            return Located(root=root, git_dir=candidate, common_dir=common)
    raise UserError(f"{str(root)!r} is not a git repository (no .git folder; run `git init` and commit)")


def _valid_ref(name: str) -> bool:
    """git check-ref-format's rules, plus printable UTF-8 (names become lines of packed-refs)."""
    if not name.startswith("refs/") or len(name) > 1024 or not name.isprintable():
        return False
    if any(ch in _REF_BAD for ch in name) or ".." in name or "@{" in name or name.endswith((".", "/")):
        return False
    parts = name.split("/")
    if any(not part or part.startswith(".") or part.endswith(".lock") for part in parts):
        return False
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _object_id(text: str) -> str | None:
    value = text.strip().lower()
    return value if len(value) in (40, 64) and set(value) <= _HEX else None


def _loose_refs(common: Path, limit: int) -> dict[str, str]:
    """refs/** files: a commit id, or `ref: <name>` (a symbolic ref, resolved later)."""
    found: dict[str, str] = {}
    top = common / "refs"
    if not top.is_dir() or top.is_symlink():
        return found
    for folder, dirs, files in os.walk(top, followlinks=False):
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
        for name in files:
            if len(found) >= limit:
                return found
            path = Path(folder) / name
            text = _read_small(path)
            if text is None:
                continue
            ref = "refs/" + path.relative_to(top).as_posix()
            if _valid_ref(ref) and not ref.startswith("refs/replace/"):
                found[ref] = text.strip()
    return found


def _packed_refs(common: Path, limit: int) -> dict[str, str]:
    text = _read_small(common / "packed-refs", MAX_PACKED_REFS)
    found: dict[str, str] = {}
    for line in (text or "").splitlines():
        if len(found) >= limit:
            break
        if not line or line[0] in "#^":
            continue
        value, _, ref = line.partition(" ")
        oid = _object_id(value)
        if oid and _valid_ref(ref) and not ref.startswith("refs/replace/"):
            found[ref] = oid
    return found


def _resolve(refs: dict[str, str], value: str) -> str | None:
    """A ref's commit id, following `ref: ` links up to five deep (as git does)."""
    for _ in range(5):
        oid = _object_id(value)
        if oid is not None:
            return oid
        if not value.startswith("ref:"):
            return None
        name = value[4:].strip()
        if name not in refs:
            return None
        value = refs[name]
    return None


def read_refs(located: Located) -> tuple[str, dict[str, str], list[str]]:
    """(HEAD, every ref as name -> id, shallow boundary commits), read as files with sizes capped."""
    if (located.common_dir / "reftable").is_dir():
        raise UserError(f"{located.root} keeps its refs in the reftable format, which the grader cannot read yet")
    head_text = (_read_small(located.git_dir / "HEAD") or "").strip()
    raw = _packed_refs(located.common_dir, MAX_REFS)
    raw.update(_loose_refs(located.common_dir, MAX_REFS))
    refs = {name: oid for name, value in raw.items() if (oid := _resolve(raw, value)) is not None}
    if head_text.startswith("ref:"):
        name = head_text[4:].strip()
        if not _valid_ref(name):
            raise UserError(f"{located.root}: HEAD names {name[:80]!r}, which is not a valid branch name")
        head = f"ref: {name}"
    else:
        oid = _object_id(head_text)
        if oid is None:
            raise UserError(f"{located.root}: HEAD is neither a branch nor a commit id; the repository is damaged")
        head = oid
    shallow_text = _read_small(located.common_dir / "shallow", MAX_PACKED_REFS) or ""
    shallow = [oid for line in shallow_text.splitlines() if (oid := _object_id(line))]
    return head, refs, shallow


def _alternates(objects: Path, root: Path, depth: int = 0) -> None:
    """Refuse object folders this one borrows from outside the graded folder (git would read them too)."""
    text = _read_small(objects / "info" / "alternates", MAX_SMALL_FILE * 16)
    for line in (text or "").splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry.startswith('"'):
            raise UserError(f"refusing to grade {root}: objects/info/alternates holds a quoted path")
        target = (Path(entry) if Path(entry).is_absolute() else objects / entry).resolve()
        if not _inside(target, root):
            raise _refuse_outside("objects/info/alternates", target, root)
        if depth + 1 < MAX_ALTERNATES_DEPTH:
            _alternates(target, root, depth + 1)


def _sweep(folder: Path) -> None:
    """Remove borrowing repositories a crashed grade left behind."""
    now = time.time()
    for old in folder.glob("borrowed-*"):
        try:
            if now - old.stat().st_mtime > STALE_AFTER_S:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue


def borrow(located: Located, scratch: Path) -> Borrowed:
    """A bare repository under `scratch`, written by us, reading `located`'s objects through alternates."""
    objects = (located.common_dir / "objects").resolve()
    if not _inside(objects, located.root):
        raise _refuse_outside("its objects folder", objects, located.root)
    if "\n" in str(objects) or "\r" in str(objects):
        raise UserError("refusing a repository whose path holds a line break")
    _alternates(objects, located.root)
    head, refs, shallow = read_refs(located)
    ids = [head if _object_id(head) else refs.get(head[4:].strip(), ""), *refs.values()]
    width = next((len(oid) for oid in ids if oid), 40)
    refs = {name: oid for name, oid in refs.items() if len(oid) == width}

    scratch.mkdir(parents=True, exist_ok=True)
    _sweep(scratch)
    path = Path(tempfile.mkdtemp(prefix="borrowed-", dir=scratch))
    try:
        for folder in ("objects/info", "objects/pack", "refs/heads", "refs/tags"):
            (path / folder).mkdir(parents=True, exist_ok=True)
        version, extension = (1, "[extensions]\n\tobjectformat = sha256\n") if width == 64 else (0, "")
        config = f"[core]\n\trepositoryformatversion = {version}\n\tbare = true\n{extension}"
        (path / "config").write_text(config, encoding="utf-8")
        (path / "HEAD").write_text(head + "\n", encoding="utf-8")
        (path / "objects" / "info" / "alternates").write_text(f"{objects}\n", encoding="utf-8")
        lines = [f"{oid} {name}\n" for name, oid in sorted(refs.items(), key=lambda item: item[0].encode())]
        (path / "packed-refs").write_text("".join(lines), encoding="utf-8")
        if shallow:
            (path / "shallow").write_text("".join(f"{oid}\n" for oid in shallow if len(oid) == width))
    except OSError as error:
        shutil.rmtree(path, ignore_errors=True)
        raise UserError(f"cannot prepare a read-only view of the repository in {scratch}: {error}") from error
    return Borrowed(path=path, head=head, refs=refs)
