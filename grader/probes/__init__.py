"""The probes, one module per dimension; importing this package registers them all."""

from grader.probes import (
    ci,
    code_health,
    delivery,
    docs,
    evals,
    observability,
    reliability,
    security,
    security_surface,
    tests,
)
from grader.probes.base import PROBES, Probe

__all__ = [
    "PROBES",
    "Probe",
    "ci",
    "code_health",
    "delivery",
    "docs",
    "evals",
    "observability",
    "reliability",
    "security",
    "security_surface",
    "tests",
]
