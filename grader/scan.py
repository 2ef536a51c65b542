"""Find a detection table's signals in a snapshot: one combined regular expression per group and file class.

Every hit carries the path and the 1-based line of the file as stored in git, so evidence opens where it says.
"""

from __future__ import annotations

import posixpath
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from grader import textmatch
from grader.detect import Signal, Tables
from grader.needles import Options, needles
from grader.snapshot import RepoFile, Snapshot, matches, matches_any

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
    name = textmatch.escape(module)
    return (
        rf"^[ \t]*(?:from[ \t]+{name}(?:\.[\w.]+)?[ \t]+import\b"
        rf"|import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*{name}\b)"
    )


def _js_import(module: str) -> str:
    name = textmatch.escape(module)
    lead = r"(?:\bfrom[ \t]+|\brequire\([ \t]*|\bimport\([ \t]*|^[ \t]*import[ \t]+)"
    return rf"""{lead}['"]{name}(?:/[^'"\n]*)?['"]"""


def _package(package: str) -> str:
    name = textmatch.escape(package)
    # What follows the name (a version operator, a quote, the end of the line) is matched, not looked
    # ahead at: RE2 has no look-ahead, and a hit only needs its start.
    return rf"""(?:^|["' \t])(?i:{name})(?:\[[^\]\n]*\])?[ \t]*(?:[<>=!~;:"',@\]]|$)"""


@cache
def _compile(regex: str) -> textmatch.Pattern:
    """Compiled once per process: the same table regex serves many file classes and grades."""
    return textmatch.compile(regex, textmatch.MULTILINE)


def _file_class(file: RepoFile, scope: str = "any") -> tuple[str, ...]:
    """How a group's signals may match this file. Scope `code` keeps behaviour signals (logging, retries)
    to source files; `config` keeps gate signals (coverage floors) to configuration, not prose or code."""
    classes: list[str] = []
    code = file.kind in {"python", "notebook", "js", "ts"}
    if file.kind in {"python", "notebook"}:
        classes += ["py_import"] + (["pattern"] if scope != "config" else [])
    elif file.kind in {"js", "ts"}:
        classes += ["js_import"] + (["pattern"] if scope != "config" else [])
    elif file.kind == "markdown":
        classes += ["doc_pattern"] if scope == "any" else []
    elif scope != "code" or not code:
        classes += ["pattern"] if scope != "code" else []
    if is_manifest(file.path):
        classes.append("package")
    return tuple(classes)


def _alternatives(signal: Signal, classes: tuple[str, ...]) -> list[tuple[str, str, Options | None]]:
    """(regex, how, needles) for each way the signal can show in a file of these classes."""
    out: list[tuple[str, str, Options | None]] = []
    if "py_import" in classes:
        out += [(_py_import(m), "import", (m.lower(),)) for m in signal.imports]
    if "js_import" in classes:
        out += [(_js_import(m), "import", (m.lower(),)) for m in signal.imports]
    if "pattern" in classes or ("doc_pattern" in classes and signal.in_docs):
        out += [(p, "pattern", needles(p)) for p in signal.patterns]
    if "package" in classes:
        out += [(_package(p), "package", (p.lower(),)) for p in signal.packages]
    return out


Compiled = list[tuple[Signal, str, textmatch.Pattern, "Options | None"]]


def line_starts(text: str) -> list[int]:
    """The offset where each line starts (one pass, no regular expression)."""
    starts = [0]
    find, add = text.find, starts.append
    at = find("\n")
    while at != -1:
        add(at + 1)
        at = find("\n", at + 1)
    return starts


