"""The grade report is data the static grade makes on its own: it holds a review without depending on the review."""

from __future__ import annotations

import json
import subprocess
import sys


def test_the_report_imports_nothing_of_the_review_or_the_claude_client():
    code = "import json, sys, grader.report; print(json.dumps(sorted(sys.modules)))"
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, text=True).stdout)
    assert "grader.review_section" in loaded  # the shape of the review section, beside the report
    assert not [m for m in loaded if m == "grader.review" or m.startswith(("grader.review.", "grader.claude"))]
    assert "anthropic" not in loaded
