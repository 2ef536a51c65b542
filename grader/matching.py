"""Compiled patterns for the facts layer and the probes, through the grader's linear-time engine (RE2).

Every pattern the facts layer runs over repository text (paths, commands, Markdown, names) is compiled here,
on `grader.textmatch`; so no pattern may use look-around or back-references.
"""

from __future__ import annotations

from functools import cache

from grader import textmatch


@cache
def compile_pattern(pattern: str, ignore_case: bool = False, multiline: bool = False) -> textmatch.Pattern:
    flags = (textmatch.IGNORECASE if ignore_case else 0) | (textmatch.MULTILINE if multiline else 0)
    return textmatch.compile(pattern, flags)


def any_of(patterns: tuple[str, ...] | list[str], ignore_case: bool = False) -> textmatch.Pattern:
    """One pattern that matches where any of the given ones does (never matches when there are none)."""
    joined = "|".join(f"(?:{p})" for p in patterns) or r"[^\x00-\x{10FFFF}]"
    return compile_pattern(joined, ignore_case)
