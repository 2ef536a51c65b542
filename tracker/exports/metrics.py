"""How a measured result reads in every document: `hallucination rate 12 -> 4 % (-8 points, -67%)`.

One formatter for all exports, so the case study, the resume and the retro never disagree on a number,
and the polish check can find every number of a document in the record it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.models import Artifact, ArtifactMetric


def number(value: float) -> str:
    """12.0 -> "12", 0.88 -> "0.88": no trailing zeros, no float noise, no exponent for everyday sizes."""
    text = f"{value:.10g}"
    return "0" if text == "-0" else text


@dataclass(frozen=True)
class MetricView:
    """One ArtifactMetric row with the artifact it proves (its week and link)."""

    id: int
    artifact_id: int
    name: str
    baseline: float | None
    result: float
    unit: str
    week: int
    artifact_title: str
    link: str

    @property
    def has_baseline(self) -> bool:
        return self.baseline is not None

    @property
    def baseline_text(self) -> str:
        return number(self.baseline) if self.baseline is not None else ""

    @property
    def result_text(self) -> str:
        return _with_unit(number(self.result), self.unit)

    @property
    def values(self) -> str:
        """`12 -> 4 %`, or `900 ms` when there is no baseline."""
        if self.baseline is None:
            return self.result_text
        return f"{number(self.baseline)} -> {self.result_text}"

    @property
    def text(self) -> str:
        """`hallucination rate 12 -> 4 %`."""
        return f"{self.name} {self.values}"

    @property
    def change(self) -> str:
        """`-8 points, -67%`; empty without a baseline (there is nothing to compare with)."""
        if self.baseline is None:
            return ""
        delta = self.result - self.baseline
        unit = "points" if self.unit == "%" else self.unit
        parts = [_with_unit(_signed(delta), unit)]
        if self.baseline != 0:
            parts.append(_signed_percent(delta / abs(self.baseline) * 100))
        return ", ".join(parts)

    @property
    def short_change(self) -> str:
        """`-67%`: the relative move, or the absolute one when the baseline is zero; empty without a baseline."""
        if self.baseline is None:
            return ""
        delta = self.result - self.baseline
        if self.baseline == 0:
            return _with_unit(_signed(delta), "points" if self.unit == "%" else self.unit)
        return _signed_percent(delta / abs(self.baseline) * 100)

    @property
    def prose(self) -> str:
        """How a person writes it: `hallucination rate went from 12% to 4% (-67%)`, `routing accuracy of 81%`."""
        if self.baseline is None:
            return f"{self.name} of {_spoken(number(self.result), self.unit)}"
        return f"{self.name} went {self.span} ({self.short_change})"

    @property
    def span(self) -> str:
        """`from 12% to 4%`."""
        return f"from {_spoken(number(self.baseline or 0), self.unit)} to {_spoken(number(self.result), self.unit)}"

    @property
    def brief(self) -> str:
        """The short form for a list: `hallucination rate 12% to 4%`, `routing accuracy 81%`."""
        after = _spoken(number(self.result), self.unit)
        if self.baseline is None:
            return f"{self.name} {after}"
        return f"{self.name} {_spoken(number(self.baseline), self.unit)} to {after}"

    @property
    def relative_change(self) -> float:
        """Size of the move relative to the baseline, for picking a headline; 0 without a baseline."""
        if self.baseline is None or self.baseline == 0:
            return 0.0
        return abs(self.result - self.baseline) / abs(self.baseline)


def metric_views(artifact: Artifact) -> list[MetricView]:
    return [metric_view(artifact, metric) for metric in artifact.metrics]


def metric_view(artifact: Artifact, metric: ArtifactMetric) -> MetricView:
    return MetricView(
        id=metric.id,
        artifact_id=artifact.id,
        name=metric.name,
        baseline=metric.baseline,
        result=metric.result,
        unit=metric.unit,
        week=artifact.week,
        artifact_title=artifact.title,
        link=artifact.link,
    )


def headline(metrics: list[MetricView]) -> MetricView | None:
    """The metric that moved most against its baseline (ties: the first recorded)."""
    with_before = [m for m in metrics if m.baseline is not None]
    if not with_before:
        return None
    return max(with_before, key=lambda m: m.relative_change)


def _spoken(value: str, unit: str) -> str:
    """`12%` but `950 ms`: a percent sign sits on its number, as people write it."""
    return f"{value}{unit}" if unit == "%" else _with_unit(value, unit)


def prose_list(metrics: list[MetricView]) -> str:
    """`a went from 1 to 2 (+100%), b from 3 to 4 (+33%) and c of 5`: several results in one clause."""
    parts = [
        m.prose if i == 0 or m.baseline is None else f"{m.name} {m.span} ({m.short_change})"
        for i, m in enumerate(metrics)
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _with_unit(value: str, unit: str) -> str:
    return f"{value} {unit}" if unit else value


def _signed(value: float) -> str:
    return ("+" if value > 0 else "-" if value < 0 else "") + number(abs(value))


def _signed_percent(value: float) -> str:
    rounded = round(abs(value)) if abs(value) >= 1 else round(abs(value), 1)
    sign = "+" if value > 0 else "-" if value < 0 else ""
    return f"{sign}{number(rounded)}%"
