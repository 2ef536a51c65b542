"""The code facts of a whole snapshot, indexed for probes: imports, calls, keywords, decorators, class bases.

Each file is read once (Python through `ast`, notebooks cell by cell, JS/TS through tree-sitter) and its facts
are cached by blob with the other per-file facts. Every file has a role: `source` (the project's own code),
`test`, `example` (examples, docs, cookbooks, templates, notebooks: code that shows use rather than is the
product), `eval` (eval scripts and benchmarks) or `config` (tool configuration written in code).
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from grader.facts.js import js_facts
from grader.facts.notebook import notebook_facts
from grader.facts.python import FACTS_VERSION, python_facts
from grader.matching import compile_pattern
from grader.report import Evidence
from grader.snapshot import RepoFile, matches_any

if TYPE_CHECKING:
    from grader.context import Context
    from grader.detect import Signal

_EXAMPLE_DIRS = compile_pattern(
    r"(?:^|/)(?:examples?|docs?|cookbooks?|tutorials?|samples?|demos?|recipes|templates?|scaffolds?)/", True
)
# Build and tool configuration written in code (vite.config.ts, playwright.config.ts, gunicorn.conf.py): its
# `retries` and `timeout` keys configure tools, not the application's calls.
_CONFIG_FILES = compile_pattern(
    r"(?:^|/)[^/]*\.(?:config|conf)\.(?:js|cjs|mjs|ts|cts|mts|py)$|(?:^|/)(?:setup|noxfile|conftest)\.py$"
)
# Eval scripts and benchmarks run the product to score it: evidence of evals, not the application's behaviour.
_EVAL_DIRS = compile_pattern(r"(?:^|/)(?:evals?|evaluations?|benchmarks?)/", True)
ROLES = ("source", "test", "example", "config", "eval")


@dataclass(frozen=True)
class Site:
    """One place in the code: a call, an import, a decorator, with the file's role."""

    path: str
    line: int  # 1-based line of the file as the facts read it (code cells for notebooks)
    name: str
    role: str
    keywords: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    text: str | None = None  # the first string argument, when there is one


@dataclass
class FileFacts:
    file: RepoFile
    role: str
    data: dict[str, Any]

    @property
    def parsed(self) -> bool:
        return "error" not in self.data


@cache
def _glob(pattern: str) -> tuple[str, ...]:
    """A name glob split at its stars: `*` is any run of characters (dots and slashes included)."""
    return tuple(pattern.split("*"))


def glob_match(pattern: str, name: str) -> bool:
    """Whether a name glob matches the whole name: literal pieces found in order, no regex at all (linear,
    and called on every call of a large repository)."""
    pieces = _glob(pattern)
    if len(pieces) == 1:
        return name == pattern
    first, last = pieces[0], pieces[-1]
    if not name.startswith(first) or not name.endswith(last) or len(name) < len(first) + len(last):
        return False
    position, stop = len(first), len(name) - len(last)
    for piece in pieces[1:-1]:
        found = name.find(piece, position, stop)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def name_matches(name: str, globs: Iterable[str]) -> bool:
    return any(glob_match(g, name) for g in globs)


def names_matching(glob: str, names: Iterable[str]) -> list[str]:
    """The names a glob matches. Its longest literal piece is looked for first with `in` (a C loop): most
    names of a large repository fail there, before any matching in Python."""
    longest = max(_glob(glob), key=len)
    if longest:
        names = [n for n in names if longest in n]
    return [n for n in names if glob_match(glob, n)]


def _top(module: str) -> str:
    """The top-level package of a module name (`langchain_openai.chat` -> langchain_openai, `@ai-sdk/openai`
    -> @ai-sdk): imports are indexed by it."""
    return module.split("/", 1)[0].split(".", 1)[0]


def module_matches(module: str, wanted: str) -> bool:
    return module == wanted or module.startswith((wanted + ".", wanted + "/"))


def _name_tail(name: str) -> str:
    """The last segment of a dotted name: `langsmith.Client().evaluate` -> evaluate."""
    return name.rstrip("()").replace("(", ".").replace(")", ".").rsplit(".", 1)[-1]


