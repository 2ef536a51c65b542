"""Words every room shares: name matching ("AI Engineer", "ai-engineer" agree) and counts of days."""

from __future__ import annotations

import re
from functools import cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def days(count: int) -> str:
    """A count of days in words: "1 day", "3 days"."""
    return f"{count} day" if count == 1 else f"{count} days"


def slug(name: str) -> str:
    """Lower-case words joined by hyphens: `Platform Engineer (AI)` -> `platform-engineer-ai`."""
    return _NON_ALNUM.sub("-", name.lower()).strip("-")


@cache
def whole_words(words: str) -> re.Pattern[str]:
    """A pattern finding `words` as whole words in lower-cased text: "cost" is in "cost per task", not in
    "costume"; "recall" is in "recall@5". Metric names are matched with it wherever evidence is counted."""
    return re.compile(r"(?<![a-z0-9])" + re.escape(words.lower()) + r"(?![a-z])")
