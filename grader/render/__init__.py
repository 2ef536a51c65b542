"""Renderers for a GradeReport: terminal (rich), Markdown (Jinja2 template), SARIF 2.1.0, JSON."""

from __future__ import annotations

from grader.report import Finding, GradeReport, Outcome

OUTCOME_LABEL = {
    Outcome.passed: "passed",
    Outcome.failed: "failed",
    Outcome.not_detected: "not detected",
    Outcome.not_applicable: "n/a",
    Outcome.error: "error",
}


def lost_points(report: GradeReport, finding: Finding) -> float:
    """Overall points a finding costs (0 for passed, N/A and errors)."""
    for fix in report.fixes:
        if fix.probe == finding.probe:
            return fix.points
    if finding.credit is None or finding.outcome == Outcome.error:
        return 0.0
    dim = report.dimensions[finding.dimension]
    scored = [d for d in report.dimensions.values() if d.score is not None and d.weight > 0]
    total = sum(d.weight for d in scored)
    probe_total = sum(f.weight for f in dim.findings if f.credit is not None and f.outcome != Outcome.error)
    if not total or not probe_total or dim.score is None:
        return 0.0
    return round(100 * dim.weight / total * finding.weight / probe_total * (1 - finding.credit), 1)


def top_findings(report: GradeReport, limit: int = 8) -> list[Finding]:
    """Findings that cost the most points, with evidence first among equals."""
    losing = [f for f in report.findings() if f.credit is not None and f.credit < 1]
    losing.sort(key=lambda f: (-lost_points(report, f), not f.evidence))
    return losing[:limit]