def _tail(glob: str) -> str | None:
    """The literal last segment of a dotted glob (`*.evaluate` -> evaluate), for the call index."""
    last = _name_tail(glob)
    return None if not last or any(ch in last for ch in "*?[") else last


def role_of(path: str, test_globs: list[str]) -> str:
    """test, config (tool configuration in code), example (examples, docs, templates) or source."""
    if matches_any(path, test_globs):
        return "test"
    if _CONFIG_FILES.search(path):
        return "config"
    if path.endswith(".ipynb"):  # exploration and walkthroughs: evidence of evals, not the application
        return "example"
    if _EVAL_DIRS.search(path):
        return "eval"
    if _EXAMPLE_DIRS.search(path):
        return "example"
    return "source"


def _compute(file: RepoFile) -> list[Any]:
    if file.kind == "python":
        return [python_facts(file.text)]
    if file.kind == "notebook":
        return [notebook_facts(file.text)]
    try:
        return [js_facts(file.path, file.text)]
    except Exception as error:  # a grammar the parser cannot take is a file not read, never a lost grade
        return [{"error": f"{type(error).__name__}: {str(error)[:200]}"}]


class CodeFacts:
    def __init__(self, files: list[FileFacts]) -> None:
        self.files = {f.file.path: f for f in files}
        self._tails: dict[str, list[str]] = defaultdict(list)  # distinct call names by their last segment
        self._by_name: dict[str, list[Site]] = defaultdict(list)  # by whole name: globs run once per name
        self._keywords: dict[str, list[Site]] = defaultdict(list)
        self._imports: dict[str, list[Site]] = defaultdict(list)  # by top-level module
        self._decorators: list[Site] = []
        self._bases: list[tuple[Site, list[str]]] = []
        self._glob_memo: dict[str, list[Site]] = {}
        self._name_memo: dict[tuple[str, tuple[str, ...]], set[str]] = {}
        for facts in files:
            path, role, data = facts.file.path, facts.role, facts.data
            for module, line in data.get("imports", []):
                self._imports[_top(module)].append(Site(path, line, module, role))
            for name, line, keywords, text, *_ in data.get("calls", []):
                site = Site(path, line, name, role, keywords or {}, text)
                self._by_name[name].append(site)
                for keyword in keywords or {}:
                    self._keywords[keyword].append(site)
            for function in data.get("functions", []):
                for name, line, text, keywords in function[4]:
                    self._decorators.append(Site(path, line, name, role, dict.fromkeys(keywords, "<expr>"), text))
            for name, line, bases, _fields in data.get("classes", []):
                self._bases.append((Site(path, line, name, role), bases))
        for name in self._by_name:
            self._tails[_name_tail(name)].append(name)

    # -- selections ------------------------------------------------------------------------------
    def of_role(self, *roles: str) -> list[FileFacts]:
        return [f for f in self.files.values() if f.role in roles]

    def imports(self, modules: Iterable[str], roles: Iterable[str] = ROLES) -> list[Site]:
        allowed = set(roles)
        found = []
        for wanted in modules:
            found += [
                s for s in self._imports.get(_top(wanted), []) if s.role in allowed and module_matches(s.name, wanted)
            ]
        return sorted(set(found), key=lambda s: (s.path, s.line, s.name))

    def calls_into(self, modules: Iterable[str]) -> list[Site]:
        """Every call whose qualified name lies inside one of the modules (`anthropic.Anthropic().messages.create`
        inside anthropic), each distinct name matched once against the modules of its top-level package."""
        by_top: dict[str, list[str]] = defaultdict(list)
        for module in modules:
            by_top[_top(module)].append(module)
        found = []
        for name, sites in self._by_name.items():
            called = name.split("(", 1)[0]
            wanted = by_top.get(_top(called))
            if wanted and any(module_matches(called, m) for m in wanted):
                found += sites
        return found

    def _glob_calls(self, glob: str) -> list[Site]:
        """Every call a glob matches, remembered: probes ask the same globs many times."""
        if glob not in self._glob_memo:
            tail = _tail(glob)
            if tail:
                names = [n for n in self._tails.get(tail, []) if glob_match(glob, n)]
            else:  # a wildcard tail: every distinct name, its literal pieces looked for first
                names = names_matching(glob, self._by_name)
            self._glob_memo[glob] = [s for n in names for s in self._by_name[n]]
        return self._glob_memo[glob]

    def call_names(self, globs: Iterable[str]) -> set[str]:
        """The distinct call names the globs match, anywhere: a per-file check is then one set lookup."""
        key = ("call", tuple(globs))
        if key not in self._name_memo:
            self._name_memo[key] = {s.name for glob in key[1] for s in self._glob_calls(glob)}
        return self._name_memo[key]

    def _matching(self, kind: str, names: Iterable[str], globs: Iterable[str]) -> set[str]:
        """The distinct names (decorators, bases, caught exceptions) a list of globs matches, remembered."""
        key = (kind, tuple(globs))
        if key not in self._name_memo:
            distinct = set(names)
            self._name_memo[key] = {n for glob in key[1] for n in names_matching(glob, distinct)}
        return self._name_memo[key]

    def calls(self, globs: Iterable[str], roles: Iterable[str] = ROLES) -> list[Site]:
        allowed = set(roles)
        found: dict[tuple[str, int, str], Site] = {}
        for glob in globs:
            for site in self._glob_calls(glob):
                if site.role in allowed:
                    found[(site.path, site.line, site.name)] = site
        return sorted(found.values(), key=lambda s: (s.path, s.line))

    def with_keywords(self, keywords: Iterable[str], roles: Iterable[str] = ROLES) -> list[Site]:
        allowed = set(roles)
        found = {(s.path, s.line, s.name): s for k in keywords for s in self._keywords.get(k, []) if s.role in allowed}
        return sorted(found.values(), key=lambda s: (s.path, s.line))

    def attributes(self, attrs: Iterable[str], roles: Iterable[str] = ROLES) -> list[Site]:
        """First read of each named attribute per file (`usage`, `prompt_tokens`)."""
        wanted, allowed = list(attrs), set(roles)
        sites = []
        for facts in self.files.values():
            if facts.role in allowed:
                found = facts.data.get("attributes") or {}
                sites += [Site(facts.file.path, found[a], a, facts.role) for a in wanted if a in found]
        return sites

    def handlers(self, globs: Iterable[str], roles: Iterable[str] = ROLES) -> list[Site]:
        """`except` clauses catching a matching exception (`*.RateLimitError`); "*" is a bare except."""
        allowed = set(roles)
        every = (c for f in self.files.values() for _, caught in f.data.get("handlers") or [] for c in caught)
        matched = self._matching("handler", every, globs)
        sites = []
        for facts in self.files.values():
            if facts.role in allowed:
                for line, caught in facts.data.get("handlers") or []:
                    sites += [Site(facts.file.path, line, c, facts.role) for c in caught if c in matched]
        return sites

    def decorators(self, globs: Iterable[str], roles: Iterable[str] = ROLES) -> list[Site]:
        allowed = set(roles)
        matched = self._matching("decorator", (s.name for s in self._decorators), globs)
        return [s for s in self._decorators if s.role in allowed and s.name in matched]

    def subclasses(self, globs: Iterable[str], roles: Iterable[str] = ROLES) -> list[Site]:
        allowed = set(roles)
        matched = self._matching("base", (b for _, bases in self._bases for b in bases), globs)
        if not matched:
            return []
        return [s for s, bases in self._bases if s.role in allowed and any(b in matched for b in bases)]

    def signal_sites(self, signal: Signal, roles: Iterable[str] = ROLES) -> list[Site]:
        """Where the code shows a table signal: its imports, calls, keywords, decorators or class bases."""
        roles = tuple(roles)
        calls = self.calls(signal.calls, roles) if signal.calls else []
        if signal.call_text:
            calls = [s for s in calls if s.text in signal.call_text]
        sites = [
            *self.imports(signal.imports, roles),
            *calls,
            *self.decorators(signal.decorators, roles),
            *self.subclasses(signal.bases, roles),
            *self.attributes(signal.attributes, roles),
            *self.handlers(signal.handlers, roles),
        ]
        if signal.keywords:
            pool = self.with_keywords(signal.keywords, roles)
            if signal.keyword_calls:
                pool = [s for s in pool if name_matches(s.name, signal.keyword_calls)]
            sites += [s for s in pool if _keyword_value_ok(s, signal.keywords)]
        return sites

    # -- evidence --------------------------------------------------------------------------------
    def line_text(self, path: str, line: int) -> str:
        facts = self.files.get(path)
        if facts is None:
            return ""
        lines = facts.file.text.splitlines()
        return lines[line - 1].strip()[:200] if 0 < line <= len(lines) else ""

    def evidence(self, site: Site) -> Evidence:
        facts = self.files.get(site.path)
        line = facts.file.file_line(site.line) if facts else site.line
        return Evidence(path=site.path, start_line=line, end_line=line, snippet=self.line_text(site.path, site.line))

    def evidence_of(self, sites: Iterable[Site], limit: int = 5) -> list[Evidence]:
        """One site per file first, so the evidence shows the spread before repeats."""
        sites = list(sites)
        seen: set[str] = set()
        ordered: list[Site] = []
        for site in sites:
            if site.path not in seen:
                seen.add(site.path)
                ordered.append(site)
        ordered += [s for s in sites if s not in ordered]
        return [self.evidence(s) for s in ordered[:limit]]


