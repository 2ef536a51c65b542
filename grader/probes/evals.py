"""Evals: does the LLM project measure its own quality, with data, thresholds, CI and results?"""

from __future__ import annotations

from grader.context import Context
from grader.facts.code import Site, code_facts
from grader.facts.commands import Command
from grader.facts.evals import (
    OWN_FRAMEWORK,
    datasets,
    docs_results,
    eval_files,
    harness,
    remote_datasets,
    results_files,
    unread_results,
)
from grader.facts.pipeline import read_pipeline, script_targets
from grader.facts.targets import model_call
from grader.matching import compile_pattern
from grader.probes.base import Result, graded, not_detected, passed, probe
from grader.probes.kinds import ci_matches, ci_result, evidence, lookup
from grader.report import Evidence
from grader.snapshot import RepoFile

HAMEL = "https://hamel.dev/blog/posts/evals/"
CUSTOM = 0.8  # a hand-written eval that computes metrics: real, without a framework's reports
README_ONLY = 0.5  # numbers quoted in the README, nothing committed a run wrote
REMOTE = 0.5  # a dataset in LangSmith or Braintrust: real cases, not versioned with the code
UNREAD = 0.8  # results committed but over the size limit: their numbers could not be checked
_METRIC_NAME = compile_pattern(
    r"(?i)score|accura|recall|precision|f1|faithful|pass|hit|mrr|ndcg|relevan|correct|rate|metric|threshold|result|"
    r"success|quality|similar|bleu|rouge|mean|avg|average"
)


@probe(
    "evals.harness",
    title="Eval harness",
    why="An LLM feature without an eval harness changes behaviour silently with every prompt or model edit.",
    fix="Add an eval suite (DeepEval, promptfoo, Ragas, inspect-ai, LangSmith evaluate, or a script that scores "
    "a dataset).",
    doc=HAMEL,
    requires=("llm",),
)
def eval_harness(ctx: Context) -> Result:
    found = harness(ctx)
    facts = code_facts(ctx)
    if found.framework and found.own:
        shown = facts.evidence_of(found.own)
        return graded("the project is an eval framework; its own tests and examples use it", OWN_FRAMEWORK, shown)
    if found.sites:
        names = ", ".join(sorted({s.name for s in found.sites}))
        return passed(f"eval harness: {names}", facts.evidence_of(found.sites))
    if found.custom:
        names = ", ".join(sorted({s.name for s in found.custom})[:5])
        return graded(f"hand-written eval metrics: {names}", CUSTOM, facts.evidence_of(found.custom))
    declared = lookup(ctx, "evals.harness").declared
    if declared:
        names = ", ".join(sorted({h.signal for h in declared}))
        shown = [Evidence(path=h.path, start_line=h.line, end_line=h.line, snippet=h.snippet) for h in declared[:3]]
        return not_detected(f"eval harness: {names} declared, not used (never imported in the code)", shown)
    return not_detected(
        "no eval harness: no eval framework or evaluation API used, no code computing eval metrics",
        fix_at=model_call(ctx),
    )


@probe(
    "evals.golden_dataset",
    title="Golden dataset",
    why="Evals need fixed inputs with expected outputs, versioned with the code, to compare runs.",
    fix="Commit a JSONL/CSV/YAML file (or a Python list) of cases with `input` and `expected` fields under evals/.",
    doc=HAMEL,
    requires=("llm",),
)
def golden_dataset(ctx: Context) -> Result:
    found = datasets(ctx)
    if not found:
        remote = remote_datasets(ctx)
        if remote:
            shown = code_facts(ctx).evidence_of(remote, 3)
            return graded("the eval runs on a dataset kept in an eval platform, not versioned here", REMOTE, shown)
        return not_detected(
            "no dataset of inputs with expected answers (files or Python literals)", fix_at=_eval_start(ctx)
        )
    total = sum(d.cases for d in found)
    facts = code_facts(ctx)
    shown = []
    for d in found[:5]:
        first = ctx.snapshot.files[d.path].text.split("\n", 1)[0][:160] if d.path in ctx.snapshot.files else ""
        snippet = facts.line_text(d.path, d.line) if d.literal else first
        line = facts.files[d.path].file.file_line(d.line) if d.literal and d.path in facts.files else d.line
        shown.append(Evidence(path=d.path, start_line=line, end_line=line, snippet=snippet))
    credit = 1.0 if total >= 10 else 0.6
    return graded(f"{len(found)} dataset(s), {total} cases", credit, shown)


def _eval_start(ctx: Context) -> list[Evidence]:
    """The learner's eval code (where a dataset, a threshold or saved results belong), else their model call."""
    found = harness(ctx)
    sites = found.sites + found.custom + found.own
    return code_facts(ctx).evidence_of(sites[:1], 1) if sites else model_call(ctx)


