"""Security that means security: endpoints are checked for authentication and request models, credentials in
infrastructure files are flagged, and passing by absence is worth what there was to get wrong."""

from __future__ import annotations

import pytest

from grader.report import Outcome
from tests.grader.probes.conftest import run_probe

OPEN_ASK = """from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Question(BaseModel):
    text: str


@app.post("/ask")
def ask(q: Question) -> dict:
    return {"answer": q.text}
"""

BEARER = """import secrets
from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()
TOKEN = "from-env"


def require_token(authorization: str = Header("")) -> None:
    if not secrets.compare_digest(authorization, f"Bearer {TOKEN}"):
        raise HTTPException(status_code=401, detail="no")


@app.post("/ask", dependencies=[Depends(require_token)])
def ask(body: dict) -> dict:
    return body
"""

CALLED_CHECK = """from fastapi import FastAPI, HTTPException, Request

app = FastAPI()


def _require_bearer_token(authorization):
    if authorization != "Bearer x":
        raise HTTPException(status_code=401, detail="missing token")


@app.get("/history")
def history(request: Request):
    _require_bearer_token(request.headers.get("authorization"))
    return []
"""

OUTPUT_SCHEMA = '''from pydantic import BaseModel


class Answer(BaseModel):
    """Example: class Question(BaseModel): text: str"""

    text: str
'''


@pytest.mark.parametrize(
    ("name", "files", "probe", "outcome"),
    [
        ("(calibration) an unauthenticated /ask endpoint", {"app.py": OPEN_ASK}, "security.auth", Outcome.failed),
        (
            "(calibration) a bearer token compared with compare_digest",
            {"app.py": BEARER},
            "security.auth",
            Outcome.passed,
        ),
        ("an endpoint that calls its token check", {"main.py": CALLED_CHECK}, "security.auth", Outcome.passed),
        ("no endpoints: nothing to authenticate", {"app.py": "print(1)\n"}, "security.auth", Outcome.not_applicable),
        ("a request model on the endpoint", {"app.py": OPEN_ASK}, "security.input_validation", Outcome.passed),
        ("a raw dict body", {"app.py": BEARER}, "security.input_validation", Outcome.failed),
        (
            "(calibration) an output schema and a class in a docstring are not input validation",
            {"app/schema.py": OUTPUT_SCHEMA},
            "security.input_validation",
            Outcome.not_applicable,
        ),
        (
            "(calibration) a hard-coded secret in docker-compose",
            {
                "docker-compose.yml": "services:\n  lakefs:\n    environment:\n"
                "      LAKEFS_AUTH_ENCRYPT_SECRET_KEY: some-random-secret\n"
            },
            "security.infra_secrets",
            Outcome.failed,
        ),
        (
            "a compose file reading its secrets from the environment",
            {
                "docker-compose.yml": "services:\n  db:\n    environment:\n"
                "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n"
            },
            "security.infra_secrets",
            Outcome.passed,
        ),
        (
            "unsafe deserialisation allowed",
            {"app.py": "db = FAISS.load_local('i', e, allow_dangerous_deserialization=True)\n"},
            "security.unsafe_code",
            Outcome.failed,
        ),
        (
            "(calibration) a benchmark that exec()s the model's completion in-process",
            {"app.py": "x = 1\n", "pkg/benchmarks/human_eval.py": "def run(code):\n    exec(code, {}, {})\n"},
            "security.unsafe_code",
            Outcome.failed,
        ),
        (
            "exec in a test is the test's business",
            {"app.py": "x = 1\n" * 400, "tests/test_x.py": "def test_x():\n    exec('1')\n"},
            "security.unsafe_code",
            Outcome.passed,
        ),
    ],
)
def test_security(name, files, probe, outcome):
    result = run_probe(probe, files)
    assert result.outcome == outcome, (name, result.message)


def test_the_open_endpoint_is_named_with_its_line():
    result = run_probe("security.auth", {"app.py": OPEN_ASK})
    assert "POST /ask" in result.message
    assert result.evidence[0].path == "app.py" and result.evidence[0].start_line == 12


def test_a_31_line_repository_gets_little_for_having_nothing_to_leak():
    """(calibration) a 31-line repository got security 35 for the absence of leaks."""
    tiny = {"app.py": "x = 1\n" * 31}
    assert run_probe("security.secrets", tiny).credit < 0.1
    big = {f"app/m{i}.py": "x = 1\n" * 100 for i in range(7)}
    assert run_probe("security.secrets", big).credit == 1.0


@pytest.mark.parametrize(
    "placeholder",
    [
        "aws_access_key_id = os.getenv('AWS_ACCESS_KEY_ID', 'AKIA6666666666666666')\n",
        'KEY = "-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----"\n',
    ],
)
def test_calibration_test_placeholders_are_not_leaks(placeholder):
    """(calibration) placeholders in a test's conftest were reported as leaked keys."""
    result = run_probe("security.secrets", {"tests/conftest.py": placeholder, "app.py": "x = 1\n"})
    assert result.outcome != Outcome.failed


def test_a_real_looking_key_in_application_code_is_a_leak():
    key = "sk-ant-api03-" + "Zq7vR2mXk9Lw4Tb8Np1Yc6Hd3Jf5Gs0Ue7Ai2Ko9Qr4Vt8Wx1By6Cz3Dn5Em7Fo0Gp"
    result = run_probe("security.secrets", {"app/client.py": f'KEY = "{key}"\n', "app.py": "x = 1\n"})
    assert result.outcome == Outcome.failed
    assert key not in result.message
