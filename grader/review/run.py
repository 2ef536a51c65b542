"""One review of one graded commit: pack -> cache or Claude -> verify -> bounded scores -> `ReviewSection`.

Never raises for anything Claude does: every `ClaudeError` becomes a `failed` section with its one-line reason
(and what the failed attempts cost), so the static grade always completes. Answers are cached by (pack hash,
model, prompt version): the nonce differs on every request, so the request text cannot be the key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from curriculum.errors import UserError
from grader.claude import (
    AnswerCache,
    ClaudeError,
    ClaudeSettings,
    TokenUsage,
    ask_structured,
    check_budget,
    estimate_input_tokens,
    make_client,
    new_nonce,
)
from grader.claude.cache import CachedAnswer
from grader.context import Context
from grader.report import GradeReport
from grader.review.apply import MAX_MOVE, reviewed_scores
from grader.review.criteria import load_criteria
from grader.review.model import ReviewAnswer
from grader.review.pack import DEFAULT_TOKEN_BUDGET, EvidencePack, build_pack
from grader.review.prompt import build_content, prompt_version, system_prompt
from grader.review.verify import verify_answer
from grader.review_section import InjectionFlag, PackSummary, ReviewSection, Usage
from grader.settings import GraderSettings
from grader.snapshot import Snapshot

if TYPE_CHECKING:
    import anthropic

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ReviewOptions:
    token_budget: int = DEFAULT_TOKEN_BUDGET
    max_cost: float | None = None
    cache: AnswerCache | None = None  # None: always ask


@dataclass(frozen=True)
class PreparedReview:
    pack: EvidencePack
    system: str
    content: list[str]
    prompt_version: str
    input_estimate: int  # tokens of system + user turn, the deliberately high estimate


@dataclass(frozen=True)
class Spend:
    """What answering took: model, tokens, estimated cost and how the answer came."""

    model: str
    usage: TokenUsage
    cost_usd: float | None
    price_as_of: date | None = None
    cost_note: str | None = None
    cached: bool = False
    repaired: bool = False
    fallback_used: bool = False
    batch: bool = False


def prepare_review(report: GradeReport, ctx: Context, budget: int = DEFAULT_TOKEN_BUDGET) -> PreparedReview:
    pack = build_pack(report, ctx, budget)
    system = system_prompt()
    content = build_content(report, pack, new_nonce())
    estimate = estimate_input_tokens(system) + sum(estimate_input_tokens(block) for block in content)
    return PreparedReview(pack, system, content, prompt_version(), estimate)


def cache_key(prepared: PreparedReview, model: str) -> str:
    return AnswerCache.key(content_hash=prepared.pack.hash, model=model, prompt_version=prepared.prompt_version)


def _pack_summary(pack: EvidencePack) -> PackSummary:
    return PackSummary(
        hash=pack.hash,
        tokens=pack.tokens,
        budget=pack.budget,
        files_included=pack.files_included,
        files_truncated=pack.files_truncated,
        files_listed=pack.listed,
        redactions=pack.redactions,
    )


def _pack_flags(pack: EvidencePack) -> list[InjectionFlag]:
    return [InjectionFlag(path=s.path, line=s.line, kind=s.kind, excerpt=s.excerpt) for s in pack.signals]


def _injection_notice(flags: list[InjectionFlag]) -> str:
    places = ", ".join(f"{f.path}:{f.line} ({f.kind})" for f in flags[:4]) + (" ..." if len(flags) > 4 else "")
    return (
        f"{len(flags)} place(s) in the repository try to steer the grader or hide text: {places}. They were not "
        f"followed, cannot count as evidence, and no score moves more than {MAX_MOVE} points."
    )


def assemble(
    report: GradeReport, snapshot: Snapshot, prepared: PreparedReview, answer: ReviewAnswer, spend: Spend
) -> ReviewSection:
    """The reviewed section for a validated answer: citations checked, scores moved within bounds."""
    criteria = load_criteria()
    verified = verify_answer(answer, snapshot, prepared.pack.flagged_lines, criteria)
    dimensions, overall = reviewed_scores(report, verified.criteria, verified.summaries, criteria)
    flags = _pack_flags(prepared.pack)
    known = {(f.path, f.line) for f in flags}
    flags += [f for f in verified.reported_injection if (f.path, f.line) not in known]
    notices = []
    if flags:
        notices.append(_injection_notice(flags))
    check = verified.verification
    if check.claims_dropped or check.citations_dropped:
        notices.append(
            f"{check.citations_dropped} of {check.citations_checked} citations did not check out against the "
            f"repository; {check.claims_dropped} claim(s) dropped."
        )
    if spend.fallback_used:
        notices.append(f"answered by the fallback model {spend.model}: the first model was overloaded.")
    if spend.cost_note:
        notices.append(spend.cost_note)
    if prepared.pack.listed:
        notices.append(
            f"{len(prepared.pack.listed)} file(s) named without content (token budget {prepared.pack.budget:,})."
        )
    return ReviewSection(
        status="reviewed",
        model=spend.model,
        fallback_used=spend.fallback_used,
        cached=spend.cached,
        repaired=spend.repaired,
        batch=spend.batch,
        prompt_version=prepared.prompt_version,
        max_move=MAX_MOVE,
        usage=Usage(**spend.usage.model_dump()),
        cost_usd=round(spend.cost_usd, 6) if spend.cost_usd is not None else None,
        price_as_of=spend.price_as_of.isoformat() if spend.price_as_of else None,
        overall=overall,
        dimensions=dimensions,
        strengths=verified.strengths,
        improvements=verified.improvements,
        resume_bullets=verified.resume_bullets,
        interview_questions=verified.questions,
        injection=flags,
        verification=check,
        pack=_pack_summary(prepared.pack),
        notices=notices,
    )


def failed_section(
    prepared: PreparedReview | None, error: ClaudeError, model: str, status: str = "failed"
) -> ReviewSection:
    flags = _pack_flags(prepared.pack) if prepared else []
    usage = Usage(**error.usage.model_dump()) if error.usage is not None else Usage()
    return ReviewSection(
        status="failed" if status == "failed" else "skipped",
        reason=error.reason,
        kind=error.kind,
        model=model if status == "failed" else None,  # a refused pack never reached a model
        prompt_version=prepared.prompt_version if prepared else None,
        usage=usage,
        cost_usd=error.cost_usd,
        injection=flags,
        pack=_pack_summary(prepared.pack) if prepared else None,
        notices=[_injection_notice(flags)] if flags else [],
    )


def review_report(
    report: GradeReport,
    ctx: Context,
    settings: ClaudeSettings,
    options: ReviewOptions | None = None,
    *,
    client: anthropic.Anthropic | None = None,
    progress: Progress | None = None,
) -> GradeReport:
    """`report` with its `review` section filled: reviewed, skipped (with the reason) or failed (with the reason)."""
    options = options or ReviewOptions()
    if client is None and not settings.available:
        return report.model_copy(update={"review": ReviewSection.skipped(settings.skip_reason or "no key", "no_key")})
    prepared = prepare_review(report, ctx, options.token_budget)
    try:
        estimate = check_budget(prepared.input_estimate, settings.max_output_tokens, settings.model, options.max_cost)
    except UserError as refused:
        section = failed_section(prepared, ClaudeError(str(refused), kind="max_cost"), settings.model, "skipped")
        return report.model_copy(update={"review": section})
    if progress:
        progress("review", 0, 1)
    key = cache_key(prepared, settings.model)
    hit: CachedAnswer | None = options.cache.get(key, ReviewAnswer) if options.cache else None
    if hit is not None:
        answer = ReviewAnswer.model_validate(hit.parsed.model_dump())
        spend = Spend(hit.model, TokenUsage(), 0.0, estimate.as_of, cached=True)
    else:
        try:
            result = ask_structured(
                client or make_client(settings),
                system=prepared.system,
                content=prepared.content,
                output=ReviewAnswer,
                max_tokens=settings.max_output_tokens,
                settings=settings,
                prompt_version=prepared.prompt_version,
            )
        except ClaudeError as error:
            if progress:
                progress("review", 1, 1)
            return report.model_copy(update={"review": failed_section(prepared, error, settings.model)})
        answer = result.parsed
        spend = Spend(
            result.model,
            result.usage,
            result.cost_usd,
            result.price_as_of,
            result.cost_note,
            repaired=result.repaired,
            fallback_used=result.fallback_used,
        )
        if options.cache is not None and not result.fallback_used:
            try:
                options.cache.put(key, answer, model=result.model)
            except OSError as exc:  # the answer is paid for: keep it even when the disk refuses the copy
                log.warning("could not cache the review in %s: %s", options.cache.directory, exc)
    if progress:
        progress("review", 1, 1)
    section = assemble(report, ctx.snapshot, prepared, answer, spend)
    return report.model_copy(update={"review": section})


def grade_with_context(
    target: str,
    ref: str | None = None,
    settings: GraderSettings | None = None,
    progress: Progress | None = None,
) -> tuple[GradeReport, Context]:
    """`grade_repository`, also handing back the collected facts (the snapshot the review must use)."""
    from grader.grade import grade_repository

    seen: list[Context] = []
    report = grade_repository(target, ref=ref, settings=settings, progress=progress, on_context=seen.append)
    return report, seen[0]
