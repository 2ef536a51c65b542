"""Templates: escaping, StrictUndefined, the learner's overrides, and Markdown to HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import UndefinedError

from tests.tracker.exports.conftest import inline_text, markdown_tokens
from tracker.exports.render import (
    MarkdownText,
    escape_markdown,
    markdown_to_html,
    markdown_url,
    render_markdown,
    user_templates_dir,
)

TRICKY = [
    "plain words",
    "a | b in a table",
    "*not emphasis* and _not either_ but snake_case_stays",
    "[not a link](https://evil.example)",
    "<script>alert(1)</script>",
    "# not a heading",
    "- not a list",
    "1. not a list either",
    "> not a quote",
    "`not code`",
    "back\\slash",
    "12 -> 4 %",
    "-8 points",
]


@pytest.mark.parametrize("text", TRICKY)
def test_escaped_text_reads_back_exactly(text):
    tokens = markdown_tokens(f"| x |\n|---|\n| {escape_markdown(text)} |\n\n{escape_markdown(text)}\n")
    inlines = [inline_text(t) for t in tokens if t.type == "inline"]
    assert inlines[-2:] == [text, text]
    assert not [t for t in tokens if t.type in ("heading_open", "bullet_list_open", "ordered_list_open")]


def test_readable_text_stays_readable():
    assert escape_markdown("hallucination rate 12 -> 4 %") == "hallucination rate 12 -> 4 %"
    assert escape_markdown("problem_framing") == "problem_framing"
    assert escape_markdown("line one\n- line two") == "line one - line two"
    assert escape_markdown(MarkdownText("**kept**")) == "**kept**"


def test_link_targets_cannot_end_early():
    assert markdown_url("https://x.dev/a b (1).md") == "https://x.dev/a%20b%20%281%29.md"


def test_a_missing_field_fails_loudly(tmp_path: Path):
    folder = user_templates_dir()
    folder.mkdir(parents=True)
    (folder / "probe.md.j2").write_text("{{ cs.no_such_field }}", encoding="utf-8")
    with pytest.raises(UndefinedError):
        render_markdown("probe.md.j2", cs=object())


def test_a_template_in_the_user_config_folder_wins(open_record, isolated_home: Path):
    from tracker.exports import render_retro

    folder = user_templates_dir()
    assert folder == isolated_home / "config" / "proofwork" / "templates"
    folder.mkdir(parents=True)
    (folder / "retro.md.j2").write_text("My week {{ retro.week }}: {{ retro.title }}\n", encoding="utf-8")
    with open_record() as (session, ada):
        assert render_retro(session, ada, 4).text == "My week 4: First eval dataset and baseline scoring\n"


def test_a_missing_template_is_a_user_error():
    from curriculum.errors import UserError

    with pytest.raises(UserError, match=r"nope\.md\.j2"):
        render_markdown("nope.md.j2")


def test_markdown_to_html_keeps_raw_html_as_text():
    html = markdown_to_html("hello <b>x</b>\n\n[a](javascript:alert(1))\n\n| a |\n|---|\n| 1 |\n")
    assert "&lt;b&gt;" in html and "<table>" in html and 'href="javascript' not in html
