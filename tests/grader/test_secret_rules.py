"""The secret table's rules: detect-secrets' patterns on RE2, every pattern RE2 rejects accounted for, and our
re-expressions masking what the plugins they replace find. Key-shaped values are generated at run time."""

from __future__ import annotations

import os
import random
import string
import subprocess
import sys

import pytest
from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

from grader.claude import redact
from grader.secret_rules import fingerprint, load_rules
from grader.secrets import find_secrets, load_secret_table, mask_spans

_rng = random.Random(11)
WORD = string.ascii_letters + string.digits


def _random(n: int, alphabet: str = WORD) -> str:
    return "".join(_rng.choice(alphabet) for _ in range(n))


def _plugins() -> dict[str, type]:
    return {plugin.__name__: plugin for plugin in get_mapping_from_secret_type_to_class().values()}


def test_every_pattern_re2_rejects_is_replaced_or_skipped_with_a_reason():
    """A detect-secrets release adding a look-around pattern fails here, not in a learner's grade."""
    ruleset = load_secret_table().ruleset
    assert ruleset.unaccounted() == []
    rejected = {r.plugin for r in ruleset.rejected}
    assert set(ruleset.replaced) <= rejected | set(ruleset.skipped)  # no stale re-expression
    assert set(ruleset.replaced) | set(ruleset.skipped) <= set(_plugins())
    assert all(reason.strip() for reason in ruleset.skipped.values())


def test_the_regex_plugins_load_from_the_installed_package_on_re2():
    ruleset = load_secret_table().ruleset
    loaded = {rule.source for rule in ruleset.rules if rule.source != "ours"}
    expected = {
        "AWSKeyDetector", "StripeDetector", "SendGridDetector", "SlackDetector", "GitHubTokenDetector",
        "TelegramBotTokenDetector", "BasicAuthDetector", "PrivateKeyDetector", "JwtTokenDetector",
    }  # fmt: skip
    assert expected <= loaded
    assert all(type(rule.regex).__module__.startswith("re2") for rule in ruleset.rules)


def test_a_plugin_pattern_re2_cannot_run_is_reported_not_raised(tmp_path, monkeypatch):
    plugin = {
        "name": "Lookahead",
        "secret_type": "Look-ahead token",
        "patterns": [["tok_[a-z]{8}(?!\\w)", 0], ["plain_[a-z]{8}", 0]],
    }
    monkeypatch.setattr("grader.secret_rules._package", lambda: {"plugins": [plugin], "values": {}})
    ours = tmp_path / "ours.yaml"
    ours.write_text("rules: []\n")
    ruleset = load_rules(ours)
    assert [r.plugin for r in ruleset.unaccounted()] == ["Lookahead"]
    assert [rule.source for rule in ruleset.rules] == ["Lookahead"]  # its RE2-ready pattern still loads


def _samples() -> dict[str, list[tuple[str, str]]]:
    """(file name, line) each replaced plugin's own (Python `re`) patterns flag: our text, never a repository's."""
    hex64, lower24 = _random(64, "0123456789abcdef"), _random(24, string.ascii_lowercase)
    return {
        "CloudantDetector": [("a.py", f'cloudant_password = "{hex64}"'), ("a.yaml", f"cl_apikey: {lower24}")],
        "GitLabTokenDetector": [
            ("a.py", f"token = glpat-{_random(20)}"),
            ("a.py", f'runner = "GR1348941{_random(24)}"'),
            ("a.sh", f"glcbt-{_random(2, '0123456789abcdef')}_{_random(24)} "),
            ("a.py", f"x = gloas-{_random(64)}"),
            ("a.yaml", f"agent: glagent-{_random(60)}"),
        ],
        "IbmCloudIamDetector": [("a.py", f'ibm_cloud_iam_api_key = "{_random(44, WORD + "_-")}"')],
        "IbmCosHmacDetector": [("a.yaml", f"cos_hmac_secret_access_key: {_random(48, '0123456789abcdef')}")],
        "SoftlayerDetector": [("a.py", f'softlayer_api_key = "{_random(64, string.ascii_lowercase + string.digits)}"')],
        "KeywordDetector": [("a.py", f'db_password = "{_random(20)}"'), ("a.yaml", f"SERVICE_KEY: {_random(20)}")],
        "Base64HighEntropyString": [("a.py", f'blob = "{_random(40, WORD + "+/")}"')],
        "HexHighEntropyString": [("a.py", f"digest = '{_random(40, '0123456789abcdef')}'")],
    }


