"""Docs: does the README explain the problem, design, setup, results and trade-offs, with evidence?"""

from __future__ import annotations

import math
import posixpath

from grader import textmatch
from grader.context import Context
from grader.facts.code import own_paths
from grader.facts.docs import DOCS_DIR, doc_pages, fences, page_sections, text_diagram
from grader.facts.evals import docs_results
from grader.matching import compile_pattern
from grader.probes.base import Result, failed, graded, not_detected, passed, probe
from grader.readme import Section, heading_topic
from grader.report import Evidence
from grader.snapshot import RepoFile

# Guides beside the README that a contributor or an agent reads first.
_GUIDES = compile_pattern(
    r"(?i)^(?:contributing|architecture|design|agents|claude|development|hacking)\.md$|.+/readme\.md$"
)  # and the README of each package or service of a monorepo
_SITE_CONFIGS = [
    "mkdocs.yml",
    "mkdocs.yaml",
    "docs/mkdocs.yml",
    "docs/conf.py",
    "doc/conf.py",
    "docs/source/conf.py",
    "docusaurus.config.*",
    "*/docusaurus.config.*",
    "mint.json",
    "docs/mint.json",
    "docs/docs.json",
    ".vitepress/config.*",
    "docs/.vitepress/config.*",
    "book.toml",
    "_quarto.yml",
    "docs/_quarto.yml",
    ".readthedocs.y*ml",
    "antora.yml",
]


def _evidence(ctx: Context, sections: list[Section]) -> list[Evidence]:
    assert ctx.readme is not None
    return [
        Evidence(path=ctx.readme.file.path, start_line=s.line, end_line=s.end_line, snippet=s.heading)
        for s in sections[:3]
    ]


def _shown(page: RepoFile, section: Section) -> Evidence:
    return Evidence(path=page.path, start_line=section.line, end_line=section.end_line, snippet=section.heading)


DOCS_PAGE = 0.8  # the topic has its own page in the docs, not a README section


def _page_on(ctx: Context, kind: str) -> RepoFile | None:
    """A docs page whose file name or first heading is about the topic (docs/architecture.md, '# Results')."""
    topic = heading_topic(ctx.tables.setting("docs", "sections")[kind])
    for page in doc_pages(ctx):
        title = next((line.lstrip("#").strip() for line in page.text.splitlines()[:20] if line.startswith("#")), "")
        if topic.search(posixpath.basename(page.path).replace("_", " ").replace("-", " ")) or topic.search(title):
            return page
    return None


def _page_sections_on(ctx: Context, kind: str, exclude: str = "") -> list[tuple[int, RepoFile, Section]]:
    """Sections of docs pages whose heading names the topic (docs/ARCHITECTURE.md's '## Decisions'), with
    their word counts."""
    patterns = ctx.tables.setting("docs", "sections")
    topic = heading_topic(patterns[kind])
    other = heading_topic(patterns[exclude]) if exclude else None
    leads_on = heading_topic(ctx.tables.setting("docs", "page_links"))
    return [
        (len(s.body.split()), page, s)
        for page, s in page_sections(ctx)
        if topic.search(s.heading) and not (other and other.search(s.heading)) and not leads_on.search(s.heading)
    ]


