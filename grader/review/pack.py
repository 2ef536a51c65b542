"""The evidence pack: what the reviewer reads, built from the graded snapshot under a token budget.

Order, most telling first and the same for the same commit: static findings, tree summary, README, CI
workflows (and the scripts they run), eval configs, the head of eval datasets, LLM call sites, files the static
findings cite, the manifest, design docs, a sample of tests. Whole files until the soft limit, then names only;
a file over the per-file cap shows its head. Lines carry their numbers as stored in git, so citations can be
checked against the snapshot. Secrets are redacted here (and again before sending); dotenv files are never read.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from grader import textmatch
from grader.claude import InjectionSignal, estimate_input_tokens, find_injection_signals, is_env_file, redact
from grader.context import Context
from grader.facts.requirements import model_call_lines
from grader.report import GradeReport, Outcome
from grader.snapshot import RepoFile

# 40k tokens: about 120 KB of text by the deliberately high 3-characters-a-token estimate, which holds the
# README, CI, eval files, call sites and a test sample of a typical portfolio repository whole; the worst case
# of one review on Sonnet 5.5 (40k in + 8k out) stays under $0.17 at the October 2026 list price.
DEFAULT_TOKEN_BUDGET = 40_000
MIN_TOKEN_BUDGET = 4_000
SOFT_LIMIT = 0.9  # past 90 % of the budget only names are added: the last files must not crowd out the answer
PER_FILE_SHARE = 8  # one file gets at most budget / 8: a 5,000-line module must not be the whole review
DATASET_HEAD_LINES = 20
LINE_CHARS = 400  # minified or long-context lines are cut; their numbers stay right
CALL_SITE_WINDOW = 15
TREE_MAX_LINES = 250
MAX_TESTS = 6
WRAP_OVERHEAD = 40  # tokens for the delimiters and attributes around one item
# Delivery counts commits up to today: leaving it out keeps the pack (and so the review cache key) of an
# unchanged commit the same from one day to the next. The review has no delivery criteria to need it.
CLOCK_DIMENSIONS = frozenset({"delivery"})


@dataclass(frozen=True)
class PackItem:
    kind: str
    path: str | None
    body: str
    shown: str  # what part of the file is shown, for the reviewer and the report
    truncated: bool
    tokens: int


@dataclass(frozen=True)
class PackSignal:
    path: str
    line: int
    kind: str
    excerpt: str


@dataclass(frozen=True)
class EvidencePack:
    items: list[PackItem]
    listed: list[str]
    signals: list[PackSignal]
    redactions: int
    budget: int
    tokens: int = 0
    hash: str = ""
    flagged_lines: dict[str, set[int]] = field(default_factory=dict)

    @property
    def files_included(self) -> list[str]:
        return [item.path for item in self.items if item.path]

    @property
    def files_truncated(self) -> list[str]:
        return [item.path for item in self.items if item.path and item.truncated]


@dataclass(frozen=True)
class _Candidate:
    kind: str
    file: RepoFile
    mode: str  # whole | head | sites
    lines: tuple[int, ...] = ()  # for "sites": 1-based lines of `file.text` to show around


def _safe_path(path: str) -> str:
    """Paths come from the repository: no control or bidi characters in what the reviewer reads."""
    return "".join("?" if unicodedata.category(ch) in {"Cc", "Cf"} else ch for ch in path)


def _numbered(file: RepoFile, numbers: Iterable[int], text: str | None = None) -> list[str]:
    lines = (file.text if text is None else text).split("\n")
    out = []
    for number in numbers:
        text = lines[number - 1]
        if len(text) > LINE_CHARS:
            text = text[:LINE_CHARS] + " …[line cut]"
        out.append(f"{file.file_line(number)}| {text}")
    return out


def _line_count(file: RepoFile) -> int:
    lines = file.text.split("\n")
    return len(lines) - 1 if lines and lines[-1] == "" else len(lines)


def _windows(lines: Iterable[int], total: int) -> list[int]:
    shown: set[int] = set()
    for line in lines:
        shown.update(range(max(1, line - CALL_SITE_WINDOW), min(total, line + CALL_SITE_WINDOW) + 1))
    return sorted(shown)


def _fit(rows: list[str], cap: int) -> tuple[list[str], bool]:
    """The longest head of `rows` whose estimate fits `cap` tokens."""
    used = 0
    for index, row in enumerate(rows):
        used += estimate_input_tokens(row) + 1
        if used > cap:
            return rows[:index], True
    return rows, False


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = prev = numbers[0]
    for number in [*numbers[1:], -1]:
        if number != prev + 1:
            parts.append(f"{start}-{prev}" if prev != start else str(start))
            start = number
        prev = number
    return ", ".join(parts)


def _render(candidate: _Candidate, cap: int) -> tuple[PackItem, int] | None:
    file = candidate.file
    total = _line_count(file)
    if total == 0:
        numbers: list[int] = []
    elif candidate.mode == "head":
        numbers = list(range(1, min(total, DATASET_HEAD_LINES) + 1))
    elif candidate.mode == "sites" and estimate_input_tokens(file.text) > cap:
        numbers = _windows(candidate.lines, total)
    else:
        numbers = list(range(1, total + 1))
    # The whole file is redacted before any window is cut from it: a window that starts inside a private
    # key block, or a line cut at LINE_CHARS through a key, must not carry part of it out unmasked.
    masked, redactions = redact(file.text)
    rows = _numbered(file, numbers, masked)
    rows, cut = _fit(rows, cap - WRAP_OVERHEAD)
    if numbers and not rows:
        return None
    body = "\n".join(rows)
    shown_numbers = [file.file_line(n) for n in numbers[: len(rows)]]
    partial = cut or len(rows) < total
    if not shown_numbers:
        shown = "empty file"
    elif not partial:
        shown = f"whole file, {len(rows)} lines"
    else:
        shown = f"lines {_ranges(shown_numbers)} of {file.file_line(total)}"
    item = PackItem(
        kind=candidate.kind,
        path=file.path,
        body=body,
        shown=shown,
        truncated=partial,
        tokens=estimate_input_tokens(body) + WRAP_OVERHEAD,
    )
    return item, redactions


def _findings_text(report: GradeReport) -> str:
    rows = [f"Static grade at {report.commit[:12]}: overall {report.overall}/100 (scores computed in code)."]
    for name, dim in report.dimensions.items():
        if name in CLOCK_DIMENSIONS:
            continue
        rows.append(f"\n{name}: {dim.score if dim.score is not None else 'n/a'}/100 (weight {dim.weight:g})")
        for f in dim.findings:
            where = f"  [{f.evidence[0].location()}]" if f.evidence else ""
            credit = f" {round(100 * f.credit)}%" if f.credit is not None and 0 < f.credit < 1 else ""
            rows.append(f"- {f.probe} {f.outcome.value}{credit}: {f.message}{where}")
    return "\n".join(rows)


def _tree_text(ctx: Context, limit: int) -> str:
    snapshot = ctx.snapshot
    skipped = {s.path: s.reason for s in snapshot.skipped}
    paths = sorted(snapshot.entries, key=lambda p: (p.count("/"), p))
    rows = [f"{len(paths)} paths at this commit; {len(snapshot.files)} readable files."]
    for path in paths[:limit]:
        note = f"  [not read: {skipped[path]}]" if path in skipped else ""
        rows.append(_safe_path(path) + note)
    rest = paths[limit:]
    if rest:
        folders: dict[str, int] = {}
        for path in rest:
            top = path.split("/", 1)[0] + "/" if "/" in path else "(root)"
            folders[top] = folders.get(top, 0) + 1
        rows.append(f"... {len(rest)} more: " + ", ".join(f"{_safe_path(k)} {v}" for k, v in sorted(folders.items())))
    return "\n".join(rows)


_EVAL_PATH = textmatch.compile(r"(?i)(^|/)(evals?|evaluations?|benchmarks?)(/|_|\.|$)|promptfoo|eval_|_eval")
_DATA_EXT = {".jsonl", ".csv", ".tsv"}
_TEST_HINT = textmatch.compile(r"(?i)llm|eval|mock|fake|prompt|retriev|agent|client")


def _candidates(report: GradeReport, ctx: Context) -> list[_Candidate]:
    from grader.probes.evals import golden_datasets

    files = ctx.snapshot.files
    out: list[_Candidate] = []

    def add(kind: str, file: RepoFile | None, mode: str = "whole", lines: Iterable[int] = ()) -> None:
        if file is not None and not is_env_file(file.path):
            out.append(_Candidate(kind, file, mode, tuple(sorted(set(lines)))))

    add("readme", ctx.first_file(ctx.tables.setting("docs", "readme_names")))
    for file in [*ctx.ci.workflows, *ctx.ci.followed]:
        add("ci", file)
    for name in ("pyproject.toml", "package.json", "requirements.txt"):  # small, and what resume bullets name
        add("manifest", files.get(name))
    datasets = sorted(file.path for file, _ in golden_datasets(ctx))
    eval_paths = {e.path for f in report.dimensions["evals"].findings for e in f.evidence if e.path in files}
    eval_paths |= {
        p
        for p in files
        if _EVAL_PATH.search(p) and files[p].kind != "markdown" and posixpath.splitext(p)[1].lower() not in _DATA_EXT
    }
    for path in sorted(eval_paths - set(datasets))[:8]:
        add("eval_config", files[path])
    data_paths = set(datasets) | {
        p for p in files if _EVAL_PATH.search(p) and posixpath.splitext(p)[1].lower() in _DATA_EXT
    }
    for path in sorted(data_paths)[:5]:
        add("eval_data", files[path], "head")
    # Where the code calls a model, from its syntax tree (the product's own code first): never a comment or
    # a README sentence that names an SDK.
    sites = {p: lines for p, lines in model_call_lines(ctx).items() if p in files and files[p].is_code}
    for path in list(sites)[:10]:
        add("llm_call_site", files[path], "sites", _text_lines(files[path], sites[path]))
    cited: dict[str, list[int]] = {}
    # A file the secret probe cites is never sent for being cited (it holds a secret); it may still go as
    # a README or a call site, redacted like everything else.
    holding_secrets = {e.path for f in report.findings() if f.probe == "security.secrets" for e in f.evidence}
    for finding in report.findings():
        if finding.probe == "security.secrets":
            continue
        if finding.outcome in {Outcome.passed, Outcome.failed} or (finding.credit or 0) > 0:
            for evidence in finding.evidence:
                if evidence.path in files:
                    cited.setdefault(evidence.path, []).append(evidence.start_line or 1)
    for path in sorted(set(cited) - holding_secrets)[:12]:
        add("finding_evidence", files[path], "sites", _text_lines(files[path], cited[path]))
    docs = sorted(p for p in files if p.startswith(("docs/", "doc/")) and files[p].kind == "markdown")
    for path in docs[:4]:
        add("doc", files[path])
    tests = sorted(ctx.test_files, key=lambda f: (not _TEST_HINT.search(f.text[:4000]), f.path))
    for file in sorted(tests[:MAX_TESTS], key=lambda f: f.path):
        add("test", file)
    seen: set[str] = set()
    unique = []
    for candidate in out:
        if candidate.file.path not in seen:
            seen.add(candidate.file.path)
            unique.append(candidate)
    return unique


def _text_lines(file: RepoFile, stored_lines: list[int]) -> list[int]:
    """Lines of `file.text` for lines of the stored file (they differ only for notebooks)."""
    if not file.line_map:
        return stored_lines
    wanted = set(stored_lines)
    return [index + 1 for index, line in enumerate(file.line_map) if line in wanted] or [1]


# "LLM as a judge" is how this field names a technique, not a note to the grader: the shared patterns read
# "as a judge" as addressing one, which would flag half the eval code a learner writes.
_TECHNIQUE = textmatch.compile(
    r"(?i)\b(?:llms?|models?|gpt[\w.-]*|claude|ai)[\s-]+as[\s-]+an?[\s-]+(?:judge|evaluator|grader)s?\b"
)


def _signals(text: str) -> list[InjectionSignal]:
    found = find_injection_signals(text)
    if not any(s.kind == "addressed_to_grader" for s in found):
        return found
    lines = text.split("\n")
    kept = []
    for signal in found:
        line = lines[signal.line - 1] if signal.line <= len(lines) else ""
        if signal.kind == "addressed_to_grader" and _TECHNIQUE.search(line):
            cleaned = _TECHNIQUE.sub("LLM-judging", line)
            if not any(s.kind == signal.kind for s in find_injection_signals(cleaned)):
                continue
        kept.append(signal)
    return kept


def _flags(file: RepoFile) -> tuple[list[PackSignal], set[int]]:
    """Signals in a file, and every stored line they cover (a hidden comment flags all of its lines)."""
    found = _signals(file.text)
    signals = [PackSignal(file.path, file.file_line(s.line), s.kind, s.excerpt) for s in found]
    covered = {signal.line for signal in signals}
    lines = file.text.split("\n")
    for signal in found:
        if signal.kind == "hidden_html_comment":
            end = next((i for i in range(signal.line - 1, len(lines)) if "-->" in lines[i]), len(lines) - 1)
            covered.update(file.file_line(i + 1) for i in range(signal.line - 1, end + 1))
    return signals, covered


def build_pack(report: GradeReport, ctx: Context, budget: int = DEFAULT_TOKEN_BUDGET) -> EvidencePack:
    """The pack for one graded commit; the same snapshot, findings and budget give the same pack and hash."""
    budget = max(budget, MIN_TOKEN_BUDGET)
    per_file = max(budget // PER_FILE_SHARE, 500)
    items: list[PackItem] = []
    redactions = 0
    findings_body, found = redact(_findings_text(report))
    redactions += found
    findings_rows, _ = _fit(findings_body.split("\n"), budget // 8)
    findings_body = "\n".join(findings_rows)
    items.append(PackItem("static_findings", None, findings_body, "", False, estimate_input_tokens(findings_body)))
    tree_rows, tree_cut = _fit(_tree_text(ctx, TREE_MAX_LINES).split("\n"), budget // 10)
    tree_body, found = redact("\n".join(tree_rows))
    redactions += found
    items.append(PackItem("tree", None, tree_body, "", tree_cut, estimate_input_tokens(tree_body) + WRAP_OVERHEAD))
    signals = [PackSignal("(file names)", s.line, s.kind, s.excerpt) for s in _signals(tree_body)]

    used = sum(item.tokens for item in items)
    listed: list[str] = []
    flagged: dict[str, set[int]] = {}
    for candidate in _candidates(report, ctx):
        rendered = None
        if used < budget * SOFT_LIMIT:
            rendered = _render(candidate, min(per_file, budget - used))
        if rendered is None:
            listed.append(candidate.file.path)
            continue
        item, found = rendered
        items.append(item)
        redactions += found
        used += item.tokens
        found_signals, covered = _flags(candidate.file)
        signals.extend(found_signals)
        if covered:
            flagged.setdefault(candidate.file.path, set()).update(covered)

    material = [[i.kind, i.path, i.shown, i.body] for i in items] + [["listed", *listed]]
    digest = hashlib.sha256(json.dumps(material, ensure_ascii=False).encode("utf-8")).hexdigest()
    return EvidencePack(
        items=items,
        listed=listed,
        signals=signals,
        redactions=redactions,
        budget=budget,
        tokens=used,
        hash=digest,
        flagged_lines=flagged,
    )
