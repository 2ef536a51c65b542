"""`artifact list`, `project list`, `decision list` and `story list --json` print the Work screen's listings
(`ArtifactListing`, `ProjectListing`, `DecisionListing`, `StoryListing` in tracker): their output is pinned byte for
byte (tests/tui/golden/*.json, written before the listings replaced plain dicts), so a renamed or reordered field
shows here, not in a learner's script."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

GOLDEN = Path(__file__).parent / "golden"


def _seed(ada: Callable[..., Any]) -> None:
    steps = [
        ["project", "add", "--name", "Support RAG", "--problem", "agents answer slowly", "--users", "support agents",
         "--constraints", "p95 < 2 s", "--non-goals", "voice", "--repo", "https://github.com/ada/support-rag"],
        ["project", "add", "--name", "Café bot", "--problem", "menus in \"quotes\" & ünïcode"],
        ["artifact", "add", "--week", "3", "--kind", "eval-report", "--title", "First eval", "--link",
         "https://github.com/ada/support-rag/pull/3", "--project", "Support RAG", "--metric",
         "hallucination rate=12->4 %", "--metric", "p95 latency=900 ms", "--date", "2026-11-20"],
        ["artifact", "add", "--week", "2", "--kind", "eval-report", "--title", "Baseline", "--date", "2026-11-12"],
        ["decision", "add", "--project", "support rag", "--layer", "evaluation", "--decision",
         "gate merges on a 100-case golden set", "--metric", "faithfulness 0.71 -> 0.88", "--failure",
         "judge drifted", "--mitigation", "weekly human calibration", "--rejected", "manual spot checks"],
        ["story", "add", "--title", "Cutting hallucinations", "--problem", "agents quoted wrong policies",
         "--metrics", "12% -> 4%", "--theme", "eval-strategy", "--project", "Support RAG", "--artifact", "1"],
        ["story", "add", "--title", "Half told"],
    ]  # fmt: skip
    for argv in steps:
        result = ada(*argv)
        assert result.code == 0, (argv, result.err)


@pytest.mark.parametrize("command", ["artifact", "project", "decision", "story"])
def test_list_json_is_byte_identical(ada, command: str) -> None:
    _seed(ada)
    out = ada(command, "list", "--json").out
    assert out == (GOLDEN / f"{command}_list.json").read_text(encoding="utf-8")
