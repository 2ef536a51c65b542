"""Docs as a reviewer reads them: a docs page's own sections, setup shown as commands, diagrams that are drawn."""

from __future__ import annotations

import pytest

from grader.report import Outcome
from tests.grader.probes.conftest import run_probe

BARE = {"README.md": "# tool\n\nA small tool.\n"}
PROSE = "word " * 40


def _page(heading: str, body: str = PROSE) -> str:
    return f"# Handbook\n\nHow the tool is put together.\n\n## {heading}\n\n{body}\n\n## Glossary\n\nterms\n"


@pytest.mark.parametrize(
    ("probe", "heading"),
    [
        ("docs.problem", "Motivation"),
        ("docs.architecture", "How the pipeline works"),
        ("docs.setup", "Installation"),
        ("docs.tradeoffs", "Decisions"),
        ("docs.tradeoffs", "Known limitations"),
        ("docs.non_goals", "Out of scope"),
    ],
)
def test_a_section_of_a_docs_page_counts_for_its_topic(probe, heading):
    result = run_probe(probe, {**BARE, "docs/handbook.md": _page(heading)})
    assert 0.4 < (result.credit or 0) <= 0.8, (probe, result.message)
    assert result.evidence[0].path == "docs/handbook.md" and result.evidence[0].start_line == 5
    assert run_probe(probe, BARE).outcome == Outcome.not_detected


@pytest.mark.parametrize(
    ("name", "files", "probe"),
    [
        (
            "a comment in a shell block is not a heading",
            {**BARE, "docs/notes.md": "# Notes\n\n```sh\n# Install\npip install x\n```\n"},
            "docs.setup",
        ),
        (
            "a subfolder's README is about that folder",
            {**BARE, "bench/README.md": _page("Why the numbers move")},
            "docs.problem",
        ),
        ("non-goals are not the problem", {**BARE, "docs/scope.md": _page("Non-goals")}, "docs.problem"),
        ("Next steps of a tutorial are links", {**BARE, "docs/tour.md": _page("Next steps")}, "docs.non_goals"),
    ],
)
def test_what_is_not_a_docs_section(name, files, probe):
    assert not run_probe(probe, files).credit, name


def test_the_readme_section_comes_before_a_docs_page():
    files = {"README.md": f"# tool\n\n## Limitations\n\n{'word ' * 200}\n", "docs/handbook.md": _page("Caveats")}
    result = run_probe("docs.tradeoffs", files)
    assert result.credit == pytest.approx(1.0) and result.evidence[0].path == "README.md"


def test_the_readme_intro_states_the_problem_better_than_a_short_section_elsewhere():
    intro = "# tool\n\n" + "Reviewers lose hours reading logs by hand. " * 6 + "\n\n## Usage\n\nrun it\n"
    result = run_probe("docs.problem", {"README.md": intro, "AGENTS.md": _page("Overview", "A repo of agents.")})
    assert result.credit == pytest.approx(0.7) and "intro paragraph" in result.message


def test_a_short_setup_section_with_its_commands():
    readme = "# tool\n\n## Installation\n\nFrom PyPI:\n\n```bash\npip install -U tool\n```\n"
    result = run_probe("docs.setup", {"README.md": readme})
    assert result.credit == pytest.approx(0.8)
    assert "'Installation'" in result.message and "`pip install -U tool`" in result.message
    assert [e.start_line for e in result.evidence] == [3, 8]


def test_results_with_numbers_in_a_docs_page_section():
    page = _page("Results", "| metric | value |\n|---|---|\n| recall@5 | 82% |\n")
    result = run_probe("docs.results", {**BARE, "docs/handbook.md": page})
    assert result.credit == pytest.approx(0.8) and "'Results' in docs/handbook.md" in result.message
    assert run_probe("docs.results", {**BARE, "docs/handbook.md": _page("Results")}).outcome == Outcome.not_detected


@pytest.mark.parametrize(
    ("name", "files", "credit"),
    [
        ("a Decisions section in a docs page", {**BARE, "docs/handbook.md": _page("Key decisions")}, 0.7),
        ("an ADR folder in capitals", {**BARE, "docs/ADR/0001-store.md": "# Use SQLite\n"}, 1.0),
        ("a design page in capitals", {**BARE, "docs/DESIGN.md": "# Design\n"}, 1.0),
        ("a glossary is not a decision", {**BARE, "docs/handbook.md": _page("Terms")}, 0.0),
        ("a heading that uses the word", {**BARE, "docs/guide.md": _page("Node: make a yes/no decision")}, 0.0),
        ("a Design decisions section in the README", {"README.md": "# x\n\n## Design decisions\n\ntext\n"}, 0.7),
        ("a decision log", {**BARE, "docs/handbook.md": _page("Decision log")}, 0.7),
    ],
)
def test_decision_records(name, files, credit):
    result = run_probe("docs.decisions", files)
    assert (result.credit or 0.0) == pytest.approx(credit), (name, result.message)


