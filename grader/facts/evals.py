"""Facts about a project's evals: where the harness is, which files are evals, its datasets and its results.

Shared by the evals, tests and CI probes, computed once per grade.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from grader.facts.code import Site, code_facts
from grader.facts.requirements import table_sites
from grader.matching import compile_pattern
from grader.snapshot import RepoFile

if TYPE_CHECKING:
    from grader.context import Context

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ALL_ROLES = ("source", "test", "example", "eval")
OWN_FRAMEWORK = 0.7  # an eval framework's own examples and tests use it: the harness exists, aimed at itself


def own_packages(ctx: Context) -> set[str]:
    """Top-level Python packages this repository defines (`deepeval`, `src/ragas` -> ragas)."""
    if "own_packages" in ctx.memo:
        found: set[str] = ctx.memo["own_packages"]
        return found
    folders = {posixpath.dirname(p) for p in ctx.snapshot.entries if p.endswith("/__init__.py")}
    names = set()
    for folder in folders:
        parent = posixpath.dirname(folder)
        if parent not in folders:  # the package root: its parent is no package
            names.add(posixpath.basename(folder))
    names -= {"tests", "test", "src", "examples", "docs", "scripts"}
    ctx.memo["own_packages"] = names
    return names


def _is_own(site: Site, own: set[str]) -> bool:
    return site.name.split(".")[0].split("/")[0] in own


@dataclass(frozen=True)
class Harness:
    """Where the project evaluates itself. When the project *is* an eval framework (its own package is one a
    harness signal names, e.g. deepeval, ragas, pydantic_evals, dspy), its source is the product: only its
    tests and examples show the harness at work, and they earn the own-framework credit."""

    sites: list[Site]  # framework or evaluation-API use by a project that is not itself a framework
    own: list[Site]  # an eval framework's own tests and examples using it
    custom: list[Site]  # metric functions defined or called in eval files and notebooks
    framework: bool = False

    @property
    def files(self) -> set[str]:
        return {s.path for s in [*self.sites, *self.own, *self.custom]}


def _metric_definitions(ctx: Context) -> list[Site]:
    """Functions named like retrieval or answer metrics, defined in eval-path files or notebooks."""
    pattern = compile_pattern(
        r"(?i)^(?:compute_|calc(?:ulate)?_|eval(?:uate)?_|get_)?(?:hit_?rate|mrr|mean_reciprocal_rank|recall_at_?k?\w*"
        r"|precision_at_?k?\w*|ndcg\w*|exact_match\w*|f1\w*|accuracy|faithfulness\w*|answer_relevan\w*|rouge\w*"
        r"|bleu\w*|context_(?:precision|recall)\w*|groundedness\w*|correctness\w*|\w+_evaluator|llm_judge\w*|judge\w*)$"
    )
    sites = []
    for facts in code_facts(ctx).files.values():
        if facts.file.kind != "notebook" and not _eval_path(ctx, facts.file.path):
            continue
        for name, line, *_ in facts.data.get("functions", []):
            if pattern.match(name):
                sites.append(Site(facts.file.path, line, f"{name}()", facts.role))
    return sites


def harness(ctx: Context) -> Harness:
    if "eval_harness" in ctx.memo:
        found: Harness = ctx.memo["eval_harness"]
        return found
    own = own_packages(ctx)
    facts = code_facts(ctx)
    theirs: dict[tuple[str, str], Site] = {}
    mine: dict[tuple[str, str], Site] = {}
    framework = False
    for signal in ctx.tables.signals("evals.harness"):
        for site in facts.signal_sites(signal, ALL_ROLES):
            named = Site(site.path, site.line, signal.name, site.role)
            if not _is_own(site, own):
                theirs.setdefault((signal.name, site.path), named)
                continue
            framework = True
            if site.role in {"test", "example"}:
                mine.setdefault((signal.name, site.path), named)
    custom = _metric_definitions(ctx)
    custom += [
        s
        for s in table_sites(ctx, "evals.metric_functions", ALL_ROLES)
        if _eval_path(ctx, s.path) and not s.path.endswith(".ipynb")
    ]
    if framework:  # a framework's own source, docs and examples are its product: only its use on itself counts
        mine.update({(s.name, s.path): s for s in theirs.values() if s.role != "source"})
        theirs = {}
        custom = []
    result = Harness(list(theirs.values()), list(mine.values()), custom, framework)
    ctx.memo["eval_harness"] = result
    return result


def _eval_path(ctx: Context, path: str, by_name: bool = True) -> bool:
    """In an eval folder, or (unless `by_name` is off) named for evals."""
    if compile_pattern(ctx.tables.setting("evals", "eval_paths")).search(path):
        return True
    return by_name and compile_pattern(ctx.tables.setting("evals", "eval_names")).search(path) is not None


def eval_files(ctx: Context) -> set[str]:
    """Files that are evals: they use a harness or compute eval metrics, or sit in an eval folder."""
    found = harness(ctx)
    paths = {s.path for s in [*found.sites, *found.custom]}  # a framework's tests of itself are tests
    framework = found.framework
    for path, facts in code_facts(ctx).files.items():
        if path.endswith(".ipynb") or (framework and facts.role == "source"):
            continue
        if _eval_path(ctx, path, by_name=not framework):
            paths.add(path)
    return paths


# -- datasets ------------------------------------------------------------------------------------------
def _records(file: RepoFile) -> list[dict[str, Any]]:
    ext = posixpath.splitext(file.path)[1].lower()
    data: Any = None
    try:
        if ext == ".jsonl":
            rows = [json.loads(line) for line in file.text.splitlines()[:200] if line.strip()]
            return [r for r in rows if isinstance(r, dict)]
        if ext in {".csv", ".tsv"}:
            reader = csv.DictReader(io.StringIO(file.text[:400_000]), delimiter="\t" if ext == ".tsv" else ",")
            return [dict(row) for _, row in zip(range(2000), reader, strict=False)]
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


@dataclass(frozen=True)
class Dataset:
    path: str
    line: int
    cases: int
    literal: bool = False


def datasets(ctx: Context) -> list[Dataset]:
    """Data files and Python literals whose records pair an input with an expected answer (not a verdict)."""
    if "eval_datasets" in ctx.memo:
        cached: list[Dataset] = ctx.memo["eval_datasets"]
        return cached
    config = ctx.tables.config["evals"]["dataset"]
    hint = compile_pattern(config["path_hints"])
    inputs, expected, judged = set(config["input_keys"]), set(config["expected_keys"]), set(config["judged_keys"])
    truth = compile_pattern(config["truth_paths"])
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
        answers = expected | (set(config["truth_keys"]) if truth.search(file.path) else set())
        if keys & inputs and keys & answers and not keys & judged:
            found.append(Dataset(file.path, 1, len(records)))
    for facts in code_facts(ctx).files.values():
        for _name, line, count, keys in facts.data.get("datasets", []):
            lowered = {k.lower() for k in keys}
            if lowered & inputs and lowered & expected and count >= config["min_records"]:
                found.append(Dataset(facts.file.path, line, count, literal=True))
    ctx.memo["eval_datasets"] = found
    return found


def remote_datasets(ctx: Context) -> list[Site]:
    """Evaluation calls that name a dataset kept in an eval platform, and calls that create one."""
    config = ctx.tables.config["evals"]
    facts = code_facts(ctx)
    named = [
        s
        for s in facts.with_keywords(config["remote_dataset_keywords"], ALL_ROLES)
        if s.name.rsplit(".", 1)[-1] in {"evaluate", "aevaluate", "evaluate_existing", "run"}
    ]
    return named + facts.calls(config["remote_dataset_calls"], ALL_ROLES)


# -- results -------------------------------------------------------------------------------------------
def unread_results(ctx: Context) -> list[str]:
    """Results files too large to read (a 2 MB experiment log): committed, counted by their path alone."""
    config = ctx.tables.config["evals"]["results"]
    from grader.snapshot import matches_any

    skipped = {s.path for s in ctx.snapshot.skipped if s.reason.startswith("over ")}
    return [
        p
        for p in skipped
        if posixpath.splitext(p)[1].lower() in config["extensions"] and matches_any(p, config["paths"])
    ]


def results_files(ctx: Context) -> list[tuple[RepoFile, int]]:
    """Committed files a run wrote that hold measured numbers next to metric names: (file, numbers)."""
    config = ctx.tables.config["evals"]["results"]
    words = compile_pattern(config["metric_words"])
    number = compile_pattern(r"\d*\.\d+|\b\d{1,3}(?:\.\d+)?\s?%")
    from grader.snapshot import matches_any

    found = []
    for file in ctx.snapshot.files.values():
        ext = posixpath.splitext(file.path)[1].lower()
        if ext not in config["extensions"] or not matches_any(file.path, config["paths"]):
            continue
        if file.kind == "markdown" and file.path.lower().startswith(("docs/", "doc/")):
            continue  # documentation about evaluation; a results table there is read by `docs_results`
        head = file.text[:200_000]
        numbers = len(number.findall(head))
        if numbers >= config["min_numbers"] and words.search(head):
            found.append((file, numbers))
    return found


def docs_results(ctx: Context) -> list[tuple[RepoFile, int]]:
    """Markdown pages under docs/ with a results table: metric names and at least three measured numbers in a
    table row (`| R@5 | 0.82 |`)."""
    config = ctx.tables.config["evals"]["results"]
    words = compile_pattern(config["metric_words"])
    row = compile_pattern(r"(?m)^\s*\|.*\d.*\|\s*$")
    number = compile_pattern(r"\d*\.\d+|\b\d{1,3}(?:\.\d+)?\s?%")
    found = []
    results_page = compile_pattern(r"(?i)eval|result|benchmark|experiment|ablation|performance|leaderboard")
    for file in ctx.snapshot.files.values():
        if file.kind != "markdown" or not file.path.lower().startswith(("docs/", "doc/")):
            continue
        title = next((ln for ln in file.text.splitlines()[:30] if ln.startswith("#")), "")
        if not (results_page.search(posixpath.basename(file.path)) or results_page.search(title)):
            continue
        rows = [m.group(0) for m in row.finditer(file.text[:200_000])]
        table = "\n".join(rows)
        if len(number.findall(table)) >= 3 and words.search(table):
            line = file.text[: file.text.find(rows[0])].count("\n") + 1 if rows else 1
            found.append((file, line))
    return found
