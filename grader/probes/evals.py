"""Evals: does the LLM project measure its own quality, with data, thresholds, CI and results?"""

from __future__ import annotations

import csv
import io
import json
import posixpath
from typing import Any

import yaml

from grader import textmatch
from grader.context import Context, SafeLoader
from grader.probes.base import (
    Result,
    graded,
    hits_evidence,
    names,
    not_detected,
    passed,
    probe,
    used_or_declared,
)
from grader.report import Evidence
from grader.snapshot import RepoFile

HAMEL = "https://hamel.dev/blog/posts/evals/"


def _records(file: RepoFile) -> list[dict[str, Any]]:
    ext = posixpath.splitext(file.path)[1].lower()
    data: Any = None
    try:
        if ext == ".jsonl":
            rows = [json.loads(line) for line in file.text.splitlines()[:50] if line.strip()]
            return [r for r in rows if isinstance(r, dict)]
        if ext in {".csv", ".tsv"}:
            reader = csv.DictReader(io.StringIO(file.text[:200_000]), delimiter="\t" if ext == ".tsv" else ",")
            return [dict(row) for _, row in zip(range(50), reader, strict=False)]
        data = json.loads(file.text) if ext == ".json" else yaml.load(file.text, Loader=SafeLoader)
    except (ValueError, yaml.YAMLError, csv.Error):
        return []
    if isinstance(data, dict):  # {"examples": [...]} or promptfoo's {"tests": [...]}
        lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        data = max(lists, key=len) if lists else None
    if isinstance(data, list):
        return [r for r in data if isinstance(r, dict)]
    return []


def _keys(record: dict[str, Any]) -> set[str]:
    keys = {str(k).lower() for k in record}
    for value in record.values():  # LangSmith-style {"inputs": {...}, "outputs": {...}}
        if isinstance(value, dict):
            keys |= {str(k).lower() for k in value}
    return keys


def golden_datasets(ctx: Context) -> list[tuple[RepoFile, int]]:
    config = ctx.tables.config["evals"]["dataset"]
    hint = textmatch.compile(config["path_hints"])
    inputs, expected = set(config["input_keys"]), set(config["expected_keys"])
    found = []
    for file in ctx.snapshot.files.values():
        ext = posixpath.splitext(file.path)[1].lower()
        if ext not in config["extensions"] or file.path.startswith(".github/"):
            continue
        if ext in {".yaml", ".yml", ".json"} and not (hint.search(file.path) or "promptfoo" in file.path):
            continue  # config files are YAML/JSON too: only look where the path says "eval", "dataset"...
        records = _records(file)
        if len(records) < config["min_records"]:
            continue
        keys = set().union(*(_keys(r) for r in records[:10]))
        if keys & inputs and keys & expected:
            found.append((file, len(records)))
    return found


@probe(
    "evals.harness",
    title="Eval harness",
    why="An LLM feature without an eval harness changes behaviour silently with every prompt or model edit.",
    fix="Add an eval suite (DeepEval, promptfoo, Ragas, inspect-ai, or a script that scores a dataset).",
    doc=HAMEL,
    requires=("llm",),
)
def harness(ctx: Context) -> Result:
    hits = ctx.scan.find("evals.harness")
    if not hits:
        return not_detected("no eval harness detected (none of the known tools, no eval script computing metrics)")
    return used_or_declared(hits, "eval harness")


@probe(
    "evals.golden_dataset",
    title="Golden dataset",
    why="Evals need fixed inputs with expected outputs, versioned with the code, to compare runs.",
    fix="Commit a JSONL/CSV/YAML file of cases with `input` and `expected` fields under evals/.",
    doc=HAMEL,
    requires=("llm",),
)
def golden_dataset(ctx: Context) -> Result:
    found = golden_datasets(ctx)
    if not found:
        return not_detected("no dataset file with input and expected fields detected")
    total = sum(n for _, n in found)
    evidence = [
        Evidence(path=f.path, start_line=1, end_line=1, snippet=f.text.split("\n", 1)[0][:200]) for f, _ in found[:5]
    ]
    credit = 1.0 if total >= 20 else 0.7
    return graded(f"{len(found)} dataset file(s), at least {total} cases", credit, evidence)


@probe(
    "evals.thresholds",
    title="Eval pass thresholds",
    why="A score without a threshold cannot fail a build, so regressions ship.",
    fix="Give each eval metric a threshold (`threshold=0.8`, `assert score >= 0.8`) that fails the run.",
    requires=("llm",),
)
def thresholds(ctx: Context) -> Result:
    harness_files = {h.path for h in ctx.scan.find("evals.harness")}
    hint = textmatch.compile(r"(?i)eval|bench|promptfoo|test|score|judge")
    files = [f for f in ctx.snapshot.files.values() if f.path in harness_files or hint.search(f.path)]
    hits = ctx.scan.find("evals.thresholds", files=files)
    if not hits:
        return not_detected("no threshold detected in eval or test files")
    return passed(f"thresholds: {names(hits)}", hits_evidence(hits))


@probe(
    "evals.in_ci",
    title="Evals run in CI",
    why="Evals that run only on a laptop stop running; CI makes them a gate.",
    fix="Run the eval suite in a CI workflow (e.g. `deepeval test run`, `promptfoo eval`, `pytest evals/`).",
    requires=("llm",),
)
def in_ci(ctx: Context) -> Result:
    if not ctx.ci.workflows:
        return not_detected("no CI workflow, so evals do not run in CI")
    hits = ctx.ci_hits("evals.ci_commands")
    if not hits:
        return not_detected("CI runs no eval command a table knows")
    return passed(f"CI runs evals: {names(hits)}", hits_evidence(hits))


@probe(
    "evals.results",
    title="Committed eval results or baseline",
    why="A baseline is what the next change is compared against; results show the suite is actually run.",
    fix="Commit eval results (a JSON/CSV/Markdown report or baseline) and quote the numbers in the README.",
    requires=("llm",),
)
def results(ctx: Context) -> Result:
    paths = ctx.scan.files(ctx.tables.setting("evals", "results")["paths"])
    if paths:
        return passed(f"{len(paths)} results/baseline file(s)", [Evidence(path=p) for p in paths[:5]])
    readme = ctx.readme
    metric = textmatch.compile(ctx.tables.setting("docs", "metric_pattern"))
    if readme:
        for section in readme.find(ctx.tables.setting("docs", "sections")["results"]):
            if metric.search(section.body):
                evidence = Evidence(
                    path=readme.file.path,
                    start_line=section.line,
                    end_line=section.end_line,
                    snippet=section.heading,
                )
                return graded("results quoted in the README, no results file committed", 0.6, [evidence])
    return not_detected("no committed eval results or baseline detected")
