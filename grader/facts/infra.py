"""Infrastructure files read as data: literal credentials in compose files, manifests and Dockerfiles, and
how a repository's CI is hardened (workflow permissions, actions pinned to a commit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from grader.matching import compile_pattern
from grader.report import Evidence
from grader.snapshot import RepoFile

if TYPE_CHECKING:
    from grader.context import Context

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_REFERENCE = compile_pattern(r"^\s*$|\$\{?|\{\{|<[^>]*>|^(?:changeme|change-me|xxx+|\*+|your[_-].*)$")
_SHA_PIN = compile_pattern(r"@[0-9a-f]{40}\b")


def _env_pairs(node: yaml.Node) -> list[tuple[str, str, int]]:
    """(name, value, 0-based line) of `environment:` / `env:` entries in a compose file or manifest."""
    pairs: list[tuple[str, str, int]] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            if name in {"environment", "env", "args"}:
                if isinstance(value, yaml.MappingNode):
                    pairs += [
                        (k.value, v.value, v.start_mark.line)
                        for k, v in value.value
                        if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)
                    ]
                elif isinstance(value, yaml.SequenceNode):
                    for item in value.value:
                        if isinstance(item, yaml.ScalarNode) and "=" in item.value:
                            k, _, v = item.value.partition("=")
                            pairs.append((k.strip(), v.strip(), item.start_mark.line))
                        elif isinstance(item, yaml.MappingNode):  # Kubernetes `- name: X / value: y`
                            fields = {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode)}
                            if isinstance(fields.get("name"), yaml.ScalarNode) and isinstance(
                                fields.get("value"), yaml.ScalarNode
                            ):
                                pairs.append(
                                    (fields["name"].value, fields["value"].value, fields["value"].start_mark.line)
                                )
            pairs += _env_pairs(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            pairs += _env_pairs(item)
    return pairs


def _dockerfile_pairs(text: str) -> list[tuple[str, str, int]]:
    pairs = []
    for number, line in enumerate(text.splitlines()):
        words = line.strip().split(None, 1)
        if len(words) == 2 and words[0].upper() in {"ENV", "ARG"}:
            for part in words[1].split():
                if "=" in part:
                    name, _, value = part.partition("=")
                    pairs.append((name, value.strip("'\""), number))
    return pairs


def infra_credentials(files: list[RepoFile], names: str) -> list[Evidence]:
    """A literal value under a secret-looking name: `POSTGRES_PASSWORD: postgres`, `ENV API_KEY=abc123`."""
    secret = compile_pattern(names)
    found = []
    for file in files:
        if file.path.endswith(("Dockerfile",)) or file.path.endswith(".Dockerfile"):
            pairs = _dockerfile_pairs(file.text)
        else:
            try:
                documents = list(yaml.compose_all(file.text, Loader=SafeLoader))
            except yaml.YAMLError:
                continue
            pairs = [p for doc in documents if doc is not None for p in _env_pairs(doc)]
        lines = file.text.splitlines()
        for name, value, line in pairs:
            if secret.search(name) and not _REFERENCE.search(value) and not name.upper().endswith(("_FILE", "_PATH")):
                shown = lines[line].strip() if line < len(lines) else name
                redacted = shown.split(value)[0] + value[:2] + "…[redacted]" if value and value in shown else name
                found.append(Evidence(path=file.path, start_line=line + 1, end_line=line + 1, snippet=redacted[:160]))
    return found


def ci_hardening(ctx: Context) -> list[Evidence]:
    """Workflows that declare least-privilege `permissions:` or pin actions to a commit SHA."""
    found = []
    for path, file in ctx.snapshot.files.items():
        if not path.startswith(".github/workflows/"):
            continue
        try:
            data: Any = yaml.load(file.text, Loader=SafeLoader)
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and "permissions" in data:
            found.append(Evidence(path=path, snippet="permissions:"))
        elif _SHA_PIN.search(file.text):
            found.append(Evidence(path=path, snippet="actions pinned to a commit"))
    return found
