"""Repository text made safe to print: file names, commit subjects, snippets and model-written prose come from
someone else, and a terminal obeys escape sequences while Markdown renders HTML and links.

- `visible(text)`: control characters (ESC, BEL, CR...), bidi controls and zero-width characters shown as
  `\\x1b` or `<U+202E>`, never passed through; line breaks become spaces unless kept.
- `for_terminal(report)`: the whole report with every string made visible, for the rich renderer.
- `md_text(text)` / `md_code(text)`: Markdown text with every character that could start markup, HTML or a
  link escaped, and an inline code span no backtick inside can close.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from markupsafe import Markup

from grader.report import GradeReport

_BIDI_AND_INVISIBLE = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    "\u200b\u200c\u200d\u2060\ufeff\u180e\u2028\u2029"
)
# What can start markup, HTML, an entity or a link; '(' needs no escape once '[' and '<' have one, and '_'
# only where it could open or close emphasis (not inside a word, as in ANTHROPIC_API_KEY).
_MD_PUNCTUATION = frozenset("\\`*[]<>&|~#")
_ZWSP = "\u200b"


def _shown(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>"


def visible(text: str, keep_newlines: bool = False) -> str:
    """`text` with every character that could act on a terminal (or hide itself) written out instead."""
    out = []
    for char in text:
        if char == "\n":
            out.append("\n" if keep_newlines else " ")
        elif char == "\t":
            out.append(" ")
        elif char in _BIDI_AND_INVISIBLE or unicodedata.category(char) in {"Cc", "Cf", "Cs"}:
            out.append(_shown(char))
        else:
            out.append(char)
    return "".join(out)


def _visible_everywhere(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value, keep_newlines=True)
    if isinstance(value, list):
        return [_visible_everywhere(v) for v in value]
    if isinstance(value, dict):
        return {k: _visible_everywhere(v) for k, v in value.items()}
    return value


def for_terminal(report: GradeReport) -> GradeReport:
    """The report with every string (paths, subjects, snippets, the review's prose) made visible."""
    return GradeReport.model_validate(_visible_everywhere(report.model_dump(mode="json")))


def md_text(value: object) -> str:
    """Text for a Markdown line: punctuation that starts markup, HTML or a link is backslash-escaped, line
    breaks are spaces, and URLs and addresses are broken with a zero-width space so nothing autolinks."""
    text = visible(str(value))
    out = []
    for index, char in enumerate(text):
        if char in _MD_PUNCTUATION:
            out.append("\\" + char)
        elif char == "_":
            before = text[index - 1] if index else " "
            after = text[index + 1] if index + 1 < len(text) else " "
            out.append("_" if before.isalnum() and after.isalnum() else "\\_")
        else:
            out.append(char)
    escaped = "".join(out)
    for marker in ("://", "www.", "@"):
        escaped = escaped.replace(marker, marker[0] + _ZWSP + marker[1:])
    return escaped


def md_code(value: object) -> Markup:
    """An inline code span holding `value` literally: fenced with more backticks than any run inside."""
    text = visible(str(value))
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return Markup(f"{fence}{pad}{text}{pad}{fence}")


def md_finalize(value: object) -> object:
    """Jinja's finalize for the Markdown templates: every `{{ value }}` is escaped unless a filter (md_code)
    already made it safe."""
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, str):
        return md_text(value)
    return value
