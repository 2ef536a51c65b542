"""The files of one commit, read from git objects with limits: never checked out, never run.

Symlinks and submodules are skipped; vendored and generated trees, binaries, LFS pointers and large files
are listed as skipped with a reason; file count and total bytes are capped, shallow paths first so the
README and CI files survive a cap. A blob the object store lacks is reported, not a crash.
"""

from __future__ import annotations

import contextlib
import json
import posixpath
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from grader import textmatch
from grader.detect import SkipRules
from grader.gitcmd import run_git
from grader.globs import glob_set
from grader.globs import matches as matches  # re-exported: probes import the glob helpers from here
from grader.globs import matches_any as matches_any
from grader.report import SkippedFile
from grader.secrets import is_env_file
from grader.settings import GraderSettings

_KINDS = {
    ".py": "python",
    ".pyi": "python",
    ".ipynb": "notebook",
    ".js": "js",
    ".jsx": "js",
    ".mjs": "js",
    ".cjs": "js",
    ".ts": "ts",
    ".tsx": "ts",
    ".md": "markdown",
    ".mdx": "markdown",
    ".rst": "markdown",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".toml": "toml",
    ".cfg": "config",
    ".ini": "config",
    ".txt": "text",
}
CODE_KINDS = frozenset({"python", "notebook", "js", "ts"})
LFS_HEADER = b"version https://git-lfs.github.com/spec/v1"
MISSING = "blob missing from the object store (a partial clone leaves out blobs over the size limit)"


def kind_of(path: str) -> str:
    name = posixpath.basename(path)
    if name in {"Dockerfile", "Makefile", "Jenkinsfile", "Procfile"}:
        return "config"
    return _KINDS.get(posixpath.splitext(name)[1].lower(), "other")


@dataclass(frozen=True)
class TreeEntry:
    path: str
    mode: str
    sha: str


@dataclass
class RepoFile:
    """A readable text file at the commit. For notebooks `text` holds the code cells and `line_map`
    maps each of its lines (0-based) to the 1-based line of the .ipynb file."""

    path: str
    sha: str
    size: int
    text: str
    kind: str
    line_map: list[int] | None = None
    replaced: bool = False  # non-UTF-8 bytes were decoded with replacement

    @property
    def is_code(self) -> bool:
        return self.kind in CODE_KINDS

    def file_line(self, line: int) -> int:
        """The 1-based line in the file as stored in git for a 1-based line of `text`."""
        if self.line_map and 0 < line <= len(self.line_map):
            return self.line_map[line - 1]
        return line


@dataclass
class Snapshot:
    commit: str
    entries: dict[str, TreeEntry]
    files: dict[str, RepoFile]
    skipped: list[SkippedFile] = field(default_factory=list)
    bytes_read: int = 0
    notes: list[str] = field(default_factory=list)  # limits that changed what was read, for the report

    def skipped_count(self) -> int:
        return sum(s.count for s in self.skipped)


def _list_tree(git_dir: Path, commit: str, settings: GraderSettings) -> list[TreeEntry]:
    out = run_git(git_dir, ["ls-tree", "-r", "-z", "--full-tree", commit], timeout=settings.git_timeout_s)
    entries = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, _type, sha = meta.decode().split(" ")
        entries.append(TreeEntry(path=raw_path.decode("utf-8", "replace"), mode=mode, sha=sha))
    return entries


def _missing(git_dir: Path, commit: str, settings: GraderSettings) -> set[str]:
    """Objects the store lacks (a partial clone's large blobs), found without triggering a lazy fetch."""
    out = run_git(
        git_dir,
        ["rev-list", "--objects", "--missing=print", "--no-walk", commit],
        timeout=settings.git_timeout_s,
    )
    lines = out.decode("utf-8", "replace").splitlines()  # paths follow the ids, in any encoding
    return {line[1:].split(" ")[0] for line in lines if line.startswith("?")}


def _batch(git_dir: Path, shas: list[str], check_only: bool, settings: GraderSettings) -> dict[str, bytes | int]:
    """One `git cat-file --batch(-check)` for many objects: sizes, or contents."""
    if not shas:
        return {}
    option = "--batch-check" if check_only else "--batch"
    out = run_git(git_dir, ["cat-file", option], input="\n".join(shas).encode() + b"\n", timeout=settings.git_timeout_s)
    result: dict[str, bytes | int] = {}
    pos = 0
    while pos < len(out):
        end = out.index(b"\n", pos)
        header = out[pos:end].decode().split(" ")
        pos = end + 1
        if len(header) != 3:  # "<sha> missing"
            continue
        sha, size = header[0], int(header[2])
        if check_only:
            result[sha] = size
        else:
            result[sha] = out[pos : pos + size]
            pos += size + 1
    return result


NOTEBOOK_LOOKAHEAD = 64  # raw lines searched for a code line's JSON form: bounded, so mapping stays linear


