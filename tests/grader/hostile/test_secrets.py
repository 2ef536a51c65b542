"""Planted secrets never leave the machine: not in a review request (the real SDK behind a mock transport), not
in any output format. Every value is generated at run time, so no key-shaped text is committed here."""

from __future__ import annotations

import base64
import random
import string

import pytest

from grader.claude import redact
from grader.review.run import review_report
from grader.secrets import find_secrets
from tests.grader.claude.conftest import MockAPI, ok
from tests.grader.review.conftest import _no_real_claude, claude, client_for, graded, recorded  # noqa: F401

from .conftest import fast_import, skipped

_rng = random.Random(20261202)


def _random(n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(_rng.choice(alphabet) for _ in range(n))


HEX = "0123456789abcdef"
STRIPE = "sk_live_" + _random(24)
PLANTED = {
    "stripe": STRIPE,
    "groq": "gsk_" + _random(52),
    "langsmith": "lsv2_pt_" + _random(32, HEX) + "_" + _random(10, HEX),
    "pinecone": "pcsk_" + _random(60),
    "sendgrid": "SG." + _random(22) + "." + _random(43),
    "azure": _random(86, string.ascii_letters + string.digits + "+/") + "==",
    "url_password": "Vx93" + _random(12),
    "basic_header": base64.b64encode(b"deploy:" + _random(16).encode()).decode(),
    "aws_secret": _random(40, string.ascii_letters + string.digits + "/+"),
    "db_password": "summer2024",
    "base64_key": base64.b64encode(("sk_live_" + _random(24)).encode()).decode(),
    "telegram": "7" + _random(9, string.digits) + ":AA" + _random(33, string.ascii_letters + string.digits + "_-"),
    "pem_body": _random(64, string.ascii_letters + string.digits + "+/"),
}
DOTENV = {
    ".env": "only-in-dotenv-" + _random(8),
    ".env-production": "only-in-env-production-" + _random(8),
    ".env~": "only-in-env-backup-" + _random(8),
    ".env_local": "only-in-env-local-" + _random(8),
    "deploy/prod.env": "only-in-prod-env-" + _random(8),
}
PEM = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join([PLANTED["pem_body"]] * 20) + "\n-----END RSA PRIVATE KEY-----\n"


def _files() -> dict[str, str]:
    files = {
        "README.md": "# Pay bot\n\nCalls Claude and Stripe.\n\n## Results\n\naccuracy 91%\n",
        "app/pay.py": f'import stripe\n\n# live key, not behind api_key=\nCLIENT = stripe.StripeClient("{STRIPE}")\n',
        # More than 15 lines above the model call: the review's call-site window starts inside the block.
        "app/llm.py": f'import anthropic\n\nSIGNING_KEY = """\n{PEM}"""\n'
        + "\n" * 5
        + 'client = anthropic.Anthropic()\nreply = client.messages.create(model="claude", messages=[])\n',
        "secrets.toml": f'groq = "{PLANTED["groq"]}"\nlangsmith = "{PLANTED["langsmith"]}"\n',
        "credentials.json": f'{{"pinecone": "{PLANTED["pinecone"]}", "sendgrid": "{PLANTED["sendgrid"]}"}}\n',
        "settings.yaml": (
            f"storage: DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={PLANTED['azure']};"
            "EndpointSuffix=core.windows.net\n"
            f"index_url: https://deploy:{PLANTED['url_password']}@registry.internal.dev/simple\n"
            f"aws_secret_access_key: {PLANTED['aws_secret']}\n"
        ),
        "config/db.ini": f"[db]\nDB_PASSWORD={PLANTED['db_password']}\n",
        "app/bot.py": (
            f'import requests\n\nHEADERS = {{"Authorization": "Basic {PLANTED["basic_header"]}"}}\n'
            f'TELEGRAM = "{PLANTED["telegram"]}"\nSTRIPE_B64 = "{PLANTED["base64_key"]}"\n'
        ),
        "app/tracing.py": "import os\n\nos.environ['LANGCHAIN_TRACING_V2'] = 'true'\n",
    }
    for name, value in DOTENV.items():
        files[name] = f"LANGCHAIN_TRACING_V2=true\nLANGCHAIN_API_KEY={value}\nSUPPORT_TOKEN={value}\n"
    return files


def _leaks(text: str) -> list[str]:
    return [name for name, value in {**PLANTED, **DOTENV}.items() if value in text or value[:24] in text]


@pytest.mark.parametrize("name", list(PLANTED))
def test_redaction_masks_every_planted_format(name):
    files = _files()
    holder = next(path for path, text in files.items() if PLANTED[name] in text)
    masked, count = redact(files[holder])
    assert count >= 1
    assert PLANTED[name] not in masked and PLANTED[name][:24] not in masked


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("stripe", "app/pay.py"),
        ("groq", "secrets.toml"),
        ("langsmith", "secrets.toml"),
        ("pinecone", "credentials.json"),
    ],
)
def test_the_probe_reports_provider_keys_and_redaction_masks_what_it_reports(name, path):
    text = _files()[path]
    found = find_secrets(text, path)
    assert any(text[f.start : f.end] == PLANTED[name] for f in found)
    masked, _ = redact(text)
    for hit in found:
        assert text[hit.start : hit.end] not in masked


def test_fakes_under_tests_are_not_leaks_but_are_still_masked():
    text = f'KEY = "{STRIPE}"\n'
    assert find_secrets(text, "tests/test_pay.py") == [] and find_secrets(text, "fixtures/keys.py") == []
    assert find_secrets('KEY = "sk_live_aaaaaaaaaaaaaaaaaaaaaaaa"\n', "app/pay.py") == []  # repeated characters
    assert find_secrets('KEY = "sk_live_EXAMPLE_dummy_key_0000000"\n', "app/pay.py") == []
    assert STRIPE not in redact(text)[0]


def test_dotenv_variants_are_never_read(tmp_path, grade):
    code, report, out, _ = grade(fast_import(tmp_path / "r", _files()))
    assert code == 0
    for name in DOTENV:
        assert "never read" in skipped(report)[name]
    assert not _leaks(out)


@pytest.mark.parametrize("output", ["terminal", "json", "markdown", "sarif"])
def test_no_planted_value_in_any_output(tmp_path, grade, output):
    code, _, out, err = grade(fast_import(tmp_path / "r", _files()), "--format", output)
    assert code in (0, 1), err
    assert not _leaks(out + err)


def test_no_planted_value_reaches_the_review_request(graded, client_for, claude):  # noqa: F811
    report, ctx = graded(_files())
    secrets = next(f for f in report.findings() if f.probe == "security.secrets")
    assert secrets.outcome.value == "failed"
    cited = {e.path for e in secrets.evidence}
    assert {"secrets.toml", "credentials.json"} <= cited  # the probe shows ten; these are among them
    api = MockAPI(ok(recorded("support_bot")))
    review_report(report, ctx, claude, client=client_for(api))
    (raw,) = api.raw()
    assert "app/llm.py" in raw  # the call site was sent, its key block masked
    assert not _leaks(raw), _leaks(raw)
    assert not _leaks(report.model_dump_json())
