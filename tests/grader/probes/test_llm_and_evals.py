"""LLM projects and evals, table by table: each case is a repository as a dict of files and the outcome a
careful reviewer expects. Cases marked (calibration) are the examples of ../shared/grader-calibration/README.md."""

from __future__ import annotations

import json

import pytest

from grader.report import Outcome
from tests.grader.probes.conftest import run_probe

APP = {"app.py": "print('hello')\n"}


@pytest.mark.parametrize(
    ("files", "applies"),
    [
        # (calibration) the only model calls are in a test file: still an LLM project
        (
            {**APP, "tests/test_llm_evaluation.py": "from deepeval import assert_test\nfrom openai import OpenAI\n"},
            True,
        ),
        # (calibration) an SDK that was missing from the tables: langchain_ollama
        ({"src/clients/llm_ollama.py": "from langchain_ollama import ChatOllama\nllm = ChatOllama(model='x')\n"}, True),
        ({"app.ts": "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\n"}, True),
        ({"app.py": "import boto3\nclient = boto3.client('bedrock-runtime')\n"}, True),
        ({"app.py": "from azure.ai.inference import ChatCompletionsClient\n"}, True),
        # a comment or a README naming an SDK is not a call
        ({"app.py": "# import openai\nprint('x')\n", "README.md": "Uses `import openai`."}, False),
        ({"app.py": "import boto3\nclient = boto3.client('s3')\n"}, False),
        ({"app.py": "'''\nfrom anthropic import Anthropic\n'''\n"}, False),
    ],
)
def test_an_llm_project_is_one_that_imports_a_model_sdk_anywhere(files, applies):
    result = run_probe("evals.harness", files)
    assert (result.outcome != Outcome.not_applicable) is applies


LLM = {"app/llm.py": "from openai import OpenAI\nclient = OpenAI()\n"}


@pytest.mark.parametrize(
    ("name", "files", "outcome"),
    [
        (
            "(calibration) LangSmith client.evaluate spread over lines",
            {
                "src/eval/evaluate_triage.py": "from langsmith import Client\nclient = Client()\n"
                "results = client.evaluate(\n    target,\n    data='triage',\n    evaluators=[check],\n)\n"
            },
            Outcome.passed,
        ),
        (
            "(calibration) client.aevaluate",
            {
                "tests/run_evaluate.py": "from langsmith import Client\nclient = Client()\n"
                "async def main():\n    await client.aevaluate(target, data='bench')\n"
            },
            Outcome.passed,
        ),
        (
            "(calibration) @pytest.mark.langsmith tests",
            {"tests/test_response.py": "import pytest\n\n@pytest.mark.langsmith\ndef test_reply():\n    assert True\n"},
            Outcome.passed,
        ),
        (
            "(calibration) Azure AI evaluators through the OpenAI evals API",
            {
                "tests/test_evaluation.py": "def test_evaluation(openai_client):\n"
                "    e = openai_client.evals.create(name='x', data_source_config={}, testing_criteria=[])\n"
            },
            Outcome.passed,
        ),
        (
            "(calibration) metric functions in a notebook",
            {
                "notebooks/rag-test.ipynb": json.dumps(
                    {
                        "cells": [
                            {
                                "cell_type": "code",
                                "metadata": {},
                                "outputs": [],
                                "source": [
                                    "!pip install minsearch\n",
                                    "def hit_rate(relevance):\n",
                                    "    return sum(relevance) / len(relevance)\n",
                                ],
                            },
                            {
                                "cell_type": "code",
                                "metadata": {},
                                "outputs": [],
                                "source": ["def mrr(relevance):\n", "    return 0.0\n"],
                            },
                        ],
                        "metadata": {},
                        "nbformat": 4,
                        "nbformat_minor": 5,
                    }
                )
            },
            Outcome.passed,
        ),
        (
            "a framework named in a comment only",
            {"evals/run.py": "# from deepeval import evaluate\nx = 1\n"},
            Outcome.not_detected,
        ),
        (
            "(calibration) declared in requirements, never imported",
            {"requirements.txt": "deepeval==1.0\nopenai\n"},
            Outcome.not_detected,
        ),
    ],
)
def test_eval_harness(name, files, outcome):
    result = run_probe("evals.harness", {**LLM, **files})
    assert result.outcome == outcome, (name, result.message)


def test_declared_but_unused_eval_framework_earns_nothing_and_says_so():
    result = run_probe("evals.harness", {**LLM, "requirements.txt": "deepeval==1.0\n"})
    assert result.credit == 0 and "declared, not used" in result.message


