"""Which of the question's key points the answer covers: by match term, by synonym, or by the point's own words.

A key point counts as covered when one of its match terms appears (a term matches at a word start and may
take a suffix), when a synonym of a term from the shared lexicon (`content/drills/synonyms.yaml`) appears, or
when most content stems of the point itself appear in one sentence of the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from curriculum.drills import KeyPoint, Question
from grader.answers.lexicon import expand
from grader.answers.text import flatten, sentences, stems

_I = re.IGNORECASE


# Words every answer pattern uses whatever the question ("trade-off", "measured", "result", "next"). A key point
# shown only by one of these is half shown: a generic template says them all, about nothing.
GENERIC_TERMS = frozenset(
    """
    trade-off tradeoff trade-offs downside downsides cost at the cost of price of cost of this measure measured
    metric metrics rate result results outcome outcomes turned out lesson lessons learned learnt differently
    now i next later next quarter follow-up follow up check checks process impact users customers risk data
    review plan improve improved deadline shipped launched on time days problem goal owner accountable
    option alternative choice recommend propose suggest since then changed how i
    """.split()  # noqa: SIM905
) | {
    "at the cost of",
    "cost of this",
    "price of",
    "next quarter",
    "follow up",
    "turned out",
    "now i",
    "since then",
    "changed how i",
    "on time",
}


_GENERIC_STEMS = frozenset(stems(" ".join(GENERIC_TERMS)))


@dataclass(frozen=True)
class Coverage:
    hit: list[str]  # key points covered, in the question's order
    missed: list[str]
    evidence: dict[str, str]  # point -> the words of the answer that showed it
    weak: frozenset[str] = frozenset()  # points shown only by generic words

    @property
    def share(self) -> float:
        total = len(self.hit) + len(self.missed)
        earned = len(self.hit) - 0.5 * len(self.weak)
        return earned / total if total else 0.0


@lru_cache(maxsize=4096)
def term_re(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a list of match terms.

    Terms match at a word start and may take a suffix ("rerank" finds "reranking"); a space or hyphen inside
    a term matches either or none ("re-rank" finds "rerank"). Terms of three letters or fewer must be whole
    words, so "ci" does not find "city".
    """
    alternatives = []
    for term in terms:
        word = term.strip()
        body = re.sub(r"(?:\\ |\\-|-| )+", r"[\\s-]?", re.escape(word.lower()))
        tail = r"s?\b" if len(word) <= 3 and word[-1:].isalnum() else ""
        lead = r"\b" if word[:1].isalnum() else ""
        alternatives.append(f"{lead}{body}{tail}")
    return re.compile("|".join(alternatives), _I)


def _point_terms(point: KeyPoint) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*point.match, *expand(point.match)]))


def _by_own_words(point: KeyPoint, answer_sentences: list[set[str]]) -> bool:
    """The point said in other words: most stems of its label, or two of its specific words, in one sentence."""
    wanted = set(stems(point.point))
    if len(wanted) >= 2:
        need = len(wanted) if len(wanted) <= 2 else len(wanted) - 1
        if any(len(wanted & sentence) >= need for sentence in answer_sentences):
            return True
    # "cross-tenant probes ... a test that fails" covers "automated leak tests" (match: cross-tenant test).
    specific = {s for term in point.match if term.lower() not in GENERIC_TERMS for s in stems(term)} | wanted
    specific -= _GENERIC_STEMS
    return len(specific) >= 3 and any(len(specific & sentence) >= 2 for sentence in answer_sentences)


def _by_stems(terms: tuple[str, ...], stemmed: str) -> str | None:
    # "drop" in the bank finds "dropped" and "dropping": the term's stems, in order, among the answer's stems.
    for term in terms:
        stemmed_term = stems(term)
        # Only terms made of content words: "had to learn" would shrink to "learn" and find any lesson.
        if not stemmed_term or len(stemmed_term) != len(term.split()):
            continue
        if f" {' '.join(stemmed_term)} " in stemmed:
            return term
    return None


def coverage(question: Question, answer: str) -> Coverage:
    text = flatten(answer)
    by_sentence = [set(stems(s)) for s in sentences(answer)]
    stemmed = f" {' '.join(stems(text))} "
    hit: list[str] = []
    missed: list[str] = []
    evidence: dict[str, str] = {}
    weak: set[str] = set()
    for point in question.key_points:
        terms = _point_terms(point)
        specific = tuple(t for t in terms if t.lower() not in GENERIC_TERMS)
        found = (term_re(specific).search(text) if specific else None) or None
        by_stem = None if found else (_by_stems(specific, stemmed) if specific else None)
        generic = None
        if not (found or by_stem):
            loose = tuple(t for t in terms if t.lower() in GENERIC_TERMS)
            generic = (term_re(loose).search(text) if loose else None) or None
        if found or by_stem or generic:
            hit.append(point.point)
            shown = found or generic
            evidence[point.point] = shown.group(0) if shown else str(by_stem)
            if generic:
                weak.add(point.point)
        elif _by_own_words(point, by_sentence):
            hit.append(point.point)
            evidence[point.point] = point.point
        else:
            missed.append(point.point)
    return Coverage(hit, missed, evidence, frozenset(weak))
