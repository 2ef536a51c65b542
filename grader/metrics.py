"""Per-file code metrics: radon's complexity and Halstead visitors for Python, lizard for JS/TS.

Raw line counts come from a linear scan of our own (grader.rawcount: radon's raw analysis re-tokenizes a
growing buffer and is quadratic on large literals), and the maintainability index is computed from those
counts with radon's own formula. Results are cached by git blob SHA, so an unchanged file is never measured
twice, and cache misses are spread over a process pool. Each file is time-boxed.
"""

from __future__ import annotations

import ast
import gc
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
from typing import TYPE_CHECKING, Any

from grader.rawcount import raw_counts

if TYPE_CHECKING:  # worker processes import this module: keep pydantic and the tables out of their startup
    from grader.snapshot import RepoFile

METRICS_VERSION = "7"  # bump when a computation changes: cached results keyed by it are then ignored
_POOL_MIN_JOBS = 24  # below this, starting worker processes costs more than it saves
_CHUNK = 4
_SAVE_EVERY = 64  # measured files written to the cache at a time
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
    # The code facts read this same parse here, in the worker, instead of parsing the file a second time in
    # the grader's process. Last, inside the same time box: a file whose facts are cut short still has all its
    # metrics, and the facts layer reads it itself.
    from grader.facts.python import FACTS_VERSION, facts_of_tree

    out["facts"] = [FACTS_VERSION, facts_of_tree(tree)]
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
        if result.get("ok") and result.get("mi") is None:  # complexity is in; the maintainability index is not
            result["partial"] = f"maintainability index skipped: over {timeout:g}s"
        elif not result.get("ok"):  # (every metric in, only the facts cut short: the file is measured)
            result = {"ok": False, "timed_out": True, "error": f"measuring took over {timeout:g}s; skipped"}
    except (SyntaxError, ValueError, RecursionError, tokenize.TokenError, IndentationError) as error:
        result = {"ok": False, "error": f"could not measure: {type(error).__name__}"}
    except Exception as error:  # a parser's own bug on one file (lizard's IndexError): that file, not the grade
        result = {"ok": False, "crashed": True, "error": f"{_parser(kind)} failed on it ({type(error).__name__})"}
    result["seconds"] = round(time.perf_counter() - started, 4)
    return sha, kind, result


def _parser(kind: str) -> str:
    return "radon" if kind == "python" else "lizard"


DEADLINE = "not measured: the grade reached its deadline first"


def _measure_chunk(jobs: list[Job]) -> list[tuple[str, str, dict[str, Any]]]:
    """A worker's chunk, with the cyclic garbage collector paused: a parse allocates hundreds of thousands of
    nodes, each allocation counting towards a collection that finds nothing (syntax trees hold no cycles, and
    reference counting frees them), which was a third of `ast.parse`'s time. It runs again between chunks."""
    gc.disable()
    try:
        return [measure(job) for job in jobs]
    finally:
        gc.enable()


class MetricsCache:
    """JSON values by key (blob SHA based) in a small SQLite file in the cache folder: per-file metrics in
    table `metrics`, per-file scan facts in table `facts`."""

    def __init__(self, path: Path, table: str = "metrics") -> None:
        if table not in {"metrics", "facts"}:
            raise ValueError(f"unknown cache table {table}")
        path.parent.mkdir(parents=True, exist_ok=True)
        self.table = table
        self.db = sqlite3.connect(path, timeout=10)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    @staticmethod
    def key(kind: str, sha: str) -> str:
        return f"{METRICS_VERSION}:{kind}:{sha}"

    def get_many(self, keys: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ",".join("?" * len(part))
            query = f"SELECT key, value FROM {self.table} WHERE key IN ({marks})"
            for key, value in self.db.execute(query, part):
                found[key] = json.loads(value)
        return found

    def put_many(self, items: dict[str, dict[str, Any]]) -> None:
        with self.db:
            self.db.executemany(
                f"INSERT OR REPLACE INTO {self.table} (key, value) VALUES (?, ?)",
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
    deadline: float | None = None,
) -> MetricsSummary:
    """Metrics for every Python and JS/TS file; files still unmeasured at `deadline` (time.monotonic()) are
    reported as not measured, so a repository of slow files cannot hold the grade."""
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
        for done, (sha, kind, result) in enumerate(_run(jobs, workers, deadline), 1):
            for path in by_sha[(sha, kind)]:
                summary.results[path] = result
            if result.get("error") != DEADLINE:
                fresh[MetricsCache.key(kind, sha)] = result
            if cache and len(fresh) >= _SAVE_EVERY:  # saved while workers measure, not after the last file
                cache.put_many(fresh)
                fresh.clear()
            if progress and (done % 16 == 0 or done == total):
                progress(done, total)
        if cache and fresh:
            cache.put_many(fresh)
    finally:
        if cache:
            cache.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _late(job: Job) -> tuple[str, str, dict[str, Any]]:
    return job[0], job[1], {"ok": False, "timed_out": True, "error": DEADLINE, "seconds": 0.0}


def _run(jobs: list[Job], workers: int, deadline: float | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
    # Few small files: measuring them here beats starting workers. A large file always goes to a worker,
    # where the time box works (signals reach only a process's main thread; this may be a helper thread).
    large = any(len(job[3]) > _LARGE_FILE for job in jobs)
    if workers <= 0 or (len(jobs) < _POOL_MIN_JOBS and not large):
        for job in jobs:
            yield _late(job) if deadline is not None and time.monotonic() > deadline else measure(job)
        return
    # Largest files first, in small chunks, so no worker is left with the one huge file at the end.
    jobs = sorted(jobs, key=lambda j: -len(j[3]))
    chunks = [jobs[i : i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
    # spawn: the parent may have threads (progress bars, the TUI), which fork does not copy safely.
    done: set[str] = set()
    pool = ProcessPoolExecutor(max_workers=max(1, workers), mp_context=get_context("spawn"))
    try:
        futures = [pool.submit(_measure_chunk, chunk) for chunk in chunks]
        remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
        for future in as_completed(futures, timeout=remaining):
            for item in future.result():
                done.add(item[0] + item[1])
                yield item
    except TimeoutError:
        _stop(pool)
        for job in jobs:
            if job[0] + job[1] not in done:
                yield _late(job)
    except BrokenProcessPool:
        # A caller whose main module is not import-safe breaks spawn; measure the rest here instead.
        log.warning("metrics worker pool broke; measuring the remaining files in this process")
        for job in jobs:
            if job[0] + job[1] not in done:
                yield _late(job) if deadline is not None and time.monotonic() > deadline else measure(job)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now: a worker deep in one file would otherwise hold shutdown until it finishes."""
    pool.shutdown(wait=False, cancel_futures=True)
    for process in list(getattr(pool, "_processes", {}).values()):  # no public way before Python 3.14
        process.kill()
