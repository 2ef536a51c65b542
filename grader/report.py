"""The grade as data: pydantic models with a versioned JSON schema (`proofwork grade --schema`).

Static scores live in `dimensions`; `review` is reserved for the optional Claude review, which is kept
apart so the scores computed in code stay inspectable on their own.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field

from grader.review_section import ReviewSection

SCHEMA_VERSION = "1.1"  # 1.1: `review` is a typed ReviewSection (grader/review_section.py)

DIMENSIONS: tuple[str, ...] = (
    "evals",
    "tests",
    "observability",
    "reliability",
    "security",
    "ci",
    "docs",
    "code_health",
    "delivery",
)


class Outcome(StrEnum):
    passed = "passed"
    failed = "failed"
    not_applicable = "not_applicable"  # a precondition is absent (no LLM calls -> no LLM tracing to look for)
    not_detected = "not_detected"  # looked, found nothing a table knows: scores as a fail
    error = "error"  # could not assess: drops out of the assessed weight


class Evidence(BaseModel):
    """One place in the repository at the graded commit; lines are 1-based and inclusive."""

    path: str
    start_line: int | None = None
    end_line: int | None = None
    snippet: str = ""

    def location(self) -> str:
        return f"{self.path}:{self.start_line}" if self.start_line else self.path


class Finding(BaseModel):
    """What one probe concluded, with the places that show it."""

    probe: str
    dimension: str
    title: str
    outcome: Outcome
    credit: float | None = Field(
        default=None, ge=0, le=1, description="Share of the probe's weight earned; null when unscored"
    )
    weight: float = Field(default=0, description="The probe's weight within its dimension (rubric profile)")
    message: str
    evidence: list[Evidence] = Field(default_factory=list)
    remediation: str = ""
    fix_at: Evidence | None = Field(default=None, description="Where the fix starts when no evidence shows the gap")
    why: str = ""
    doc_url: str = ""


class DimensionScore(BaseModel):
    score: int | None = Field(description="0-100, null when nothing in the dimension could be assessed")
    weight: float = Field(description="The dimension's weight in the overall score (rubric profile)")
    assessed: float = Field(description="Share of this dimension's applicable probe weight that was assessed")
    findings: list[Finding] = Field(default_factory=list)


class Fix(BaseModel):
    """A change worth points: the overall score rises by about `points` if the probe passes."""

    probe: str
    dimension: str
    points: float
    title: str
    remediation: str
    location: str | None = None


class SkippedFile(BaseModel):
    path: str
    reason: str
    count: int = Field(default=1, description="Files covered by this entry (a vendored folder counts all of its files)")


class Coverage(BaseModel):
    rubric_weight_assessed: float = Field(description="Share (0-1) of the applicable rubric weight assessed")
    files_total: int
    files_read: int
    files_skipped: int
    bytes_read: int
    python_files_measured: int = 0
    python_files_unparsed: int = 0
    js_files_measured: int = 0


class Source(BaseModel):
    target: str = Field(description="What the person asked to grade")
    kind: Literal["local", "remote"]
    url: str | None = Field(default=None, description="Canonical clone URL for a remote")
    ref: str | None = None
    commit_date: str | None = None


class GradeReport(BaseModel):
    schema_version: str = SCHEMA_VERSION
    tool: str = "proofwork grader"
    generated_at: str
    profile: str
    source: Source
    commit: str
    llm_project: bool
    overall: int | None = Field(description="0-100 weighted mean of the assessed dimensions")
    dimensions: dict[str, DimensionScore]
    fixes: list[Fix] = Field(default_factory=list, description="The changes worth most points, best first")
    coverage: Coverage
    skipped: list[SkippedFile] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)
    review: ReviewSection | None = Field(
        default=None,
        description="The Claude review (status reviewed, skipped or failed); null when no review step ran. "
        "Static scores never depend on it",
    )

    def findings(self) -> list[Finding]:
        return [f for dim in self.dimensions.values() for f in dim.findings]


def report_schema() -> dict[str, Any]:
    schema = GradeReport.model_json_schema()
    schema["$id"] = f"https://proofwork.dev/schemas/grade-report-{SCHEMA_VERSION}.json"
    schema["title"] = f"proofwork GradeReport {SCHEMA_VERSION}"
    return schema


def report_schema_json() -> str:
    return json.dumps(report_schema(), indent=2)