def _source_lines(source: object) -> list[str]:
    """A cell's source as lines; anything that is not text (numbers, null) is left out."""
    if isinstance(source, str):
        return source.splitlines()
    if isinstance(source, list):
        return "".join(part for part in source if isinstance(part, str)).splitlines()
    return []


_JSON_STRING_LINE = textmatch.compile(r'^\s*"(.*)",?\s*$')


def _string_lines(raw_lines: list[str]) -> dict[str, list[int]]:
    """Raw lines that hold one JSON string (how nbformat writes a source line), by that string's text as
    escaped in the file, without its trailing `\\n`: one pass, then each code line is found by lookup."""
    index: dict[str, list[int]] = {}
    for number, raw in enumerate(raw_lines):
        if '"' not in raw:
            continue
        match = _JSON_STRING_LINE.match(raw)
        if match is not None:
            inner = match.group(1)
            index.setdefault(inner[:-2] if inner.endswith("\\n") else inner, []).append(number)
    return index


def _next_line(index: dict[str, list[int]], needles: set[str], cursor: int) -> int | None:
    """The first raw line at or after `cursor` holding one of the needles as its whole string."""
    best = None
    for needle in needles:
        numbers = index.get(needle)
        if numbers:
            at = bisect_left(numbers, cursor)
            if at < len(numbers) and (best is None or numbers[at] < best):
                best = numbers[at]
    return best


def _notebook_code(raw: str) -> tuple[str, list[int]] | None:
    """Code cells joined, with a map from each code line to its line in the .ipynb JSON."""
    try:
        cells = json.loads(raw).get("cells", [])
    except (ValueError, AttributeError, RecursionError):  # not JSON, not an object, or nested too deep
        return None
    if not isinstance(cells, list):
        return None
    raw_lines = raw.splitlines()
    index = _string_lines(raw_lines)
    cursor = 0
    lines: list[str] = []
    line_map: list[int] = []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        for line in _source_lines(cell.get("source", "")):
            # nbformat writes non-ASCII as is; other writers escape it: look for either spelling.
            needles = {json.dumps(line)[1:-1], json.dumps(line, ensure_ascii=False)[1:-1]}
            found = _next_line(index, needles, cursor)
            if found is None:  # not one JSON string a line: look a bounded distance ahead
                stop = min(len(raw_lines), cursor + NOTEBOOK_LOOKAHEAD)
                found = next((i for i in range(cursor, stop) if any(n in raw_lines[i] for n in needles)), None)
            if found is not None:
                cursor = found
            lines.append(line)
            line_map.append(cursor + 1)
        lines.append("")
        line_map.append(cursor + 1)
    return "\n".join(lines), line_map


EXCLUDED = "excluded by the repository's pyproject.toml [tool.proofwork.grader]"
MAX_EXCLUDES = 5_000  # globs a repository may declare; past these the rest are ignored (and noted)
MAX_GLOB_CHARS = 300


def declared_excludes(git_dir: Path, entries: list[TreeEntry], settings: GraderSettings) -> list[str]:
    """Globs a repository excludes from its own grade (e.g. fixtures imitating other repositories).
    Excluded files are listed as skipped, so the exclusion is visible in every report."""
    import tomllib

    root = next((e for e in entries if e.path == "pyproject.toml" and e.mode.startswith("100")), None)
    if root is None:
        return []
    size = _batch(git_dir, [root.sha], True, settings).get(root.sha)  # the size first: a blob can be 1.5 GB
    if not isinstance(size, int) or size > settings.max_file_bytes:
        return []
    data = _batch(git_dir, [root.sha], False, settings).get(root.sha)
    if not isinstance(data, bytes):
        return []
    try:
        config = tomllib.loads(data.decode("utf-8", "replace"))
    except (tomllib.TOMLDecodeError, RecursionError):
        return []
    tool = config.get("tool", {})
    grader = tool.get("proofwork", {}).get("grader", {}) if isinstance(tool, dict) else {}
    excludes = grader.get("exclude", []) if isinstance(grader, dict) else []
    if not isinstance(excludes, list):
        return []
    return [g for g in excludes if isinstance(g, str) and 0 < len(g) <= MAX_GLOB_CHARS]


DOTENV = "dotenv file (its values are secrets: never read)"


def _skip_reason(entry: TreeEntry, rules: SkipRules) -> str | None:
    if entry.mode == "120000":
        return "symlink (never followed)"
    if entry.mode == "160000":
        return "submodule (not fetched)"
    if is_env_file(entry.path):
        return DOTENV
    return rules.reason(entry.path)


