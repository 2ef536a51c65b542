"""One table of secret shapes: detect-secrets' plugin patterns plus ours (grader.secret_rules), on RE2.

The security probe reports committed secrets with `find_secrets`; redaction (grader.claude.redact) masks with
`mask_spans` from the same table before anything is sent, so whatever the probe reports is always masked.
A rule runs only on text holding the literal strings it cannot match without (textmatch.Prefilter: one pass
over the text for every rule).
"""

from __future__ import annotations

import math
import posixpath
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePath

from curriculum.resources import content_dir
from grader import textmatch
from grader.secret_rules import Rule, RuleSet, load_rules

_TEST_FOLDERS = frozenset({"test", "tests", "testing", "fixtures", "fixture", "__tests__", "testdata", "examples"})
_PLACEHOLDER_MARKERS = (
    "xxxx", "example", "placeholder", "changeme", "change_me", "dummy", "fake", "sample", "redacted", "your",
    "insert", "replace", "<", ">", "${", "{{", "...", "****",
)  # fmt: skip


@dataclass(frozen=True)
class Found:
    rule: Rule
    start: int  # the secret's span in the text
    end: int
    match_start: int
    match_end: int


def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    if not value:
        return 0.0
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def _secret_span(rule: Rule, match: textmatch.Match) -> tuple[int, int]:
    """The rule's group; without one, the first non-empty group that does not open the match (detect-secrets
    groups some token prefixes, `(ghp|gho)_...`, where the secret is the whole match), else the whole match."""
    if rule.group is not None:
        return match.span(rule.group)
    for group in range(1, len(match.groups()) + 1):
        start, end = match.span(group)
        if end > start >= 0 and start > match.start():
            return start, end
    return match.span(0)


class SecretTable:
    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.rules = ruleset.rules
        self._prefilter = textmatch.Prefilter([rule.regex.pattern for rule in self.rules])

    def candidates(self, text: str, masking: bool = True) -> list[Rule]:
        """The rules that could match the text, in table order; without `masking`, only reportable ones."""
        rules = (self.rules[i] for i in self._prefilter.candidates(text))
        return [rule for rule in rules if masking or not rule.mask_only]

    def scan(self, text: str, masking: bool = True) -> Iterator[Found]:
        """Every match of every rule that could match, with the secret's span."""
        for rule in self.candidates(text, masking):
            for match in rule.regex.finditer(text):
                start, end = _secret_span(rule, match)
                if start < 0 or end <= start:
                    continue
                yield Found(rule, start, end, match.start(), match.end())


@cache
def load_secret_table(folder: Path | None = None) -> SecretTable:
    folder = folder or content_dir() / "grader" / "secrets"
    return SecretTable(load_rules(folder / "ours.yaml"))


_PREFIX = textmatch.compile(r"^[a-z]+[-_](?:[a-z0-9]+[-_])?")
_DEFAULT_VALUES = frozenset(
    {"password", "passwd", "secret", "postgres", "root", "admin", "user", "pass", "test", "none", "null", "guest"}
)


def looks_placeholder(value: str) -> bool:
    """An example, not a secret: marked as one, a well-known default (`postgres`), or too uniform to be
    generated (`AKIAXXXXXXXXXXXXXXXX`)."""
    lowered = value.lower()
    if lowered in _DEFAULT_VALUES or any(marker in lowered for marker in _PLACEHOLDER_MARKERS):
        return True
    core = _PREFIX.sub("", lowered)  # "sk-ant-aaaa...": the part after a provider prefix
    return len(set(core)) <= 3


def in_test_folder(path: str) -> bool:
    parts = path.lower().split("/")[:-1]
    name = posixpath.basename(path).lower()
    return bool(_TEST_FOLDERS & set(parts)) or name.startswith("test_") or name.endswith(("_test.py", ".spec.ts"))


_PUBLIC_NAME = textmatch.compile(r"(?i)public|publishable|\banon\b|anon[_-]?key|client[_-]?id")


