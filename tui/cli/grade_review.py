"""The grade command's review, saving and gating steps, kept apart from the static grade's command code."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

import click

from curriculum.errors import UserError
from tui.cli.context import learner_flag, session_scope

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from grader.claude import ClaudeSettings
    from grader.context import Context
    from grader.report import GradeReport
    from grader.review.run import ReviewOptions
    from tracker.grade_record import RecordedGrade

Gate = Literal["static", "reviewed"]


@dataclass(frozen=True)
class ReviewPlan:
    """What the flags, environment and config file ask of the review; settled before any grading starts."""

    settings: ClaudeSettings | None  # None: --no-review
    options: ReviewOptions | None

    @classmethod
    def from_flags(cls, no_review: bool, model: str | None, max_cost: float | None, budget: int | None) -> ReviewPlan:
        if no_review:
            return cls(None, None)
        from grader.review.config import claude_settings, review_options
        from grader.settings import GraderSettings

        cache_dir = GraderSettings().cache_dir / "claude"
        return cls(claude_settings(model), review_options(budget, max_cost, cache_dir))

    def run(self, report: GradeReport, context: Context, progress: object = None) -> GradeReport:
        from grader.review.run import review_report
        from grader.review_section import ReviewSection

        if self.settings is None:
            return report.model_copy(update={"review": ReviewSection.skipped("--no-review", "disabled")})
        try:
            return review_report(report, context, self.settings, self.options, progress=progress)  # type: ignore[arg-type]
        except UserError:
            raise
        except Exception as error:  # a bug in the review must not cost the learner a finished static grade
            log.exception("the Claude review failed")
            reason = f"internal error in the review: {type(error).__name__}: {error}"
            return report.model_copy(update={"review": ReviewSection(status="failed", reason=reason, kind="bug")})


def warn_about_review(report: GradeReport, fmt: str) -> None:
    """One stderr line when a review failed or was refused; the terminal view shows it in its panel."""
    review = report.review
    if review is None or fmt == "terminal" or review.status == "reviewed" or review.kind in {"no_key", "disabled"}:
        return
    from grader.render.review import status_line

    click.echo(f"proofwork: {status_line(review)}", err=True)


def gate_report(report: GradeReport, gate: Gate) -> GradeReport:
    """The scores gates compare: static by default; the reviewed ones on request, when a review ran."""
    if gate == "static":
        return report
    review = report.review
    if review is None or review.status != "reviewed" or review.overall is None:
        reason = review.reason if review is not None and review.reason else "no review ran"
        click.echo(f"proofwork: --gate reviewed: {reason}; gating on the static scores", err=True)
        return report
    dimensions = {
        name: dim.model_copy(
            update={"score": review.dimensions[name].reviewed if name in review.dimensions else dim.score}
        )
        for name, dim in report.dimensions.items()
    }
    return report.model_copy(update={"dimensions": dimensions, "overall": review.overall.reviewed})


def check_learner(ctx: click.Context) -> None:
    """Fail before grading when the learner to save under is ambiguous or unknown (exit 2, nothing graded)."""
    from tracker.grade_record import learner_for_grade

    with session_scope(ctx) as session:
        learner_for_grade(session, learner_flag(ctx))


def save_report(ctx: click.Context, report: GradeReport, learner_handle: str | None = None) -> RecordedGrade:
    from tracker.grade_record import learner_for_grade, record_grade

    handle = learner_handle or learner_flag(ctx)
    with session_scope(ctx) as session:
        learner = learner_for_grade(session, handle)
        return record_grade(session, learner, report, datetime.now(UTC))


def tell_saved(recorded: RecordedGrade, fmt: str) -> None:
    """Where the grade went; only in the terminal view (JSON, Markdown and SARIF runs are for machines and CI)."""
    if fmt != "terminal":
        return
    whose = f"to {recorded.learner}'s record" if recorded.learner else "without a learner (no profile yet)"
    cards = f"; {len(recorded.cards)} interview question(s) in your drills" if recorded.cards else ""
    click.echo(f"saved as grade #{recorded.run_id} {whose}{cards}")
