"""The `review` section of a GradeReport (JSON schema 1.1): what the Claude review concluded and what it cost.

One shape for every outcome, so a consumer reads `status` first:
- `reviewed`: the review ran; `dimensions` holds static and reviewed scores side by side.
- `skipped`: nothing was sent (no key, `--no-review`, `--max-cost` refused the pack); `reason` says which.
- `failed`: Claude was asked but gave nothing usable (rate limit, overload, outage, invalid output after the
  repair); `reason` says what, and `usage`/`cost_usd` record what the failed attempts consumed.
`review` is null only in reports made without the review step at all (the library call `grade_repository`).
The static scores in `report.dimensions` and `report.overall` never change; gates use them unless asked not to.

Only the shape lives here, beside the report, so `grader.report` holds a review without depending on the review
code (`grader.review`, which fills it in).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["reviewed", "skipped", "failed"]


class Usage(BaseModel):
    """Tokens as billed; `input_tokens` excludes cache writes and reads."""

    input_tokens: int = 0
    output_tokens: int = 0
    cache_write_tokens: int = 0
    cache_read_tokens: int = 0


class Cited(BaseModel):
    path: str
    start_line: int | None = None
    end_line: int | None = None

    def location(self) -> str:
        if self.start_line is None:
            return self.path
        if self.end_line and self.end_line != self.start_line:
            return f"{self.path}:{self.start_line}-{self.end_line}"
        return f"{self.path}:{self.start_line}"


class CriterionResult(BaseModel):
    id: str
    title: str = Field(description="The criterion's text from the review rubric")
    verdict: Literal["pass", "fail"]
    critique: str
    citations: list[Cited] = Field(default_factory=list, description="Verified citations only")
    counted: bool = Field(description="True when verified evidence backs the verdict, so it may move the score")


class DimensionReviewResult(BaseModel):
    static: int | None = Field(description="The static score, unchanged")
    reviewed: int | None = Field(description="The static score moved by at most max_move points")
    delta: int = 0
    summary: str = ""
    criteria: list[CriterionResult] = Field(default_factory=list)


class OverallScores(BaseModel):
    static: int | None
    reviewed: int | None


class StrengthResult(BaseModel):
    text: str
    citations: list[Cited]


class ImprovementResult(BaseModel):
    path: str
    new_file: bool = False
    start_line: int | None = None
    change: str
    why: str

    def location(self) -> str:
        return f"{self.path}:{self.start_line}" if self.start_line else self.path


class ResumeBulletResult(BaseModel):
    text: str
    evidence: list[Cited]


class QuestionResult(BaseModel):
    question: str
    dimension: str
    why: str
    expected_points: list[str]
    citations: list[Cited] = Field(default_factory=list)


class InjectionFlag(BaseModel):
    """Text in the pack aimed at a grader, hidden in a comment, or hiding characters; never followed."""

    path: str
    line: int
    kind: str
    excerpt: str
    source: Literal["pack", "model"] = Field(
        default="pack", description="pack: found by proofwork's patterns; model: reported by the reviewer"
    )


class DroppedClaim(BaseModel):
    where: str = Field(description="Which part of the answer, e.g. dimensions.evals.evals.gate or strengths[1]")
    path: str = ""
    reason: str


class Verification(BaseModel):
    citations_checked: int = 0
    citations_dropped: int = 0
    claims_dropped: int = 0
    dropped: list[DroppedClaim] = Field(default_factory=list)
    shape_notes: list[str] = Field(
        default_factory=list,
        description="Soft shape differences accepted as they came (three points where four to six were asked)",
    )


class PackSummary(BaseModel):
    hash: str = Field(description="SHA-256 of the pack's content: with the model and prompt version, the cache key")
    tokens: int = Field(description="Estimated input tokens of the repository content (deliberately high)")
    budget: int
    files_included: list[str] = Field(default_factory=list)
    files_truncated: list[str] = Field(default_factory=list)
    files_listed: list[str] = Field(default_factory=list, description="Named in the pack without their content")
    redactions: int = Field(default=0, description="Secrets replaced before sending")


class ReviewSection(BaseModel):
    status: Status
    reason: str | None = Field(default=None, description="Why the review was skipped or failed")
    kind: str | None = Field(default=None, description="A short code for the reason: no_key, rate_limit, ...")
    model: str | None = None
    fallback_used: bool = False
    cached: bool = Field(default=False, description="Answered from the local cache: nothing was sent")
    repaired: bool = Field(default=False, description="The first answer was invalid and one repair turn fixed it")
    batch: bool = Field(default=False, description="Sent through the Message Batches API")
    prompt_version: str | None = None
    max_move: int = Field(default=10, description="The most points the review may move one dimension")
    usage: Usage = Field(default_factory=Usage)
    cost_usd: float | None = Field(default=None, description="Estimated list-price cost of this run's calls")
    price_as_of: str | None = Field(default=None, description="Date of the price table the estimate used")
    overall: OverallScores | None = None
    dimensions: dict[str, DimensionReviewResult] = Field(default_factory=dict)
    strengths: list[StrengthResult] = Field(default_factory=list)
    improvements: list[ImprovementResult] = Field(default_factory=list)
    resume_bullets: list[ResumeBulletResult] = Field(default_factory=list)
    interview_questions: list[QuestionResult] = Field(default_factory=list)
    injection: list[InjectionFlag] = Field(default_factory=list)
    verification: Verification | None = None
    pack: PackSummary | None = None
    notices: list[str] = Field(default_factory=list, description="Warnings to show beside the review")

    @classmethod
    def skipped(cls, reason: str, kind: str = "skipped") -> ReviewSection:
        return cls(status="skipped", reason=reason, kind=kind)
