"""Products an answer works out aloud, checked: "3 million tickets at 800 tokens each is 2.4 million tokens".

Estimates are the point of cost and capacity questions, and an estimate a thousand times off misleads a team
however fluent the answer around it. Only products stated in full in one clause are checked (a count, a figure
each, and the total claimed), and only an error of more than `TOLERANCE` times counts: rounding and "roughly"
are fine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOLERANCE = 3.0
_LONGEST = 600

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100,
}  # fmt: skip
_SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "billion": 1e9,
    "trillion": 1e12,
}  # fmt: skip
_NUMBER = (
    # A number starts where no digit precedes it and is at most 15 digits, so a long digit run is tried once.
    r"(?<![\d.,$])\$?(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?![\d,]\d)(?:\.\d{1,6})?"
    r"(?:\s?(?:k|m|mn|bn|b|thousand|million|billion|trillion)\b)?"
    r"|\b(?:" + "|".join(_WORD_NUMBERS) + r")\b"
)
_ABOUT = r"(?:(?:about|around|roughly|approximately|~|only|just|some|over|under|nearly|almost)\s+)?"
# "<count> <things> at <figure> <unit> each, is/that's <total>"
_PRODUCT = re.compile(
    rf"(?P<a>{_NUMBER})\s+(?:[a-z-]+\s+){{1,3}}?(?:at|of|×|x|times)\s+{_ABOUT}(?P<b>{_NUMBER})\s*"
    r"(?P<unit>(?!each\b|per\b|a\b|is\b|that)[a-z%$-]+(?:\s+(?!each\b|per\b|a\b|is\b|that)[a-z-]+)?)?\s*(?:each|apiece|per\s+\w+|a\s+(?:piece|ticket|call|request|post|item|"
    r"document|page|query|message|conversation|user|day))?\s*,?\s*(?:that'?s|that is|is|are|comes? to|gives?|makes?"
    r"|=|totals?|works? out (?:to|at)|means|adds? up to|so)\s+"
    rf"{_ABOUT}(?P<c>{_NUMBER})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class WrongProduct:
    quote: str
    claimed: float
    worked_out: float


def parse_number(said: str) -> float | None:
    text = said.strip().lower().lstrip("$").replace(",", "")
    if text in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[text])
    found = re.match(r"(\d+(?:\.\d+)?)\s?([a-z]+)?$", text)
    if not found:
        return None
    value = float(found.group(1))
    scale = found.group(2)
    if scale:
        if scale not in _SCALES:
            return None
        value *= _SCALES[scale]
    return value


def wrong_products(sentence: str) -> list[WrongProduct]:
    """Products in the sentence whose claimed total is more than `TOLERANCE` times off."""
    found: list[WrongProduct] = []
    if len(sentence) > _LONGEST:
        return found  # a spoken sentence is never this long: not worth the regex time on hostile input
    for match in _PRODUCT.finditer(sentence):
        a, b, c = (parse_number(match.group(k)) for k in ("a", "b", "c"))
        unit = (match.group("unit") or "").lower()
        if not a or not b or not c or a < 2 or unit.startswith(("%", "percent")):
            continue  # "3 million at 5%" is a share, not a product
        worked_out = a * b
        ratio = max(worked_out, c) / min(worked_out, c)
        if ratio > TOLERANCE:
            found.append(WrongProduct(match.group(0).strip(), c, worked_out))
    return found


def say(value: float) -> str:
    """A figure as people say it: 2.4 billion, 24,000, 9."""
    for name, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if value >= scale:
            return f"{value / scale:.3g} {name}"
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"
