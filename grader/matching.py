"""The one place the grader's own matching compiles a regular expression over repository text.

Every pattern written for the facts layer and the probes goes through `compile_pattern`, so the engine can be
swapped for a linear-time one in a single line (the hostile-repository work brings RE2).
"""

from __future__ import annotations

import re
from functools import cache


@cache
def compile_pattern(pattern: str, ignore_case: bool = False, multiline: bool = False) -> re.Pattern[str]:
    flags = (re.IGNORECASE if ignore_case else 0) | (re.MULTILINE if multiline else 0)
    return re.compile(pattern, flags)


def any_of(patterns: tuple[str, ...] | list[str], ignore_case: bool = False) -> re.Pattern[str]:
    """One pattern that matches where any of the given ones does (never matches when there are none)."""
    joined = "|".join(f"(?:{p})" for p in patterns) or r"[^\s\S]"
    return compile_pattern(joined, ignore_case)
