"""The review rubric: pass/fail criteria per dimension, from `content/grader/review_criteria.yaml`."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, field_validator

from curriculum.resources import content_dir
from curriculum.yaml_models import load_model
from grader.report import DIMENSIONS


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_]+$")
    text: str = Field(min_length=10)


class ReviewCriteria(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    dimensions: dict[str, list[Criterion]]

    @field_validator("dimensions")
    @classmethod
    def _known(cls, value: dict[str, list[Criterion]]) -> dict[str, list[Criterion]]:
        seen: set[str] = set()
        for name, criteria in value.items():
            if name not in DIMENSIONS:
                raise ValueError(f"unknown dimension {name!r}")
            for criterion in criteria:
                if not criterion.id.startswith(f"{name}."):
                    raise ValueError(f"criterion {criterion.id!r} must start with {name}.")
                if criterion.id in seen:
                    raise ValueError(f"criterion {criterion.id!r} is listed twice")
                seen.add(criterion.id)
        return value

    def by_id(self) -> dict[str, Criterion]:
        return {c.id: c for criteria in self.dimensions.values() for c in criteria}

    def dimension_of(self, criterion_id: str) -> str | None:
        return next((name for name, items in self.dimensions.items() if any(c.id == criterion_id for c in items)), None)


@cache
def load_criteria() -> ReviewCriteria:
    return load_model(content_dir() / "grader" / "review_criteria.yaml", ReviewCriteria)
