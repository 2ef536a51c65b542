"""Per-file code metrics: radon's complexity and Halstead visitors for Python, lizard for JS/TS.

Raw line counts come from one linear tokenize pass of our own (radon's raw analysis re-tokenizes a growing
buffer and is quadratic on large literals), and the maintainability index is computed from those counts
with radon's own formula. Results are cached by git blob SHA, so an unchanged file is never measured
twice, and cache misses are spread over a process pool. Each file is time-boxed.
"""

from __future__ import annotations

import ast
import io
import json
import logging
import signal
import sqlite3
import threading
import time
import tokenize
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from grader.snapshot import RepoFile

METRICS_VERSION = "5"  # bump when a computation changes: cached results keyed by it are then ignored
_POOL_MIN_JOBS = 24  # below this, starting worker processes costs more than it saves
_CHUNK = 4
_LARGE_FILE = 200_000  # characters

log = logging.getLogger(__name__)
Job = tuple[str, str, str, str, float]  # (sha, kind, path, text, timeout)


class _TimedOut(Exception):
    pass


@contextmanager
def _time_box(seconds: float) -> Iterator[None]:
    """Interrupt Python-level work after `seconds` (only possible on a process's main thread)."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def _raise(signum: int, frame: object) -> None:
        raise _TimedOut

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Statement:
    """Running facts about one logical line, updated per token so long literals stay linear."""

    __slots__ = ("code", "colon_last", "comments", "first", "last", "lloc", "part", "part_colon", "string")

    def __init__(self) -> None:
        self.code = self.comments = self.lloc = self.part = 0
        self.first = self.last = 0
        self.part_colon = self.colon_last = False
        self.string: tokenize.TokenInfo | None = None  # the first code token when it is a string

    def add(self, token: tokenize.TokenInfo) -> None:
        if not self.first:
            self.first = token.start[0]
        self.last = token.end[0]
        if token.type == tokenize.COMMENT:
            self.comments += 1
            return
        if token.type == tokenize.OP and token.string == ";":
            self.close_part()
            return
        if self.code == 0 and token.type == tokenize.STRING:
            self.string = token
        self.code += 1
        self.part += 1
        is_colon = token.type == tokenize.OP and token.string == ":"
        self.part_colon = self.part_colon or is_colon
        self.colon_last = is_colon

    def close_part(self) -> None:
        # radon's rule: a part whose last ':' is followed by more code (`if x: y`) is two logical lines.
        if self.part:
            self.lloc += 2 if self.part_colon and not self.colon_last else 1
        self.part = 0
        self.part_colon = self.colon_last = False


def raw_counts(text: str) -> dict[str, int]:
    """radon's raw counts (loc, lloc, sloc, comments, multi, blank, single_comments) in one tokenize pass."""
    lines = text.splitlines()
    counts = dict(loc=len(lines), lloc=0, sloc=0, comments=0, multi=0, blank=0, single_comments=0)
    marked = bytearray(len(lines) + 2)
    structural = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}

    def rows(first: int, last: int, key: str) -> None:
        for row in range(first, min(last, len(lines)) + 1):
            if not marked[row]:
                marked[row] = 1
                counts[key if lines[row - 1].strip() else "blank"] += 1

    def finish(st: _Statement) -> None:
        if not st.first:
            return
        st.close_part()
        counts["comments"] += st.comments
        counts["lloc"] += st.lloc
        lone_string = st.string if st.code == 1 else None
        if st.code == 0 or (lone_string and lone_string.start[0] == lone_string.end[0]):
            counts["single_comments"] += 1
            marked[st.first] = 1
        elif lone_string:
            rows(st.first, st.last, "multi")
        else:
            rows(st.first, st.last, "sloc")

    statement = _Statement()
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        kind = token.type
        if kind not in structural:
            statement.add(token)
        # NEWLINE ends a statement; NL ends only a blank or comment-only line (not one inside brackets).
        if kind == tokenize.NEWLINE or kind == tokenize.ENDMARKER or (kind == tokenize.NL and statement.code == 0):
            finish(statement)
            statement = _Statement()
    for row in range(1, len(lines) + 1):
        if not marked[row]:
            counts["blank" if not lines[row - 1].strip() else "sloc"] += 1
    return counts


