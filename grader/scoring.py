"""Findings -> numbers. Rubric weights come from a profile (content/grader/rubric.yaml, or a reviewer's file).

Per dimension: score = 100 x sum(weight x credit) / sum(weight) over assessed probes. Not-applicable probes
leave the denominator (a precondition is absent); not-detected counts as zero; errors are unassessed and
lower the share of rubric weight assessed, which the report states next to the score.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from curriculum.errors import UserError
from curriculum.resources import content_dir
from curriculum.yaml_models import file_error, read_mapping, validate
from grader.probes import PROBES
from grader.report import DIMENSIONS, DimensionScore, Evidence, Finding, Fix, Outcome


class DimensionRubric(BaseModel):
    weight: float = Field(ge=0)
    probes: dict[str, float] = Field(default_factory=dict)


class Rubric(BaseModel):
    name: str = "default"
    dimensions: dict[str, DimensionRubric]
    same_fix: list[list[str]] = Field(
        default_factory=list, description="Probes whose fix is one change (evals in CI counts under evals and CI)"
    )


def load_rubric(profile: Path | None = None) -> Rubric:
    """The default rubric, with a reviewer's profile laid over it (only the keys it names change)."""
    default = content_dir() / "grader" / "rubric.yaml"
    data = read_mapping(default)
    if profile is not None:
        overlay, shown = read_mapping(profile), str(profile)
        data["name"] = overlay.get("name", profile.stem)
        for dim, spec in (overlay.get("dimensions") or {}).items():
            if dim not in DIMENSIONS:
                raise file_error(shown, f"dimensions.{dim}", f"unknown dimension (known: {', '.join(DIMENSIONS)})")
            if not isinstance(spec, dict):
                raise file_error(shown, f"dimensions.{dim}", "expected a mapping")
            base = data["dimensions"].setdefault(dim, {"weight": 0, "probes": {}})
            if "weight" in spec:
                base["weight"] = spec["weight"]
            for probe_id, weight in (spec.get("probes") or {}).items():
                if probe_id not in PROBES:
                    raise file_error(shown, f"dimensions.{dim}.probes", f"unknown probe {probe_id!r}")
                base.setdefault("probes", {})[probe_id] = weight
    # The profile is laid over the default, so a bad value in the merged rubric is the profile's when there is one.
    rubric = validate(Rubric, data, str(profile or default))
    for probe_id, found in PROBES.items():
        spec = rubric.dimensions.get(found.dimension)
        if spec is None or probe_id not in spec.probes:
            raise UserError(f"rubric profile {rubric.name!r} gives no weight to probe {probe_id}")
        if any(w < 0 for w in spec.probes.values()):
            raise UserError(f"rubric profile {rubric.name!r}: probe weights must be >= 0")
    return rubric


def _assessed(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.credit is not None and f.outcome != Outcome.error]


def score_dimension(own: list[Finding], weight: float) -> DimensionScore:
    """100 x weighted mean credit of assessed probes; N/A leaves the denominator, errors are unassessed."""
    applicable = sum(f.weight for f in own if f.outcome != Outcome.not_applicable)
    assessed_weight = sum(f.weight for f in _assessed(own))
    score = None
    if assessed_weight > 0:
        score = round(100 * sum(f.weight * (f.credit or 0) for f in _assessed(own)) / assessed_weight)
    share = assessed_weight / applicable if applicable else 0.0
    return DimensionScore(score=score, weight=weight, assessed=round(share, 3), findings=own)


def points_lost(finding: Finding, dims: dict[str, DimensionScore]) -> float:
    """Overall points the finding costs: what passing it would add (0 for passed, N/A and errors)."""
    dim = dims[finding.dimension]
    total = sum(d.weight for d in dims.values() if d.score is not None)
    if dim.score is None or not total or finding.credit is None or finding.outcome == Outcome.error:
        return 0.0
    probe_total = sum(f.weight for f in _assessed(dim.findings))
    return 100 * (dim.weight / total) * (finding.weight / probe_total) * (1 - finding.credit)


def _coverage(dims: dict[str, DimensionScore]) -> float:
    """Share of the applicable rubric weight that was assessed, over dimensions with anything applicable."""
    applicable = [d for d in dims.values() if d.weight and any(f.outcome != Outcome.not_applicable for f in d.findings)]
    total = sum(d.weight for d in applicable)
    return round(sum(d.weight * d.assessed for d in applicable) / total, 3) if total else 0.0


def score_dimensions(
    findings: list[Finding], rubric: Rubric
) -> tuple[dict[str, DimensionScore], int | None, float, list[Fix]]:
    """Dimension scores, the overall score, the share of applicable rubric weight assessed, the best fixes."""
    dims = {
        dim: score_dimension(
            [f for f in findings if f.dimension == dim],
            rubric.dimensions.get(dim, DimensionRubric(weight=0)).weight,
        )
        for dim in DIMENSIONS
    }
    scored = [d for d in dims.values() if d.score is not None and d.weight > 0]
    total = sum(d.weight for d in scored)
    overall = round(sum(d.weight * (d.score or 0) for d in scored) / total) if total else None
    return dims, overall, _coverage(dims), best_fixes(findings, dims, rubric)


_NOWHERE = Evidence(path="")


def advice(finding: Finding) -> str:
    """What to change, where: the finding's own account of the gap, then the general remedy."""
    said = finding.message.strip().rstrip(".")
    return f"{said[:1].upper()}{said[1:]}. {finding.remediation}" if said else finding.remediation


def best_fixes(findings: list[Finding], dims: dict[str, DimensionScore], rubric: Rubric, limit: int = 5) -> list[Fix]:
    """The changes worth most points, best first, each at the learner's own file and line when there is one.

    Probes that one change fixes together (running evals in CI passes evals.in_ci and ci.evals) make one fix
    worth their points together."""
    group_of = {probe: tuple(sorted(group)) for group in rubric.same_fix for probe in group}
    merged: dict[object, Fix] = {}
    for f in findings:
        points = points_lost(f, dims)
        if points <= 0 or f.outcome not in {Outcome.failed, Outcome.not_detected}:
            continue  # a passed finding is never asked for again
        key = group_of.get(f.probe, f.probe)
        fix = Fix(
            probe=f.probe,
            dimension=f.dimension,
            points=round(points, 1),
            title=f.title,
            remediation=advice(f),
            location=(f.fix_at or (f.evidence[0] if f.evidence else None) or _NOWHERE).location() or None,
        )
        if key in merged:
            other = merged[key]
            best = other if other.points >= fix.points or (other.location and not fix.location) else fix
            merged[key] = best.model_copy(update={"points": round(other.points + fix.points, 1)})
        else:
            merged[key] = fix
    return sorted(merged.values(), key=lambda x: -x.points)[:limit]
