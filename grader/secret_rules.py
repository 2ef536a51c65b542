"""The rules of the secret table: detect-secrets' plugin patterns, run on RE2, plus ours.

detect-secrets (Yelp, a PyPI dependency) is the maintained rule set. Its regex plugins each hold a `denylist`
of patterns; they are read from the installed package when the table is first needed, and compiled here for
RE2. Its scanner never runs: it matches with Python's `re`, which one hostile line can make backtrack for
hours. Its patterns were written for one line at a time, so they run with `^` and `$` at line ends.
Importing detect-secrets pulls in `requests` (about 0.3 s, a tenth of a small repository's grade), so what
is read from it is kept as plain data in the cache folder, one file per installed release (`fingerprint()`);
a grade reads that file and imports nothing.

A pattern RE2 cannot run (look-around, a back-reference, a repetition over 1000), and a plugin that is not a
list of patterns (the keyword and entropy plugins), is re-expressed in content/grader/secrets/ours.yaml
(`replaces:` names the plugin) or skipped there with the reason. `unaccounted()` lists any other, and a test
keeps it empty: a detect-secrets release that adds one fails the tests, never a learner's grade.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from curriculum.errors import UserError
from curriculum.yaml_models import read_mapping
from grader import textmatch
from grader.settings import default_cache_dir
from grader.textmatch import Pattern

_LETTERS = ((re.IGNORECASE, "i"), (re.DOTALL, "s"))
_HARMLESS = re.UNICODE | re.ASCII | re.MULTILINE  # RE2's classes are ASCII; every rule runs multi-line


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    regex: Pattern
    group: int | None  # the capture group holding the secret; None: found per match (Found.span_of)
    entropy: float  # the probe reports a secret at or above this many bits per character
    mask_only: bool = False  # masked before sending, never reported
    mask_floor: bool = False  # a catch-all shape: masked only at or above `entropy` too
    source: str = "ours"  # "ours", or the detect-secrets plugin the pattern comes from


@dataclass(frozen=True)
class Rejected:
    plugin: str
    pattern: str
    reason: str


@dataclass
class RuleSet:
    rules: list[Rule]
    rejected: list[Rejected] = field(default_factory=list)  # detect-secrets patterns RE2 cannot run
    replaced: dict[str, list[str]] = field(default_factory=dict)  # plugin -> our rules re-expressing it
    skipped: dict[str, str] = field(default_factory=dict)  # plugin -> why it is left out

    def unaccounted(self) -> list[Rejected]:
        """Rejected patterns that no rule of ours replaces and no entry skips."""
        return [r for r in self.rejected if r.plugin not in self.replaced and r.plugin not in self.skipped]


def _slug(text: str) -> str:
    return "-".join(textmatch.compile(r"[a-z0-9]+").findall(text.lower()))


def _re2_source(source: str, flags: int) -> str:
    """A Python pattern as RE2 reads it, flags inline; ValueError for flags RE2 lacks."""
    if flags & re.VERBOSE:
        if textmatch.compile(r"[\s#]").search(source):
            raise ValueError("a verbose pattern (spaces and comments) RE2 cannot read")
        flags &= ~re.VERBOSE
    unknown = flags & ~(_HARMLESS | re.IGNORECASE | re.DOTALL)
    if unknown:
        raise ValueError(f"flags {unknown} have no RE2 equivalent")
    return "(?m" + "".join(letter for flag, letter in _LETTERS if flags & flag) + ")" + source


@cache
def fingerprint() -> str:
    """The installed detect-secrets: its version and a digest of its files' list (hashes included)."""
    from importlib import metadata

    dist = metadata.distribution("detect-secrets")
    record = dist.read_text("RECORD") or ""
    return f"{dist.version}-{hashlib.sha256(record.encode()).hexdigest()[:16]}"


