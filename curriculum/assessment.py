"""Self-assessment: seven competency scores (1-5) against a target role's needs, and what to work on first.

The playbook's rule is "pick your lowest two": `focus` is the two lowest scores. Ties go to the competency the
target role needs more (the larger gap), then to content order, so the answer is stable.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from curriculum.catalog import Catalog, Role
from curriculum.errors import UserError

if TYPE_CHECKING:
    from curriculum.calibration import Calibration

FOCUS_SIZE = 2


@dataclass(frozen=True)
class RoleFit:
    """How well the scores cover a role's needs: 100 means every target level is met."""

    role: str
    title: str
    fit: int
    missing: list[str]


@dataclass(frozen=True)
class GapReport:
    target_role: str
    target_title: str
    scores: dict[str, int]
    targets: dict[str, int]
    gaps: dict[str, int]
    focus: list[str]
    role_fit: list[RoleFit]
    change: dict[str, int] | None
    calibration: Calibration | None = None  # the self-ratings beside the evidence, when a record was read

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (for `--json`); `calibration` is keyed by competency."""
        data = asdict(replace(self, calibration=None))
        data["calibration"] = self.calibration.to_dict() if self.calibration is not None else None
        return data


def check_scores(scores: dict[str, int], catalog: Catalog) -> None:
    """Reject unknown competencies and scores outside 1-5, naming the offender."""
    known = catalog.competency_keys
    for key, score in scores.items():
        if key not in known:
            raise UserError(f"unknown competency '{key}' (choose from: {', '.join(known)})")
        # bool is an int in Python; True is not a score.
        if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
            raise UserError(f"score for {key} must be a whole number from 1 to 5 (got {score!r})")


def _require_all(scores: dict[str, int], catalog: Catalog, what: str) -> None:
    check_scores(scores, catalog)
    missing = [key for key in catalog.competency_keys if key not in scores]
    if missing:
        raise UserError(f"{what} has no score for {', '.join(missing)} (score all seven competencies 1-5)")


def role_fit(scores: dict[str, int], role: Role, order: list[str]) -> RoleFit:
    """Fit = share of the role's summed target levels the scores cover (scores above target add nothing)."""
    needed = sum(role.targets.values())
    covered = sum(min(scores[key], target) for key, target in role.targets.items())
    short = [key for key in order if scores[key] < role.targets[key]]
    missing = sorted(short, key=lambda key: (scores[key] - role.targets[key], order.index(key)))
    return RoleFit(role.key, role.title, round(100 * covered / needed), missing)


def gap_report(
    scores: dict[str, int],
    target_role: Role,
    catalog: Catalog,
    previous: dict[str, int] | None = None,
) -> GapReport:
    """Gaps to the target role, the two focus competencies, fit against every role, change since last time."""
    _require_all(scores, catalog, "the assessment")
    order = catalog.competency_keys
    scores = {key: scores[key] for key in order}
    targets = {key: target_role.targets[key] for key in order}
    gaps = {key: targets[key] - scores[key] for key in order}
    focus = sorted(order, key=lambda key: (scores[key], -gaps[key], order.index(key)))[:FOCUS_SIZE]
    fits = [role_fit(scores, role, order) for role in catalog.roles]
    role_position = {role.key: index for index, role in enumerate(catalog.roles)}
    fits.sort(key=lambda fit: (-fit.fit, role_position[fit.role]))
    change = None
    if previous is not None:
        check_scores(previous, catalog)
        change = {key: scores[key] - previous[key] for key in order if key in previous}
    return GapReport(target_role.key, target_role.title, scores, targets, gaps, focus, fits, change)