def _public(text: str, found: Found) -> bool:
    """A value the line itself names as public by design (SUPABASE_PUBLIC_API_KEY, anon_key, a client id)."""
    start = text.rfind("\n", 0, found.match_start) + 1
    return _PUBLIC_NAME.search(text[start : found.start]) is not None


def reportable(text: str, found: Found) -> bool:
    """A match the probe reports: not masked-only, a placeholder, public by its name, or below the rule's
    entropy. (Masking ignores all but placeholders: a public key costs nothing to mask.)"""
    secret = text[found.start : found.end]
    if found.rule.mask_only or looks_placeholder(secret) or _public(text, found):
        return False
    return entropy(secret) >= found.rule.entropy


def find_secrets(text: str, path: str) -> list[Found]:
    """Committed secrets worth reporting in a file: none under tests/ or fixtures/ (fakes live there), one per
    span (the first rule in table order: ours, then detect-secrets')."""
    if in_test_folder(path):
        return []
    found: dict[tuple[int, int], Found] = {}
    for hit in load_secret_table().scan(text, masking=False):
        if (hit.start, hit.end) not in found and reportable(text, hit):
            found[(hit.start, hit.end)] = hit
    spans = sorted(found.values(), key=lambda f: f.start)
    kept: list[Found] = []
    for hit in spans:
        if kept and hit.start < kept[-1].end:
            continue  # overlaps a secret already reported
        kept.append(hit)
    return kept


_CODE_NAME = textmatch.compile(r"[A-Za-z_][A-Za-z_.]*!?")  # a TypeScript name may end in `!`


def _catch_all_skips(rule: Rule, secret: str) -> bool:
    """A catch-all shape (a value assigned to a secret-like name, a quoted high-entropy string) below its
    floor, or naming code rather than holding a value (`settings.anthropic_api_key`, `get_token`). A number's
    entropy is lowered as detect-secrets' hex plugin does: ids and counts are not keys."""
    if not rule.mask_floor:
        return False
    bits = entropy(secret)
    if secret.isdigit() and len(secret) > 1:
        bits -= 1.2 / math.log2(len(secret))
    return bits < rule.entropy or _CODE_NAME.fullmatch(secret) is not None


def mask_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, rule id) of every key-shaped string to mask before sending: every rule, masked-only ones
    included, placeholders left; the catch-all shapes (mask_floor) kept to their entropy floor."""
    spans = []
    for hit in load_secret_table().scan(text):
        secret = text[hit.start : hit.end]
        if looks_placeholder(secret) or _catch_all_skips(hit.rule, secret):
            continue
        spans.append((hit.start, hit.end, hit.rule.id))
    return spans


_ENV_TEMPLATE_SUFFIXES = {"example", "sample", "template", "dist", "defaults", "tmpl", "tpl", "schema"}


def is_env_file(path: str | PurePath) -> bool:
    """True for dotenv files, which hold real values and are never read or sent: `.env`, `.env.local`,
    `.env-production`, `.env_local`, `.env~`, `prod.env`, `.envrc`.

    Templates (`.env.example`, `.env.sample`, `.env.template`, `example.env`) are ordinary files; so are names
    that merely start with the letters (`.envoy`, `environment.yml`, `env.py`).
    """
    name = PurePath(path).name.lower()
    if name in (".env", ".envrc") or name.startswith(".env~"):
        return True
    if name.startswith(".env") and len(name) > 4 and name[4] in ".-_~":
        words = set(textmatch.compile(r"[.\-_~]+").split(name[4:])) - {""}
        return not (words & _ENV_TEMPLATE_SUFFIXES)
    if name.endswith((".env", ".env~")) and len(name) > len(".env"):
        stem = name.rstrip("~")[: -len(".env")].rstrip(".")
        return stem not in _ENV_TEMPLATE_SUFFIXES
    return False
