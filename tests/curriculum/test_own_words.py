"""Content is written in the project's own words: no run of eight words is copied from the source articles.

Facts and figures carry over (salary bands, role names, the 12 weeks); sentences do not. The articles live
outside the repository, so the check runs where they are (`PROOFWORK_SEEDS`, or the shared folder beside the
checkouts) and is skipped elsewhere. Salary source names are facts and are left out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from curriculum.resources import content_dir

RUN = 8
_WORD = re.compile(r"[a-z0-9]+")
_SEEDS = Path(os.environ.get("PROOFWORK_SEEDS", "/work/shared/seeds"))


def runs(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def strings(data: Any, key: str = "") -> Iterator[str]:
    if key == "sources":
        return
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from strings(value, str(name))
    elif isinstance(data, list):
        for value in data:
            yield from strings(value, key)


def content_texts() -> Iterator[tuple[str, str]]:
    """Each Markdown page, and each YAML string value on its own (runs never span two fields)."""
    root = content_dir()
    for path in sorted(root.rglob("*")):
        if path.suffix == ".md":
            yield str(path.relative_to(root)), path.read_text(encoding="utf-8")
        elif path.suffix == ".yaml":
            for text in strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
                yield str(path.relative_to(root)), text


@pytest.mark.skipif(not _SEEDS.is_dir(), reason="the source articles are not on this machine")
def test_no_sentence_is_copied_from_the_sources() -> None:
    seeds = set().union(*(runs(p.read_text(encoding="utf-8", errors="ignore")) for p in _SEEDS.iterdir()))
    copied: dict[str, list[str]] = {}
    for name, text in content_texts():
        for run in sorted(runs(text) & seeds):
            copied.setdefault(name, []).append(" ".join(run))
    assert copied == {}


def test_the_check_catches_a_copied_sentence() -> None:
    source = "Without evaluation discipline, teams mistake random wins for progress and random failures for edge cases."
    assert runs(source) & runs("As they say: teams mistake random wins for progress and random failures for edge.")
    assert not runs(source) & runs("Teams that skip it mistake lucky results for progress and real failures.")