def measure_python(text: str, out: dict[str, Any] | None = None) -> dict[str, Any]:
    """Complexity first, then raw counts and Halstead volume for MI, filling `out` as each stage ends,
    so a time-out keeps what was done (functions without MI for a huge literal file)."""
    from radon.metrics import h_visit_ast, mi_compute
    from radon.visitors import ComplexityVisitor, Function

    out = {} if out is None else out
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, MemoryError, RecursionError) as error:
        line = getattr(error, "lineno", None)
        out.update(ok=False, error=f"does not parse as Python 3: {type(error).__name__}", line=line)
        return out
    visitor = ComplexityVisitor.from_ast(tree)
    functions = [[b.fullname, b.lineno, b.endline, b.complexity] for b in visitor.blocks if isinstance(b, Function)]
    out.update(ok=True, mi=None, sloc=0, functions=functions)
    raw = raw_counts(text)
    out.update(raw)
    volume = h_visit_ast(tree).total.volume
    comment_share = (raw["comments"] + raw["multi"]) / raw["sloc"] * 100 if raw["sloc"] else 0
    out["mi"] = round(mi_compute(volume, visitor.total_complexity, raw["lloc"], comment_share), 2)
    return out


def measure_js(path: str, text: str) -> dict[str, Any]:
    from lizard import analyze_file

    info = analyze_file.analyze_source_code(path, text)
    functions = [[f.name, f.start_line, f.end_line, f.cyclomatic_complexity] for f in info.function_list]
    return {"ok": True, "sloc": info.nloc, "functions": functions}


def measure(job: Job) -> tuple[str, str, dict[str, Any]]:
    """Worker entry point: metrics for one file, never raising for the file's content."""
    sha, kind, path, text, timeout = job
    started = time.perf_counter()
    result: dict[str, Any] = {}
    try:
        with _time_box(timeout):
            if kind == "python":
                measure_python(text, result)
            else:
                result = measure_js(path, text)
    except _TimedOut:
        if result.get("ok"):  # complexity is in; the maintainability index was cut short
            result["partial"] = f"maintainability index skipped: over {timeout:g}s"
        else:
            result = {"ok": False, "timed_out": True, "error": f"measuring took over {timeout:g}s; skipped"}
    except (SyntaxError, ValueError, RecursionError, tokenize.TokenError, IndentationError) as error:
        result = {"ok": False, "error": f"could not measure: {type(error).__name__}"}
    result["seconds"] = round(time.perf_counter() - started, 4)
    return sha, kind, result


def _measure_chunk(jobs: list[Job]) -> list[tuple[str, str, dict[str, Any]]]:
    return [measure(job) for job in jobs]


