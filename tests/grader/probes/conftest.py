"""Run one probe on a repository given as a dict of files (an in-memory snapshot, no git)."""

from __future__ import annotations

from grader.memory import context_from_files
from grader.probes import PROBES
from grader.probes.base import Result, not_applicable


def run_probe(probe_id: str, files: dict[str, str | bytes]) -> Result:
    """The probe's result on these files, with its preconditions checked as a grade checks them."""
    ctx = context_from_files(files)
    found = PROBES[probe_id]
    for requirement in found.requires:
        reason = ctx.unmet(requirement)
        if reason is not None:
            return not_applicable(reason)
    return found.run(ctx)
