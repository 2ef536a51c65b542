"""Did a rewrite add facts? Every number, proper name and link in the polished text must be in the source.

A pure function, so `--polish` can reject a model's rewrite before anything is written. The rules are
deliberately conservative: a false alarm costs the learner a polish, a missed one costs their credibility.
- Numbers: digit runs (thousands separators, trailing zeros and leading zeros normalised) and number words.
- Names: a capitalised word whose lower-case form the source never uses. At a sentence start only words
  with a second capital or a digit count (`OpenAI`, `GPT4`), since ordinary words are capitalised there too.
- Links: every URL and Markdown link target; and none of the source's links may go missing, since a claim
  that loses its link is a claim without proof.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'+#-]*")
_URL = re.compile(r"https?://[^\s)>\]\"']+")
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)")
NUMBER_WORDS = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "half",
        "halved",
        "double",
        "doubled",
        "twice",
        "triple",
        "tripled",
        "quadrupled",
        "dozen",
        "percent",
    ]
)
_MARKUP = " \t*_#>[(`\"'|-"


@dataclass(frozen=True)
class FactCheck:
    new_numbers: list[str]
    new_names: list[str]
    new_links: list[str]
    lost_links: list[str]

    @property
    def ok(self) -> bool:
        return not (self.new_numbers or self.new_names or self.new_links or self.lost_links)

    @property
    def reason(self) -> str:
        parts = [
            f"{what} not in the record: {', '.join(items)}"
            for what, items in (
                ("numbers", self.new_numbers),
                ("names", self.new_names),
                ("links", self.new_links),
            )
            if items
        ]
        if self.lost_links:
            parts.append(f"links dropped: {', '.join(self.lost_links)}")
        return "; ".join(parts)


def check_facts(source: str, polished: str) -> FactCheck:
    return FactCheck(
        new_numbers=_missing(_numbers(polished), _numbers(source)),
        new_names=_missing(_names(polished, source), set()),
        new_links=_missing(_links(polished), _links(source)),
        lost_links=_missing(_links(source), _links(polished)),
    )


def text_diff(before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), "record", "polished", n=1
    )
    return "".join(lines)


def _missing(found: set[str], known: set[str]) -> list[str]:
    return sorted(found - known)


def _numbers(text: str) -> set[str]:
    found = {_normalise(match) for match in _NUMBER.findall(text)}
    found |= {word.lower() for word in _WORD.findall(text) if word.lower() in NUMBER_WORDS}
    return found


def _normalise(number: str) -> str:
    number = number.replace(",", "")
    whole, _, fraction = number.partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _names(polished: str, source: str) -> set[str]:
    known = {word.lower() for word in _WORD.findall(source)}
    names = set()
    for match in _WORD.finditer(polished):
        word = match.group()
        if not word[0].isupper() or word.lower() in known:
            continue
        if _sentence_start(polished, match.start()) and not _looks_like_a_name(word):
            continue
        names.add(word)
    return names


def _sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip(_MARKUP)
    return not before or before.endswith(("\n", ".", "!", "?", ":"))


def _looks_like_a_name(word: str) -> bool:
    return any(char.isupper() or char.isdigit() for char in word[1:])


def _links(text: str) -> set[str]:
    return {url.rstrip(".,;:") for url in _URL.findall(text)} | set(_LINK_TARGET.findall(text))
