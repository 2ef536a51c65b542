"""Orchestration: target -> checkout -> snapshot -> probes + metrics + history -> scores -> GradeReport.

`grade_repository` is the one entry point the command line and the TUI call. It never touches the database
and never runs the repository's code.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

from curriculum.errors import UserError
from grader.claude.redact import redact
from grader.context import Context
from grader.detect import Tables, load_tables
from grader.facts.pipeline import read_pipeline
from grader.gitcmd import GitFailed
from grader.history import History, read_history
from grader.metrics import DEADLINE, MetricsCache, MetricsSummary, collect_metrics
from grader.probes import PROBES
from grader.probes.base import Result, not_applicable
from grader.report import Coverage, Evidence, Finding, GradeReport, Outcome
from grader.reuse import ReportStore, code_digest, grade_key
from grader.scoring import Rubric, load_rubric, score_dimensions
from grader.settings import GraderSettings
from grader.snapshot import Snapshot, read_snapshot
from grader.source import Checkout, open_target

# progress(stage, done, total); stages: fetch, read, metrics, probes, score.
# It may be called from a worker thread.
Progress = Callable[[str, int, int], None]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Deadline:
    """When the whole grade must be done (time.monotonic()); what is not done by then is not assessed."""

    at: float
    seconds: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds, seconds)

    def remaining(self) -> float:
        return max(0.0, self.at - time.monotonic())

    def passed(self) -> bool:
        return time.monotonic() > self.at

    def reason(self, what: str) -> str:
        return f"not assessed: {what} when the grade reached its {self.seconds:g} s deadline"


def run_probes(
    ctx: Context, rubric: Rubric, progress: Progress | None = None, deadline: Deadline | None = None
) -> list[Finding]:
    """Every registered probe once; metric-based probes last so the metrics have time to finish."""
    order = sorted(PROBES.values(), key=lambda p: p.dimension == "code_health")
    findings = []
    for done, found in enumerate(order, 1):
        reason = next((r for req in found.requires if (r := ctx.unmet(req)) is not None), None)
        if reason is not None:
            result = not_applicable(reason)
        elif deadline is not None and deadline.passed():
            result = Result(Outcome.error, deadline.reason("this check had not run"))
        else:
            try:
                result = found.run(ctx)
            except UserError:
                raise
            except TimeoutError:  # waiting for the code metrics ran into the deadline
                result = Result(Outcome.error, (deadline or Deadline.after(0)).reason("code metrics were unfinished"))
            except Exception as error:  # a probe bug must not sink the whole grade; it is reported, not hidden
                log.exception("probe %s failed", found.id)
                result = Result(Outcome.error, f"probe failed: {type(error).__name__}: {error}")
        findings.append(
            Finding(
                probe=found.id,
                dimension=found.dimension,
                title=found.title,
                outcome=result.outcome,
                credit=result.credit,
                weight=rubric.dimensions[found.dimension].probes[found.id],
                message=redact(result.message)[0],
                evidence=[_masked(e) for e in result.evidence],
                fix_at=_masked(result.fix_at) if result.fix_at else None,  # advice, fix_at: for this repository
                remediation=(redact(result.advice)[0] if result.advice else found.remediation)
                if result.outcome in {Outcome.failed, Outcome.not_detected} or (result.credit or 1) < 1
                else "",
                why=found.why,
                doc_url=found.doc_url,
            )
        )
        if progress:
            progress("probes", done, len(order))
    return findings


def _masked(evidence: Evidence) -> Evidence:
    """Evidence with any secret in its snippet masked: every output format (terminal, JSON, Markdown, SARIF)
    and the saved record are built from these findings, so a committed key never reaches any of them."""
    if not evidence.snippet:
        return evidence
    return evidence.model_copy(update={"snippet": redact(evidence.snippet)[0]})


def grade_repository(
    target: str,
    ref: str | None = None,
    settings: GraderSettings | None = None,
    progress: Progress | None = None,
    on_context: Callable[[Context], None] | None = None,
) -> GradeReport:
    """Grade a local repository or an allowed remote URL at ref (default HEAD). Person-caused problems raise
    UserError with a one-line message; the static grade is complete without any review.

    `on_context` receives the collected facts (snapshot included) once the probes ran, so the review reads and
    checks citations against exactly the files that were graded."""
    settings = settings or GraderSettings()
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 3)
        clock = now

    def tell(stage: str, done: int, total: int) -> None:
        if progress:
            progress(stage, done, total)

    deadline = Deadline.after(settings.deadline_s)
    rubric = load_rubric(settings.profile_path)  # a bad profile fails before any work
    tables = load_tables()
    tell("fetch", 0, 1)
    with open_target(target, ref, settings) as checkout:
        tell("fetch", 1, 1)
        lap("fetch")
        return _grade_checkout(checkout, settings, rubric, tables, timings, tell, progress, lap, on_context, deadline)


def _grade_checkout(
    checkout: Checkout,
    settings: GraderSettings,
    rubric: Rubric,
    tables: Tables,
    timings: dict[str, float],
    tell: Progress,
    progress: Progress | None,
    lap: Callable[[str], None],
    on_context: Callable[[Context], None] | None,
    deadline: Deadline,
) -> GradeReport:
    store = ReportStore(settings.grades_cache_path) if settings.reuse_grades else None
    key = grade_key(checkout.commit, settings, rubric.model_dump_json())
    try:
        cached = store.get(key) if store else None
        if cached is not None:
            lap("reuse")
            tell("score", 1, 1)
            notes = [
                *checkout.notes,
                "reused the grade of this commit (same grader, tables, rubric and limits)",
            ]
            if on_context is not None:  # the review still reads the files this grade came from
                on_context(Context(_read(checkout, settings, tables, tell), tables, now=settings.clock()))
            return GradeReport.model_validate(
                {
                    **cached,
                    "source": checkout.source,
                    "generated_at": _now(),
                    "notes": notes,
                    "timings": timings,
                }
            )
        report = _grade(checkout, settings, rubric, tables, timings, tell, progress, lap, on_context, deadline)
        if store:
            store.put(key, report)
        return report
    finally:
        if store:
            store.close()


def _read(checkout: Checkout, settings: GraderSettings, tables: Tables, tell: Progress) -> Snapshot:
    try:
        return read_snapshot(checkout.git_dir, checkout.commit, settings, tables.skip, lambda d, t: tell("read", d, t))
    except GitFailed as error:
        raise UserError(
            f"cannot read the repository at {checkout.commit[:12]}: {error.stderr.strip()[:200]}"
        ) from error


def _load_facts(snapshot: Snapshot, settings: GraderSettings) -> tuple[dict[str, Any] | None, dict[str, str]]:
    """Scan facts of files seen before (same blob, path, grader and tables), keyed by path."""
    keys = {f.path: f"{code_digest()}:{f.sha}:{f.path}" for f in snapshot.files.values()}
    if not settings.use_cache:
        return None, keys
    store = MetricsCache(settings.metrics_cache_path, table="facts")
    try:
        return store.get_many(list(keys.values())), keys
    finally:
        store.close()


def _save_facts(ctx: Context, keys: dict[str, str], settings: GraderSettings) -> None:
    if not settings.use_cache or not ctx.scan.dirty:
        return
    store = MetricsCache(settings.metrics_cache_path, table="facts")
    try:
        store.put_many({keys[p]: ctx.scan.facts[p] for p in ctx.scan.dirty if p in keys})
    finally:
        store.close()


def _text_work(ctx: Context) -> list[Callable[[], object]]:
    """Work every grade does that reads text, not code facts: each result is remembered for the probes."""
    return [partial(ctx.scan.find, group) for group in ctx.tables.groups] + [partial(read_pipeline, ctx)]


def _quietly(work: Callable[[], object]) -> None:
    """Early work whose failure is not reported here: the probe that needs it runs it again and reports it."""
    try:
        work()
    except Exception:
        log.debug("early text work failed; its probe will report it", exc_info=True)


def _unmeasured(summary: MetricsSummary) -> list[str]:
    """One line each for files a parser crashed on and files the deadline left unmeasured."""
    notes = []
    crashed = sorted((p, r["error"]) for p, r in summary.results.items() if r.get("crashed"))
    if crashed:
        shown = "; ".join(f"{path}: {error}" for path, error in crashed[:3])
        more = f" and {len(crashed) - 3} more" if len(crashed) > 3 else ""
        notes.append(f"not measured, the parser failed on the file: {shown}{more}")
    late = [p for p, r in summary.results.items() if r.get("error") == DEADLINE]
    if late:
        notes.append(f"{len(late)} file(s) not measured: the grade reached its deadline first")
    return notes


def _last_line(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return lines[-1][:200] if lines else "no message"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _grade(
    checkout: Checkout,
    settings: GraderSettings,
    rubric: Rubric,
    tables: Tables,
    timings: dict[str, float],
    tell: Progress,
    progress: Progress | None,
    lap: Callable[[str], None],
    on_context: Callable[[Context], None] | None = None,
    deadline: Deadline | None = None,
) -> GradeReport:
    deadline = deadline or Deadline.after(settings.deadline_s)
    snapshot = _read(checkout, settings, tables, tell)
    lap("read")
    cache_path = settings.metrics_cache_path if settings.use_cache else None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="grader-metrics") as background:
        # Metrics run in worker processes while this thread reads history and runs the text probes.
        metrics = background.submit(
            collect_metrics,
            list(snapshot.files.values()),
            cache_path,
            settings.workers,
            settings.file_timeout_s,
            lambda d, t: tell("metrics", d, t),
            deadline.at,
        )
        history: History | None = None
        history_error = None
        try:
            history = read_history(
                checkout.git_dir,
                checkout.commit,
                max(1.0, min(settings.git_timeout_s, deadline.remaining())),
                memory_mb=settings.git_memory_mb,
            )
        except GitFailed as error:
            if error.out_of_memory:
                history_error = (
                    f"history not read: a commit needs more than git's {settings.git_memory_mb} MB allowance"
                )
            else:
                history_error = f"git log failed: {_last_line(error.stderr)}"
        except UserError as error:  # git ran past its time: history is not assessed, the grade goes on
            history_error = f"not assessed: {error}"
        facts_store, facts_keys = _load_facts(snapshot, settings)
        waiting: list[Callable[[], object]] = []

        def measured() -> MetricsSummary:
            # The first probe that needs code facts waits here for the workers: meanwhile this thread does the
            # text work later probes would do anyway (table scans, the CI pipeline), which needs no facts.
            while waiting and not metrics.done() and not deadline.passed():
                _quietly(waiting.pop(0))
            return metrics.result(timeout=deadline.remaining())

        ctx = Context(
            snapshot,
            tables,
            metrics=measured,
            history=history,
            history_error=history_error,
            now=settings.clock(),
        )
        waiting += _text_work(ctx)
        if facts_store is not None:
            ctx.scan.facts.update({p: facts_store.pop(k) for p, k in facts_keys.items() if k in facts_store})
        findings = run_probes(ctx, rubric, progress, deadline)
        _save_facts(ctx, facts_keys, settings)
        summary = metrics.result() if metrics.done() and metrics.exception() is None else None
    lap("probes")
    if on_context is not None:
        on_context(ctx)
    tell("score", 0, 1)
    dimensions, overall, coverage, fixes = score_dimensions(findings, rubric)
    notes = [*checkout.notes, *snapshot.notes]
    if summary is not None:
        slow_path, slow = summary.slowest()
        timings["metrics"] = round(summary.seconds, 3)
        timings["slowest_file_s"] = slow
        # Per-file measuring time summed: above the metrics wall time, files were measured side by side.
        timings["metrics_file_s"] = round(sum(r.get("seconds", 0.0) for r in summary.results.values()), 3)
        notes.append(f"metrics: {len(summary.results)} files, {summary.cache_hits} from cache")
        notes += _unmeasured(summary)
        if slow_path and slow > 1:
            notes.append(f"slowest file to measure: {slow_path} ({slow:.1f}s)")
    tell("score", 1, 1)
    timings["total"] = round(sum(v for k, v in timings.items() if k in {"fetch", "read", "probes"}), 3)
    return GradeReport(
        generated_at=_now(),
        profile=rubric.name,
        source=checkout.source,
        commit=checkout.commit,
        llm_project=ctx.is_llm,
        overall=overall,
        dimensions=dimensions,
        fixes=fixes,
        coverage=Coverage(
            rubric_weight_assessed=coverage,
            files_total=len(snapshot.entries),
            files_read=len(snapshot.files),
            files_skipped=snapshot.skipped_count(),
            bytes_read=snapshot.bytes_read,
            python_files_measured=len(summary.python_ok()) if summary else 0,
            python_files_unparsed=len(summary.python_failed()) if summary else 0,
            js_files_measured=summary.js_ok() if summary else 0,
        ),
        skipped=snapshot.skipped,
        notes=notes,
        timings=timings,
    )