def _gates(ctx: Context) -> list[Evidence]:
    """Numbers an eval must reach: `assert score >= 0.8`, `if recall < T: sys.exit(1)`, `threshold=0.7`."""
    facts = code_facts(ctx)
    files = eval_files(ctx)
    shown = []
    for path in sorted(files):
        file_facts = facts.files.get(path)
        if file_facts is None:
            continue
        for line, names in file_facts.data.get("gates", []):
            if any(_METRIC_NAME.search(str(n)) for n in names):
                shown.append(facts.evidence(Site(path, line, "gate", file_facts.role)))
                break
    keyword = lookup(ctx, "evals.thresholds", ("source", "test", "example", "eval"), config=True)
    code = {"python", "notebook", "js", "ts"}
    shown += [
        e for e in evidence(ctx, keyword, 5) if e.path in files or getattr(ctx.file(e.path), "kind", "") not in code
    ]
    return shown


@probe(
    "evals.thresholds",
    title="Eval pass thresholds",
    why="A score without a threshold cannot fail a build, so regressions ship.",
    fix="Give each eval metric a threshold that fails the run (`assert recall_at_5 >= 0.8`, `threshold=0.7`).",
    requires=("llm",),
)
def thresholds(ctx: Context) -> Result:
    shown = _gates(ctx)
    if not shown:
        where = sorted(eval_files(ctx))[:1]
        hint = f" ({where[0]} computes scores but never fails a run)" if where else ""
        return not_detected(
            f"no eval metric is compared with a threshold that fails the run{hint}", fix_at=_eval_start(ctx)
        )
    return passed(f"{len(shown)} threshold(s) that fail a run", shown[:5])


def eval_commands(ctx: Context) -> list[Command]:
    """CI commands that run evals: an eval tool, or a test runner or script aimed at eval files."""
    commands = list(ci_matches(ctx, "evals.ci_commands"))
    files = eval_files(ctx)
    runners = compile_pattern(r"^(?:pytest|py\.test|python3?|node|tsx|vitest|jest)\b")
    for command in read_pipeline(ctx).commands:
        if command in commands or not runners.search(command.text):
            continue
        targets = script_targets(command)
        if any(f == t or f.startswith(t.rstrip("/") + "/") for t in targets for f in files):
            commands.append(command)
    return commands


@probe(
    "evals.in_ci",
    title="Evals run in CI",
    why="Evals that run only on a laptop stop running; CI makes them a gate.",
    fix="Run the eval suite in a CI workflow on push or pull request (deepeval test run, promptfoo eval, "
    "pytest evals/).",
    requires=("llm",),
)
def in_ci(ctx: Context) -> Result:
    if not read_pipeline(ctx).counted:
        return not_detected("no CI workflow runs on push, pull request or schedule, so evals do not run in CI")
    return ci_result(ctx, eval_commands(ctx), "evals")


@probe(
    "evals.results",
    title="Committed eval results or baseline",
    why="A baseline is what the next change is compared against; results show the suite is actually run.",
    fix="Commit the results of an eval run (JSON, CSV or a Markdown table with the measured numbers).",
    requires=("llm",),
)
def results(ctx: Context) -> Result:
    files = results_files(ctx)
    pages = docs_results(ctx)
    shown = [Evidence(path=f.path, start_line=1, snippet=f.text.split("\n", 1)[0][:160]) for f, _ in files[:3]]
    shown += [Evidence(path=f.path, start_line=line, end_line=line) for f, line in pages[:2]]
    if shown:
        return passed(f"{len(files) + len(pages)} committed results file(s) with measured numbers", shown)
    large = unread_results(ctx)
    if large:
        shown = [Evidence(path=p) for p in large[:3]]
        return graded(f"{len(large)} results file(s) too large to read, counted by their path", UNREAD, shown)
    readme = ctx.readme
    metric = compile_pattern(ctx.tables.setting("docs", "metric_pattern"))
    if readme:
        for section in readme.find(ctx.tables.setting("docs", "sections")["results"]):
            if metric.search(section.body):
                evidence_line = Evidence(
                    path=readme.file.path, start_line=section.line, end_line=section.end_line, snippet=section.heading
                )
                return graded("results quoted in the README, no results file committed", README_ONLY, [evidence_line])
    return not_detected("no committed eval results with measured numbers", fix_at=_eval_start(ctx))


def golden_datasets(ctx: Context) -> list[tuple[RepoFile, int]]:
    """(file, cases) for each dataset file or module holding a literal dataset: what the review pack shows."""
    found: dict[str, int] = {}
    for dataset in datasets(ctx):
        found[dataset.path] = found.get(dataset.path, 0) + dataset.cases
    return [(ctx.snapshot.files[p], n) for p, n in found.items() if p in ctx.snapshot.files]
