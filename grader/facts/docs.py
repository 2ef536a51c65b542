"""Docs pages as a reviewer reads them: their own sections, their fenced blocks, and text diagrams.

Read line by line (not with markdown-it): a docs site has hundreds of pages and only headings and fences
matter here. A line inside a fenced block is never a heading (`# install` in a shell block is a comment).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from grader import textmatch
from grader.matching import compile_pattern
from grader.readme import MARKDOWN_CHARS, Section

if TYPE_CHECKING:
    from grader.context import Context
    from grader.snapshot import RepoFile

DOCS_DIR = compile_pattern(r"(?i)^(?:docs?|documentation|website/docs|site/docs)/")
_FENCE = textmatch.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^\s`{]*)")
_HEADING = textmatch.compile(r"^ {0,3}(#{1,6})\s+(.+?)\s*#*\s*$")


@dataclass(frozen=True)
class Fence:
    info: str  # the language after the fence ("sh", "mermaid"), lower case, "" when none
    line: int  # 1-based line of the opening fence
    body: list[str]


def doc_pages(ctx: Context) -> list[RepoFile]:
    """Markdown pages of the documentation: under docs/ (or doc/, website/docs/), top-level *.md, and the
    READMEs of a monorepo's packages."""
    if "doc_pages" not in ctx.memo:
        ctx.memo["doc_pages"] = [
            f
            for f in ctx.snapshot.files.values()
            if f.kind == "markdown"
            and (
                DOCS_DIR.search(f.path)
                or ("/" not in f.path and not f.path.lower().startswith(("readme", "changelog")))
                or (f.path.lower().endswith("/readme.md") and f.path.count("/") <= 2)
            )
        ]
    pages: list[RepoFile] = ctx.memo["doc_pages"]
    return pages


def _lines(text: str) -> list[str]:
    return text[:MARKDOWN_CHARS].splitlines()


def fences(text: str) -> Iterator[Fence]:
    """Fenced code blocks (``` or ~~~), in order; an unclosed fence runs to the end, as CommonMark says."""
    lines = _lines(text)
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None:
            i += 1
            continue
        mark = opening.group(1)
        end = i + 1
        while end < len(lines) and not lines[end].strip().startswith(mark[0] * len(mark)):
            end += 1
        yield Fence(opening.group(2).lower(), i + 1, lines[i + 1 : end])
        i = end + 1


def sections(text: str) -> list[Section]:
    """A page's ATX sections (`## Decisions`), each running to the next heading of its level or higher."""
    lines = _lines(text)
    heads: list[tuple[int, int, str]] = []  # (level, 0-based line, text)
    fence = ""
    for n, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if line.strip().startswith(fence):
                fence = ""
            continue
        if opening is not None:
            fence = opening.group(1)[0] * len(opening.group(1))
            continue
        heading = _HEADING.match(line)
        if heading is not None:
            heads.append((len(heading.group(1)), n, textmatch.sub(r"[*_`]|:\w+:", "", heading.group(2)).strip()))
    found = []
    for n, (level, start, title) in enumerate(heads):
        end = next((s for lv, s, _ in heads[n + 1 :] if lv <= level), len(lines))
        found.append(Section(title, level, start + 1, max(start + 1, end), "\n".join(lines[start + 1 : end])))
    return found


def page_sections(ctx: Context) -> list[tuple[RepoFile, Section]]:
    """The sections below the title (the `# Title` names the page, its `##` are its sections) of the project's
    own docs pages: under docs/ and beside the README. A subfolder's README (bench/README.md) is about that
    folder: its "Why" is not the project's problem statement."""
    if "page_sections" not in ctx.memo:
        found: list[tuple[RepoFile, Section]] = []
        for page in doc_pages(ctx):
            if "/" in page.path and not DOCS_DIR.search(page.path):
                continue
            found.extend((page, s) for s in sections(page.text) if s.level > 1)
        ctx.memo["page_sections"] = found
    shown: list[tuple[RepoFile, Section]] = ctx.memo["page_sections"]
    return shown


# Box-drawing characters (U+2500-257F), arrows (U+2190-21FF, ▲▶▼◀►) and ASCII arrows or box corners.
_DRAWN = textmatch.compile(r"[\x{2500}-\x{257F}\x{2190}-\x{21FF}▲▶▼◀►]|-->|<--|==>|->\s*\[|\+-{2,}|-{2,}\+")
# A file tree (`├── src/`, `|-- src/`) is drawn with the same characters but is not a diagram of the design.
_TREE = textmatch.compile(r"^[\s│|]*(?:[├└]──|[|`]--)\s*\S")
_CODE = {"python", "py", "js", "javascript", "ts", "typescript", "rust", "go", "java", "json", "yaml", "toml"}


def text_diagram(file: RepoFile) -> Fence | None:
    """A fenced block drawn with boxes or arrows on at least two lines that is not a file tree or code."""
    if not _DRAWN.search(file.text[:MARKDOWN_CHARS]):
        return None
    for fence in fences(file.text):
        if fence.info in _CODE:
            continue
        drawn = [ln for ln in fence.body if _DRAWN.search(ln) and not _TREE.match(ln)]
        if len(drawn) >= 2:
            return fence
    return None
