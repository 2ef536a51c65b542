"""Citations are checked against the snapshot, unverifiable claims dropped and counted, score moves bounded."""

from __future__ import annotations

import copy

import pytest

from grader.review.apply import MAX_MOVE, dimension_move, reviewed_scores, weighted_overall
from grader.review.criteria import load_criteria
from grader.review.model import ReviewAnswer
from grader.review.pack import build_pack
from grader.review.verify import verify_answer
from grader.review_section import CriterionResult
from tests.grader.review import repos
from tests.grader.review.conftest import recorded


@pytest.fixture
def bot(graded):
    report, ctx = graded(repos.support_bot())
    return report, ctx, build_pack(report, ctx)


def _verify(bot, payload):
    _, ctx, pack = bot
    return verify_answer(ReviewAnswer.model_validate(payload), ctx.snapshot, pack.flagged_lines, load_criteria())


def _verdict(payload, criterion):
    for dim in payload["dimensions"]:
        for verdict in dim["criteria"]:
            if verdict["criterion"] == criterion:
                return verdict
    raise KeyError(criterion)


def test_a_truthful_answer_verifies_completely(bot):
    verified = _verify(bot, recorded("support_bot"))
    check = verified.verification
    assert check.citations_checked > 30 and check.citations_dropped == 0 and check.claims_dropped == 0
    assert len(verified.strengths) == 3 and len(verified.improvements) == 5 and len(verified.questions) == 5
    uncited = next(r for r in verified.criteria["docs"] if r.id == "docs.design_tradeoffs")
    assert uncited.verdict == "fail" and not uncited.counted  # absence cannot be cited; kept, never counted
    assert next(m for m in verified.improvements if m.path == "uv.lock").new_file


@pytest.mark.parametrize(
    ("citation", "reason"),
    [
        ({"path": "app/missing.py", "start_line": 1, "end_line": 2}, "no such path"),
        ({"path": "app/bot.py", "start_line": 38, "end_line": 41}, "outside the file's 40 lines"),
        ({"path": "app/bot.py", "start_line": 0, "end_line": 3}, "outside"),
        ({"path": "app/bot.py", "start_line": 12, "end_line": 10}, "outside"),
        ({"path": "../etc/passwd", "start_line": None, "end_line": None}, "outside the repository"),
        ({"path": "/etc/passwd", "start_line": 1, "end_line": 1}, "outside the repository"),
    ],
)
def test_a_bad_citation_is_dropped_and_counted_with_its_claim(bot, citation, reason):
    payload = copy.deepcopy(recorded("support_bot"))
    _verdict(payload, "reliability.timeouts_retries")["citations"] = [citation]
    verified = _verify(bot, payload)
    assert verified.verification.citations_dropped == 1 and verified.verification.claims_dropped == 1
    assert reason in verified.verification.dropped[0].reason
    assert "reliability.timeouts_retries" not in {r.id for r in verified.criteria["reliability"]}


def test_one_good_citation_keeps_the_claim(bot):
    payload = copy.deepcopy(recorded("support_bot"))
    _verdict(payload, "ci.gates")["citations"].append({"path": "ci.yml", "start_line": 1, "end_line": 1})
    verified = _verify(bot, payload)
    gates = next(r for r in verified.criteria["ci"] if r.id == "ci.gates")
    assert gates.counted and [c.path for c in gates.citations] == [".github/workflows/ci.yml"]
    assert verified.verification.citations_dropped == 1 and verified.verification.claims_dropped == 0


def test_whole_files_and_folders_may_be_cited_without_lines(bot):
    payload = copy.deepcopy(recorded("support_bot"))
    _verdict(payload, "tests.behaviour")["citations"] = [{"path": "./tests/"}, {"path": "tests/test_bot.py"}]
    verified = _verify(bot, payload)
    behaviour = next(r for r in verified.criteria["tests"] if r.id == "tests.behaviour")
    assert [c.location() for c in behaviour.citations] == ["tests/", "tests/test_bot.py"]


def test_a_pass_without_evidence_and_unknown_criteria_are_dropped(bot):
    payload = copy.deepcopy(recorded("support_bot"))
    _verdict(payload, "evals.gate")["citations"] = []
    payload["dimensions"][0]["criteria"].append(
        {"criterion": "evals.vibes", "verdict": "pass", "critique": "nice", "citations": []}
    )
    payload["dimensions"].append({"dimension": "delivery", "summary": "", "criteria": [_verdict(payload, "ci.gates")]})
    verified = _verify(bot, payload)
    reasons = [d.reason for d in verified.verification.dropped]
    assert "a pass needs cited evidence" in reasons
    assert "not a criterion of this dimension" in reasons
    assert "not a dimension of the review rubric" in reasons
    assert verified.verification.claims_dropped == 3


def test_counts_beyond_the_brief_are_cut(bot):
    payload = copy.deepcopy(recorded("support_bot"))
    payload["strengths"] *= 3
    payload["improvements"] *= 2
    payload["interview_questions"] *= 2
    verified = _verify(bot, payload)
    assert (len(verified.strengths), len(verified.improvements), len(verified.questions)) == (3, 5, 5)


def _results(*verdicts: tuple[str, bool]) -> list[CriterionResult]:
    return [
        CriterionResult(id=f"x.{n}", title="t", verdict=v, critique="c", counted=counted)  # type: ignore[arg-type]
        for n, (v, counted) in enumerate(verdicts)
    ]


def test_moves_are_bounded_and_need_counted_verdicts():
    assert dimension_move(_results(("pass", True), ("pass", True), ("pass", True)), 3) == MAX_MOVE
    assert dimension_move(_results(("fail", True), ("fail", True)), 2) == -MAX_MOVE
    assert dimension_move(_results(("pass", True), ("fail", True), ("fail", True)), 3) == -3
    assert dimension_move(_results(("pass", True), ("pass", True)), 3) == 7
    assert dimension_move(_results(("fail", False), ("fail", False)), 2) == 0  # uncited fails do not count
    assert dimension_move(_results(*[("pass", True)] * 9), 3) == MAX_MOVE  # never past the bound
    assert dimension_move([], 0) == 0


def test_reviewed_scores_stay_in_range_and_unassessed_stays_unassessed(bot):
    report = bot[0]
    all_pass = {
        name: [CriterionResult(id=c.id, title="", verdict="pass", critique="", counted=True) for c in items]
        for name, items in load_criteria().dimensions.items()
    }
    report = report.model_copy(deep=True)
    report.dimensions["docs"].score = 97
    report.dimensions["code_health"].score = None
    dims, overall = reviewed_scores(report, all_pass, {}, load_criteria())
    assert dims["docs"].reviewed == 100 and dims["docs"].delta == 3
    assert dims["code_health"].reviewed is None and dims["code_health"].delta == 0
    assert dims["delivery"].delta == 0  # no criteria: nothing the review could cite
    for dim in dims.values():
        assert abs(dim.delta) <= MAX_MOVE
    assert overall.reviewed is not None and overall.reviewed >= (overall.static or 0)


def test_without_moves_the_reviewed_overall_equals_the_static_one(bot):
    report = bot[0]
    dims, overall = reviewed_scores(report, {}, {}, load_criteria())
    assert overall.reviewed == report.overall
    assert all(d.reviewed == d.static for d in dims.values())
    assert weighted_overall({"a": None}, {"a": 1}) is None