def _keyword_value_ok(site: Site, keywords: list[str]) -> bool:
    """`timeout=None` and `max_retries=0` switch the thing off: they are not a timeout or a retry."""
    for keyword in keywords:
        if keyword in site.keywords:
            value = site.keywords[keyword]
            if value is None or value is False or value == 0:
                continue
            return True
    return False


def own_paths(ctx: Context, globs: list[str], any_case: bool = False) -> list[str]:
    """Paths matching the globs, leaving out vendored and generated trees (a test fixture's .env.example or ADR
    is someone else's project). Skipped single files (a lock file is not read) still count by their path.
    With any_case, `*architecture*.png` also matches docs/ARCHITECTURE.png (a file name's case is a habit)."""
    if any_case:
        lowered = tuple(g.lower() for g in globs)
        found = [p for p in ctx.snapshot.entries if matches_any(p.lower(), lowered)]
    else:
        found = ctx.scan.files(list(globs))
    return [p for p in found if "tree" not in (ctx.tables.skip.reason(p) or "") and not _in_skipped_folder(ctx, p)]


def _in_skipped_folder(ctx: Context, path: str) -> bool:
    return ctx.tables.skip.folder_of(path) is not None


def code_files(ctx: Context) -> Iterator[RepoFile]:
    for file in ctx.snapshot.files.values():
        if file.kind in {"python", "notebook", "js", "ts"}:
            yield file


