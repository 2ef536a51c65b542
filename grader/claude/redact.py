"""Remove secrets from text before anything leaves the machine.

`redact(text)` masks, with `[REDACTED:<kind>]`, every key-shaped string of the secret table (grader.secrets:
detect-secrets' patterns plus ours, the same table the security probe reports from), any value assigned to a
secret-like name (`DB_PASSWORD=`, `api_key:`) whatever its entropy, and base64 text that decodes to a
secret. Placeholders (`sk-...`, `your-key-here`, `<API_KEY>`, `${TOKEN}`, `changeme`) are left alone and not
counted. A masked span keeps its line breaks (a private key block becomes one masked line per line), so line
numbers computed on the redacted text are the file's own. Redact a whole file before cutting windows from it.
`is_env_file(path)` says whether a file is a dotenv file (never read, never sent).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Collection

from grader import textmatch
from grader.secrets import is_env_file as is_env_file  # re-exported: grader.claude's public name
from grader.secrets import looks_placeholder, mask_spans

# The last part of a name that holds a secret: DB_PASSWORD, api_key, AUTH_TOKEN, client-secret.
_SECRET_LAST = frozenset(
    {"password", "passwd", "pwd", "pass", "secret", "token", "apikey", "credential", "credentials"}
)
_SECRET_KEY_BEFORE = frozenset(
    {"api", "access", "secret", "private", "signing", "auth", "client", "master", "encryption"}
)
_ASSIGNMENT = textmatch.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_.\-]{0,80})[\"']?(?P<space>[ \t]*)(?P<op>:=|=>|[:=])[ \t]*"
    r"(?:\"(?P<double>[^\"\n]{3,400})\"|'(?P<single>[^'\n]{3,400})'|(?P<bare>[^\s\"'#,;()\[\]{}]{3,400}))"
)
_REFERENCE = textmatch.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_LOOKUPS = ("os.environ", "getenv", "process.env", "import.meta.env", "env(", "secrets.", "settings.", "config.")
_BASE64 = textmatch.compile(r"[A-Za-z0-9+/_-]{24,}={0,2}")


def _secret_name(name: str) -> bool:
    parts = [p for p in textmatch.compile(r"[._\-]+").sub(" ", name.lower()).split() if p]
    if not parts:
        return False
    if parts[-1] in _SECRET_LAST:
        return True
    return parts[-1] == "key" and len(parts) > 1 and parts[-2] in _SECRET_KEY_BEFORE


def _assignment_spans(text: str) -> list[tuple[int, int, str]]:
    """Values assigned to secret-like names: literal ones, whatever their entropy (a short password is still
    a password); references to other code (`settings.key`, `get_token()`, `PASSWORD_VAR`) and placeholders
    are left."""
    spans = []
    for match in _ASSIGNMENT.finditer(text):
        if not _secret_name(match.group("name")):
            continue
        group = next(g for g in ("double", "single", "bare") if match.group(g) is not None)
        index = _ASSIGNMENT.groupindex[group]  # RE2's match spans take group numbers only
        value = match.group(group).strip()
        if not value or looks_placeholder(value) or any(lookup in value for lookup in _LOOKUPS):
            continue
        if group == "bare":
            end = match.end(index)
            after = text[end : end + 1]
            dotenv = not match.group("space") and match.group("op") == "=" and match.group("name").isupper()
            if after in {"(", "["} or (not dotenv and match.group("op") != ":" and _REFERENCE.fullmatch(value)):
                continue  # a call or a name in code, not a literal
            if value.lower() in {"true", "false", "none", "null", "nil", "undefined"}:
                continue
        start, end = match.span(index)
        spans.append((start, end, "secret_assignment"))
    return spans


def _base64_spans(text: str) -> list[tuple[int, int, str]]:
    """Base64 (or URL-safe base64) text whose decoded form holds a secret of the table."""
    spans = []
    for match in _BASE64.finditer(text):
        raw = match.group(0)
        padded = raw + "=" * (-len(raw) % 4)
        try:
            decoded = base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
        except (binascii.Error, ValueError):
            continue
        plain = decoded.decode("utf-8", "ignore")
        if len(plain) >= 12 and (mask_spans(plain) or _assignment_spans(plain)):
            spans.append((match.start(), match.end(), "base64_secret"))
    return spans


def _mask(kind: str, value: str) -> str:
    """The mask for one span, with the span's line breaks kept."""
    lines = value.split("\n")
    return "\n".join([f"[REDACTED:{kind}]", *("[REDACTED]" for _ in lines[1:])])


def redact(text: str, keep: Collection[str] = ()) -> tuple[str, int]:
    """`text` with every secret replaced by `[REDACTED:<kind>]`, and how many were replaced; a span that is
    exactly one of `keep` (the request's own nonce) is left."""
    spans = [(s, e, rule.replace("-", "_")) for s, e, rule in mask_spans(text)]
    spans += _assignment_spans(text) + _base64_spans(text)
    spans = [span for span in spans if text[span[0] : span[1]] not in keep]
    if not spans:
        return text, 0
    spans.sort(key=lambda span: (span[0], -span[1]))
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        if merged and start < merged[-1][1]:
            first, last, named = merged[-1]
            merged[-1] = (first, max(last, end), named)
        else:
            merged.append((start, end, kind))
    out: list[str] = []
    cursor = 0
    for start, end, kind in merged:
        out += [text[cursor:start], _mask(kind, text[start:end])]
        cursor = end
    out.append(text[cursor:])
    return "".join(out), len(merged)