def _readme(block: str, lang: str = "sh", before: str = "") -> dict[str, str | bytes]:
    return {"README.md": f"# tool\n\nA tool.\n\n{before}## Two commands\n\n```{lang}\n{block}\n```\n"}


LATE = "".join(f"## Part {n}\n\ntext\n\n" for n in range(3))


@pytest.mark.parametrize(
    ("name", "files", "credit"),
    [
        ("pip install", _readme("pip install -e ."), 0.8),
        ("uv run behind a prompt", _readme("$ uv run tool --help"), 0.8),
        ("uv sync in a console block", _readme("uv sync", "console"), 0.8),
        ("docker compose", _readme("docker compose up -d"), 0.8),
        ("npm in an unlabelled block", _readme("npm install\nnpm run dev", ""), 0.8),
        ("python -m", _readme("python -m tool serve"), 0.8),
        ("make after sudo", _readme("sudo make install"), 0.8),
        ("python code is not a command", _readme("import tool\ntool.run()", "python"), 0.0),
        ("a pip install inside python code", _readme("# pip install tool\nimport tool", "python"), 0.0),
        ("git clone alone does not install or run", _readme("git clone https://example.com/x"), 0.0),
        ("commands deep in the README", _readme("pip install tool", before=LATE), 0.0),
        (
            "a Setup section earns by what it says",
            {"README.md": f"# tool\n\n## Setup\n\n{'word ' * 200}\n\n```sh\npip install tool\n```\n"},
            1.0,
        ),
    ],
)
def test_setup_shown_as_commands(name, files, credit):
    result = run_probe("docs.setup", files)
    assert (result.credit or 0.0) == pytest.approx(credit), (name, result.message)


BOXES = "```\n┌─────┐     ┌──────┐\n│ cli │ ──> │ core │\n└─────┘     └──────┘\n```\n"
ARROWS = "```\nweb/   the pages\n  ↓ calls\napi/   the service\n  ↓ reads\ndb/\n```\n"
ASCII = "```text\n+--------+      +-------+\n| client | -->  | queue |\n+--------+      +-------+\n```\n"
TREE = "```\nsrc/\n├── app.py\n├── core/\n│   └── model.py\n└── tests/\n```\n"
CODE = "```python\ndef f(x: int) -> list[int]:\n    return [x]  # a -> b\n\ndef g() -> None: ...\n```\n"


@pytest.mark.parametrize(
    ("name", "files", "found"),
    [
        ("mermaid", {"README.md": "# x\n\n```mermaid\ngraph TD; a-->b\n```\n"}, True),
        ("box drawing in the README", {"README.md": f"# x\n\n{BOXES}"}, True),
        ("arrows in a docs page", {**BARE, "docs/ARCHITECTURE.md": f"# Map\n\n{ARROWS}"}, True),
        ("an ASCII box diagram", {"README.md": f"# x\n\n{ASCII}"}, True),
        ("an image named for the design", {"README.md": "# x\n\n![](docs/img/Architecture.png)\n"}, True),
        ("a diagram file in capitals", {**BARE, "docs/ARCHITECTURE.svg": "<svg/>"}, True),
        ("a file tree is not a diagram", {"README.md": f"# x\n\n{TREE}"}, False),
        ("code with return arrows is not a diagram", {"README.md": f"# x\n\n{CODE}"}, False),
        ("one arrow is not a diagram", {"README.md": "# x\n\n```\na --> b\n```\n"}, False),
        ("a screenshot is not a diagram", {"README.md": "# x\n\n![screenshot](shot.png)\n"}, False),
        ("an architecture page in prose", {**BARE, "docs/ARCHITECTURE.md": "# Architecture\n\nprose\n"}, False),
    ],
)
def test_a_diagram_is_one_that_is_drawn(name, files, found):
    result = run_probe("docs.diagrams", files)
    assert (result.outcome == Outcome.passed) is found, (name, result.message)
    if "text diagram" in result.message:  # the evidence is the drawing's lines
        assert result.evidence[0].start_line == files_line(files, result.evidence[0].path), name


def files_line(files: dict[str, str | bytes], path: str) -> int:
    text = files[path]
    assert isinstance(text, str)
    return text.splitlines().index(next(ln for ln in text.splitlines() if ln.startswith("```"))) + 1
