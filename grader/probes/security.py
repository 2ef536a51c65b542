"""Security hygiene: committed secrets, environment files, PII handling, pinned dependencies.

Passing by absence (no key found) is worth what there was to get wrong: a 30-line repository cannot earn a
security score for having nothing to leak. The HTTP surface and unsafe code are in `security_surface.py`.
"""

from __future__ import annotations

import posixpath
from functools import partial
from typing import Any

from grader import textmatch
from grader.claude.redact import redact
from grader.context import Context
from grader.facts.code import own_paths
from grader.facts.requirements import uses_environment
from grader.probes.base import Result, by_basis, failed, graded, not_applicable, not_detected, passed, probe
from grader.probes.kinds import Uses, declare
from grader.report import Evidence
from grader.secrets import find_secrets
from grader.snapshot import RepoFile, matches_any

GITHUB_SECRETS = "https://docs.github.com/en/code-security/secret-scanning"


def _secrets_in(ctx: Context, file: RepoFile, placeholder: textmatch.Pattern) -> list[Any]:
    """[name, line, masked line] for each committed secret in the file (grader.secrets: the same table the
    review's redaction masks with), placeholders left out."""
    rows: list[Any] = []
    for found in find_secrets(file.text, file.path):
        if placeholder.search(file.text[found.match_start : found.match_end]):
            continue
        line_start = file.text.rfind("\n", 0, found.match_start) + 1
        line_end = file.text.find("\n", found.match_end)
        line = file.text[line_start : line_end if line_end != -1 else len(file.text)]
        rows.append([found.rule.description, ctx.scan.line_of(file, found.start), redact(line)[0].strip()[:200]])
    return rows


def find_secrets_in(ctx: Context) -> list[tuple[str, Evidence]]:
    config = ctx.tables.config["security"]
    placeholder = textmatch.compile(config["placeholders"])
    examples: list[str] = config["example_files"]
    found: list[tuple[str, Evidence]] = []
    for file in ctx.snapshot.files.values():
        if matches_any(file.path, examples):
            continue
        rows = ctx.scan.per_file(file, "security.secrets", partial(_secrets_in, ctx, file, placeholder))
        for name, line, snippet in rows:
            found.append((name, Evidence(path=file.path, start_line=line, end_line=line, snippet=snippet)))
    return found


@probe(
    "security.secrets",
    title="No committed secrets",
    why="A key in git history is public forever; it must be revoked, not just deleted.",
    fix="Revoke the key, remove it from history, and load secrets from the environment (.env git-ignored).",
    doc=GITHUB_SECRETS,
)
def secrets(ctx: Context) -> Result:
    found = find_secrets_in(ctx)
    if found:
        kinds = ", ".join(sorted({n for n, _ in found}))
        return failed(f"{len(found)} likely secret(s) committed: {kinds}", [e for _, e in found[:10]])
    return by_basis(ctx, passed(f"no provider key patterns in {len(ctx.snapshot.files)} files (placeholders ignored)"))


@probe(
    "security.env_ignored",
    title=".env kept out of git",
    why="A committed .env leaks every key in it; .gitignore is the guard.",
    fix="Add `.env` to .gitignore and remove any committed .env file (then rotate its keys).",
)
def env_ignored(ctx: Context) -> Result:
    config = ctx.tables.config["security"]
    committed = [p for p in ctx.snapshot.entries if matches_any(p, config["env_files"])]
    if committed:
        return failed(
            f"committed env file(s): {', '.join(committed[:5])}",
            [Evidence(path=p, start_line=1) for p in committed[:5]],
        )
    ignore = ctx.file(".gitignore")
    if ignore:
        for n, line in enumerate(ignore.text.splitlines(), 1):
            if textmatch.fullmatch(r"\s*/?(?:\*\*/)?(?:\.env[*.\w-]*|\*\.env|\.env\*)\s*", line):
                return passed(
                    ".env is ignored",
                    [Evidence(path=ignore.path, start_line=n, end_line=n, snippet=line.strip())],
                )
    if not uses_environment(ctx):
        return not_applicable("no environment configuration used and no .env committed")
    return failed(".gitignore does not ignore .env", [Evidence(path=".gitignore")] if ignore else [])


@probe(
    "security.env_example",
    title=".env.example documents configuration",
    why="An example env file tells a reader which keys to set, without sharing any.",
    fix="Commit a .env.example listing every variable with placeholder values.",
    requires=("env",),
)
def env_example(ctx: Context) -> Result:
    examples = own_paths(ctx, ctx.tables.setting("security", "env_examples"))
    if examples:
        return passed(f"example env file: {examples[0]}", [Evidence(path=p) for p in examples[:3]])
    return not_detected("no .env.example detected")


declare(
    "security.pii",
    Uses("security.pii", "PII masking"),
    title="PII masking",
    why="Prompts and traces often carry user data; masking keeps it out of logs and third-party APIs.",
    fix="Redact emails, phone numbers and ids before logging or sending text to a model (Presidio or a tested "
    "redact_pii function).",
    requires=("llm",),
)


_REQUIREMENT = textmatch.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._\[\],-]*)\s*(.*)$")


@probe(
    "security.pinned_dependencies",
    title="Pinned dependencies",
    why="A lock file makes installs reproducible and shows exactly what was tested.",
    fix="Commit a lock file (uv.lock, poetry.lock, package-lock.json) or pin requirements with ==.",
)
def pinned_dependencies(ctx: Context) -> Result:
    locks = own_paths(ctx, ctx.tables.setting("security", "lockfiles"))
    if locks:
        return passed(f"lock file: {', '.join(locks[:3])}", [Evidence(path=p) for p in locks[:3]])
    requirements = [
        f
        for f in ctx.snapshot.files.values()
        if posixpath.basename(f.path).startswith("requirements") and f.path.endswith(".txt")
    ]
    loose: list[Evidence] = []
    pinned = 0
    for file in requirements:
        for n, line in enumerate(file.text.splitlines(), 1):
            match = _REQUIREMENT.match(line.split("#", 1)[0])
            if not match or line.lstrip().startswith("-"):
                continue
            if "==" in match.group(2) or "@" in match.group(2):
                pinned += 1
            else:
                loose.append(Evidence(path=file.path, start_line=n, end_line=n, snippet=line.strip()))
    if requirements and not loose and pinned:
        return passed(f"{pinned} requirements pinned with ==", [Evidence(path=f.path) for f in requirements[:3]])
    if loose:
        share = pinned / (pinned + len(loose))
        return graded(f"{len(loose)} unpinned requirement(s), no lock file", 0.5 * share, loose[:5])
    manifests = [p for p in ("pyproject.toml", "package.json", "setup.py", "Pipfile") if p in ctx.snapshot.entries]
    if manifests:
        return failed(f"{', '.join(manifests)} without a lock file", [Evidence(path=p) for p in manifests])
    return not_applicable("no dependency manifest")