def _read_package() -> dict[str, Any]:
    """What the rules take from detect-secrets, as plain data: each plugin's patterns (source and flags;
    None for a plugin whose matching is code), and the values our re-expressions take from plugins."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.plugins import keyword
    from detect_secrets.plugins.base import RegexBasedDetector
    from detect_secrets.plugins.high_entropy_strings import HighEntropyStringsPlugin

    plugins, values = [], {"KeywordDetector": {"{names}": "|".join(keyword.DENYLIST)}}
    found: list[Any] = list(get_mapping_from_secret_type_to_class().values())
    for plugin in sorted(found, key=lambda p: p.__name__):
        denylist: Any = plugin.denylist if issubclass(plugin, RegexBasedDetector) else None
        patterns = None if denylist is None else [[p.pattern, int(p.flags)] for p in denylist]
        plugins.append({"name": plugin.__name__, "secret_type": str(plugin.secret_type), "patterns": patterns})
        if issubclass(plugin, HighEntropyStringsPlugin):
            instance = plugin()  # the concrete entropy plugins default their charset and limit
            values[plugin.__name__] = {
                "{charset}": textmatch.escape(instance.charset),
                "{min}": f"{{{math.floor(2**instance.entropy_limit) + 1},}}",  # n characters hold log2(n) bits
                "{limit}": str(instance.entropy_limit),
            }
    return {"fingerprint": fingerprint(), "plugins": plugins, "values": values}


def _package() -> dict[str, Any]:
    """`_read_package()`, from the cache folder when this release was read before."""
    path = default_cache_dir() / "detect-secrets" / f"{fingerprint()}.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if data.get("fingerprint") == fingerprint():
            return data
    except (OSError, ValueError):
        pass
    data = _read_package()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(data), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass  # an unwritable cache costs the next grade the import, nothing else
    return data


def _plugin_rules(plugin: dict[str, Any], rejected: list[Rejected]) -> list[Rule]:
    name = plugin["name"]
    if plugin["patterns"] is None:
        rejected.append(Rejected(name, "", "not a list of patterns (its matching is code)"))
        return []
    rules = []
    for source, flags in plugin["patterns"]:
        try:
            regex = textmatch.compile(_re2_source(source, flags))
        except (ValueError, textmatch.Error) as error:
            rejected.append(Rejected(name, source, str(error) or "not RE2"))
            continue
        rules.append(Rule(_slug(plugin["secret_type"]), plugin["secret_type"], regex, None, 0.0, source=name))
    return rules


def _our_rule(raw: dict[str, Any], plugin_values: dict[str, dict[str, str]]) -> Rule:
    """One rule of ours.yaml. One that `replaces` a plugin may take the plugin's own values: {names} (the
    keyword plugin's secret-like names), {charset}, {min} and {limit} (an entropy plugin's characters, the
    shortest string that can exceed its limit, and the limit)."""
    source = str(raw.get("replaces", "ours"))
    values = plugin_values.get(source, {})
    pattern, entropy = str(raw.get("regex", "")), str(raw.get("entropy", 0))
    for name, value in values.items():
        pattern, entropy = pattern.replace(name, value), entropy.replace(name, value)
    try:
        regex = textmatch.compile(pattern)
        return Rule(
            id=raw["id"],
            description=str(raw.get("description", raw["id"])),
            regex=regex,
            group=int(raw["group"]) if "group" in raw else None,
            entropy=float(entropy),
            mask_only=bool(raw.get("mask_only", False)),
            mask_floor=bool(raw.get("mask_floor", False)),
            source=source,
        )
    except (textmatch.Error, KeyError, ValueError) as error:
        raise UserError(f"secret rule {raw.get('id')}: {error}") from error


def load_rules(ours: Path) -> RuleSet:
    """Our rules first (the more specific shapes), then every detect-secrets pattern RE2 runs."""
    # Parsed by the one YAML reader; each rule is then checked by compiling it for RE2 (`_our_rule`), which a
    # model could not do, and merged with detect-secrets' own patterns.
    data = read_mapping(ours)
    package = _package()
    rules = [_our_rule(raw, package["values"]) for raw in data.get("rules", [])]
    replaced: dict[str, list[str]] = {}
    for rule in rules:
        if rule.source != "ours":
            replaced.setdefault(rule.source, []).append(rule.id)
    skipped = {str(k): str(v) for k, v in (data.get("skipped") or {}).items()}
    settings: dict[str, dict[str, Any]] = data.get("plugins") or {}
    rejected: list[Rejected] = []
    for plugin in package["plugins"]:
        if plugin["name"] in skipped:
            continue
        tuned = settings.get(plugin["name"], {})
        for rule in _plugin_rules(plugin, rejected):
            rules.append(
                Rule(
                    rule.id, rule.description, rule.regex, rule.group,
                    entropy=float(tuned.get("entropy", 0)), mask_only=bool(tuned.get("mask_only", False)),
                    source=rule.source,
                )
            )  # fmt: skip
    return RuleSet(rules, rejected, replaced, skipped)
