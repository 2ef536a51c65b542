"""CI probes read workflows as YAML and follow what they run: comments, clean-up lines and Makefile targets
nobody calls run nothing."""

from __future__ import annotations

import pytest

from grader.report import Outcome
from tests.grader.probes.conftest import run_probe

LLM = {"app/llm.py": "from openai import OpenAI\nclient = OpenAI()\n"}


def workflow(steps: str, on: str = "[push, pull_request]") -> str:
    return f"name: ci\non: {on}\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n{steps}"


CLAUDE_BOT = """name: claude
on: [pull_request]
jobs:
  review:
    runs-on: ubuntu-latest
    steps:
      - uses: anthropics/claude-code-action@v1
        with:
          prompt: review this
          # allowed_tools: "Bash(npm run test),Bash(pytest)"
"""


@pytest.mark.parametrize(
    ("name", "files", "probe", "outcome"),
    [
        (
            "(calibration) a commented allowed_tools line in a bot workflow runs no tests",
            {".github/workflows/claude.yml": CLAUDE_BOT},
            "ci.tests",
            Outcome.not_detected,
        ),
        (
            "(calibration) an AI review bot alone checks nothing",
            {".github/workflows/claude.yml": CLAUDE_BOT},
            "ci.workflows",
            Outcome.failed,
        ),
        (
            "(calibration) a Makefile eval target no workflow calls",
            {
                **LLM,
                "Makefile": "eval:\n\tpython evals/run_eval.py\n",
                "evals/run_eval.py": "print(1)\n",
                ".github/workflows/ci.yml": workflow("      - run: make lint\n"),
            },
            "ci.evals",
            Outcome.not_detected,
        ),
        (
            "(calibration) a clean-up line naming .tox is not tox",
            {".github/workflows/ci.yml": workflow("      - run: rm -rf .tox/\n")},
            "ci.tests",
            Outcome.not_detected,
        ),
        (
            "make test followed into the Makefile",
            {
                "Makefile": "test:\n\tuv run pytest tests -x\n",
                ".github/workflows/ci.yml": workflow("      - run: make test\n"),
            },
            "ci.tests",
            Outcome.passed,
        ),
        (
            "npm test followed into package.json",
            {
                "package.json": '{"scripts": {"test": "vitest run"}}',
                ".github/workflows/ci.yml": workflow("      - run: npm test\n"),
            },
            "ci.tests",
            Outcome.passed,
        ),
        (
            "a workflow only run by hand",
            {".github/workflows/ci.yml": workflow("      - run: pytest\n", on="[workflow_dispatch]")},
            "ci.tests",
            Outcome.not_detected,
        ),
        (
            "an eval script CI runs",
            {
                **LLM,
                "evals/run_eval.py": "from deepeval import evaluate\n",
                ".github/workflows/ci.yml": workflow("      - run: python evals/run_eval.py\n"),
            },
            "ci.evals",
            Outcome.passed,
        ),
    ],
)
def test_ci(name, files, probe, outcome):
    result = run_probe(probe, files)
    assert result.outcome == outcome, (name, result.message)


def test_a_followed_command_cites_the_line_that_runs_it():
    files = {"Makefile": "lint:\n\truff check .\n", ".github/workflows/ci.yml": workflow("      - run: make lint\n")}
    result = run_probe("ci.lint", files)
    assert result.outcome == Outcome.passed
    assert result.evidence[0].path == "Makefile" and result.evidence[0].start_line == 2
    assert result.evidence[0].snippet == "ruff check ."


def test_a_schedule_earns_part():
    files = {
        ".github/workflows/nightly.yml": workflow("      - run: pytest\n", on="\n  schedule:\n    - cron: '0 3 * * *'")
    }
    result = run_probe("ci.tests", files)
    assert result.credit == pytest.approx(0.6)
