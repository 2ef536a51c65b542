"""Secret redaction before sending, placeholders left alone, and dotenv detection."""

from __future__ import annotations

import pytest

from grader.claude import is_env_file, redact

# Built from pieces so this file itself does not look like it holds live keys.
ANTHROPIC = "sk-ant-api03-" + "Zq8vR2mN5tK1xW7pL3cB9dF4hJ6gY0sA" + "Xy12AbCd-_ef"
OPENAI = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"
OPENAI_LEGACY = "sk-" + "T3BlbkFJ9xq2LmN8pR4sV7wY1zA5cE0gH"
AWS = "AKIA" + "Z7Q2W4E6R8T1Y3U5"
GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
GITHUB_PAT = "github_pat_" + "11ABCDEFG0123456789_abcdefghijKLMNOPqrstuv"
GOOGLE = "AIza" + "SyD4x9Qm2Lp7Rt5Vw8Zb1Nc3Kf6Hg0Jj2Ss"
SLACK = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
HUGGINGFACE = "hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh"
JWT = "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"


@pytest.mark.parametrize(
    ("secret", "kind"),
    [
        (ANTHROPIC, "anthropic_key"),
        (OPENAI, "openai_key"),
        (OPENAI_LEGACY, "openai_key"),
        (AWS, "aws_access_key"),
        (GITHUB, "github_token"),
        (GITHUB_PAT, "github_token"),
        (GOOGLE, "google_key"),
        (SLACK, "slack_token"),
        (HUGGINGFACE, "huggingface_token"),
        (JWT, "jwt"),
    ],
)
def test_provider_keys_are_redacted(secret: str, kind: str):
    text, count = redact(f"client = make(key={secret!r})\nprint('done')")
    assert secret not in text
    assert "[REDACTED:" in text  # the kind is the rule that matched first (ours or detect-secrets')
    assert count == 1
    assert text.endswith("print('done')")


def test_private_key_blocks_go_whole():
    block = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow" + "IBAAKCAQEA7bq\nabc123==\n-----END RSA PRIVATE KEY-----"
    text, count = redact(f"before\n{block}\nafter")
    # One masked line per line of the block: line numbers counted on the redacted text stay the file's own.
    assert text == "before\n[REDACTED:private_key]\n[REDACTED]\n[REDACTED]\n[REDACTED]\nafter" and count == 1
    openssh = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----"
    assert redact(openssh) == ("[REDACTED:private_key]\n[REDACTED]\n[REDACTED]", 1)


def test_a_truncated_private_key_is_redacted_to_the_end():
    text, count = redact("x\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC")
    assert text == "x\n[REDACTED:private_key]\n[REDACTED]" and count == 1


def test_bearer_tokens_keep_the_word_bearer():
    text, count = redact('headers = {"Authorization": "Bearer 4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"}')
    assert text == 'headers = {"Authorization": "Bearer [REDACTED:bearer_token]"}' and count == 1


def test_connection_string_passwords():
    text, count = redact("DATABASE_URL=postgresql://app:S3cr3tPassw0rd!@db.internal:5432/app")
    assert text == "DATABASE_URL=postgresql://app:[REDACTED:connection_password]@db.internal:5432/app"
    assert count == 1
    text, count = redact("REDIS_URL=redis://:Zx9Qw8Er7Ty6@cache:6379/0")
    assert text == "REDIS_URL=redis://:[REDACTED:connection_password]@cache:6379/0" and count == 1


@pytest.mark.parametrize(
    "line",
    [
        'API_KEY = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"',
        "stripe_secret: 'rk_live_51HxYzQ2eZvKYlo2C8aB3dE4fG5hI6jK'",
        "DB_PASSWORD=Xk29vLq81mZt44RwP",
        '"client_secret": "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1x"',
        "export SERVICE_TOKEN=c2VydmljZS10b2tlbi0xMjM0NTY3ODk",
    ],
)
def test_high_entropy_values_assigned_to_secret_names(line: str):
    text, count = redact(line)
    assert count == 1 and "[REDACTED:" in text
    name = line.split("=")[0].split(":")[0]
    assert text.startswith(name)


@pytest.mark.parametrize(
    "text",
    [
        "ANTHROPIC_API_KEY=sk-...",
        "ANTHROPIC_API_KEY=sk-ant-...",
        "OPENAI_API_KEY=your-key-here",
        "OPENAI_API_KEY=sk-your-openai-key-goes-here-please",
        "api_key = '<API_KEY>'",
        'api_key = "${ANTHROPIC_API_KEY}"',
        "api_key = os.environ['ANTHROPIC_API_KEY']",
        "api_key = settings.anthropic_api_key",
        "token = get_token()",
        "password: changeme",
        "DATABASE_URL=postgresql://postgres:postgres@localhost:5432/dev",
        "DATABASE_URL=postgresql://user:${DB_PASSWORD}@db/app",
        "Authorization: Bearer <token>",
        "Authorization: Bearer YOUR_TOKEN_HERE_xxxxxxxx",
        "AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX",
        "sk-ant-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "max_tokens = 4096",
        "tokenizer_name = 'bert-base-multilingual-uncased'",
        "author = 'Jane Doe'",
        "token_url = 'https://auth.example.com/oauth/token'",
        "See https://github.com/owner/repo and the docs at https://docs.anthropic.com/en/api",
        "commit 4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a",
    ],
)
def test_placeholders_and_ordinary_text_are_left_alone(text: str):
    assert redact(text) == (text, 0)


def test_several_secrets_are_counted():
    text, count = redact(f"a={ANTHROPIC}\nb: {AWS}\nc {GITHUB}\n")
    assert count == 3
    for secret in (ANTHROPIC, AWS, GITHUB):
        assert secret not in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (".env", True),
        (".env.local", True),
        (".env.production", True),
        ("config/.env.development.local", True),
        ("prod.env", True),
        (".envrc", True),
        (".env-production", True),
        (".env~", True),
        (".env_local", True),
        (".env.local~", True),
        ("staging.env~", True),
        (".env-example", False),
        (".env.example", False),
        (".env.sample", False),
        (".env.template", False),
        (".env.local.example", False),
        ("example.env", False),
        ("env.py", False),
        ("environment.yml", False),
        (".envoy", False),
        ("README.md", False),
    ],
)
def test_is_env_file(name: str, expected: bool):
    assert is_env_file(name) is expected