def _section(ctx: Context, kind: str, label: str, docs_globs: tuple[str, ...] = (), exclude: str = "") -> Result:
    readme = ctx.readme
    patterns = ctx.tables.setting("docs", "sections")
    sections = readme.find(patterns[kind]) if readme else []
    if exclude and readme:  # "Non-goals" is not the problem statement, though it says "goal"
        sections = [s for s in sections if s not in readme.find(patterns[exclude])]
    if sections:
        words = max(len(s.body.split()) for s in sections)
        # A heading over two lines is not yet a section: credit grows with what it says (150 words: full).
        credit = min(1.0, 0.4 + words / 250)
        return graded(f"{label}: '{sections[0].heading}' ({words} words)", credit, _evidence(ctx, sections))
    docs = own_paths(ctx, list(docs_globs), any_case=True) if docs_globs else []
    page = _page_on(ctx, kind)
    if page is not None:
        docs = [page.path, *(p for p in docs if p != page.path)]
    if docs:
        return graded(f"{label} in {docs[0]} (not in the README)", DOCS_PAGE, [Evidence(path=p) for p in docs[:3]])
    in_pages = _page_sections_on(ctx, kind, exclude)
    if in_pages:
        # A section of a docs page counts as a README section does, up to what a whole page on the topic earns.
        words, page, section = max(in_pages, key=lambda found: found[0])
        credit = min(DOCS_PAGE, 0.4 + words / 250)
        return graded(f"{label}: '{section.heading}' in {page.path} ({words} words)", credit, [_shown(page, section)])
    where = [Evidence(path=readme.file.path, start_line=1)] if readme else []
    return not_detected(f"no README section or docs page on {label}" if readme else "no README", fix_at=where)


@probe(
    "docs.readme",
    title="README",
    why="The README is the first and often only thing a hiring manager reads.",
    fix="Write a README: problem, architecture, setup, results with numbers, trade-offs.",
)
def readme(ctx: Context) -> Result:
    found = ctx.readme
    if found is None:
        return not_detected("no README")
    # 50 words earn nothing, 100 a quarter, 300 60%, 600 80%, 1000 words and more full credit.
    credit = max(0.0, min(1.0, (math.log10(max(found.words, 1)) - 1.7) / 1.3))
    return graded(
        f"{found.file.path}: {found.words} words, {len(found.sections)} sections",
        credit,
        [Evidence(path=found.file.path, start_line=1)],
    )


@probe(
    "docs.site",
    title="Documentation beyond the README",
    why="A docs site or a docs/ folder (guides, architecture, results) is what a team can onboard from.",
    fix="Add a docs/ folder (architecture, results, trade-offs) and publish it with mkdocs or Sphinx.",
    doc="https://www.mkdocs.org/getting-started/",
)
def site(ctx: Context) -> Result:
    configs = own_paths(ctx, _SITE_CONFIGS)
    pages = [p for p in doc_pages(ctx) if DOCS_DIR.search(p.path) or _GUIDES.search(p.path)]
    shown = [Evidence(path=p) for p in configs[:1]] + [Evidence(path=p.path) for p in pages[:3]]
    if configs and len(pages) >= 10:
        return passed(f"documentation site ({configs[0]}) with {len(pages)} pages", shown)
    if configs or len(pages) >= 3:
        credit = min(1.0, 0.3 + 0.05 * len(pages) + (0.3 if configs else 0.0))
        return graded(f"{len(pages)} docs page(s){f', site config {configs[0]}' if configs else ''}", credit, shown)
    if pages:
        return failed(f"{len(pages)} docs page(s)", shown, 0.2)
    return not_detected("no docs site or docs/ pages")


@probe(
    "docs.problem",
    title="Problem statement",
    why="Saying which problem the project solves, and for whom, frames every other decision.",
    fix="Open the README with the problem, the user and why it matters.",
)
def problem(ctx: Context) -> Result:
    result = _section(ctx, "problem", "problem", exclude="non_goals")
    readme = ctx.readme
    if readme is None or (result.credit and result.evidence and result.evidence[0].path == readme.file.path):
        return result
    # The README's opening paragraph states the problem better than a short section of another page does.
    words = len(textmatch.findall(r"[A-Za-z]{2,}", textmatch.sub(r"\(http[^)]*\)|<[^>]+>", "", readme.intro)))
    if words >= 30 and (result.credit or 0.0) < 0.7:
        return graded(
            f"intro paragraph of {words} words, no problem section",
            0.7,
            [Evidence(path=readme.file.path, start_line=1)],
        )
    return result


@probe(
    "docs.architecture",
    title="Architecture",
    why="A reviewer wants the moving parts and the data flow before reading code.",
    fix="Add an Architecture section: components, data flow, and a diagram.",
)
def architecture(ctx: Context) -> Result:
    return _section(
        ctx,
        "architecture",
        "architecture",
        ("*architecture*.md", "docs/*design*.md", "DESIGN.md", "*/DESIGN.md"),
    )


