"""(calibration) Words are not code: prose, comments, UI props and config keys never count as behaviour."""

from __future__ import annotations

import pytest

from grader.report import Outcome
from tests.grader.probes.conftest import run_probe

LLM = {"app/llm.py": "from openai import OpenAI\nclient = OpenAI()\n"}


@pytest.mark.parametrize(
    ("name", "files", "probe", "outcome"),
    [
        (
            "'traced' in a vendored aclocal.m4",
            {**LLM, "sqlite-autoconf-3450000/aclocal.m4": "dnl traced calls\n"},
            "observability.tracing",
            Outcome.not_detected,
        ),
        (
            "React <Suspense fallback=...>",
            {**LLM, "web/App.tsx": "export const A = () => <Suspense fallback={<p/>}></Suspense>;\n"},
            "reliability.fallbacks",
            Outcome.not_detected,
        ),
        (
            "shutil.get_terminal_size(fallback=)",
            {**LLM, "app/cli.py": "import shutil\nw = shutil.get_terminal_size(fallback=(80, 24))\n"},
            "reliability.fallbacks",
            Outcome.not_detected,
        ),
        (
            "a comment about a fallback",
            {**LLM, "app/x.py": "# TODO: fallback model when the provider is down\n"},
            "reliability.fallbacks",
            Outcome.not_detected,
        ),
        (
            "a real fallback",
            {**LLM, "app/chain.py": "chain = primary.with_fallbacks([backup])\n"},
            "reliability.fallbacks",
            Outcome.passed,
        ),
        (
            "gunicorn max_requests is not rate limiting",
            {**LLM, "gunicorn.conf.py": "max_requests = 1000\n"},
            "reliability.rate_limiting",
            Outcome.not_detected,
        ),
        (
            "a UI animation timer is not a latency metric",
            {**LLM, "web/Spinner.tsx": "const t0 = Date.now();\nsetTimeout(() => setFrame(Date.now() - t0), 16);\n"},
            "observability.latency",
            Outcome.not_detected,
        ),
        (
            "recursive_mask is not PII redaction",
            {**LLM, "app/util.py": "def recursive_mask(d):\n    return d\n"},
            "security.pii",
            Outcome.not_detected,
        ),
        (
            "timeout=None switches the timeout off",
            {"app/llm.py": "from openai import OpenAI\nclient = OpenAI(timeout=None)\n"},
            "reliability.timeouts",
            Outcome.not_detected,
        ),
        (
            "a timeout spread over a multi-line call",
            {"app/llm.py": "from openai import OpenAI\nclient = OpenAI(\n    api_key='x',\n    timeout=20.0,\n)\n"},
            "reliability.timeouts",
            Outcome.passed,
        ),
    ],
)
def test_words_are_not_code(name, files, probe, outcome):
    result = run_probe(probe, files)
    assert result.outcome == outcome, (name, result.message)


def test_advice_names_the_client_left_without_a_timeout():
    files = {
        "app/llm.py": "from openai import OpenAI\n\nclient = OpenAI()\n",
        "app/http.py": "import httpx\nr = httpx.get('u', timeout=5)\n",
    }
    result = run_probe("reliability.timeouts", files)
    assert result.outcome == Outcome.passed and result.credit is not None and result.credit < 1
    assert "OpenAI() at app/llm.py:3" in result.message


def test_declared_but_unused_retry_library_earns_nothing():
    result = run_probe("reliability.retries", {**LLM, "requirements.txt": "tenacity==8.2\n"})
    assert result.credit == 0 and "declared, not used" in result.message


def test_every_except_clause_is_read_not_only_the_first():
    files = {
        **LLM,
        "app/a.py": "try:\n    x = 1\nexcept ValueError:\n    pass\n",
        "app/b.py": "import openai\ntry:\n    x = 1\nexcept openai.APIError:\n    pass\n",
    }
    result = run_probe("reliability.error_handling", files)
    assert result.outcome == Outcome.passed and result.evidence[0].path == "app/b.py"


def test_a_lock_file_counts_by_its_path_though_it_is_not_read():
    result = run_probe("security.pinned_dependencies", {"app.py": "x = 1\n", "uv.lock": "version = 1\n"})
    assert result.outcome == Outcome.passed
