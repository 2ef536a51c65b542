"""Text aimed at a backtracking engine: each of these held a grade for minutes to hours under Python's `re`.
Under RE2 each is one linear pass; the grade finishes and reports as usual."""

from __future__ import annotations

import ast
from pathlib import Path

import grader
from grader.claude import redact

from .conftest import fast_import, skipped

LLM = "import anthropic\n\nclient = anthropic.Anthropic()\n"


def test_readme_aimed_at_the_results_metric_pattern(tmp_path, grade):
    readme = "# Demo\n\n## Results\n\n" + "accuracy " * 100_000 + "\n"  # a metric word, never a digit
    code, report, _, _ = grade(fast_import(tmp_path / "r", {"README.md": readme, "app.py": LLM}))
    assert code == 0
    results = next(f for f in report["dimensions"]["docs"]["findings"] if f["probe"] == "docs.results")
    assert results["outcome"] == "failed"  # the section is there, its numbers are not


def test_readme_aimed_at_the_diagram_pattern(tmp_path, grade):
    readme = "# Demo\n\n" + "![" + "diagram " * 100_000 + "\n"  # an image alt text that never closes
    code, report, _, _ = grade(fast_import(tmp_path / "r", {"README.md": readme}))
    assert code == 0
    diagrams = next(f for f in report["dimensions"]["docs"]["findings"] if f["probe"] == "docs.diagrams")
    assert diagrams["outcome"] == "not_detected"


def test_source_aimed_at_the_pii_pattern(tmp_path, grade):
    code, report, _, _ = grade(fast_import(tmp_path / "r", {"app.py": LLM + "# " + "pii " * 200_000 + "\n"}))
    assert code == 0
    pii = next(f for f in report["dimensions"]["security"]["findings"] if f["probe"] == "security.pii")
    assert pii["outcome"] == "not_detected"


def test_test_file_aimed_at_the_score_assertion_pattern(tmp_path, grade):
    hostile = "def test_eval():\n    assert " + "score" * 150_000 + "\n"
    code, report, _, _ = grade(fast_import(tmp_path / "r", {"app.py": LLM, "tests/test_eval.py": hostile}))
    assert code == 0
    probes = {f["probe"]: f for f in report["dimensions"]["evals"]["findings"]}
    assert probes["evals.thresholds"]["outcome"] == "not_detected"


def test_redaction_of_a_heading_of_repeated_token():
    heading = "# " + "token" * 600 + "\n"  # 3 KB that cost 279 s with the old assignment pattern
    text, count = redact(heading * 300 + "API_TOKEN=" + "token" * 200_000)
    assert count == 1  # the assigned value, whatever its entropy; the headings are not assignments
    assert text.startswith("# token") and "API_TOKEN=[REDACTED:" in text


def test_twenty_thousand_exclude_globs_over_two_thousand_files(tmp_path, grade):
    globs = ", ".join(f'"gen{i}/*"' for i in range(20_000))
    files: dict[str, str] = {f"src/m{i}.txt": "x\n" for i in range(2_000)}
    files["pyproject.toml"] = f'[project]\nname = "demo"\n\n[tool.proofwork.grader]\nexclude = ["src/m1*", {globs}]\n'
    code, report, _, _ = grade(fast_import(tmp_path / "r", files))
    assert code == 0
    excluded = [s for s in report["skipped"] if s["reason"].startswith("excluded")]
    # src/m1, m10-m19, m100-m199, m1000-m1999: the one glob that matches, counted once
    assert [(s["path"], s["count"]) for s in excluded] == [("src/m1*", 1 + 10 + 100 + 1000)]
    assert "src/m2.txt" not in skipped(report)
    assert any("the first 5000 were applied" in note for note in report["notes"])


# Modules that may use Python's `re`: they match our own patterns and settings, the user's command line or
# a learner's typed answers, never a graded repository's text.
_RE_ALLOWED = {
    "needles.py",  # parses table patterns (our text) to find their literals
    "textmatch.py",  # translates pattern spellings
    "secret_rules.py",  # reads detect-secrets' compiled patterns (source and flags) to compile them for RE2
    "source.py",  # the target the person typed
    "batches.py",  # our own batch request ids
    "pricing.py",  # model names from our price table
    "structured.py",  # strips a code fence around the model's answer (bounded by max_tokens)
}
_RE_ALLOWED_DIRS = {"answers"}  # drill answers the learner typed


def test_no_regex_over_repository_text_escapes_re2():
    """The invariant behind the cases above: outside the few modules that never see repository text, no
    grader module calls Python's `re` (it would bring back a backtracking engine)."""
    root = Path(grader.__file__).parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.name in _RE_ALLOWED or rel.parts[0] in _RE_ALLOWED_DIRS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import) and any(a.name == "re" or a.name.startswith("re.") for a in node.names):
                offenders.append(f"{rel}:{node.lineno} imports re")
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {"re", "fnmatch"}:
                offenders.append(f"{rel}:{node.lineno} imports from {node.module}")
    assert offenders == []