@probe(
    "docs.setup",
    title="Setup instructions",
    why="A reviewer who cannot run it will not trust it.",
    fix="Add setup and run commands that work from a clean clone.",
)
def setup(ctx: Context) -> Result:
    result = _section(ctx, "setup", "setup")
    if (result.credit or 0.0) >= SETUP_COMMANDS or ctx.readme is None:
        return result
    found = _setup_commands(ctx)
    if found is None:
        return result
    line, command = found
    shown = Evidence(path=ctx.readme.file.path, start_line=line, end_line=line, snippet=command)
    if result.credit:  # a short Setup section whose commands say the rest
        return graded(f"{result.message}, with commands: `{command}`", SETUP_COMMANDS, [*result.evidence[:1], shown])
    return graded(f"setup commands near the top of the README, no setup section: `{command}`", SETUP_COMMANDS, [shown])


# Commands to install and run shown up front are what a reviewer follows; a Setup section earns more for saying
# what they need first (versions, keys, configuration), which a bare command block usually leaves out.
SETUP_COMMANDS = 0.8
_PROMPT = textmatch.compile(r"^\s*(?:[$%>]|PS>|\(\S+\)\s*\$)?\s*(?:sudo\s+)?")


def _setup_commands(ctx: Context) -> tuple[int, str] | None:
    """The first line installing or running the project in a shell block of the README's intro or its first
    three sections, with its 1-based line."""
    assert ctx.readme is not None
    readme = ctx.readme
    later = [s.line for s in readme.sections if s.level >= 2][3:]
    top = later[0] if later else len(readme.file.text.splitlines()) + 1
    shells = set(ctx.tables.setting("docs", "setup_shells"))
    command = textmatch.compile("^(?:" + "|".join(ctx.tables.setting("docs", "setup_commands")) + ")")
    for fence in fences(readme.file.text):
        if fence.line >= top:
            break
        if fence.info not in shells:
            continue
        for offset, text in enumerate(fence.body, start=1):
            prompt = _PROMPT.match(text)
            if command.search(text[prompt.end() :] if prompt else text):
                return fence.line + offset, text.strip()
    return None


@probe(
    "docs.results",
    title="Results with metrics",
    why="Numbers (accuracy, latency, cost) are the proof; adjectives are not.",
    fix="Add a Results section with measured metrics: baseline vs current, latency, cost per request.",
)
def results(ctx: Context) -> Result:
    found = ctx.readme
    if found is None:
        return not_detected("no README")
    metric = textmatch.compile(ctx.tables.setting("docs", "metric_pattern"))
    sections = found.find(ctx.tables.setting("docs", "sections")["results"])
    with_numbers = [s for s in sections if metric.search(s.body)]
    if with_numbers:
        return passed(f"results with metrics: '{with_numbers[0].heading}'", _evidence(ctx, with_numbers))
    pages = docs_results(ctx)
    if pages:
        page, line = pages[0]
        return graded(f"results table in {page.path}", DOCS_PAGE, [Evidence(path=page.path, start_line=line)])
    measured = [(page, s) for _, page, s in _page_sections_on(ctx, "results") if metric.search(s.body)]
    if measured:
        page, section = measured[0]
        return graded(f"results with metrics: '{section.heading}' in {page.path}", DOCS_PAGE, [_shown(page, section)])
    if sections:
        return failed(f"'{sections[0].heading}' has no measured numbers", _evidence(ctx, sections), 0.4)
    return not_detected("no results section")


@probe(
    "docs.tradeoffs",
    title="Trade-offs and limitations",
    why="Naming what was traded away shows judgement, which is what senior reviewers look for.",
    fix="Add a Trade-offs section: what you chose, what you rejected, and the known limitations.",
)
def tradeoffs(ctx: Context) -> Result:
    return _section(ctx, "tradeoffs", "trade-offs")


