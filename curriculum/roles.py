"""The role landscape as one view: each role's needs per competency, pay with its source and year, the regional
adjustment, and, given a self-assessment, the fit to every role and the closest next one. Pure.

"Closest next role" applies the career decision matrix to the learner's own scores: of every role except the one
the learner holds now, the one their scores cover best (ties go to their target role, then to content order),
with what it needs that they lack. Each matrix row also names which of its roles the scores fit best.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from curriculum.assessment import role_fit
from curriculum.catalog import Catalog, Role, SalaryBand
from curriculum.errors import UserError

LEVELS = ("entry", "mid", "senior")


@dataclass(frozen=True)
class Band:
    level: str
    low: int
    high: int
    plus_equity: bool
    text: str

    @classmethod
    def of(cls, level: str, band: SalaryBand) -> Band:
        return cls(level, band.low, band.high, band.plus_equity, str(band))


@dataclass(frozen=True)
class Lack:
    competency: str
    title: str
    you: int
    needs: int


@dataclass(frozen=True)
class RoleView:
    key: str
    title: str
    aliases: list[str]
    status: str
    focus: str
    key_skills: list[str]
    needs: dict[str, int]
    bands: list[Band]
    regional: dict[str, list[Band]]
    salary_notes: str
    salary_year: str
    salary_sources: list[str]
    fit: int | None = None
    lacks: list[Lack] = field(default_factory=list)


@dataclass(frozen=True)
class MatrixRowView:
    profile: str
    roles: list[str]
    timeline: str
    best_fit: str | None  # the row's role the learner's scores cover best


@dataclass(frozen=True)
class RegionView:
    key: str
    title: str
    lower: list[int]


@dataclass(frozen=True)
class RolesView:
    roles: list[RoleView]
    salary_note: str
    regions: list[RegionView]
    decision_matrix: list[MatrixRowView]
    competencies: dict[str, str]  # key -> title, in content order
    assessed: bool
    scores: dict[str, int] | None
    current_role: str | None
    target_role: str | None
    closest: str | None

    def role(self, key: str) -> RoleView:
        return next(role for role in self.roles if role.key == key)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def roles_view(
    catalog: Catalog,
    scores: dict[str, int] | None = None,
    *,
    current_role: str = "",
    target_role: str | None = None,
) -> RolesView:
    """Every role; with `scores` (a full self-assessment), the fit to each and the closest next role."""
    order = catalog.competency_keys
    titles = {competency.key: competency.title for competency in catalog.competencies}
    current = _known_role(catalog, current_role)
    target = _known_role(catalog, target_role or "")
    roles = [_role_view(role, catalog, scores, order, titles) for role in catalog.roles]
    closest = None
    if scores is not None:
        position = {role.key: index for index, role in enumerate(catalog.roles)}
        candidates = [role for role in roles if role.key != current]
        closest = min(candidates, key=lambda role: (-(role.fit or 0), role.key != target, position[role.key])).key
    fits = {role.key: role.fit for role in roles}
    matrix = [
        MatrixRowView(
            row.profile,
            list(row.roles),
            row.timeline,
            max(row.roles, key=lambda key: fits[key] or 0) if scores is not None else None,
        )
        for row in catalog.decision_matrix
    ]
    return RolesView(
        roles=roles,
        salary_note=catalog.salary_note,
        regions=[RegionView(region.key, region.title, list(region.lower)) for region in catalog.regions],
        decision_matrix=matrix,
        competencies=titles,
        assessed=scores is not None,
        scores=dict(scores) if scores is not None else None,
        current_role=current,
        target_role=target,
        closest=closest,
    )


def _known_role(catalog: Catalog, name: str) -> str | None:
    # A current role outside the twelve ("Software Engineer") is normal: it excludes nothing.
    if not name.strip():
        return None
    try:
        return catalog.role(name).key
    except UserError:
        return None


def _role_view(
    role: Role, catalog: Catalog, scores: dict[str, int] | None, order: list[str], titles: dict[str, str]
) -> RoleView:
    bands = [Band.of(level, band) for level in LEVELS if (band := getattr(role.salary, level)) is not None]
    regional = {
        region.key: [Band.of(level, region.adjust(band)) for level in LEVELS if (band := getattr(role.salary, level))]
        for region in catalog.regions
    }
    fit, lacks = None, []
    if scores is not None:
        result = role_fit(scores, role, order)
        fit = result.fit
        lacks = [Lack(key, titles[key], scores[key], role.targets[key]) for key in result.missing]
    return RoleView(
        key=role.key,
        title=role.title,
        aliases=list(role.aliases),
        status=role.status,
        focus=role.focus,
        key_skills=list(role.key_skills),
        needs={key: role.targets[key] for key in order},
        bands=bands,
        regional=regional,
        salary_notes=role.salary.notes,
        salary_year=role.salary.year,
        salary_sources=list(role.salary.sources),
        fit=fit,
        lacks=lacks,
    )
