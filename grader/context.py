"""Everything probes look at, collected once per grade: snapshot, scanner, CI facts, metrics, history."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import yaml

from grader import textmatch
from grader.detect import Tables
from grader.readme import Readme, parse_readme
from grader.scan import Hit, Scanner
from grader.snapshot import CODE_KINDS, RepoFile, Snapshot, matches_any

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster

if TYPE_CHECKING:
    from grader.history import History
    from grader.metrics import MetricsSummary

_SCRIPT_REF = textmatch.compile(
    r"(?:^|[\s;&|(\"'])(?:bash\s+|sh\s+|python3?\s+|uv run\s+(?:python\s+)?|\./)?"
    r"((?:\.?[\w-]+/)+[\w.-]+|[\w-]+\.(?:sh|py))\b"
)
_TOOL_FILES = {
    r"\bmake\b": ["Makefile", "makefile", "GNUmakefile"],
    r"\b(?:npm|pnpm|yarn|bun)\b": ["package.json"],
    r"\btox\b": ["tox.ini"],
    r"\bnox\b": ["noxfile.py"],
    r"\bjust\b": ["justfile", "Justfile"],
    r"pre-commit": [".pre-commit-config.yaml"],
}


@dataclass
class CiFacts:
    workflows: list[RepoFile]
    followed: list[RepoFile]
    triggers: dict[str, list[str]] = field(default_factory=dict)

    @property
    def files(self) -> list[RepoFile]:
        return self.workflows + self.followed


def _triggers(file: RepoFile) -> list[str]:
    if not file.path.startswith(".github/workflows/"):
        return ["push"]  # other CI systems build every push unless told otherwise
    try:
        data = yaml.load(file.text, Loader=SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(data, dict):
        return []
    on: Any = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` key as True
    if isinstance(on, str):
        return [on]
    if isinstance(on, list):
        return [str(x) for x in on]
    if isinstance(on, dict):
        return [str(x) for x in on]
    return []


class Context:
    def __init__(
        self,
        snapshot: Snapshot,
        tables: Tables,
        metrics: Callable[[], MetricsSummary] | None = None,
        history: History | None = None,
        history_error: str | None = None,
        now: float | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.tables = tables
        self.scan = Scanner(snapshot, tables)
        self._metrics = metrics
        self.history = history
        self.history_error = history_error
        newest = max((c.timestamp for c in history.commits), default=0) if history else 0
        self.now = now if now is not None else newest
        self.memo: dict[str, Any] = {}  # facts two probes share, computed once

    # -- preconditions ---------------------------------------------------------------------------
    @property
    def is_llm(self) -> bool:
        from grader.facts.requirements import is_llm_project  # decided from the code's structure (issue #18)

        return is_llm_project(self)

    def unmet(self, requirement: str) -> str | None:
        """Why a precondition is absent, or None when it holds."""
        from grader.facts.requirements import NOT_MINE, unmet  # llm, network and env: decided from code facts

        decided = unmet(self, requirement)
        if decided != NOT_MINE:
            return decided
        if requirement == "llm" and not self.is_llm:
            return "no LLM SDK import detected, so there is no LLM behaviour to check"
        if requirement == "python" and not self.python_files:
            return "no Python files"
        if requirement == "code" and not self.source_files:
            return "no source code files"
        if requirement == "env" and not self.scan.find("security.env_usage"):
            return "no environment configuration used"
        if requirement == "network" and not (self.is_llm or self.scan.find("reliability.network")):
            return "no model or HTTP calls detected"
        if requirement == "history" and self.history is None:
            return self.history_error or "no history"
        return None

    # -- files -----------------------------------------------------------------------------------
    @cached_property
    def test_files(self) -> list[RepoFile]:
        globs: list[str] = self.tables.setting("tests", "test_paths")
        return [f for f in self.snapshot.files.values() if f.kind in CODE_KINDS and matches_any(f.path, globs)]

    @cached_property
    def source_files(self) -> list[RepoFile]:
        tests = {f.path for f in self.test_files}
        return [f for f in self.snapshot.files.values() if f.kind in CODE_KINDS and f.path not in tests]

    @cached_property
    def python_files(self) -> list[RepoFile]:
        return [f for f in self.snapshot.files.values() if f.kind == "python"]

    def file(self, path: str) -> RepoFile | None:
        return self.snapshot.files.get(path)

    def first_file(self, names: list[str]) -> RepoFile | None:
        for name in names:
            if name in self.snapshot.files:
                return self.snapshot.files[name]
        return None

    @cached_property
    def readme(self) -> Readme | None:
        names: list[str] = self.tables.setting("docs", "readme_names")
        found = self.first_file(names)
        return parse_readme(found) if found else None

    # -- CI --------------------------------------------------------------------------------------
    @cached_property
    def ci(self) -> CiFacts:
        globs: list[str] = self.tables.setting("ci", "files")
        workflows = [self.snapshot.files[p] for p in self.scan.files(globs) if p in self.snapshot.files]
        followed: dict[str, RepoFile] = {}
        for workflow in workflows:
            for match in _SCRIPT_REF.finditer(workflow.text):
                path = posixpath.normpath(match.group(1)).lstrip("/")
                if path in self.snapshot.files and path not in followed:
                    followed[path] = self.snapshot.files[path]
            for pattern, names in _TOOL_FILES.items():
                if textmatch.search(pattern, workflow.text):
                    found = self.first_file(names)
                    if found is not None:
                        followed.setdefault(found.path, found)
        ci_paths = {w.path for w in workflows}
        facts = CiFacts(workflows, [f for p, f in followed.items() if p not in ci_paths])
        facts.triggers = {w.path: _triggers(w) for w in workflows}
        return facts

    def ci_hits(self, group: str) -> list[Hit]:
        return self.scan.find(group, files=self.ci.files) if self.ci.files else []

    # -- collected elsewhere ---------------------------------------------------------------------
    def metrics(self) -> MetricsSummary:
        if self._metrics is None:
            raise RuntimeError("metrics were not collected for this grade")
        return self._metrics()
