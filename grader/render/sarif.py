"""SARIF 2.1.0: one rule per probe, one result per assessed finding, a default location for file-less ones."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from grader.probes import PROBES
from grader.report import Evidence, Finding, GradeReport, Outcome

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_KIND = {
    Outcome.passed: "pass",
    Outcome.failed: "fail",
    Outcome.not_detected: "fail",
    Outcome.not_applicable: "notApplicable",
    Outcome.error: "open",
}


def _level(finding: Finding) -> str:
    if _KIND[finding.outcome] != "fail":
        return "none"
    return "error" if finding.weight >= 25 else "warning" if finding.weight >= 15 else "note"


def _location(evidence: Evidence) -> dict[str, Any]:
    # A URI reference, percent-encoded: a file name may hold spaces, '#', '%' or control characters.
    uri = quote(evidence.path.encode("utf-8", "surrogateescape"), safe="/")
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "uriBaseId": "SRCROOT"}}
    if evidence.start_line:
        region: dict[str, Any] = {
            "startLine": evidence.start_line,
            "endLine": evidence.end_line or evidence.start_line,
        }
        if evidence.snippet:
            region["snippet"] = {"text": evidence.snippet}
        physical["region"] = region
    return {"physicalLocation": physical}


def to_sarif(report: GradeReport) -> dict[str, Any]:
    probes = sorted(PROBES.values(), key=lambda p: p.id)
    index = {p.id: i for i, p in enumerate(probes)}
    rules = [
        {
            "id": p.id,
            "name": p.title.title().replace(" ", "").replace("-", ""),
            "shortDescription": {"text": p.title},
            "fullDescription": {"text": p.why},
            "help": {"text": p.remediation},
            "helpUri": p.doc_url,
            "properties": {"dimension": p.dimension, "tags": [p.dimension]},
        }
        for p in probes
    ]
    # A file-less finding ("no CI configuration") still needs a location: the README, or the first file
    # any finding names.
    paths = [e.path for f in report.findings() for e in f.evidence]
    default = Evidence(path="README.md" if "README.md" in paths or not paths else paths[0])
    results = []
    for finding in report.findings():
        evidence = finding.evidence or [default]
        result: dict[str, Any] = {
            "ruleId": finding.probe,
            "ruleIndex": index[finding.probe],
            "kind": _KIND[finding.outcome],
            "level": _level(finding),
            "message": {"text": finding.message + (f" Fix: {finding.remediation}" if finding.remediation else "")},
            "locations": [_location(evidence[0])],
            "properties": {
                "credit": finding.credit,
                "weight": finding.weight,
                "outcome": finding.outcome.value,
            },
        }
        if len(evidence) > 1:
            result["relatedLocations"] = [{"id": i, **_location(e)} for i, e in enumerate(evidence[1:], 1)]
        results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "proofwork-grader",
                "informationUri": "https://github.com/proofwork/proofwork",
                "rules": rules,
            }
        },
        "results": results,
        "properties": {
            "overall": report.overall,
            "schemaVersion": report.schema_version,
            "commit": report.commit,
        },
    }
    if report.source.url:
        run["versionControlProvenance"] = [{"repositoryUri": report.source.url, "revisionId": report.commit}]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
