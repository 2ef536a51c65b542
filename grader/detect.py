"""Detection tables: what counts as an eval harness, a tracing library, a retry, a secret...

They live in `content/grader/*.yaml` (data a person can extend), are validated here at load, and never
hold code. A signal matches by import, by declared package, by a regular expression over text, or by path.
"""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, field_validator

from curriculum.errors import UserError
from curriculum.resources import content_dir
from curriculum.yaml_models import read_mapping, validate
from grader import textmatch
from grader.globs import glob_set
from grader.matching import any_of


class Signal(BaseModel):
    """One thing a table knows: a library, a command, a file name."""

    name: str
    imports: list[str] = Field(default_factory=list, description="Python or JS module names (and their submodules)")
    packages: list[str] = Field(default_factory=list, description="Names declared in dependency manifests")
    calls: list[str] = Field(
        default_factory=list, description="Globs over qualified call names: `langsmith*.evaluate`, `*.with_retry`"
    )
    keywords: list[str] = Field(
        default_factory=list, description="Keyword arguments (JS: object keys) a call passes, e.g. `timeout`"
    )
    keyword_calls: list[str] = Field(default_factory=list, description="Only calls matching these globs count")
    call_text: list[str] = Field(
        default_factory=list, description="With `calls`: the call's first string argument must be one of these"
    )
    decorators: list[str] = Field(default_factory=list, description="Globs over qualified decorator names")
    bases: list[str] = Field(default_factory=list, description="Globs over class bases: `*.BaseModel`")
    attributes: list[str] = Field(default_factory=list, description="Attribute names read: `usage_metadata`")
    handlers: list[str] = Field(default_factory=list, description="Globs over caught exceptions: `*.RateLimitError`")
    patterns: list[str] = Field(
        default_factory=list, description="RE2 regular expressions over configuration and other non-code text"
    )
    paths: list[str] = Field(default_factory=list, description="Globs; '*' crosses '/', no '/' means the file name")
    in_docs: bool = Field(False, description="Also search Markdown (a mention is weak evidence)")
    strength: float = Field(1.0, ge=0, le=1, description="Credit a probe gives for this signal alone")
    path_hint: str | None = Field(None, description="RE2 regex the file path must match for a text hit to count")

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                compiled = textmatch.compile(pattern)
            except textmatch.Error as error:
                raise ValueError(f"pattern {pattern!r} is not linear-time RE2 syntax: {error}") from error
            if compiled.groupindex:
                raise ValueError(f"pattern {pattern!r}: named groups are reserved for the scanner")
        return patterns

    @field_validator("path_hint")
    @classmethod
    def _hint_compiles(cls, hint: str | None) -> str | None:
        if hint is not None and (why := textmatch.check(hint)) is not None:
            raise ValueError(f"path_hint {hint!r} is not linear-time RE2 syntax: {why}")
        return hint


class SkipRules(BaseModel):
    """Vendored and generated content that is listed as skipped instead of read."""

    folders: list[str]
    generated_folders: list[str] = Field(default_factory=list)
    files: list[str] = Field(default_factory=list)
    binary_extensions: list[str] = Field(default_factory=list)
    vendored_paths: list[str] = Field(default_factory=list, description="Regexes over the path (linguist vendor.yml)")
    generated_paths: list[str] = Field(default_factory=list, description="Regexes over the path (linguist generated)")

    def folder_of(self, path: str) -> str | None:
        parts = path.split("/")[:-1]
        for i, part in enumerate(parts):
            if part in self.folders or part in self.generated_folders:
                return "/".join(parts[: i + 1]) + "/"
        for patterns in (self.vendored_paths, self.generated_paths):
            match = any_of(tuple(patterns)).search(path)
            if match is not None and match.group(0).endswith("/"):
                return path[: match.end()]
        return None

    def reason(self, path: str) -> str | None:
        parts = path.split("/")[:-1]
        for part in parts:
            if part in self.folders:
                return "vendored tree"
            if part in self.generated_folders:
                return "generated tree"
        name = posixpath.basename(path)
        found = glob_set(tuple(self.files)).first(name)
        if found is not None:
            return f"generated or vendored file ({self.files[found]})"
        if posixpath.splitext(name)[1].lower() in self.binary_extensions:
            return "binary (by extension)"
        for patterns, what in ((self.vendored_paths, "vendored"), (self.generated_paths, "generated")):
            match = any_of(tuple(patterns)).search(path)
            if match is not None:
                shape = "tree" if match.group(0).endswith("/") else "file"
                return f"{what} {shape} (linguist convention)"
        return None


class _SignalGroups(BaseModel):
    """The `signals:` of one detection table; the rest of the file is that table's settings, read by name."""

    signals: dict[str, list[Signal]] | None = None


class Tables:
    """All tables: signal groups by '<file>.<group>' and each file's other settings."""

    def __init__(self, groups: dict[str, list[Signal]], config: dict[str, dict[str, Any]], skip: SkipRules) -> None:
        self.groups = groups
        self.config = config
        self.skip = skip

    def scope(self, group: str) -> str:
        """Where a group's patterns apply: any text, code only, or configuration only (table `scopes:`)."""
        table, _, name = group.partition(".")
        scope = str(self.config.get(table, {}).get("scopes", {}).get(name, "any"))
        if scope not in {"any", "code", "config"}:
            raise UserError(f"detection table {table}.yaml: scope of {name} must be any, code or config")
        return scope

    def signals(self, group: str) -> list[Signal]:
        try:
            return self.groups[group]
        except KeyError:
            raise KeyError(f"no detection table group {group!r}") from None

    def setting(self, table: str, key: str) -> Any:
        return self.config[table][key]


def load_tables(folder: Path | None = None) -> Tables:
    folder = folder or content_dir() / "grader"
    return _load_tables(folder)


@cache
def _load_tables(folder: Path) -> Tables:
    groups: dict[str, list[Signal]] = {}
    config: dict[str, dict[str, Any]] = {}
    skip: SkipRules | None = None
    for path in sorted(folder.glob("*.yaml")):
        if path.stem == "rubric":
            continue
        data = read_mapping(path)
        # Validated as one mapping so an error names its place in the file: `signals.sdk[3].imports`.
        table = validate(_SignalGroups, data, str(path))
        groups.update((f"{path.stem}.{group}", signals) for group, signals in (table.signals or {}).items())
        data.pop("signals", None)
        if path.stem == "skip":
            skip = validate(SkipRules, data, str(path))
        config[path.stem] = data
    if skip is None:
        raise UserError(f"detection tables in {folder} lack skip.yaml")
    return Tables(groups, config, skip)
