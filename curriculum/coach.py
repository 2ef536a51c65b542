"""The coach: turn a learner's record into nudges, one per failure pattern that shows.

Which patterns exist, their wording and their thresholds come from `content/failure_patterns.yaml`; each names
a rule in `curriculum.coach_rules`. This module never touches the database: the tracker builds the
`RecordSummary` and hands it over.
"""

from __future__ import annotations

from curriculum.catalog import Catalog
from curriculum.coach_rules import RULES
from curriculum.errors import UserError
from curriculum.record import ArtifactFacts, Nudge, ProjectFacts, RecordSummary

__all__ = ["ArtifactFacts", "Nudge", "ProjectFacts", "RecordSummary", "nudges"]


def nudges(record: RecordSummary, catalog: Catalog) -> list[Nudge]:
    """The nudges for this record, in the order the failure patterns are listed in content."""
    found: list[Nudge] = []
    for pattern in catalog.failure_patterns:
        registered = RULES.get(pattern.rule)
        if registered is None:  # load_catalog rejects this; a hand-built catalog might not
            raise UserError(f"failure pattern '{pattern.key}' names an unknown coach rule '{pattern.rule}'")
        message = registered.check(record, registered.params.model_validate(pattern.params))
        if message:
            found.append(Nudge(pattern.key, pattern.title, message, pattern.correction))
    return found
