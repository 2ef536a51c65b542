"""Words, stems and sentences of an answer: the one tokenizer every judgement of an answer shares.

Stems come from the Snowball stemmers (PyStemmer), so "labelled", "labels" and "labeling" are one word to
the scorer; stop words are English function words, which carry grammar rather than content.
"""

from __future__ import annotations

import re
from functools import cache

import Stemmer

WORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9'’@_-]*|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n\s*(?:[-*•]|\d+[.)])\s+|\n\s*\n")

# Function words: grammar, not content. A fluent English answer is roughly 40-50% these.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each either else ever every few for from
    further had has have having he her here hers herself him himself his how i if in into is it its itself
    just let me more most much must my myself no nor not now of off on once only or other our ours ourselves
    out over own per same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up upon us very was we were what when where which while
    who whom whose why will with within without would you your yours yourself yourselves i'd i'm i've i'll
    we'd we're we've it's that's there's don't doesn't didn't isn't wasn't aren't weren't can't couldn't
    won't wouldn't shouldn't haven't hasn't hadn't let's one two three first second then also still even
    may might shall way get got gets make made makes take took put say said says thing things lot
    """.split()  # noqa: SIM905
)


@cache
def stemmer(language: str = "english") -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language)


def words(text: str) -> list[str]:
    """Every word and number, lower-cased, apostrophes normalised ("I’d" -> "i'd")."""
    return [w.lower().replace("’", "'").strip("'-_") for w in WORD_RE.findall(text)]


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOP_WORDS and not w[:1].isdigit() and len(w) > 1]


def stems(text: str, language: str = "english") -> list[str]:
    """Stems of the content words, in order: the tokens relevance and coverage are computed on."""
    # Hyphenated words count as their parts too: "re-ranking" is "re", "rank" and "re-rank".
    out: list[str] = []
    for word in content_words(text):
        parts = [p for p in re.split(r"[-_/]", word) if len(p) > 1]
        out.extend(parts if len(parts) > 1 else [word])
    return stemmer(language).stemWords(out)


def stem_phrase(phrase: str) -> tuple[str, ...]:
    return tuple(stems(phrase))


def sentences(text: str) -> list[str]:
    """Sentences, with bullet items and paragraphs as sentences of their own."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def flatten(text: str) -> str:
    """The text on one line: phrases wrapped across lines ("instead\\nof") still match."""
    return " ".join(text.split())
