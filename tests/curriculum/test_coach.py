"""Each coach rule fires on a record that shows its pattern, stays quiet otherwise, and never fires early."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from curriculum.catalog import Catalog, load_catalog
from curriculum.coach import ArtifactFacts, Nudge, ProjectFacts, RecordSummary, nudges
from curriculum.errors import UserError
from curriculum.plan import locate

START = date(2025, 1, 6)


def record(day: int, **facts) -> RecordSummary:
    """A record on plan day `day` (negative or past 90 works too); everything else empty unless given."""
    today = START + timedelta(days=day - 1)
    return RecordSummary(today=today, position=locate(START, today, load_catalog().plan), **facts)


def artifact(
    day: int,
    kind: str = "demo",
    *,
    link: bool = True,
    metrics: int = 2,
    baselined: int = 2,
    project: str | None = "rag-assistant",
) -> ArtifactFacts:
    created = START + timedelta(days=day - 1)
    return ArtifactFacts((day - 1) // 7 + 1, kind, link, metrics, baselined, created, project)


def project(name: str, day: int, *, repo: bool = True, artifacts: int = 0) -> ProjectFacts:
    return ProjectFacts(name, START + timedelta(days=day - 1), repo, artifacts, decision_count=0)


def fired(catalog: Catalog, summary: RecordSummary) -> dict[str, Nudge]:
    return {nudge.pattern: nudge for nudge in nudges(summary, catalog)}


# A healthy learner on day 50: evals with baselines, regular artifacts, all linked, one project.
HEALTHY = dict(
    artifacts=[
        artifact(7, "job-research", metrics=0, baselined=0),
        artifact(14, "demo"),
        artifact(21, "eval-report"),
        artifact(28, "eval-report"),
        artifact(35, "eval-report"),
        artifact(42, "dashboard"),
        artifact(48, "changelog"),
    ],
    minutes_last_14=600,
    projects=[project("rag-assistant", 2, artifacts=7)],
)


def test_healthy_record_gets_no_nudges(catalog: Catalog) -> None:
    assert fired(catalog, record(50, **HEALTHY)) == {}


def test_nothing_fires_before_the_plan_starts(catalog: Catalog) -> None:
    assert fired(catalog, record(-5, minutes_last_14=900)) == {}


# Tutorial treadmill: days 14, min_minutes 60.


def day(n: int) -> date:
    return START + timedelta(days=n - 1)


def test_seven_weeks_with_nothing_logged_nudge(catalog: Catalog) -> None:
    # The treadmill rule needs 60 logged minutes to speak; a learner who stopped altogether must hear something.
    nudge = fired(catalog, record(50))["gone-quiet"]
    assert nudge.message == "Nothing logged or shipped in the 49 days since the plan started."
    assert nudge.title == "Gone quiet" and "fifteen minutes" in nudge.correction


def test_gone_quiet_counts_from_the_last_log_or_artifact(catalog: Catalog) -> None:
    logged = record(30, log_days={day(3), day(20)})
    assert fired(catalog, logged)["gone-quiet"].message == (
        f"Nothing logged or shipped for 10 days (last activity on {day(20).isoformat()})."
    )
    shipped = record(30, log_days={day(3)}, artifacts=[artifact(25)])
    assert "gone-quiet" not in fired(catalog, shipped)


@pytest.mark.parametrize(
    ("today", "last", "fires"), [(8, None, True), (7, None, False), (20, 13, False), (20, 12, True)]
)
def test_gone_quiet_threshold(catalog: Catalog, today: int, last: int | None, fires: bool) -> None:
    logs = {day(last)} if last else set()
    assert ("gone-quiet" in fired(catalog, record(today, log_days=logs))) is fires


def test_gone_quiet_ignores_future_logs_and_speaks_after_the_plan(catalog: Catalog) -> None:
    assert "gone-quiet" in fired(catalog, record(30, log_days={day(40)}))
    after = fired(catalog, record(95))["gone-quiet"]
    assert after.message == "Nothing logged or shipped in the whole plan, which ended 5 days ago."
    assert "gone-quiet" not in fired(catalog, record(-3))


def test_treadmill_fires_on_study_without_shipping(catalog: Catalog) -> None:
    nudge = fired(catalog, record(30, minutes_last_14=420, artifacts=[artifact(10)]))["tutorial-treadmill"]
    assert nudge.title == "Tutorial treadmill"
    assert nudge.message == (
        "420 minutes logged in the last 14 days, but the last artifact shipped on 2025-01-15, 20 days ago."
    )
    assert "every two weeks" in nudge.correction


def test_treadmill_with_no_artifact_at_all(catalog: Catalog) -> None:
    nudge = fired(catalog, record(15, minutes_last_14=300))["tutorial-treadmill"]
    assert nudge.message.endswith("but no artifact has shipped yet.")


def test_treadmill_quiet_with_a_recent_artifact(catalog: Catalog) -> None:
    assert "tutorial-treadmill" not in fired(catalog, record(30, minutes_last_14=420, artifacts=[artifact(25)]))


def test_treadmill_quiet_without_study_time(catalog: Catalog) -> None:
    assert "tutorial-treadmill" not in fired(catalog, record(30, minutes_last_14=30))


def test_treadmill_not_judged_on_day_three(catalog: Catalog) -> None:
    assert "tutorial-treadmill" not in fired(catalog, record(3, minutes_last_14=500))
    assert "tutorial-treadmill" not in fired(catalog, record(13, minutes_last_14=500))
    assert "tutorial-treadmill" in fired(catalog, record(14, minutes_last_14=500))


# Tool hopping: 3 projects within 30 days, each with <= 1 artifact, older than 7 days.


def test_tool_hopping_fires_on_three_thin_projects(catalog: Catalog) -> None:
    projects = [
        project("langchain-bot", 2),
        project("crewai-crew", 9, artifacts=1),
        project("dspy-thing", 15),
    ]
    nudge = fired(catalog, record(25, projects=projects))["tool-hopping"]
    assert nudge.message == (
        "3 projects started in the last 30 days (langchain-bot, crewai-crew, dspy-thing), "
        "none with more than 1 artifact."
    )


def test_tool_hopping_quiet_when_one_project_has_depth(catalog: Catalog) -> None:
    projects = [project("main", 2, artifacts=6), project("side-a", 9), project("side-b", 15)]
    assert "tool-hopping" not in fired(catalog, record(25, projects=projects))


def test_tool_hopping_not_judged_for_projects_just_created(catalog: Catalog) -> None:
    # Three planned projects registered on day 1 are not hopping on day 3.
    projects = [project("a", 1), project("b", 1), project("c", 1)]
    assert "tool-hopping" not in fired(catalog, record(3, projects=projects))
    assert "tool-hopping" in fired(catalog, record(9, projects=projects))


# No eval discipline: from week 5, an eval-report and a metric with a baseline.


def test_no_eval_fires_in_week_five_without_eval_report(catalog: Catalog) -> None:
    facts = [artifact(10, "demo", metrics=3, baselined=0), artifact(20, "dashboard", metrics=2, baselined=0)]
    nudge = fired(catalog, record(30, artifacts=facts))["no-eval-discipline"]
    assert nudge.message == "Week 5: no eval-report artifact yet and none of 5 metrics has a baseline."


def test_no_eval_fires_when_evals_have_no_baseline(catalog: Catalog) -> None:
    facts = [artifact(25, "eval-report", metrics=1, baselined=0)]
    assert fired(catalog, record(40, artifacts=facts))["no-eval-discipline"].message == (
        "Week 6: none of 1 metric has a baseline."
    )


def test_no_eval_quiet_with_a_baselined_eval(catalog: Catalog) -> None:
    facts = [artifact(25, "eval-report", metrics=3, baselined=1)]
    assert "no-eval-discipline" not in fired(catalog, record(40, artifacts=facts))


def test_no_eval_not_judged_before_week_five(catalog: Catalog) -> None:
    assert "no-eval-discipline" not in fired(catalog, record(28))
    assert "no-eval-discipline" in fired(catalog, record(29))


def test_no_eval_still_judged_after_the_plan(catalog: Catalog) -> None:
    nudge = fired(catalog, record(95))["no-eval-discipline"]
    assert nudge.message.startswith("After the 90 days: no eval-report artifact yet and no metric recorded")


# Weak evidence: >= 3 judged artifacts, more than half without a baselined metric; resumes etc. exempt.


def test_weak_evidence_fires(catalog: Catalog) -> None:
    facts = [
        artifact(10, "demo", metrics=0, baselined=0),
        artifact(20, "architecture-note", metrics=0, baselined=0),
        artifact(25, "dashboard", metrics=4, baselined=0),
        artifact(28, "eval-report", metrics=3, baselined=3),
    ]
    nudge = fired(catalog, record(30, artifacts=facts))["weak-evidence"]
    assert nudge.message == (
        "3 of 4 artifacts cannot show a change: 2 without any metric, 1 with metrics but no baseline."
    )


def test_weak_evidence_quiet_at_half(catalog: Catalog) -> None:
    facts = [
        artifact(10, "demo", metrics=0, baselined=0),
        artifact(20, "eval-report"),
        artifact(22, "architecture-note", metrics=0, baselined=0),
        artifact(25, "dashboard"),
    ]
    assert "weak-evidence" not in fired(catalog, record(30, artifacts=facts))


def test_weak_evidence_waits_for_enough_artifacts_and_ignores_exempt_kinds(catalog: Catalog) -> None:
    facts = [
        artifact(5, "job-research", metrics=0, baselined=0),
        artifact(10, "demo", metrics=0, baselined=0),
        artifact(20, "demo", metrics=0, baselined=0),
        artifact(22, "resume", metrics=0, baselined=0),
    ]
    assert "weak-evidence" not in fired(catalog, record(30, artifacts=facts))
    more = [*facts, artifact(25, "demo", metrics=0, baselined=0)]
    assert fired(catalog, record(30, artifacts=more))["weak-evidence"].message.startswith("3 of 3 artifacts")


# Narrative mismatch: from month 3, or once a resume or case study exists.


def test_narrative_mismatch_fires_in_month_three(catalog: Catalog) -> None:
    facts = [artifact(20, link=False), artifact(40), artifact(60, "architecture-note", link=False)]
    projects = [project("rag-assistant", 2, artifacts=2), project("agent-ops", 30, repo=False, artifacts=1)]
    nudge = fired(catalog, record(60, artifacts=facts, projects=projects))["narrative-mismatch"]
    assert nudge.message == (
        "2 of 3 artifacts have no link; no repository for agent-ops: a reader cannot check those claims."
    )


def test_narrative_mismatch_early_once_a_resume_exists(catalog: Catalog) -> None:
    facts = [artifact(10, link=False), artifact(20, "resume")]
    assert "narrative-mismatch" in fired(catalog, record(25, artifacts=facts))


def test_narrative_mismatch_not_judged_early_without_packaging(catalog: Catalog) -> None:
    facts = [artifact(10, link=False), artifact(20, link=False)]
    assert "narrative-mismatch" not in fired(catalog, record(56, artifacts=facts))
    assert "narrative-mismatch" in fired(catalog, record(57, artifacts=facts))


def test_narrative_mismatch_quiet_when_everything_links(catalog: Catalog) -> None:
    facts = [artifact(20), artifact(60, "case-study")]
    projects = [project("rag-assistant", 2, artifacts=2)]
    assert "narrative-mismatch" not in fired(catalog, record(70, artifacts=facts, projects=projects))


# Interview vagueness: from week 10, at least 6 stories, drill average >= 60 after 3 attempts.


def test_interview_vagueness_fires_on_few_stories(catalog: Catalog) -> None:
    nudge = fired(catalog, record(64, stories=2, stories_with_proof=1))["interview-vagueness"]
    assert nudge.message == "Week 10: 2 stories in the bank (1 linked to proof), fewer than 6."


def test_interview_vagueness_fires_on_low_drill_scores(catalog: Catalog) -> None:
    summary = record(70, stories=8, stories_with_proof=8, drill_attempts=5, drill_average=48.4)
    nudge = fired(catalog, summary)["interview-vagueness"]
    assert nudge.message == "Week 10: drill average 48 over 5 attempts, below 60."


def test_interview_vagueness_quiet_when_prepared(catalog: Catalog) -> None:
    summary = record(80, stories=12, stories_with_proof=10, drill_attempts=6, drill_average=72.0)
    assert "interview-vagueness" not in fired(catalog, summary)
    # Too few attempts to judge the average.
    early_drills = replace(summary, drill_attempts=2, drill_average=20.0)
    assert "interview-vagueness" not in fired(catalog, early_drills)


def test_interview_vagueness_not_judged_before_week_ten(catalog: Catalog) -> None:
    assert "interview-vagueness" not in fired(catalog, record(63))
    assert "interview-vagueness" in fired(catalog, record(64))


def test_nudges_follow_content_order(catalog: Catalog) -> None:
    summary = record(70, minutes_last_14=300)
    assert [n.pattern for n in nudges(summary, catalog)] == [
        "gone-quiet",  # minutes but no log day: nothing the record can date
        "tutorial-treadmill",
        "no-eval-discipline",
        "interview-vagueness",
    ]


def test_unknown_rule_in_a_hand_built_catalog(catalog: Catalog) -> None:
    broken = catalog.model_copy(
        update={"failure_patterns": [catalog.failure_patterns[0].model_copy(update={"rule": "vibes"})]}
    )
    with pytest.raises(UserError, match="unknown coach rule 'vibes'"):
        nudges(record(30), broken)
