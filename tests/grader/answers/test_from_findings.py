"""Interview questions drawn from a repository grade: about its gaps and its strengths, best first."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from curriculum.drills import load_bank
from curriculum.errors import UserError
from grader.answers import GeneratedQuestion, questions_from_findings, score_answer
from grader.answers.finding_templates import load_templates, read_templates


def finding(
    probe: str,
    dimension: str,
    outcome: str,
    title: str = "",
    path: str | None = None,
    lines: tuple[int, int] | None = None,
) -> dict[str, Any]:
    evidence = []
    if path is not None:
        start, end = lines or (1, 1)
        evidence.append({"path": path, "start_line": start, "end_line": end, "snippet": "..."})
    return {
        "probe": probe,
        "dimension": dimension,
        "outcome": outcome,
        "title": title or probe.replace("-", " "),
        "evidence": evidence,
        "remediation": "Do the thing.",
    }


A_GRADE = [
    finding("evals-in-ci", "evals", "failed", "Evals run in CI"),
    finding("eval-harness", "evals", "passed", "Eval harness", "evals/run_suite.py", (3, 40)),
    finding("llm-tracing", "observability", "passed", "LLM tracing", "app/tracing.py", (10, 22)),
    finding("token-usage", "observability", "not detected", "Token usage recorded"),
    finding("unit-tests", "tests", "failed", "Tests for LLM glue code"),
    finding("llm-timeouts", "reliability", "failed", "Timeouts on model calls"),
    finding("readme-results", "documentation", "not applicable", "README results"),
    finding("radon", "code health", "error", "Complexity"),
]


def test_a_failed_eval_in_ci_finding_becomes_the_regression_question() -> None:
    [question] = questions_from_findings([finding("evals-in-ci", "evals", "failed")])
    assert isinstance(question, GeneratedQuestion)
    assert question.key == "repo-evals-not-in-ci"
    assert question.theme == "eval-strategy"
    assert "no evaluation in CI" in question.prompt and "regress" in question.prompt
    assert question.outcome == "failed" and question.probe == "evals-in-ci" and question.evidence is None
    assert 4 <= len(question.key_points) <= 8


def test_a_passed_tracing_finding_asks_about_the_learners_own_file() -> None:
    [question] = questions_from_findings(
        [finding("llm-tracing", "observability", "passed", "Tracing", "app/tracing.py", (10, 22))]
    )
    assert question.key == "repo-tracing-present" and question.theme == "latency-spikes"
    assert "app/tracing.py:10-22" in question.prompt and "latency spike" in question.prompt
    assert question.evidence == "app/tracing.py:10-22"


def test_gaps_come_first_with_one_question_per_dimension_and_a_strength_kept() -> None:
    keys = [q.key for q in questions_from_findings(A_GRADE)]
    assert keys == [
        "repo-evals-not-in-ci",  # evals gap, probe-specific
        "repo-tests-missing",
        "repo-cost-not-tracked",  # observability gap beats the observability strength
        "repo-reliability-missing",
        "repo-evals-present",  # all picks were gaps: the last slot goes to the best strength
    ]


def test_without_the_strength_rule_the_second_pass_fills_in_rank_order() -> None:
    gaps_only = [f for f in A_GRADE if f["outcome"] != "passed"]
    keys = [q.key for q in questions_from_findings(gaps_only, limit=10)]
    assert keys == [
        "repo-evals-not-in-ci",
        "repo-tests-missing",
        "repo-cost-not-tracked",
        "repo-reliability-missing",
    ]


def test_not_applicable_and_error_findings_are_skipped() -> None:
    skipped = [f for f in A_GRADE if f["outcome"] in {"not applicable", "error"}]
    assert questions_from_findings(skipped) == []
    assert questions_from_findings([]) == []


def test_limit() -> None:
    assert len(questions_from_findings(A_GRADE)) == 5
    assert len(questions_from_findings(A_GRADE, limit=2)) == 2
    assert questions_from_findings(A_GRADE, limit=0) == []
    assert len(questions_from_findings(A_GRADE, limit=50)) == 6


def test_deterministic_whatever_the_input_order() -> None:
    expected = questions_from_findings(A_GRADE)
    shuffled = list(A_GRADE)
    random.Random(7).shuffle(shuffled)
    assert questions_from_findings(shuffled) == expected
    assert questions_from_findings(A_GRADE) == expected


def test_findings_mapping_to_the_same_template_give_one_question() -> None:
    twice = [finding("evals-missing", "evals", "failed"), finding("eval-config", "evals", "not_detected")]
    assert [q.key for q in questions_from_findings(twice)] == ["repo-evals-missing"]


def test_an_unknown_dimension_gets_the_generic_question_with_its_title() -> None:
    [question] = questions_from_findings([finding("license-file", "licensing", "FAILED", "No licence file")])
    assert question.key == "repo-licensing-gap"
    assert '"No licence file"' in question.prompt


def test_probe_words_match_whole_words_not_fragments() -> None:
    # "precision" contains "ci" but is not about CI: the generic evals gap applies, not the CI one.
    [question] = questions_from_findings([finding("eval-precision", "evals", "failed", "Eval precision")])
    assert question.key == "repo-evals-missing"


def test_untrusted_paths_are_cleaned() -> None:
    sneaky = "app/\u202etracing\x1b[31m.py" + "x" * 300
    [question] = questions_from_findings([finding("llm-tracing", "observability", "passed", "T", sneaky, (1, 2))])
    assert "\u202e" not in question.prompt and "\x1b" not in question.prompt
    assert question.evidence is not None and len(question.evidence) < 140


def test_a_pydantic_finding_is_accepted() -> None:
    class Finding(BaseModel):
        probe: str
        dimension: str
        outcome: str
        title: str
        evidence: list[dict[str, Any]]

    item = Finding(probe="evals-in-ci", dimension="evals", outcome="failed", title="Evals in CI", evidence=[])
    assert [q.key for q in questions_from_findings([item])] == ["repo-evals-not-in-ci"]  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"probe": "x", "outcome": "failed"}, "finding 0 has no 'dimension'"),
        ({"probe": "x", "dimension": "evals"}, "finding 0 has no 'outcome'"),
        ("not a finding", "finding 0 is not a mapping"),
        ({"dimension": "!!!", "outcome": "failed"}, "no usable 'dimension'"),
    ],
)
def test_malformed_findings_are_user_errors(bad: Any, message: str) -> None:
    with pytest.raises(UserError, match=message):
        questions_from_findings([bad])


def test_generated_questions_are_scored_like_bank_questions() -> None:
    [question] = questions_from_findings([finding("evals-in-ci", "evals", "failed")])
    strong = (
        "The problem was that prompt edits shipped without evidence. I added a CI workflow that runs a smoke "
        "subset of 120 cases on every pull request, with a threshold per category that fails the build. "
        "I chose per-category thresholds over one average, at the cost of more noise, so flaky cases repeat "
        "three times. Pass rate on refunds went from 81% to 92%. Next I would sample live traffic."
    )
    vague = "We would test the prompts really carefully and make sure everything is robust."
    assert score_answer(question, strong, None).score - score_answer(question, vague, None).score >= 40


# --- the template table ---------------------------------------------------------------


def test_shipped_templates_are_valid_and_cover_the_first_three_dimensions() -> None:
    templates = load_templates()
    themes = {t.key for t in load_bank().themes}
    assert all(t.theme in themes for t in templates)
    pairs = {(t.dimension, t.outcome) for t in templates}
    for dimension in ("evals", "tests", "observability", "*"):
        assert {(dimension, "failed"), (dimension, "passed")} <= pairs


def _template_file(tmp_path: Path, **overrides: Any) -> Path:
    template = {
        "key": "demo",
        "dimension": "evals",
        "outcome": "failed",
        "theme": "eval-strategy",
        "prompt": "No evals in {where}.",
        "tests": "Evals.",
        "outline": {p: p for p in ("problem", "constraints", "design", "metrics", "failure", "iteration")},
        "key_points": [{"point": f"p{n}", "match": [f"w{n}"]} for n in range(4)],
        "pitfalls": ["None."],
    }
    template.update(overrides)
    path = tmp_path / "templates.yaml"
    path.write_text(yaml.safe_dump({"templates": [template]}), encoding="utf-8")
    return path


def test_a_valid_template_file_reads(tmp_path: Path) -> None:
    assert read_templates(_template_file(tmp_path))[0].key == "demo"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"theme": "poetry"}, r"templates\[0\]\.theme: 'poetry' is not a drill theme"),
        ({"prompt": "Look at {file}."}, r"templates\[0\]\.prompt: unknown placeholder \{file\}"),
        ({"prompt": "Unbalanced { brace."}, r"templates\[0\]\.prompt: unknown placeholder"),
        ({"outcome": "maybe"}, r"templates\[0\]\.outcome"),
    ],
)
def test_a_broken_template_file_names_file_and_field(tmp_path: Path, overrides: dict[str, Any], message: str) -> None:
    path = _template_file(tmp_path, **overrides)
    with pytest.raises(UserError, match=message) as raised:
        read_templates(path)
    assert str(path) in str(raised.value) and "\n" not in str(raised.value)


def test_a_gap_next_to_a_credited_practice_never_denies_it() -> None:
    """(calibration) a card said "no timeout or retry" next to a passed `timeout=20.0`."""
    grade = [
        finding("reliability.timeouts", "reliability", "passed", "Timeouts", "app/llm.py", (12, 12)),
        finding("reliability.fallbacks", "reliability", "not detected", "Fallbacks"),
    ]
    questions = questions_from_findings(grade, limit=5)
    gap = next(q for q in questions if q.outcome == "failed")
    assert "no timeout" not in gap.prompt and '"Fallbacks"' in gap.prompt
    # With nothing credited in the dimension, the blanket question still fits.
    [blanket] = questions_from_findings([finding("reliability.fallbacks", "reliability", "not detected", "Fallbacks")])
    assert blanket.key == "repo-reliability-missing"