class MetricsCache:
    """Metrics by blob SHA in a small SQLite file in the cache folder."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=10)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS metrics (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    @staticmethod
    def key(kind: str, sha: str) -> str:
        return f"{METRICS_VERSION}:{kind}:{sha}"

    def get_many(self, keys: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ",".join("?" * len(part))
            for key, value in self.db.execute(f"SELECT key, value FROM metrics WHERE key IN ({marks})", part):
                found[key] = json.loads(value)
        return found

    def put_many(self, items: dict[str, dict[str, Any]]) -> None:
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO metrics (key, value) VALUES (?, ?)",
                [(k, json.dumps(v)) for k, v in items.items()],
            )

    def close(self) -> None:
        self.db.close()


@dataclass(frozen=True)
class FunctionMetric:
    path: str
    name: str
    line: int
    end_line: int
    complexity: int


@dataclass
class MetricsSummary:
    results: dict[str, dict[str, Any]] = field(default_factory=dict)  # path -> per-file result
    kinds: dict[str, str] = field(default_factory=dict)
    cache_hits: int = 0
    seconds: float = 0.0

    def functions(self) -> list[FunctionMetric]:
        return [
            FunctionMetric(path, name, line, end, cc)
            for path, r in self.results.items()
            if r.get("ok")
            for name, line, end, cc in r["functions"]
        ]

    def python_ok(self) -> dict[str, dict[str, Any]]:
        return {p: r for p, r in self.results.items() if self.kinds[p] == "python" and r.get("ok")}

    def python_failed(self) -> dict[str, dict[str, Any]]:
        """Python files that do not parse (time-outs are not held against the code)."""
        return {
            p: r
            for p, r in self.results.items()
            if self.kinds[p] == "python" and not r.get("ok") and not r.get("timed_out")
        }

    def timed_out(self) -> list[str]:
        return [p for p, r in self.results.items() if r.get("timed_out") or r.get("partial")]

    def js_ok(self) -> int:
        return sum(1 for p, r in self.results.items() if self.kinds[p] == "js" and r.get("ok"))

    def slowest(self) -> tuple[str, float]:
        if not self.results:
            return ("", 0.0)
        path = max(self.results, key=lambda p: self.results[p].get("seconds", 0.0))
        return path, float(self.results[path].get("seconds", 0.0))


def measurable(files: list[RepoFile]) -> list[tuple[RepoFile, str]]:
    out = []
    for file in files:
        if file.kind == "python":
            out.append((file, "python"))
        elif file.kind in {"js", "ts"}:
            out.append((file, "js"))
    return out


def collect_metrics(
    files: list[RepoFile],
    cache_path: Path | None,
    workers: int,
    timeout: float,
    progress: Callable[[int, int], None] | None = None,
) -> MetricsSummary:
    started = time.perf_counter()
    summary = MetricsSummary()
    todo = measurable(files)
    cache = MetricsCache(cache_path) if cache_path else None
    try:
        keys = {f.path: MetricsCache.key(kind, f.sha) for f, kind in todo}
        cached = cache.get_many(list(set(keys.values()))) if cache else {}
        jobs: list[Job] = []
        by_sha: dict[tuple[str, str], list[str]] = {}
        for file, kind in todo:
            summary.kinds[file.path] = kind
            hit = cached.get(keys[file.path])
            if hit is not None:
                summary.results[file.path] = hit
                summary.cache_hits += 1
                continue
            if (file.sha, kind) not in by_sha:
                jobs.append((file.sha, kind, file.path, file.text, timeout))
            by_sha.setdefault((file.sha, kind), []).append(file.path)
        fresh: dict[str, dict[str, Any]] = {}
        total = len(jobs)
        if progress:
            progress(0, total)
        for done, (sha, kind, result) in enumerate(_run(jobs, workers), 1):
            for path in by_sha[(sha, kind)]:
                summary.results[path] = result
            fresh[MetricsCache.key(kind, sha)] = result
            if progress and (done % 16 == 0 or done == total):
                progress(done, total)
        if cache and fresh:
            cache.put_many(fresh)
    finally:
        if cache:
            cache.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _run(jobs: list[Job], workers: int) -> Iterator[tuple[str, str, dict[str, Any]]]:
    # Few small files: measuring them here beats starting workers. A large file always goes to a worker,
    # where the time box works (signals reach only a process's main thread; this may be a helper thread).
    large = any(len(job[3]) > _LARGE_FILE for job in jobs)
    if workers <= 0 or (len(jobs) < _POOL_MIN_JOBS and not large):
        for job in jobs:
            yield measure(job)
        return
    # Largest files first, in small chunks, so no worker is left with the one huge file at the end.
    jobs = sorted(jobs, key=lambda j: -len(j[3]))
    chunks = [jobs[i : i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
    # spawn: the parent may have threads (progress bars, the TUI), which fork does not copy safely.
    done: set[str] = set()
    try:
        with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=get_context("spawn")) as pool:
            futures = [pool.submit(_measure_chunk, chunk) for chunk in chunks]
            for future in as_completed(futures):
                for item in future.result():
                    done.add(item[0] + item[1])
                    yield item
    except BrokenProcessPool:
        # A caller whose main module is not import-safe breaks spawn; measure the rest here instead.
        log.warning("metrics worker pool broke; measuring the remaining files in this process")
        for job in jobs:
            if job[0] + job[1] not in done:
                yield measure(job)