def _found_by(plugin: type, name: str, line: str) -> set[str]:
    """What the plugin itself finds in the line: a regex plugin's matches (the secret's group as the table
    takes it), another plugin's own answer (no verification runs: these plugins verify nothing)."""
    from detect_secrets.plugins.base import RegexBasedDetector

    if not issubclass(plugin, RegexBasedDetector):
        return {str(found.secret_value) for found in plugin().analyze_line(filename=name, line=line)}
    found = set()
    for pattern in plugin.denylist:
        for match in pattern.finditer(line):
            groups = [g for g in range(1, len(match.groups()) + 1) if match.group(g) and match.start(g) > match.start()]
            found.add(match.group(groups[0] if groups else 0))
    return found


@pytest.mark.parametrize("plugin", sorted(_samples()))
def test_our_re_expression_masks_what_the_replaced_plugin_finds(plugin: str):
    assert plugin in load_secret_table().ruleset.replaced
    for name, line in _samples()[plugin]:
        secrets = _found_by(_plugins()[plugin], name, line)
        assert secrets, f"{plugin} finds nothing in {line!r}: the sample is wrong"
        masked, _ = redact(line)
        for secret in secrets:
            assert secret not in masked, (plugin, line, masked)


def test_a_token_whose_prefix_detect_secrets_groups_is_masked_whole():
    """GitHubTokenDetector captures `(ghp|gho|...)`: the secret is the whole match, not the prefix."""
    token = "ghp_" + _random(36)
    text = f'TOKEN = "{token}"\n'
    (span,) = [(s, e) for s, e, rule in mask_spans(text) if rule == "github-token"]
    assert text[span[0] : span[1]] == token
    assert [text[f.start : f.end] for f in find_secrets(text, "app/ci.py")] == [token]


def test_catch_all_shapes_leave_code_names_and_numbers():
    for line in (
        "api_key = settings.anthropic_api_key",
        "API_KEY = process.env.OPENAI_API_KEY!",
        "password: Optional[SecretStr] = None",
        "digits = '0123456789'",
        "count = '20240512093015'",
        "phone = '4155550123'",
    ):
        assert redact(line) == (line, 0), line


def test_a_grade_imports_detect_secrets_only_to_read_a_release_it_has_not_read(tmp_path):
    """Importing detect-secrets costs about 0.3 s (it pulls in `requests`): what the rules take from it is
    kept in the cache folder per installed release, and a later process imports nothing."""
    code = (
        "import sys, grader.secrets, grader.probes.security\n"
        "from grader.claude import redact\n"
        "assert 'detect_secrets' not in sys.modules\n"
        "table = grader.secrets.load_secret_table()\n"
        "assert redact('db_password = \"aB3dE5fG7hJ9kL1mQ\"')[1] == 1\n"
        "print(len(table.rules), 'detect_secrets' in sys.modules)\n"
    )
    env = {**os.environ, "PROOFWORK_CACHE_DIR": str(tmp_path / "cache")}
    first, second = (
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        for _ in range(2)
    )
    count, imported = first.stdout.split()
    assert imported == "True" and second.stdout.split() == [count, "False"]
    assert int(count) == len(load_secret_table().rules)
    (cached,) = (tmp_path / "cache" / "detect-secrets").iterdir()
    assert cached.name == f"{fingerprint()}.json"