def _sort_out(snapshot: Snapshot, entries: list[TreeEntry], excludes: list[str], rules: SkipRules) -> list[TreeEntry]:
    """Entries worth reading; the rest go to `skipped` (vendored folders and exclusions once, counted)."""
    folded: Counter[tuple[str, str]] = Counter()
    candidates: list[TreeEntry] = []
    declared = glob_set(tuple(excludes))  # every glob at once: one linear pass a path, not one per glob
    for entry in entries:
        index = declared.first(entry.path)
        glob = excludes[index] if index is not None else None
        reason = EXCLUDED if glob is not None else _skip_reason(entry, rules)
        if glob is not None:
            folded[(glob, EXCLUDED)] += 1
            del snapshot.entries[entry.path]  # invisible to every probe, listed once as skipped
        elif reason is None:
            candidates.append(entry)
        elif reason.startswith(("vendored", "generated tree")):
            folded[(rules.folder_of(entry.path) or entry.path, reason)] += 1
        else:
            snapshot.skipped.append(SkippedFile(path=entry.path, reason=reason))
    for (folder, reason), count in sorted(folded.items()):
        snapshot.skipped.append(SkippedFile(path=folder, reason=reason, count=count))
    return candidates


def _within_limits(
    snapshot: Snapshot, present: list[TreeEntry], sizes: dict[str, bytes | int], settings: GraderSettings
) -> list[TreeEntry]:
    """Shallow paths first, so a cap drops deep files rather than the README or the CI workflows."""
    chosen: list[TreeEntry] = []
    total = 0
    capped = Counter[str]()
    for entry in sorted(present, key=lambda e: (e.path.count("/"), e.path)):
        size = sizes.get(entry.sha)
        if not isinstance(size, int):
            snapshot.skipped.append(SkippedFile(path=entry.path, reason=MISSING))
        elif size > settings.max_file_bytes:
            snapshot.skipped.append(SkippedFile(path=entry.path, reason=f"over {settings.max_file_bytes} bytes"))
        elif len(chosen) >= settings.max_files:
            capped["file count cap"] += 1
        elif total + size > settings.max_total_bytes:
            capped["total bytes cap"] += 1
        else:
            chosen.append(entry)
            total += size
    for reason, count in capped.items():
        snapshot.skipped.append(SkippedFile(path="*", reason=f"{reason} reached", count=count))
    return chosen


def read_snapshot(
    git_dir: Path,
    commit: str,
    settings: GraderSettings,
    rules: SkipRules,
    progress: Callable[[int, int], None] | None = None,
) -> Snapshot:
    entries = _list_tree(git_dir, commit, settings)
    snapshot = Snapshot(commit=commit, entries={e.path: e for e in entries}, files={})
    excludes = declared_excludes(git_dir, entries, settings)
    if len(excludes) > MAX_EXCLUDES:
        snapshot.notes.append(
            f"pyproject.toml declares {len(excludes)} exclude globs; the first {MAX_EXCLUDES} were applied"
        )
        excludes = excludes[:MAX_EXCLUDES]
    candidates = _sort_out(snapshot, entries, excludes, rules)
    missing = _missing(git_dir, commit, settings)
    snapshot.skipped += [SkippedFile(path=e.path, reason=MISSING) for e in candidates if e.sha in missing]
    present = [e for e in candidates if e.sha not in missing]
    sizes = _batch(git_dir, sorted({e.sha for e in present}), True, settings)
    chosen = _within_limits(snapshot, present, sizes, settings)
    step = 2000
    for start in range(0, len(chosen), step):
        part = chosen[start : start + step]
        blobs = _batch(git_dir, sorted({e.sha for e in part}), False, settings)
        for entry in part:
            _add_file(snapshot, entry, blobs.get(entry.sha))
        if progress:
            progress(min(start + step, len(chosen)), len(chosen))
    return snapshot


def _add_file(snapshot: Snapshot, entry: TreeEntry, data: bytes | int | None) -> None:
    if not isinstance(data, bytes):
        snapshot.skipped.append(SkippedFile(path=entry.path, reason=MISSING))
        return
    if data.startswith(LFS_HEADER):
        snapshot.skipped.append(SkippedFile(path=entry.path, reason="Git LFS pointer (content not in git)"))
        return
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM (pip freeze on Windows, for one)
        # Undecodable UTF-16 stays as bytes and is then skipped as binary, with that reason listed.
        with contextlib.suppress(UnicodeDecodeError):
            data = data.decode("utf-16").encode("utf-8")
    if b"\0" in data[:8192] or (entry.path.endswith(".py") and b"\0" in data):
        snapshot.skipped.append(SkippedFile(path=entry.path, reason="binary (NUL byte)"))
        return
    try:
        text, replaced = data.decode("utf-8"), False
    except UnicodeDecodeError:
        text, replaced = data.decode("utf-8", "replace"), True
    if text.startswith("\ufeff"):
        text = text[1:]
    kind = kind_of(entry.path)
    line_map = None
    if kind == "notebook":
        parsed = _notebook_code(text)
        if parsed is None:
            snapshot.skipped.append(SkippedFile(path=entry.path, reason="notebook is not valid JSON"))
            return
        text, line_map = parsed
    snapshot.bytes_read += len(data)
    snapshot.files[entry.path] = RepoFile(
        path=entry.path,
        sha=entry.sha,
        size=len(data),
        text=text,
        kind=kind,
        line_map=line_map,
        replaced=replaced,
    )
