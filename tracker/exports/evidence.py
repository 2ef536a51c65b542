"""What each artifact proves, for the resume's skills: by its kind, its metrics and its project's decisions.

The mapping is data (`content/evidence.yaml`), never the week of the plan an artifact was filed under: an eval
report shows evaluation in week 2 as in week 9, and a demo shows what its metrics measured. Every piece of
evidence keeps the reason it counts, so a reader (or a test) can see why a skill is listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from curriculum.catalog import load_catalog
from curriculum.models import EvidenceMap
from curriculum.text import whole_words
from tracker.exports.metrics import MetricView
from tracker.exports.proof import ArtifactView


@dataclass(frozen=True)
class DecisionLink:
    """A project decision and the text of the metric it cites (`hallucination rate 12 -> 4 %`)."""

    project: str
    layer: str
    decision: str
    metric: str


@dataclass(frozen=True)
class Proof:
    """One artifact shown as evidence of one competency, with the metrics that show it and why it counts."""

    artifact: ArtifactView
    metrics: list[MetricView]
    reasons: list[str]


def evidence_rules() -> EvidenceMap:
    """The mapping, loaded and checked with the rest of the content (every kind, layer and competency it names
    is known): one file, shared with the calibrated self-assessment."""
    return load_catalog().evidence


@cache
def _metric_patterns() -> dict[str, list[re.Pattern[str]]]:
    return {key: [whole_words(words) for words in phrases] for key, phrases in evidence_rules().metrics.items()}


def metric_competencies(name: str) -> set[str]:
    lowered = name.lower()
    return {key for key, patterns in _metric_patterns().items() if any(p.search(lowered) for p in patterns)}


def is_job_search(kind: str) -> bool:
    return kind in evidence_rules().job_search


def named_metric(text: str, metrics: list[MetricView]) -> MetricView | None:
    """The recorded metric whose name a decision's metric text mentions (the longest name wins)."""
    wanted = text.lower()
    named = [m for m in metrics if m.name.lower() and m.name.lower() in wanted]
    return max(named, key=lambda m: len(m.name)) if named else None


def competency_evidence(artifacts: list[ArtifactView], decisions: list[DecisionLink]) -> dict[str, list[Proof]]:
    """competency key -> the artifacts that show it, in record order; job-search artifacts never count."""
    rules = evidence_rules()
    layer_titles = {layer.key: layer.title for layer in load_catalog().layers}
    kind_titles = {kind.key: kind.title for kind in load_catalog().artifact_kinds}
    found: dict[str, dict[int, tuple[ArtifactView, dict[int, MetricView], list[str]]]] = {}

    def count(competency: str, artifact: ArtifactView, metrics: list[MetricView], reason: str) -> None:
        _, shown, reasons = found.setdefault(competency, {}).setdefault(artifact.id, (artifact, {}, []))
        shown.update({m.id: m for m in metrics})
        if reason not in reasons:
            reasons.append(reason)

    for artifact in artifacts:
        if is_job_search(artifact.kind):
            continue
        for competency in rules.kinds.get(artifact.kind, []):
            count(competency, artifact, artifact.metrics, f"it is {_a(kind_titles.get(artifact.kind, artifact.kind))}")
        for metric in artifact.metrics:
            for competency in sorted(metric_competencies(metric.name)):
                count(competency, artifact, [metric], f"it measures {metric.name}")
        for link in decisions:
            if link.project != artifact.project or not link.metric:
                continue
            cited = named_metric(link.metric, artifact.metrics)
            if cited is None:
                continue
            title = layer_titles.get(link.layer, link.layer)
            for competency in rules.layers.get(link.layer, []):
                count(competency, artifact, [cited], f"it backs the {title} decision '{link.decision}'")
    order = [c.key for c in load_catalog().competencies]
    return {
        key: [Proof(artifact, list(metrics.values()), reasons) for artifact, metrics, reasons in found[key].values()]
        for key in order
        if key in found
    }


def _a(title: str) -> str:
    return ("an " if title[:1].lower() in "aeiou" else "a ") + title[:1].lower() + title[1:]
