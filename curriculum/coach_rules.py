"""The coach rules: one small function per failure pattern, registered under the id that
`content/failure_patterns.yaml` names in its `rule` field. Thresholds are not here: each rule declares a
params model and the content supplies the values, so tuning a nudge is a content edit.

A rule returns a message built from the record's own numbers, or None. No rule fires before the record can be
judged: a plan-day, week or month threshold comes first in each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from curriculum.plan import PlanPosition
from curriculum.record import RecordSummary
from curriculum.text import days


class RuleParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True)
class Rule:
    params: type[RuleParams]
    check: Callable[[RecordSummary, Any], str | None]


RULES: dict[str, Rule] = {}

Params = TypeVar("Params", bound=RuleParams)


def rule(
    name: str, params: type[Params]
) -> Callable[[Callable[[RecordSummary, Params], str | None]], Callable[[RecordSummary, Params], str | None]]:
    """Register a rule function under the id content refers to."""

    def register(
        check: Callable[[RecordSummary, Params], str | None],
    ) -> Callable[[RecordSummary, Params], str | None]:
        RULES[name] = Rule(params, check)
        return check

    return register


def reached_day(position: PlanPosition, day: int) -> bool:
    return position.phase == "finished" or (position.day is not None and position.day >= day)


def reached_week(position: PlanPosition, week: int) -> bool:
    return position.phase == "finished" or (position.week is not None and position.week >= week)


def reached_month(position: PlanPosition, month: int) -> bool:
    return position.phase == "finished" or (position.month is not None and position.month >= month)


def _when(position: PlanPosition) -> str:
    return f"Week {position.week}" if position.week is not None else "After the 90 days"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {plural or word + 's'}"


class InactivityParams(RuleParams):
    days: int = Field(7, ge=1)


@rule("inactivity", InactivityParams)
def inactivity(record: RecordSummary, params: InactivityParams) -> str | None:
    """Nothing logged and nothing shipped for more than `days` days: the silence the other rules cannot see
    (they all need some activity to judge). Judged once the plan is older than `days`."""
    if not reached_day(record.position, params.days + 1):
        return None
    active = [day for day in record.log_days if day <= record.today]
    active += [a.created_on for a in record.artifacts if a.created_on <= record.today]
    if active:
        last = max(active)
        quiet = (record.today - last).days
        if quiet <= params.days:
            return None
        return f"Nothing logged or shipped for {quiet} days (last activity on {last.isoformat()})."
    if record.position.day is None:  # finished: the whole plan went by without a log
        return f"Nothing logged or shipped in the whole plan, which ended {days(record.position.days_since_end)} ago."
    return f"Nothing logged or shipped in the {record.position.day - 1} days since the plan started."


class TreadmillParams(RuleParams):
    days: int = Field(14, ge=1)
    min_minutes: int = Field(60, ge=0)


@rule("tutorial_treadmill", TreadmillParams)
def tutorial_treadmill(record: RecordSummary, params: TreadmillParams) -> str | None:
    """Time goes in (logged study) but no artifact comes out within `days`."""
    if not reached_day(record.position, params.days) or record.minutes_last_14 < params.min_minutes:
        return None
    window_start = record.today - timedelta(days=params.days)
    shipped = [a.created_on for a in record.artifacts if a.created_on <= record.today]
    if any(created > window_start for created in shipped):
        return None
    if shipped:
        last = max(shipped)
        outcome = f"the last artifact shipped on {last.isoformat()}, {(record.today - last).days} days ago"
    else:
        outcome = "no artifact has shipped yet"
    return f"{record.minutes_last_14} minutes logged in the last 14 days, but {outcome}."


class ToolHoppingParams(RuleParams):
    projects: int = Field(3, ge=2)
    days: int = Field(30, ge=1)
    max_artifacts: int = Field(1, ge=0)
    grace_days: int = Field(7, ge=0)


@rule("tool_hopping", ToolHoppingParams)
def tool_hopping(record: RecordSummary, params: ToolHoppingParams) -> str | None:
    """Several projects started recently, each left thin. Projects under `grace_days` old are not judged."""
    thin = [
        p
        for p in record.projects
        if params.grace_days <= (record.today - p.created_on).days < params.days
        and p.artifact_count <= params.max_artifacts
    ]
    if len(thin) < params.projects:
        return None
    names = ", ".join(p.name for p in sorted(thin, key=lambda p: p.created_on))
    return (
        f"{len(thin)} projects started in the last {params.days} days ({names}), "
        f"none with more than {_plural(params.max_artifacts, 'artifact')}."
    )


class NoEvalParams(RuleParams):
    from_week: int = Field(5, ge=1)
    kinds: list[str] = Field(default_factory=lambda: ["eval-report"], min_length=1)


@rule("no_eval_discipline", NoEvalParams)
def no_eval_discipline(record: RecordSummary, params: NoEvalParams) -> str | None:
    """From `from_week` on: no eval-kind artifact, or no metric anywhere with a baseline to compare with."""
    if not reached_week(record.position, params.from_week):
        return None
    evals = sum(1 for a in record.artifacts if a.kind in params.kinds)
    metrics = sum(a.metric_count for a in record.artifacts)
    baselined = sum(a.metrics_with_baseline for a in record.artifacts)
    if evals and baselined:
        return None
    gaps = []
    if not evals:
        gaps.append(f"no {' or '.join(params.kinds)} artifact yet")
    if not baselined:
        gaps.append(f"none of {_plural(metrics, 'metric')} has a baseline" if metrics else "no metric recorded")
    return f"{_when(record.position)}: {' and '.join(gaps)}."


class WeakEvidenceParams(RuleParams):
    min_artifacts: int = Field(3, ge=1)
    max_share: float = Field(0.5, ge=0, le=1)
    exempt_kinds: list[str] = Field(default_factory=list)


@rule("weak_evidence", WeakEvidenceParams)
def weak_evidence(record: RecordSummary, params: WeakEvidenceParams) -> str | None:
    """Too many artifacts that cannot show a change: no metric, or metrics without a baseline."""
    judged = [a for a in record.artifacts if a.kind not in params.exempt_kinds]
    if len(judged) < params.min_artifacts:
        return None
    no_metric = sum(1 for a in judged if a.metric_count == 0)
    no_baseline = sum(1 for a in judged if a.metric_count > 0 and a.metrics_with_baseline == 0)
    weak = no_metric + no_baseline
    if weak / len(judged) <= params.max_share:
        return None
    return (
        f"{weak} of {len(judged)} artifacts cannot show a change: "
        f"{no_metric} without any metric, {no_baseline} with metrics but no baseline."
    )


class NarrativeParams(RuleParams):
    from_month: int = Field(3, ge=1)
    kinds: list[str] = Field(default_factory=lambda: ["resume", "case-study"], min_length=1)
    max_unlinked: int = Field(0, ge=0)


@rule("narrative_mismatch", NarrativeParams)
def narrative_mismatch(record: RecordSummary, params: NarrativeParams) -> str | None:
    """Once the story is being packaged (month 3, or a resume or case study exists): unlinked claims."""
    packaging = [a for a in record.artifacts if a.kind in params.kinds]
    if not packaging and not reached_month(record.position, params.from_month):
        return None
    unlinked = sum(1 for a in record.artifacts if not a.has_link)
    no_repo = [p.name for p in record.projects if not p.has_repo]
    if unlinked <= params.max_unlinked and not no_repo:
        return None
    gaps = []
    if unlinked > params.max_unlinked:
        gaps.append(f"{unlinked} of {len(record.artifacts)} artifacts have no link")
    if no_repo:
        gaps.append(f"no repository for {', '.join(no_repo)}")
    return f"{'; '.join(gaps)}: a reader cannot check those claims."


class InterviewParams(RuleParams):
    from_week: int = Field(10, ge=1)
    min_stories: int = Field(6, ge=1)
    min_drill_attempts: int = Field(3, ge=1)
    min_drill_average: float = Field(60, ge=0, le=100)


@rule("interview_vagueness", InterviewParams)
def interview_vagueness(record: RecordSummary, params: InterviewParams) -> str | None:
    """From `from_week` on: too few structured stories, or drill scores (0-100) that stay low."""
    if not reached_week(record.position, params.from_week):
        return None
    gaps = []
    if record.stories < params.min_stories:
        gaps.append(
            f"{_plural(record.stories, 'story', 'stories')} in the bank "
            f"({record.stories_with_proof} linked to proof), "
            f"fewer than {params.min_stories}"
        )
    average = record.drill_average
    if (
        average is not None
        and record.drill_attempts >= params.min_drill_attempts
        and average < params.min_drill_average
    ):
        gaps.append(
            f"drill average {average:.0f} over {record.drill_attempts} attempts, below {params.min_drill_average:.0f}"
        )
    if not gaps:
        return None
    return f"{_when(record.position)}: {'; '.join(gaps)}."
