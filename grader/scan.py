"""Find a detection table's signals in a snapshot: one combined regular expression per group and file class.

Every hit carries the path and the 1-based line of the file as stored in git, so evidence opens where it says.
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from dataclasses import dataclass

from grader.detect import Signal, Tables
from grader.snapshot import RepoFile, Snapshot, matches

MANIFESTS = frozenset(
    {
        "pyproject.toml",
        "setup.py",
        "setup.cfg",
        "Pipfile",
        "package.json",
        "environment.yml",
        "environment.yaml",
    }
)


def is_manifest(path: str) -> bool:
    name = posixpath.basename(path)
    return name in MANIFESTS or (name.startswith("requirements") and name.endswith((".txt", ".in")))


@dataclass(frozen=True)
class Hit:
    signal: str
    path: str
    line: int | None
    snippet: str
    how: str  # import, package, pattern, path
    strength: float = 1.0


def _py_import(module: str) -> str:
    name = re.escape(module)
    return (
        rf"^[ \t]*(?:from[ \t]+{name}(?:\.[\w.]+)?[ \t]+import\b"
        rf"|import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*{name}\b)"
    )


def _js_import(module: str) -> str:
    name = re.escape(module)
    lead = r"(?:\bfrom[ \t]+|\brequire\([ \t]*|\bimport\([ \t]*|^[ \t]*import[ \t]+)"
    return rf"""{lead}['"]{name}(?:/[^'"\n]*)?['"]"""


def _package(package: str) -> str:
    name = re.escape(package)
    return rf"""(?:^|["' \t])(?i:{name})(?:\[[^\]\n]*\])?(?=[ \t]*(?:[<>=!~;:"',@\]]|$))"""


def _file_class(file: RepoFile) -> tuple[str, ...]:
    classes: list[str] = []
    if file.kind in {"python", "notebook"}:
        classes += ["py_import", "pattern"]
    elif file.kind in {"js", "ts"}:
        classes += ["js_import", "pattern"]
    elif file.kind == "markdown":
        classes.append("doc_pattern")
    else:
        classes.append("pattern")
    if is_manifest(file.path):
        classes.append("package")
    return tuple(classes)


def _alternatives(signal: Signal, classes: tuple[str, ...]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if "py_import" in classes:
        out += [(_py_import(m), "import") for m in signal.imports]
    if "js_import" in classes:
        out += [(_js_import(m), "import") for m in signal.imports]
    if "pattern" in classes or ("doc_pattern" in classes and signal.in_docs):
        out += [(p, "pattern") for p in signal.patterns]
    if "package" in classes:
        out += [(_package(p), "package") for p in signal.packages]
    return out


class Scanner:
    """Scans a snapshot for table groups; results are cached per group for the life of one grade."""

    def __init__(self, snapshot: Snapshot, tables: Tables) -> None:
        self.snapshot = snapshot
        self.tables = tables
        self._cache: dict[str, list[Hit]] = {}
        self._regex: dict[tuple[str, tuple[str, ...]], tuple[re.Pattern[str], list[tuple[Signal, str]]] | None] = {}
        self._line_starts: dict[str, list[int]] = {}

    def _compiled(
        self, group: str, classes: tuple[str, ...]
    ) -> tuple[re.Pattern[str], list[tuple[Signal, str]]] | None:
        key = (group, classes)
        if key not in self._regex:
            parts: list[str] = []
            names: list[tuple[Signal, str]] = []
            for signal in self.tables.signals(group):
                for regex, how in _alternatives(signal, classes):
                    parts.append(f"(?P<s{len(names)}>{regex})")
                    names.append((signal, how))
            self._regex[key] = (re.compile("|".join(parts), re.MULTILINE), names) if parts else None
        return self._regex[key]

    def line_of(self, file: RepoFile, offset: int) -> int:
        starts = self._line_starts.get(file.path)
        if starts is None:
            starts = [0] + [m.end() for m in re.finditer("\n", file.text)]
            self._line_starts[file.path] = starts
        return file.file_line(bisect_right(starts, offset))

    def snippet(self, file: RepoFile, offset: int) -> str:
        start = file.text.rfind("\n", 0, offset) + 1
        end = file.text.find("\n", offset)
        return file.text[start : end if end != -1 else len(file.text)].strip()[:200]

    def find(self, group: str, files: list[RepoFile] | None = None) -> list[Hit]:
        """Every signal of the group: the first hit per signal and file, plus path matches."""
        if files is None and group in self._cache:
            return self._cache[group]
        hits: list[Hit] = []
        for file in files if files is not None else self.snapshot.files.values():
            compiled = self._compiled(group, _file_class(file))
            if compiled is None:
                continue
            regex, names = compiled
            seen: set[str] = set()
            for match in regex.finditer(file.text):
                signal, how = names[int((match.lastgroup or "s0")[1:])]
                if signal.name in seen or (signal.path_hint and not re.search(signal.path_hint, file.path)):
                    continue
                seen.add(signal.name)
                hits.append(
                    Hit(
                        signal.name,
                        file.path,
                        self.line_of(file, match.start()),
                        self.snippet(file, match.start()),
                        how,
                        signal.strength,
                    )
                )
        if files is None:
            for signal in self.tables.signals(group):
                for pattern in signal.paths:
                    for path in self.snapshot.entries:
                        if matches(path, pattern):
                            hits.append(Hit(signal.name, path, None, "", "path", signal.strength))
            self._cache[group] = hits
        return hits

    def files(self, pattern_list: list[str]) -> list[str]:
        return [p for p in self.snapshot.entries if any(matches(p, g) for g in pattern_list)]
