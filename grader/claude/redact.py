"""Remove secrets from text before anything leaves the machine.

`redact(text)` replaces provider keys, private key blocks, bearer tokens, JWTs, passwords in connection
strings and high-entropy values assigned to secret-looking names with `[REDACTED:<kind>]`, and counts them.
Placeholders (`sk-...`, `your-key-here`, `<API_KEY>`, `${TOKEN}`, `changeme`) are left alone and not counted.
`is_env_file(path)` says whether a file is a real dotenv file (never sent at all).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from pathlib import PurePath

from grader import textmatch
from grader.textmatch import Match, Pattern

# Substrings that mark a value as an example rather than a secret (compared lower-cased).
_PLACEHOLDER_MARKERS = (
    "...",
    "xxx",
    "your",
    "here",
    "example",
    "placeholder",
    "changeme",
    "change_me",
    "dummy",
    "fake",
    "sample",
    "redacted",
    "insert",
    "replace",
    "<",
    ">",
    "{",
    "}",
    "$",
    "*",
    "%",
)
# Whole values that are well-known defaults, not secrets.
_PLACEHOLDER_VALUES = {
    "password",
    "passwd",
    "secret",
    "postgres",
    "root",
    "admin",
    "user",
    "pass",
    "test",
    "none",
}


def _is_placeholder(value: str) -> bool:
    lowered = value.lower()
    if lowered in _PLACEHOLDER_VALUES or any(marker in lowered for marker in _PLACEHOLDER_MARKERS):
        return True
    core = textmatch.sub(r"^[a-z]+[-_](?:[a-z0-9]+[-_])?", "", lowered)  # drop a prefix such as sk-ant-api03-
    return len(set(core)) <= 3  # "sk-aaaaaaaaaaaaaaaaaaaaaaaa", "0000000000000000"


def _entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def _looks_random(value: str) -> bool:
    """Long, letters and digits mixed, high entropy, not a URL or a path: what generated secrets look like."""
    if "://" in value or value.startswith(("/", "./", "~")):
        return False
    has_letters_and_digits = any(c.isascii() and c.isalpha() for c in value) and any("0" <= c <= "9" for c in value)
    return len(value) >= 16 and has_letters_and_digits and _entropy(value) >= 3.3


# (kind, pattern, group holding the secret). Order matters: specific before generic.
_TOKEN_PATTERNS: list[tuple[str, Pattern, int]] = [
    ("anthropic_key", textmatch.compile(r"\bsk-ant-[A-Za-z0-9_\-]{20,}"), 0),
    ("openai_key", textmatch.compile(r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}"), 0),
    ("aws_access_key", textmatch.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"), 0),
    ("github_token", textmatch.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}\b"), 0),
    ("github_token", textmatch.compile(r"\bgithub_pat_[A-Za-z0-9_]{22,}"), 0),
    ("google_key", textmatch.compile(r"\bAIza[0-9A-Za-z_\-]{30,}"), 0),
    ("slack_token", textmatch.compile(r"\bxox[baprs]-[A-Za-z0-9\-]{10,}"), 0),
    ("huggingface_token", textmatch.compile(r"\bhf_[A-Za-z0-9]{30,}\b"), 0),
    ("jwt", textmatch.compile(r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"), 0),
    ("bearer_token", textmatch.compile(r"(?i)\bbearer\s+([A-Za-z0-9\-._~+/]{16,}=*)"), 1),
    # scheme://user:password@host: only the password goes.
    ("connection_password", textmatch.compile(r"\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/@'\"]*:([^\s@/'\"]+)@"), 1),
]

_PRIVATE_KEY = textmatch.compile(
    r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
    r"(?:.*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|.*\Z)",
    textmatch.DOTALL,
)

_SECRET_NAME = (
    r"[A-Za-z0-9_.\-]*(?:api[_\-]?key|apikey|secret|token|passw(?:or)?d|pwd|access[_\-]?key|private[_\-]?key"
    r"|credential)[A-Za-z0-9_.\-]*"
)
# name = "value" | name: 'value' | NAME=value  (quoted values, or unquoted dotenv/YAML-style values)
_ASSIGNMENT = textmatch.compile(
    rf"(?i)(?P<name>{_SECRET_NAME})[\"']?\s*(?::=|=>|[:=])\s*"
    r"(?:\"(?P<quoted>[^\s\"']{8,})\"|'(?P<single>[^\s\"']{8,})'|(?P<bare>[^\s\"'#,;()\[\]]{8,}))"
)


def _redact_pattern(text: str, pattern: Pattern, group: int, kind: str, keep: Callable[[str], bool]) -> tuple[str, int]:
    count = 0

    def replace(match: Match) -> str:
        nonlocal count
        value = match.group(group)
        if value is None or keep(value):
            return match.group(0)
        count += 1
        start, end = match.span(group)
        offset = match.start(0)
        whole = match.group(0)
        return whole[: start - offset] + f"[REDACTED:{kind}]" + whole[end - offset :]

    return pattern.sub(replace, text), count


def _redact_assignments(text: str) -> tuple[str, int]:
    count = 0

    def replace(match: Match) -> str:
        nonlocal count
        group = next(_ASSIGNMENT.groupindex[g] for g in ("quoted", "single", "bare") if match.group(g) is not None)
        value = match.group(group)
        if "[REDACTED" in value or _is_placeholder(value) or not _looks_random(value):
            return match.group(0)
        count += 1
        start, end = match.span(group)
        offset = match.start(0)
        whole = match.group(0)
        return whole[: start - offset] + "[REDACTED:secret_assignment]" + whole[end - offset :]

    return _ASSIGNMENT.sub(replace, text), count


def redact(text: str) -> tuple[str, int]:
    """`text` with every secret replaced by `[REDACTED:<kind>]`, and how many were replaced."""
    total = 0
    text, found = _redact_pattern(text, _PRIVATE_KEY, 0, "private_key", keep=lambda _: False)
    total += found
    for kind, pattern, group in _TOKEN_PATTERNS:
        text, found = _redact_pattern(text, pattern, group, kind, keep=_is_placeholder)
        total += found
    text, found = _redact_assignments(text)
    return text, total + found


_ENV_TEMPLATE_SUFFIXES = {"example", "sample", "template", "dist", "defaults", "tmpl", "tpl"}


def is_env_file(path: str | PurePath) -> bool:
    """True for dotenv files holding real values (`.env`, `.env.local`, `prod.env`, `.envrc`), never to be
    sent.

    Templates (`.env.example`, `.env.sample`, `.env.template`, `example.env`) are ordinary files.
    """
    name = PurePath(path).name.lower()
    if name in (".env", ".envrc"):
        return True
    if name.startswith(".env."):
        return not (set(name[len(".env.") :].split(".")) & _ENV_TEMPLATE_SUFFIXES)
    if name.endswith(".env") and len(name) > len(".env"):
        return name[: -len(".env")].rstrip(".") not in _ENV_TEMPLATE_SUFFIXES
    return False
