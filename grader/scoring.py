"""Findings -> numbers. Rubric weights come from a profile (content/grader/rubric.yaml, or a reviewer's file).

Per dimension: score = 100 x sum(weight x credit) / sum(weight) over assessed probes. Not-applicable probes
leave the denominator (a precondition is absent); not-detected counts as zero; errors are unassessed and
lower the share of rubric weight assessed, which the report states next to the score.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError

from curriculum.errors import UserError
from curriculum.resources import content_dir
from grader.probes import PROBES
from grader.report import DIMENSIONS, DimensionScore, Finding, Fix, Outcome


class DimensionRubric(BaseModel):
    weight: float = Field(ge=0)
    probes: dict[str, float] = Field(default_factory=dict)


class Rubric(BaseModel):
    name: str = "default"
    dimensions: dict[str, DimensionRubric]


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UserError(f"cannot read rubric profile {path}: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise UserError(f"rubric profile {path} is not valid YAML: {str(error).splitlines()[0]}") from error
    if not isinstance(data, dict):
        raise UserError(f"rubric profile {path} must be a mapping with `dimensions:`")
    return data


def load_rubric(profile: Path | None = None) -> Rubric:
    """The default rubric, with a reviewer's profile laid over it (only the keys it names change)."""
    data = _read(content_dir() / "grader" / "rubric.yaml")
    if profile is not None:
        overlay = _read(profile)
        data["name"] = overlay.get("name", profile.stem)
        for dim, spec in (overlay.get("dimensions") or {}).items():
            if dim not in DIMENSIONS:
                raise UserError(f"rubric profile {profile}: unknown dimension {dim!r} (known: {', '.join(DIMENSIONS)})")
            if not isinstance(spec, dict):
                raise UserError(f"rubric profile {profile}: dimension {dim!r} must be a mapping")
            base = data["dimensions"].setdefault(dim, {"weight": 0, "probes": {}})
            if "weight" in spec:
                base["weight"] = spec["weight"]
            for probe_id, weight in (spec.get("probes") or {}).items():
                if probe_id not in PROBES:
                    raise UserError(f"rubric profile {profile}: unknown probe {probe_id!r}")
                base.setdefault("probes", {})[probe_id] = weight
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise UserError(f"rubric profile: {'.'.join(map(str, first['loc']))}: {first['msg']}") from error
    for probe_id, found in PROBES.items():
        spec = rubric.dimensions.get(found.dimension)
        if spec is None or probe_id not in spec.probes:
            raise UserError(f"rubric profile {rubric.name!r} gives no weight to probe {probe_id}")
        if any(w < 0 for w in spec.probes.values()):
            raise UserError(f"rubric profile {rubric.name!r}: probe weights must be >= 0")
    return rubric


def score_dimensions(
    findings: list[Finding], rubric: Rubric
) -> tuple[dict[str, DimensionScore], int | None, float, list[Fix]]:
    """Dimension scores, the overall score, the share of applicable rubric weight assessed, the best fixes."""
    dims: dict[str, DimensionScore] = {}
    applicable_total = assessed_total = 0.0
    earned: dict[str, tuple[float, float]] = {}
    for dim in DIMENSIONS:
        spec = rubric.dimensions.get(dim, DimensionRubric(weight=0))
        own = [f for f in findings if f.dimension == dim]
        applicable = sum(f.weight for f in own if f.outcome != Outcome.not_applicable)
        assessed = [f for f in own if f.credit is not None and f.outcome != Outcome.error]
        assessed_weight = sum(f.weight for f in assessed)
        score = None
        if assessed_weight > 0:
            score = round(100 * sum(f.weight * (f.credit or 0) for f in assessed) / assessed_weight)
            earned[dim] = (assessed_weight, spec.weight)
        share = assessed_weight / applicable if applicable else 0.0
        dims[dim] = DimensionScore(score=score, weight=spec.weight, assessed=round(share, 3), findings=own)
        if applicable and spec.weight:
            applicable_total += spec.weight
            assessed_total += spec.weight * share
    scored = {d: s for d, s in dims.items() if s.score is not None and s.weight > 0}
    dim_weight = sum(s.weight for s in scored.values())
    overall = round(sum(s.weight * (s.score or 0) for s in scored.values()) / dim_weight) if dim_weight else None
    fixes = []
    for f in findings:
        if f.dimension not in scored or f.credit is None or f.credit >= 1 or f.outcome == Outcome.error:
            continue
        probe_total, weight = earned[f.dimension]
        points = 100 * (weight / dim_weight) * (f.weight / probe_total) * (1 - f.credit)
        location = f.evidence[0].location() if f.evidence else None
        fixes.append(
            Fix(
                probe=f.probe,
                dimension=f.dimension,
                points=round(points, 1),
                title=f.title,
                remediation=f.remediation,
                location=location,
            )
        )
    fixes.sort(key=lambda x: -x.points)
    coverage = assessed_total / applicable_total if applicable_total else 0.0
    return dims, overall, round(coverage, 3), fixes[:5]
