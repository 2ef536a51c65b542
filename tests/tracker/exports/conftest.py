"""Export tests share one record, built through the real command line on a real SQLite file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.tracker.exports.record import build_record


@pytest.fixture
def record(ada: Callable[..., Any]) -> Callable[..., Any]:
    build_record(ada)
    return ada


@contextmanager
def learner_session() -> Iterator[Any]:
    """The test database (PROOFWORK_DB_URL, set by `db_path`) and its one learner."""
    from tracker.db import open_session
    from tracker.learners import current_learner

    with open_session() as session:
        yield session, current_learner(session)


@pytest.fixture
def open_record(record: Callable[..., Any]) -> Callable[[], Any]:
    return learner_session


def markdown_tokens(text: str) -> list[Any]:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").parse(text)


def headings(text: str, level: int = 2) -> list[str]:
    tokens = markdown_tokens(text)
    return [
        inline_text(tokens[i + 1])
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == f"h{level}"
    ]


def inline_text(token: Any) -> str:
    """The text a reader sees in one inline token (escapes resolved, markup dropped)."""
    return "".join(child.content for child in token.children or [] if child.type in ("text", "code_inline"))


def table_rows(text: str) -> list[list[str]]:
    """Every table row (header first) as the cell texts a reader sees."""
    rows: list[list[str]] = []
    in_row = False
    for token in markdown_tokens(text):
        if token.type in ("tr_open", "tr_close"):
            in_row = token.type == "tr_open"
            if in_row:
                rows.append([])
        elif token.type == "inline" and in_row:
            rows[-1].append(inline_text(token))
    return rows


def links(text: str) -> list[tuple[str, str]]:
    """(link text, href) for every link Markdown would render."""
    found = []
    for token in markdown_tokens(text):
        children = token.children or []
        for i, child in enumerate(children):
            if child.type == "link_open":
                label = []
                for inner in children[i + 1 :]:
                    if inner.type == "link_close":
                        break
                    label.append(inner.content)
                found.append(("".join(label), str(child.attrGet("href"))))
    return found


def plain_text(text: str) -> str:
    """What a reader sees: inline text of every block, escapes resolved."""
    parts = []
    for token in markdown_tokens(text):
        if token.type == "inline":
            parts.append(inline_text(token))
        elif token.type == "fence":
            parts.append(token.content)
    return "\n".join(parts)
