"""Replay eval of the reviewer: recorded answers for the golden repositories, through the mock transport.

It evaluates the pipeline, not the model: citations verified against git itself, bounds held, injection flagged
and shown, verdicts mapped to the expected score moves. `pytest tests/grader/review -k replay -s` prints a table.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from grader.render.markdown import to_markdown
from grader.review.apply import MAX_MOVE
from grader.review.run import review_report
from grader.settings import GraderSettings
from tests.grader.claude.conftest import MockAPI, ok
from tests.grader.review.conftest import recorded
from tests.grader.review.golden import CASES, GoldenCase


def _git_lines(repo: Path, commit: str, path: str) -> int | None:
    """Line count of `path` at `commit` per git itself (None: not a file there): an oracle apart from Snapshot."""
    done = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=repo, capture_output=True, text=True)
    if done.returncode != 0:
        return None
    return len(done.stdout.splitlines())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_replay(case: GoldenCase, make_repo, client_for, claude, tmp_path):
    from grader.review.run import grade_with_context

    repo = make_repo(case.files())
    report, ctx = grade_with_context(str(repo.path), settings=GraderSettings(cache_dir=tmp_path / "c", workers=1))
    api = MockAPI(ok(recorded(case.answer)))
    result = review_report(report, ctx, claude, client=client_for(api))
    review = result.review
    assert review is not None and review.status == "reviewed", review and review.reason

    # Citations: every one kept names a file (or folder) at the commit, with its lines inside the file.
    kept = [c for d in review.dimensions.values() for r in d.criteria for c in r.citations]
    kept += [c for s in review.strengths for c in s.citations] + [c for b in review.resume_bullets for c in b.evidence]
    for cited in kept:
        lines = _git_lines(repo.path, report.commit, cited.path)
        if cited.path.endswith("/"):
            continue
        assert lines is not None, cited
        if cited.start_line is not None:
            assert 1 <= cited.start_line <= (cited.end_line or cited.start_line) <= lines, cited
    assert review.verification is not None
    assert review.verification.claims_dropped == case.claims_dropped
    assert review.verification.citations_dropped == case.citations_dropped

    # Bounds: the static grade is untouched, every move within MAX_MOVE, every score within 0-100.
    assert result.dimensions == report.dimensions and result.overall == report.overall
    for dim in review.dimensions.values():
        assert abs(dim.delta) <= MAX_MOVE
        assert dim.reviewed is None or 0 <= dim.reviewed <= 100

    # Verdicts mapped: exactly the expected dimensions move, by the expected points.
    assert {name: d.delta for name, d in review.dimensions.items() if d.delta} == case.moves
    surviving = {r.id: r.verdict for d in review.dimensions.values() for r in d.criteria}
    for criterion, verdict in case.verdicts.items():
        assert surviving.get(criterion) == verdict, criterion
    assert not case.dropped & set(surviving)

    # Injection: flagged in the section, warned about in the report, never counted as evidence.
    flagged = {(f.path, f.line) for f in review.injection}
    assert case.flagged <= flagged
    if case.flagged:
        assert any("steer the grader" in n for n in review.notices)
        assert "steer the grader" in to_markdown(result)
        for path, line in case.flagged:
            assert all(not (c.path == path and c.start_line == line) for c in kept)
    print(
        f"\n{case.name:<45} moves {case.moves!s:<60} dropped {review.verification.claims_dropped:>2} claims"
        f" / {review.verification.citations_dropped:>2} citations, {len(review.injection)} injection flag(s)"
    )
