"""Repository text in the outputs: escape sequences never act on a terminal, Markdown carries no raw HTML or
links, SARIF URIs are percent-encoded."""

from __future__ import annotations

import json
import re

from grader.render.markdown import to_markdown
from grader.render.safe import md_code, md_text, visible
from grader.report import GradeReport
from grader.review.run import review_report
from tests.grader.claude.conftest import MockAPI, ok
from tests.grader.review.conftest import _no_real_claude, claude, client_for, graded, recorded  # noqa: F401

from .conftest import fast_import

HOSTILE_NAME = (
    "tests/test_x`<img src=x onerror=alert(1)>`[click](javascript:alert(1))\u202eesc\x1b]0;owned\x07\x1b[2J.py"
)
WEAK_SUBJECT = "wip\x1b[2J\x07"  # under ten characters: the delivery finding quotes it


def _repo(tmp_path):
    files = {
        HOSTILE_NAME: "def test_x():\n    assert 1\n",
        "app.py": "import anthropic\nclient = anthropic.Anthropic()\n",
        "README.md": "# Demo\n",
    }
    return fast_import(tmp_path / "r", files, message=WEAK_SUBJECT)


def _raw_html_or_link(markdown: str) -> list[str]:
    """What a Markdown renderer would turn into HTML elements or links (code spans hold text literally)."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(markdown)
    problems = re.findall(r"<(?:img|script|a|iframe|details onclick)\b[^>]*>", html)
    outside_code = re.sub(r"<code>.*?</code>", "", html, flags=re.S)
    problems += re.findall(r"https?://[^\s<]*|www\.[^\s<]*", outside_code)  # what GFM would autolink
    return problems


def test_terminal_never_prints_escape_sequences(tmp_path, grade):
    code, _, out, _ = grade(_repo(tmp_path), "--format", "terminal")
    assert code in (0, 1)
    assert "\x1b]0;" not in out and "\x1b[2J" not in out and "\x07" not in out and "\u202e" not in out


def test_terminal_shows_a_hostile_finding_written_out(tmp_path, isolated_cache):
    from rich.console import Console

    from grader.grade import grade_repository
    from grader.render import top_findings
    from grader.render.terminal import render_terminal
    from grader.settings import GraderSettings

    report = grade_repository(str(_repo(tmp_path)), settings=GraderSettings(cache_dir=isolated_cache, workers=1))
    top_findings(report)[0].message = f"subject {WEAK_SUBJECT} in {HOSTILE_NAME}"
    console = Console(record=True, width=300, force_terminal=True)
    render_terminal(report, console)
    text = console.export_text(styles=True)  # with rich's own styling codes, which are not the repository's
    assert "\\x1b]0;owned\\x07" in text and "<U+202E>" in text
    assert "\x1b]0;" not in text and "\x07" not in text and "\u202e" not in text and "\x1b[2J" not in text


def test_markdown_escapes_paths_subjects_and_never_passes_html_or_links(tmp_path, grade):
    code, _, out, _ = grade(_repo(tmp_path), "--format", "markdown")
    assert code in (0, 1)
    assert "onerror" in out  # the hostile name is in the report, as text
    assert not _raw_html_or_link(out), _raw_html_or_link(out)
    assert "\x1b" not in out and "\u202e" not in out


def test_sarif_uris_are_percent_encoded(tmp_path, grade):
    code, _, out, _ = grade(_repo(tmp_path), "--format", "sarif")
    assert code in (0, 1)
    uris = [
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for run in json.loads(out)["runs"]
        for result in run["results"]
        for loc in result.get("locations", [])
    ]
    assert uris and all(u.isascii() and not any(ord(c) < 33 or c in "`<>[]" for c in u) for u in uris), uris


def test_model_text_in_markdown_is_escaped(graded, client_for, claude):  # noqa: F811
    report, ctx = graded({"app.py": "import anthropic\nclient = anthropic.Anthropic()\n", "README.md": "# Demo\n"})
    answer = recorded("support_bot")
    payload = json.dumps(answer).replace("support", "<img src=x onerror=alert(1)> [x](https://evil.example) ")
    api = MockAPI(ok(json.loads(payload)))
    reviewed: GradeReport = review_report(report, ctx, claude, client=client_for(api))
    markdown = to_markdown(reviewed)
    assert reviewed.review is not None and reviewed.review.status == "reviewed"
    assert "onerror" in markdown  # the model's text is there, as text
    assert not _raw_html_or_link(markdown), _raw_html_or_link(markdown)


def test_the_escapes_themselves():
    assert visible("a\x1b[2Jb\u202ec\u200bd\ne") == "a\\x1b[2Jb<U+202E>c<U+200B>d e"
    assert md_text("<b>[x](http://e.x)</b> `y` _z_ A_B") == (
        "\\<b\\>\\[x\\](http:\u200b//e.x)\\</b\\> \\`y\\` \\_z\\_ A_B"
    )
    assert str(md_code("a`b``c")) == "```a`b``c```"
    assert str(md_code("`x")) == "`` `x ``"
