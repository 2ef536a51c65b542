"""The public API other packages use: grade_repository with progress, light imports, the reserved review."""

from __future__ import annotations

import subprocess
import sys

from grader.grade import grade_repository
from grader.report import GradeReport, report_schema


def test_progress_reports_each_stage(make_repo, settings):
    repo = make_repo({f"m{i}.py": f"def f{i}(x):\n    return x\n" for i in range(5)})
    seen: list[tuple[str, int, int]] = []
    report = grade_repository(str(repo.path), settings=settings, progress=lambda *a: seen.append(a))
    stages = {s for s, _, _ in seen}
    assert {"fetch", "read", "metrics", "probes", "score"} <= stages
    assert all(0 <= done <= total for _, done, total in seen)
    assert isinstance(report, GradeReport)


def test_second_grade_of_a_commit_is_reused_and_identical(make_repo, settings):
    repo = make_repo({"app.py": "from openai import OpenAI\n"})
    first = grade_repository(str(repo.path), settings=settings)
    second = grade_repository(str(repo.path), settings=settings)
    assert any("reused" in n for n in second.notes)
    assert second.model_dump(exclude={"generated_at", "notes", "timings"}) == first.model_dump(
        exclude={"generated_at", "notes", "timings"}
    )


def test_importing_the_report_types_is_light():
    code = (
        "import sys, grader.report, grader.grade, grader.render.sarif;"
        "print(sorted(m for m in ('radon', 'lizard', 'git', 'ahocorasick', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_review_is_reserved_and_null_in_the_schema():
    schema = report_schema()
    assert "review" in schema["properties"]
    assert schema["properties"]["schema_version"]["default"]