def _measured(ctx: Context) -> dict[str, dict[str, Any]]:
    """Python facts the metrics workers computed from their own parse of each file (no second parse here).
    Empty when the grade has no metrics (a review-only context, a table test) or they failed."""
    try:
        summary = ctx.metrics()
    except Exception:  # no metrics, or their collection failed: the facts are computed here instead
        return {}
    found = {}
    for path, result in summary.results.items():
        facts = result.get("facts")
        if isinstance(facts, list) and len(facts) == 2 and facts[0] == FACTS_VERSION:
            found[path] = facts[1]
    return found


def code_facts(ctx: Context) -> CodeFacts:
    """The snapshot's code facts, computed once per grade (and per blob across grades)."""
    if "code_facts" not in ctx.memo:
        test_globs: list[str] = ctx.tables.setting("tests", "test_paths")
        every = list(code_files(ctx))
        # What the metrics workers do not read (JS/TS, notebooks) is read here first, while they work; then
        # their facts are taken, and anything they could not give (cut short by a file's time box) is read here.
        here = {
            f.path: ctx.scan.per_file(f, "code_facts", partial(_compute, f))[0] for f in every if f.kind != "python"
        }
        measured = _measured(ctx)
        files = []
        for file in every:
            data = here.get(file.path) or measured.get(file.path)
            if data is None:
                (data,) = ctx.scan.per_file(file, "code_facts", partial(_compute, file))
            files.append(FileFacts(file, role_of(file.path, test_globs), data))
        ctx.memo["code_facts"] = CodeFacts(files)
    facts: CodeFacts = ctx.memo["code_facts"]
    return facts


def is_test_path(path: str, ctx: Context) -> bool:
    return matches_any(path, ctx.tables.setting("tests", "test_paths"))


def basename(path: str) -> str:
    return posixpath.basename(path)
