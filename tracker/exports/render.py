"""Templates to text: Jinja2 over `templates/`, with the learner's own templates taking precedence.

Two environments, both with StrictUndefined so a template naming a field the view model lacks fails loudly:
- Markdown: every `{{ value }}` is Markdown-escaped on output (a learner's `*` or `|` cannot break a table
  or fake a link); text that is Markdown on purpose (a link target, the Mermaid block) is `MarkdownText`.
- HTML: Jinja's autoescape, the Markdown body converted by markdown-it-py with raw HTML disabled.
A template of the same name in `templates/` beside config.toml (`curriculum.settings.config_folder`) overrides
the shipped one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound
from markupsafe import Markup

from curriculum.errors import UserError
from curriculum.resources import templates_dir
from curriculum.settings import config_folder


class MarkdownText(str):
    """Text that is already Markdown: written into a Markdown template as it is, not escaped."""


# `_` inside a word (snake_case) never emphasises, and `>` only matters at a line start: both stay readable.
_SPECIAL = re.compile(r"([\\`*\[\]<|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
# Markers that start a block only at a line start, and (but for `>`) only when a space follows.
_LINE_START = re.compile(r"^(\s*)(>|(?:[#+=-]|\d+[.)])(?=\s|$))")


def escape_markdown(value: Any) -> str:
    """Plain text -> Markdown that shows exactly that text, on one line."""
    if isinstance(value, MarkdownText):
        return value
    if value is None:
        return ""
    text = " ".join(str(value).split())
    text = _SPECIAL.sub(r"\\\1", text)
    # "1." is escaped as "1\." (a backslash before a digit would show).
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def markdown_url(url: str) -> MarkdownText:
    """A link target Markdown cannot misread: spaces, parentheses and angle brackets percent-encoded."""
    return MarkdownText(quote(url.strip(), safe=":/?#[]@!$&'*+,;=%~.-_"))


def user_templates_dir() -> Path:
    return config_folder() / "templates"


def _search_path() -> list[str]:
    # Looked up on every render (not cached) so a template the learner just saved is used at once.
    return [str(user_templates_dir()), str(templates_dir())]


def markdown_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(_search_path()),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=escape_markdown,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["url"] = markdown_url
    return env


def html_environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(_search_path()),
        undefined=StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_markdown(template: str, **context: Any) -> str:
    return _tidy(_get(markdown_environment(), template).render(**context))


def render_html(template: str, **context: Any) -> str:
    return _get(html_environment(), template).render(**context)


def markdown_to_html(markdown: str) -> Markup:
    """CommonMark plus tables, raw HTML off: a learner's `<script>` stays text."""
    from markdown_it import MarkdownIt

    return Markup(MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown))


def _get(env: Environment, template: str) -> Any:
    try:
        return env.get_template(template)
    except TemplateNotFound:
        raise UserError(f"template {template} is missing (looked in {', '.join(_search_path())})") from None


def _tidy(text: str) -> str:
    # Optional sections leave runs of blank lines behind; one blank line is all Markdown needs.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
