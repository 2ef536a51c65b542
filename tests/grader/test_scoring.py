"""Outcomes keep their meaning in the numbers: N/A leaves the denominator, not-detected is a zero."""

from __future__ import annotations

import pytest

from curriculum.errors import UserError
from grader.grade import grade_repository
from grader.probes import PROBES
from grader.report import Finding, Outcome
from grader.scoring import load_rubric, score_dimensions


def _finding(probe: str, outcome: Outcome, credit: float | None, weight: float) -> Finding:
    return Finding(
        probe=probe,
        dimension=probe.split(".")[0],
        title=probe,
        outcome=outcome,
        credit=credit,
        weight=weight,
        message="",
    )


def test_not_applicable_leaves_the_denominator_and_not_detected_scores_zero():
    rubric = load_rubric()
    findings = [
        _finding("ci.workflows", Outcome.passed, 1.0, 30),
        _finding("ci.tests", Outcome.not_detected, 0.0, 30),
        _finding("ci.evals", Outcome.not_applicable, None, 40),
    ]
    dims, overall, coverage, fixes = score_dimensions(findings, rubric)
    assert dims["ci"].score == 50
    assert dims["ci"].assessed == 1.0
    assert overall == 50
    assert coverage == 1.0
    assert fixes[0].probe == "ci.tests" and fixes[0].points == 50.0


def test_errors_lower_the_assessed_share():
    rubric = load_rubric()
    findings = [
        _finding("ci.workflows", Outcome.passed, 1.0, 30),
        _finding("ci.tests", Outcome.error, None, 30),
    ]
    dims, _, coverage, _ = score_dimensions(findings, rubric)
    assert dims["ci"].score == 100
    assert dims["ci"].assessed == 0.5
    assert coverage == 0.5


def test_llm_project_without_evals_scores_zero_and_plain_project_is_not_applicable(make_repo, settings):
    llm = make_repo({"app.py": "from openai import OpenAI\n\nclient = OpenAI()\n"})
    plain = make_repo({"app.py": "def add(a, b):\n    return a + b\n"})
    llm_report = grade_repository(str(llm.path), settings=settings)
    plain_report = grade_repository(str(plain.path), settings=settings)
    assert llm_report.dimensions["evals"].score == 0
    assert plain_report.dimensions["evals"].score is None
    assert all(f.outcome == Outcome.not_applicable for f in plain_report.dimensions["evals"].findings)
    # No CI is a zero, never an inconclusive that drops out (OpenSSF Scorecard #2426).
    assert plain_report.dimensions["ci"].score == 0


def test_a_test_fixture_importing_an_sdk_does_not_make_an_llm_project(make_repo, settings):
    fixture = "tests/fixtures/other_repo/app.py"  # someone else's code the tests run against: vendored
    repo = make_repo({"app.py": "x = 1\n", fixture: "import openai\n"})
    assert not grade_repository(str(repo.path), settings=settings).llm_project


def test_a_test_that_calls_a_model_makes_an_llm_project(make_repo, settings):
    judge = "import openai\n\ndef test_x():\n    assert openai\n"
    repo = make_repo({"app.py": "x = 1\n", "tests/test_judge.py": judge})
    assert grade_repository(str(repo.path), settings=settings).llm_project


def test_every_probe_has_a_rubric_weight():
    rubric = load_rubric()
    for probe in PROBES.values():
        assert rubric.dimensions[probe.dimension].probes[probe.id] > 0


def test_profile_overrides_weights(tmp_path, make_repo):
    profile = tmp_path / "strict.yaml"
    profile.write_text(
        "name: evals-only\ndimensions:\n  evals: {weight: 100}\n"
        + "".join(
            f"  {d}: {{weight: 0}}\n"
            for d in (
                "tests",
                "observability",
                "reliability",
                "security",
                "ci",
                "docs",
                "code_health",
                "delivery",
            )
        )
    )
    from grader.settings import GraderSettings

    repo = make_repo({"app.py": "from openai import OpenAI\n"})
    report = grade_repository(str(repo.path), settings=GraderSettings(cache_dir=tmp_path / "c", profile_path=profile))
    assert report.profile == "evals-only"
    assert report.overall == report.dimensions["evals"].score == 0


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("dimensions:\n  vibes: {weight: 3}\n", "unknown dimension"),
        ("dimensions:\n  evals: {probes: {evals.magic: 3}}\n", "unknown probe"),
        ("dimensions:\n  evals: {weight: -1}\n", "greater than or equal"),
        ("dimensions: [", "invalid YAML"),
    ],
)
def test_bad_profiles_are_user_errors(tmp_path, text, words):
    profile = tmp_path / "p.yaml"
    profile.write_text(text)
    with pytest.raises(UserError, match=words):
        load_rubric(profile)


def test_fixes_name_the_learners_own_lines_and_never_ask_for_what_passed(make_repo, settings):
    repo = make_repo(
        {
            "app/llm.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(q):\n"
            "    return client.chat.completions.create(model='m', messages=[], timeout=20.0)\n",
            "README.md": "# demo\n",
        }
    )
    report = grade_repository(str(repo.path), settings=settings)
    passed = {f.probe for f in report.findings() if f.outcome == Outcome.passed}
    assert report.fixes and all(fix.probe not in passed for fix in report.fixes)
    assert [f.points for f in report.fixes] == sorted((f.points for f in report.fixes), reverse=True)
    # The missing eval and the missing trace start at the learner's model client, not in a generic sentence.
    by_probe = {fix.probe: fix for fix in report.fixes}
    harness = by_probe.get("evals.harness")
    assert harness is not None and harness.location == "app/llm.py:3"  # the client, not the import
    assert "no eval harness" in harness.remediation.lower()


def test_one_change_that_passes_two_probes_is_one_fix(make_repo, settings):
    repo = make_repo(
        {
            "app/llm.py": "from openai import OpenAI\nclient = OpenAI(timeout=10, max_retries=2)\n",
            "evals/test_quality.py": "from deepeval import assert_test\n\ndef test_q():\n    assert_test(None, [])\n",
            ".github/workflows/ci.yml": "on: [push]\njobs:\n  t:\n    runs-on: x\n    steps:\n"
            "      - run: ruff check .\n",
        }
    )
    report = grade_repository(str(repo.path), settings=settings)
    probes = [fix.probe for fix in report.fixes]
    assert not ({"evals.in_ci", "ci.evals"} <= set(probes))