def test_an_eval_frameworks_own_source_is_not_its_evals():
    files = {
        "deepeval/__init__.py": "",
        "deepeval/metrics.py": "from deepeval.models import GPTModel\nfrom openai import OpenAI\n",
    }
    assert run_probe("evals.harness", files).outcome == Outcome.not_detected
    files["tests/test_metrics.py"] = "from deepeval.metrics import GEval\n"
    result = run_probe("evals.harness", files)
    assert result.outcome == Outcome.passed and result.credit == pytest.approx(0.7)


EMAIL_DATASET = """examples_triage = [
    {"inputs": {"email_input": "a"}, "outputs": {"classification": "ignore"}},
    {"inputs": {"email_input": "b"}, "outputs": {"classification": "respond"}},
    {"inputs": {"email_input": "c"}, "outputs": {"classification": "notify"}},
]
"""


@pytest.mark.parametrize(
    ("name", "files", "outcome"),
    [
        (
            "(calibration) a dataset written as a Python literal",
            {"src/eval/email_dataset.py": EMAIL_DATASET},
            Outcome.passed,
        ),
        (
            "a JSONL golden set",
            {"evals/golden.jsonl": "\n".join(json.dumps({"question": f"q{i}", "expected": f"a{i}"}) for i in range(5))},
            Outcome.passed,
        ),
        (
            "(calibration) an LLM judge's output CSV is a result, not a golden set",
            {
                "evals/judged.csv": "question,answer,relevance,explanation\n"
                + "\n".join(f"q{i},a{i},RELEVANT,because" for i in range(5))
            },
            Outcome.not_detected,
        ),
        (
            "records without expected answers",
            {"evals/inputs.jsonl": "\n".join(json.dumps({"question": f"q{i}"}) for i in range(5))},
            Outcome.not_detected,
        ),
    ],
)
def test_golden_dataset(name, files, outcome):
    assert run_probe("evals.golden_dataset", {**LLM, **files}).outcome == outcome, name


@pytest.mark.parametrize(
    ("name", "files", "outcome"),
    [
        ("(calibration) a .gitkeep in eval/results", {"eval/results/.gitkeep": ""}, Outcome.not_detected),
        (
            "(calibration) a source file named results.py",
            {"eval/results.py": "RESULTS = {'recall': 0.8}\n"},
            Outcome.not_detected,
        ),
        (
            "(calibration) a screenshot of results",
            {"eval/rag_eval_result.png": b"\x89PNG\r\n\x1a\n\0\0"},
            Outcome.not_detected,
        ),
        (
            "(calibration) a results table in docs/",
            {
                "docs/retrieval_evaluation.md": "# Retrieval evaluation\n\n| config | R@5 | MRR |\n|---|---|---|\n"
                "| bm25 | 0.61 | 0.48 |\n| hybrid | 0.82 | 0.67 |\n"
            },
            Outcome.passed,
        ),
        (
            "committed experiment results",
            {"expt_results/run1.jsonl": '{"score": 0.71, "correctness": 0.8, "n": 0.5}\n'},
            Outcome.passed,
        ),
    ],
)
def test_committed_results(name, files, outcome):
    assert run_probe("evals.results", {**LLM, **files}).outcome == outcome, name


@pytest.mark.parametrize(
    ("name", "source", "outcome"),
    [
        ("assert on a metric", "def test_recall():\n    recall = 0.9\n    assert recall >= 0.8\n", Outcome.passed),
        (
            "fail the run under a threshold",
            "import sys\nscore = 0.5\nif score < 0.7:\n    sys.exit(1)\n",
            Outcome.passed,
        ),
        (
            "(calibration) a score that is only checked to exist",
            "def test_x():\n    score = 1\n    assert score is not None\n",
            Outcome.not_detected,
        ),
        ("metric threshold keyword", "from deepeval.metrics import GEval\nm = GEval(threshold=0.7)\n", Outcome.passed),
        ("a threshold in a comment", "# assert score >= 0.8\nx = 1\n", Outcome.not_detected),
    ],
)
def test_thresholds_are_numbers_an_eval_must_reach(name, source, outcome):
    assert run_probe("evals.thresholds", {**LLM, "evals/test_quality.py": source}).outcome == outcome, name


def test_advice_for_a_missing_eval_names_the_model_call_not_an_import_of_its_types():
    files = {
        "app/feedback.py": "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import anthropic\n\n"
        "def judge(client: 'anthropic.Anthropic') -> None:\n    pass\n",
        "app/client.py": "import anthropic\n\n\ndef make():\n    return anthropic.Anthropic(timeout=30)\n",
    }
    result = run_probe("evals.harness", files)
    assert result.fix_at is not None and (result.fix_at.path, result.fix_at.start_line) == ("app/client.py", 5)
