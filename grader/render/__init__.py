"""Renderers for a GradeReport: terminal (rich), Markdown (Jinja2 template), SARIF 2.1.0, JSON."""

from __future__ import annotations

from grader.report import Finding, GradeReport, Outcome
from grader.scoring import points_lost

OUTCOME_LABEL = {
    Outcome.passed: "passed",
    Outcome.failed: "failed",
    Outcome.not_detected: "not detected",
    Outcome.not_applicable: "n/a",
    Outcome.error: "error",
}


def lost_points(report: GradeReport, finding: Finding) -> float:
    """Overall points a finding costs (0 for passed, N/A and errors)."""
    return round(points_lost(finding, report.dimensions), 1)


def top_findings(report: GradeReport, limit: int = 8) -> list[Finding]:
    """Findings that cost the most points, with evidence first among equals."""
    losing = [f for f in report.findings() if f.credit is not None and f.credit < 1]
    losing.sort(key=lambda f: (-lost_points(report, f), not f.evidence))
    return losing[:limit]
