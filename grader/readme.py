"""The README, parsed with markdown-it-py: headings with their lines, and each section's text."""

from __future__ import annotations

from dataclasses import dataclass

from grader import textmatch
from grader.snapshot import RepoFile


@dataclass(frozen=True)
class Section:
    heading: str
    level: int
    line: int  # 1-based line of the heading
    end_line: int  # last line of the section
    body: str


@dataclass(frozen=True)
class Readme:
    file: RepoFile
    sections: list[Section]
    intro: str  # text before the first level-2 heading
    words: int

    def find(self, pattern: str) -> list[Section]:
        """Sections whose heading names the topic; the level-1 title (the project's name) is not a section."""
        regex = heading_topic(pattern)
        titled = any(s.level > 1 for s in self.sections)
        return [s for s in self.sections if regex.search(s.heading) and not (titled and s.level == 1)]


def heading_topic(words: str) -> textmatch.Pattern:
    """A heading's topic as whole words, with their plural and -ing/-ation forms ("Benchmarking",
    "Installation"): a word inside another word is not the topic ("How a drill answer is scored" is not a
    Scores section, "Ecosystem" is not a System one, "Workflow" not a Flow one)."""
    return textmatch.compile(rf"\b(?:{words})(?:s|es|ing|ation)?\b", textmatch.IGNORECASE)


# \pL and \pN: letters and digits of any script (RE2's \w is ASCII only).
MARKDOWN_CHARS = 100_000
_PSEUDO = textmatch.compile(r"^[^\pL\pN_\s#>*`|-]{0,3}\s*[A-Z0-9][\pL\pN_ /&'()-]{1,50}$")


def _pseudo_headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """Headings written as plain short lines between blank lines ("🏗️ Architecture"), for READMEs that use
    no Markdown headings at all."""
    found = []
    for i, line in enumerate(lines):
        text = line.strip()
        before = i == 0 or not lines[i - 1].strip()
        after = i + 1 >= len(lines) or not lines[i + 1].strip()
        decorated = bool(text) and not text[0].isalnum()  # "🏗️ Architecture" needs no blank line after it
        if (
            before
            and (after or decorated)
            and _PSEUDO.match(text)
            and len(text.split()) <= 6
            and not text.endswith((".", ":"))
        ):
            found.append((2, i, textmatch.sub(r"^[^\pL\pN_]+", "", text).strip()))
    return found


def parse_readme(file: RepoFile) -> Readme:
    from markdown_it import MarkdownIt

    lines = file.text.splitlines()
    # markdown-it costs tens of microseconds a character on hostile text (a megabyte of '[' takes about a
    # minute): headings are read from the first MARKDOWN_CHARS, cut at a line break; every line still counts.
    head = file.text if len(file.text) <= MARKDOWN_CHARS else file.text[: file.text.rfind("\n", 0, MARKDOWN_CHARS) + 1]
    tokens = MarkdownIt("commonmark").enable("table").parse(head)
    heads: list[tuple[int, int, str]] = []  # (level, 0-based line, text)
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            inline = tokens[i + 1]
            text = textmatch.sub(r"[*_`#]|:\w+:", "", inline.content).strip()
            heads.append((int(token.tag[1]), token.map[0], text))
    if len(heads) < 2:
        heads = _pseudo_headings(lines) or heads
    sections = []
    for n, (level, start, text) in enumerate(heads):
        # A section runs to the next heading of the same or a higher level.
        end = next((s for lv, s, _ in heads[n + 1 :] if lv <= level), len(lines))
        body = "\n".join(lines[start + 1 : end])
        sections.append(Section(text, level, start + 1, max(start + 1, end), body))
    first_h2 = next((s for lv, s, _ in heads if lv >= 2), len(lines))
    intro = "\n".join(line for line in lines[:first_h2] if not line.lstrip().startswith("#"))
    return Readme(file, sections, intro, _count_words(file.text))


_WORD = textmatch.compile(r"[\pL\pN_]+")


def _count_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))
