"""Saved repository grades: each run at its pinned commit, and the change since the previous grade.

The grader hands over its report as JSON-ready data (GradeReport.model_dump(mode="json")), so the
record keeps the full report even as the report's schema grows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.models import GradeRun, Learner, Project

if TYPE_CHECKING:  # for annotations only: the grader's models cost ~85 ms to import, and exports read grades
    from grader.report import GradeReport


class StoredUsage(TypedDict, total=False):
    input_tokens: int
    output_tokens: int
    cache_write_tokens: int
    cache_read_tokens: int


class StoredReview(TypedDict, total=False):
    status: str
    model: str | None
    usage: StoredUsage
    cost_usd: float | None
    interview_questions: list[dict[str, Any]]


class StoredEvidence(TypedDict, total=False):
    path: str
    start_line: int | None
    end_line: int | None
    snippet: str


class StoredFinding(TypedDict, total=False):
    probe: str
    dimension: str
    title: str
    outcome: str
    message: str
    evidence: list[StoredEvidence]
    remediation: str
    why: str
    doc_url: str


class StoredDimension(TypedDict, total=False):
    score: float | None
    weight: float
    findings: list[StoredFinding]


class StoredFix(TypedDict, total=False):
    probe: str
    dimension: str
    points: float
    title: str
    remediation: str


class StoredCoverage(TypedDict, total=False):
    rubric_weight_assessed: float


class StoredReport(TypedDict, total=False):
    """A grade report as the record keeps it: `GradeReport.model_dump(mode="json")`, the fields the record reads
    typed. Runs saved by an older grader (or loaded by `data import`) may lack newer fields, hence total=False."""

    schema_version: str
    source: dict[str, Any] | str
    commit: str
    overall: float | None
    dimensions: dict[str, StoredDimension]
    fixes: list[StoredFix]
    coverage: StoredCoverage
    review: StoredReview | None


def stored_report(report: GradeReport) -> StoredReport:
    """The grader's report in the record's form (the one place the two meet)."""
    return cast(StoredReport, report.model_dump(mode="json"))


def run_report(run: GradeRun) -> StoredReport:
    """The report a saved run holds, as stored (whatever schema version the grader had then)."""
    return cast(StoredReport, dict(run.report or {}))


@dataclass(frozen=True)
class GradeRow:
    id: int
    source: str
    commit: str
    overall: float | None  # null when nothing could be assessed
    change: float | None  # against the previous grade of the same source
    reviewed: bool
    cost_usd: float | None
    created_at: datetime
    reviewed_overall: float | None = None  # the Claude review's overall, when a review ran

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "created_at": self.created_at.isoformat(timespec="seconds")}


def report_source(report: StoredReport) -> str:
    """What was graded, as history groups it: the canonical URL of a remote, else the local folder's absolute
    path (so `grade .` from two folders is two repositories, and from one folder one history)."""
    source = report.get("source")
    if isinstance(source, dict):
        if source.get("url"):
            return str(source["url"])
        target = str(source.get("target") or "")
        return str(Path(target).expanduser().resolve()) if source.get("kind") == "local" and target else target
    return str(source or "")


def save_grade(session: Session, learner: Learner | None, report: StoredReport) -> GradeRun:
    """Store one run (`stored_report(GradeReport)`); a review that ran or failed after
    spending tokens records its model, the four token counts and the estimated cost."""
    review = report.get("review") or {}
    usage = review.get("usage") or {}
    source = report_source(report)
    overall = report.get("overall")
    run = GradeRun(
        learner_id=learner.id if learner else None,
        project_id=_project_for(session, learner, source),
        source=source,
        commit=str(report.get("commit") or ""),
        overall=float(overall) if overall is not None else None,
        scores={name: dim.get("score") for name, dim in (report.get("dimensions") or {}).items()},
        report=dict(report),
        model=str(review.get("model") or ""),
        input_tokens=int(usage.get("input_tokens") or 0),
        output_tokens=int(usage.get("output_tokens") or 0),
        cache_write_tokens=int(usage.get("cache_write_tokens") or 0),
        cache_read_tokens=int(usage.get("cache_read_tokens") or 0),
        cost_usd=review.get("cost_usd"),
    )
    session.add(run)
    session.flush()
    return run


def _review(run: GradeRun) -> dict[str, Any]:
    review = (run.report or {}).get("review")
    return review if isinstance(review, dict) else {}


def _project_for(session: Session, learner: Learner | None, source: str) -> int | None:
    if learner is None:
        return None
    wanted = _normalise(source)
    for project in session.scalars(select(Project).where(Project.learner_id == learner.id)):
        if project.repo_url and _normalise(project.repo_url) == wanted:
            return project.id
    return None


def _normalise(source: str) -> str:
    return source.strip().lower().removesuffix("/").removesuffix(".git")


def grade_history(session: Session, learner: Learner | None, source: str | None = None) -> list[GradeRow]:
    """Newest first, each with its change against the grade of the same source before it."""
    query = select(GradeRun).order_by(GradeRun.created_at, GradeRun.id)
    if learner is not None:
        query = query.where(GradeRun.learner_id == learner.id)
    runs = list(session.scalars(query))
    previous: dict[str, float] = {}
    rows = []
    for run in runs:
        key = _normalise(run.source)
        before = previous.get(key)
        rows.append(
            GradeRow(
                id=run.id,
                source=run.source,
                commit=run.commit,
                overall=run.overall,
                change=round(run.overall - before, 1) if run.overall is not None and before is not None else None,
                reviewed=_review(run).get("status", "reviewed" if run.model else None) == "reviewed",
                cost_usd=run.cost_usd,
                created_at=run.created_at,
                reviewed_overall=(_review(run).get("overall") or {}).get("reviewed"),
            )
        )
        if run.overall is not None:
            previous[key] = run.overall
    rows.reverse()
    if source is not None:
        rows = [row for row in rows if _normalise(row.source) == _normalise(source)]
    return rows


def latest_grade(session: Session, learner: Learner, source: str) -> GradeRun | None:
    wanted = _normalise(source)
    query = select(GradeRun).where(GradeRun.learner_id == learner.id).order_by(GradeRun.id.desc())
    return next((run for run in session.scalars(query) if _normalise(run.source) == wanted), None)