@probe(
    "docs.non_goals",
    title="Non-goals",
    why="Scope stated up front keeps reviewers from grading what was never attempted.",
    fix="List the non-goals.",
)
def non_goals(ctx: Context) -> Result:
    return _section(ctx, "non_goals", "non-goals")


@probe(
    "docs.diagrams",
    title="Diagrams",
    why="One diagram explains a pipeline faster than a page of prose.",
    fix="Add a Mermaid diagram of the architecture to the README.",
)
def diagrams(ctx: Context) -> Result:
    pattern = textmatch.compile(ctx.tables.setting("docs", "diagram_pattern"))
    markdown = [f for f in ctx.snapshot.files.values() if f.kind == "markdown"]
    for file in markdown:
        match = pattern.search(file.text)
        if match:
            line = ctx.scan.line_of(file, match.start())
            return passed(
                f"diagram in {file.path}",
                [
                    Evidence(
                        path=file.path,
                        start_line=line,
                        end_line=line,
                        snippet=ctx.scan.snippet(file, match.start()),
                    )
                ],
            )
    paths = own_paths(ctx, ctx.tables.setting("docs", "diagram_paths"), any_case=True)
    if paths:
        return passed(f"diagram file: {paths[0]}", [Evidence(path=p) for p in paths[:3]])
    # A diagram drawn in text (boxes, arrows) is a diagram too; the README first, then the docs pages.
    for file in ([ctx.readme.file] if ctx.readme else []) + doc_pages(ctx):
        drawn = text_diagram(file)
        if drawn is not None:
            end = drawn.line + len(drawn.body) + 1
            return passed(
                f"text diagram in {file.path}",
                [Evidence(path=file.path, start_line=drawn.line, end_line=end, snippet=drawn.body[0].strip()[:80])],
            )
    return not_detected("no diagram detected")


@probe(
    "docs.decisions",
    title="Decision records",
    why="Recorded decisions show how the design was reached.",
    fix="Keep short decision records (docs/adr/0001-*.md).",
)
def decisions(ctx: Context) -> Result:
    paths = own_paths(ctx, ctx.tables.setting("docs", "decision_paths"), any_case=True)
    if paths:
        return passed(f"{len(paths)} decision record(s)", [Evidence(path=p) for p in paths[:3]])
    # A heading about decisions ("Decisions", "Design decisions", "Decision log"), not one that uses the word
    # ("BinaryJudgementNode: make a yes/no decision").
    topic = textmatch.compile(ctx.tables.setting("docs", "decision_heading"), textmatch.IGNORECASE)
    found = [s for s in ctx.readme.sections if s.level > 1 and topic.search(s.heading)] if ctx.readme else []
    if found:
        return graded(f"decisions in the README: '{found[0].heading}'", 0.7, _evidence(ctx, found))
    for page, section in page_sections(ctx):
        if topic.search(section.heading):
            return graded(f"decisions in '{section.heading}' of {page.path}", 0.7, [_shown(page, section)])
    return not_detected("no decision records")


@probe(
    "docs.licence",
    title="Licence",
    why="Without a licence nobody may legally reuse the code.",
    fix="Add a LICENSE file (MIT or Apache-2.0).",
)
def licence(ctx: Context) -> Result:
    paths = own_paths(ctx, ctx.tables.setting("docs", "licence_paths"))
    top = [p for p in paths if "/" not in p]
    if top:
        return passed(f"licence: {top[0]}", [Evidence(path=top[0], start_line=1)])
    for name in ("pyproject.toml", "package.json", "setup.cfg"):
        file = ctx.file(name)
        if file:
            match = textmatch.search(r"^\s*\"?licen[cs]e\"?\s*[=:]", file.text, textmatch.MULTILINE)
            if match:
                line = ctx.scan.line_of(file, match.start())
                return graded(
                    f"licence declared in {name}, no LICENSE file",
                    0.7,
                    [
                        Evidence(
                            path=name,
                            start_line=line,
                            end_line=line,
                            snippet=ctx.scan.snippet(file, match.start()),
                        )
                    ],
                )
    return not_detected("no licence")