class Scanner:
    """Scans a snapshot for table groups; results are cached per group for the life of one grade.

    Each file is lower-cased and run through one Aho-Corasick automaton of every regex's needles, once;
    a regex runs only on files that hold one of its needles."""

    def __init__(self, snapshot: Snapshot, tables: Tables, extra_patterns: list[str] | None = None) -> None:
        self.snapshot = snapshot
        self.tables = tables
        self._cache: dict[str, list[Hit]] = {}
        self._regex: dict[tuple[str, tuple[str, ...]], Compiled] = {}
        self._line_starts: dict[str, list[int]] = {}
        self._present: dict[str, set[str]] = {}
        self._automaton: Any = None
        self._extra = extra_patterns or []
        # Per-file facts by path: {group or fact name: rows}. Preloaded from the blob cache when a grade
        # re-reads files it has seen; `dirty` names the files whose facts are new.
        self.facts: dict[str, dict[str, list[Any]]] = {}
        self.dirty: set[str] = set()

    def _all_needles(self) -> set[str]:
        found: set[str] = set()
        every_class = ("py_import", "js_import", "pattern", "doc_pattern", "package")
        for signals in self.tables.groups.values():
            for signal in signals:
                for _regex, _how, options in _alternatives(signal.model_copy(update={"in_docs": True}), every_class):
                    found.update(options or ())
        for pattern in self._extra:
            found.update(needles(pattern) or ())
        return found

    def present(self, file: RepoFile) -> set[str]:
        """The needles that occur in the file (lower-cased text)."""
        if file.path not in self._present:
            if self._automaton is None:
                import ahocorasick

                automaton = ahocorasick.Automaton()
                for needle in self._all_needles():
                    automaton.add_word(needle, needle)
                automaton.make_automaton()
                self._automaton = automaton
            self._present[file.path] = {n for _, n in self._automaton.iter(file.text.lower())}
        return self._present[file.path]

    def could_match(self, file: RepoFile, pattern: str) -> bool:
        """False when the file lacks every needle of the pattern, so the regex need not run."""
        options = needles(pattern)
        return options is None or any(n in self.present(file) for n in options)

    def _compiled(self, group: str, classes: tuple[str, ...]) -> Compiled:
        key = (group, classes)
        if key not in self._regex:
            self._regex[key] = [
                (signal, how, _compile(regex), options)
                for signal in self.tables.signals(group)
                for regex, how, options in _alternatives(signal, classes)
            ]
        return self._regex[key]

    def line_of(self, file: RepoFile, offset: int) -> int:
        starts = self._line_starts.get(file.path)
        if starts is None:
            starts = line_starts(file.text)
            self._line_starts[file.path] = starts
        return file.file_line(bisect_right(starts, offset))

    def snippet(self, file: RepoFile, offset: int) -> str:
        start = file.text.rfind("\n", 0, offset) + 1
        end = file.text.find("\n", offset)
        return file.text[start : end if end != -1 else len(file.text)].strip()[:200]

    def per_file(self, file: RepoFile, key: str, compute: Callable[[], list[Any]]) -> list[Any]:
        """A per-file fact (JSON-able rows), remembered by blob and path across grades when a store is set."""
        facts = self.facts.setdefault(file.path, {})
        if key not in facts:
            facts[key] = compute()
            self.dirty.add(file.path)
        return facts[key]

    def _scan_file(self, file: RepoFile, group: str, scope: str) -> list[list[Any]]:
        rows: list[list[Any]] = []
        seen: set[str] = set()
        for signal, how, regex, options in self._compiled(group, _file_class(file, scope)):
            if signal.name in seen or (options and not any(n in self.present(file) for n in options)):
                continue
            if signal.path_hint and not textmatch.search(signal.path_hint, file.path):
                continue
            match = regex.search(file.text)
            if match is not None:
                seen.add(signal.name)
                at = match.start()
                rows.append([signal.name, self.line_of(file, at), self.snippet(file, at), how, signal.strength])
        return rows

    def find(self, group: str, files: list[RepoFile] | None = None) -> list[Hit]:
        """Every signal of the group: the first hit per signal and file, plus path matches."""
        if files is None and group in self._cache:
            return self._cache[group]
        hits: list[Hit] = []
        scope = self.tables.scope(group)
        for file in files if files is not None else self.snapshot.files.values():
            rows = self.per_file(file, group, partial(self._scan_file, file, group, scope))
            hits += [Hit(name, file.path, line, snippet, how, strength) for name, line, snippet, how, strength in rows]
        if files is None:
            for signal in self.tables.signals(group):
                for pattern in signal.paths:
                    for path in self.snapshot.entries:
                        if matches(path, pattern):
                            hits.append(Hit(signal.name, path, None, "", "path", signal.strength))
            self._cache[group] = hits
        return hits

    def files(self, pattern_list: list[str]) -> list[str]:
        return [p for p in self.snapshot.entries if matches_any(p, pattern_list)]
