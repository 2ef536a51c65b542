"""Literal strings a regular expression cannot match without, so most files skip most regexes.

A pattern's needles are found by walking its parsed form: the longest run of literal characters that every
match must contain (or, for an alternation, one such run per branch). All needles of all tables go into one
Aho-Corasick automaton, so a file is scanned once to learn which regexes could match it at all.
"""

from __future__ import annotations

import re
import re._constants as sre_constants  # the parsed-pattern opcodes of this Python
import re._parser as sre_parse
from functools import cache
from typing import Any

MIN_NEEDLE = 3
_REPEATS = {
    sre_constants.MAX_REPEAT,
    sre_constants.MIN_REPEAT,
    getattr(sre_constants, "POSSESSIVE_REPEAT", None),
}

Options = tuple[str, ...]  # any one of these literals must occur


def _better(a: Options | None, b: Options | None) -> Options | None:
    """The more selective requirement: the one whose shortest literal is longest."""
    if not a or min(map(len, a)) < MIN_NEEDLE:
        return b if b and min(map(len, b)) >= MIN_NEEDLE else None
    if not b or min(map(len, b)) < MIN_NEEDLE:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _sequence(items: list[tuple[Any, Any]]) -> Options | None:
    best: Options | None = None
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is sre_constants.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            best = _better(best, ("".join(run).lower(),))
            run = []
        if op is sre_constants.SUBPATTERN:
            best = _better(best, _sequence(list(arg[3])))
        elif op is sre_constants.ATOMIC_GROUP:
            best = _better(best, _sequence(list(arg)))
        elif op in _REPEATS and arg[0] >= 1:
            best = _better(best, _sequence(list(arg[2])))
        elif op is sre_constants.BRANCH:
            branches = [_sequence(list(branch)) for branch in arg[1]]
            if all(b and min(map(len, b)) >= MIN_NEEDLE for b in branches):
                best = _better(best, tuple(sorted({n for b in branches for n in b or ()})))
    return best


@cache
def needles(pattern: str) -> Options | None:
    """Lower-case literals, one of which every match contains; None when the pattern has none usable."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    return _sequence(list(parsed))
