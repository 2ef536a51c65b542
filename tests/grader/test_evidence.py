"""Every finding's path:line opens at the right place: the snippet is on that line of the graded commit."""

from __future__ import annotations

import json

from grader.grade import grade_repository
from grader.report import Outcome
from tests.grader.conftest import build_rag_repo


def _line_holds(text: str, line: int, snippet: str, notebook: bool) -> bool:
    lines = text.splitlines()
    assert 0 < line <= len(lines), f"line {line} outside a {len(lines)}-line file"
    here = lines[line - 1]
    if notebook:
        here = json.loads(f'"{here.strip().rstrip(",").strip(chr(34))}"')
    return snippet.strip() in here.strip() or here.strip().startswith(snippet.strip().rstrip("…"))


def test_rag_fixture_scores_like_a_senior_reviewer_would(make_repo, settings):
    repo = build_rag_repo(make_repo)
    report = grade_repository(str(repo.path), settings=settings)
    assert report.llm_project
    assert report.overall is not None and report.overall >= 65
    for name in ("evals", "ci", "reliability", "observability"):
        assert (report.dimensions[name].score or 0) >= 80, name
    # A senior reviewer's first security note on this repository: POST /ask answers anyone.
    auth = next(f for f in report.findings() if f.probe == "security.auth")
    assert auth.outcome == Outcome.failed and "POST /ask" in auth.message
    assert report.coverage.rubric_weight_assessed == 1.0
    assert not [f for f in report.findings() if f.outcome == Outcome.error]
    harness = next(f for f in report.findings() if f.probe == "evals.harness")
    assert "DeepEval" in harness.message


def test_every_evidence_line_opens_where_it_says(make_repo, settings):
    repo = build_rag_repo(make_repo)
    report = grade_repository(str(repo.path), settings=settings)
    checked = 0
    for finding in report.findings():
        for evidence in finding.evidence:
            text = repo.show(report.commit, evidence.path)  # the path exists at the graded commit
            if evidence.start_line and evidence.snippet:
                assert _line_holds(text, evidence.start_line, evidence.snippet, evidence.path.endswith(".ipynb")), (
                    finding.probe,
                    evidence,
                )
                checked += 1
    assert checked >= 20


def test_notebook_lines_map_to_the_ipynb_file(make_repo, settings):
    repo = make_repo()
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# notes"]},
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "source": ["x = 1\n", "from openai import OpenAI\n"],
        },
    ]
    repo.write("nb.ipynb", json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5, "metadata": {}}, indent=1))
    repo.write("app.py", "print('x')\n")
    repo.commit()
    report = grade_repository(str(repo.path), settings=settings)
    assert report.llm_project
    text = repo.show(report.commit, "nb.ipynb")
    from grader.context import Context
    from grader.detect import load_tables
    from grader.snapshot import read_snapshot
    from grader.source import open_local

    checkout = open_local(str(repo.path), None, settings)
    tables = load_tables()
    ctx = Context(read_snapshot(checkout.git_dir, checkout.commit, settings, tables.skip), tables)
    hit = ctx.scan.find("llm.sdk")[0]
    assert hit.path == "nb.ipynb"
    assert "from openai import OpenAI" in text.splitlines()[hit.line - 1]


def test_secret_evidence_is_redacted_and_points_at_the_line(make_repo, settings):
    key = "sk-proj-" + "".join(chr(65 + (i * 7) % 26) + str(i % 10) for i in range(24))  # built at run time
    repo = make_repo(
        {
            "app.py": f'import os\n\nclient_key = "{key}"\n',
            ".env.example": "OPENAI_API_KEY=sk-your-key-here\n",
            "README.md": "Set `OPENAI_API_KEY=sk-...` in .env\n",
        }
    )
    report = grade_repository(str(repo.path), settings=settings)
    secrets = next(f for f in report.findings() if f.probe == "security.secrets")
    assert secrets.outcome == Outcome.failed
    assert len(secrets.evidence) == 1  # placeholders are not secrets
    evidence = secrets.evidence[0]
    assert (evidence.path, evidence.start_line) == ("app.py", 3)
    assert key not in report.model_dump_json()
    assert "[REDACTED:" in evidence.snippet
