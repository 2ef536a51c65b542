"""Docs beyond the README, and test suites counted from the syntax tree."""

from __future__ import annotations

import pytest

from grader.report import Outcome
from tests.grader.probes.conftest import run_probe

PAGES = {f"docs/guide/page{i}.md": f"# Page {i}\n\ntext\n" for i in range(12)}


def test_a_docs_site_counts():
    """(calibration) full documentation sites (mkdocs, Sphinx, Docusaurus) earned nothing."""
    result = run_probe("docs.site", {"README.md": "# x\n", "mkdocs.yml": "site_name: x\n", **PAGES})
    assert result.outcome == Outcome.passed
    assert run_probe("docs.site", {"README.md": "# x\n"}).outcome == Outcome.not_detected


def test_an_architecture_page_in_docs_counts_for_the_topic():
    files = {"README.md": "# x\n\nshort\n", "docs/architecture.md": "# Architecture\n\nThe pipeline...\n"}
    result = run_probe("docs.architecture", files)
    assert result.credit == pytest.approx(0.8) and "docs/architecture.md" in result.message


def test_a_longer_readme_earns_more():
    short = run_probe("docs.readme", {"README.md": "# x\n" + "word " * 60})
    long = run_probe("docs.readme", {"README.md": "# x\n" + "word " * 1200})
    assert short.credit < 0.3 < 0.9 < long.credit


LIVE = (
    "from openai import OpenAI\n\n\ndef test_answer():\n"
    "    assert OpenAI().chat.completions.create(model='m', messages=[])\n"
)


@pytest.mark.parametrize(
    ("name", "files", "credit_below"),
    [
        (
            "(calibration) only LLM-judged tests",
            {
                "app.py": "x = 1\n",
                "tests/test_judge.py": "from deepeval import assert_test\n\ndef test_q():\n    assert_test(None, [])\n",
            },
            0.3,
        ),
        ("a live smoke test", {"app.py": "x = 1\n", "tests/test_live.py": LIVE}, 0.3),
        (
            "a conftest fixture named test_data is not a test",
            {"app.py": "x = 1\n", "conftest.py": "import pytest\n\n@pytest.fixture\ndef test_data():\n    return 1\n"},
            0.1,
        ),
    ],
)
def test_suites_without_deterministic_tests_earn_little(name, files, credit_below):
    assert run_probe("tests.present", files).credit < credit_below, name


def test_a_faked_model_call_is_a_deterministic_test():
    faked = (
        "from unittest.mock import patch\nfrom openai import OpenAI\n\n\n"
        "@patch('openai.OpenAI')\ndef test_a(m):\n    assert m\n"
    )
    result = run_probe("tests.present", {"app.py": "x = 1\n", "tests/test_a.py": faked})
    assert "1 deterministic test" in result.message


@pytest.mark.parametrize(
    ("probe", "heading", "found"),
    [
        ("docs.results", "How a drill answer is scored", False),  # a verb inside a heading is not its topic
        ("docs.results", "Benchmarking", True),
        ("docs.results", "Evaluations", True),
        ("docs.results", "Evaluating the reviewer", True),
        ("docs.architecture", "The ecosystem", False),
        ("docs.architecture", "Workflow", False),
        ("docs.architecture", "Architectural overview", True),
        ("docs.setup", "Installation", True),
    ],
)
def test_a_heading_names_its_topic_in_whole_words(probe, heading, found):
    body = "Recall 0.82 on 120 cases, p95 latency 840 ms. " * 30
    result = run_probe(probe, {"README.md": f"# demo\n\nintro\n\n## {heading}\n\n{body}\n\n## Other\n\ntext\n"})
    assert (result.outcome in {Outcome.passed, Outcome.failed} and bool(result.credit)) is found, result.message
