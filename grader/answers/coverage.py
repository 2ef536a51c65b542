"""Which of the question's key points the answer covers: by match term, by synonym, or by the point's own words.

A key point counts as covered when one of its match terms appears (a term matches at a word start and may
take a suffix), when a synonym of a term from the shared lexicon (`content/drills/synonyms.yaml`) appears, or
when most content stems of the point itself appear in one sentence of the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from curriculum.drills import KeyPoint, Question
from grader.answers.lexicon import expand
from grader.answers.stance import clause_before, stance
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
    # point -> the words that dismiss it ("I deliberately didn't add a step limit"), when never used as dismissed
    dismissed: dict[str, str] = field(default_factory=dict)

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


def _mentions(
    pattern: re.Pattern[str], text: str
) -> tuple[re.Match[str] | None, re.Match[str] | None, list[re.Match[str]]]:
    """The first affirmative mention of a pattern, or else the first that dismisses it (see `stance`), and every
    mention that is not affirmative (so that no other path credits it).

    A dismissal stands unless the answer uses the dismissed words, or a name of the point as specific, elsewhere:
    "runs took 200 steps" does not undo "I didn't add a step limit", but "a nightly reconciliation" does undo "no
    need for a full rebuild" (both one-word names of the same point).
    """
    used: list[re.Match[str]] = []
    dismissed: list[re.Match[str]] = []
    unused: list[re.Match[str]] = []
    for found in pattern.finditer(text):
        said = stance(text, found.start(), found.end())
        if said == "affirmed":
            used.append(found)
            continue
        unused.append(found)
        if said == "dismissed":
            dismissed.append(found)
    words = {_norm(m.group(0)) for m in used}
    longest = max((len(w.split()) for w in words), default=0)
    waved = [m for m in dismissed if _norm(m.group(0)) not in words and len(_norm(m.group(0)).split()) > longest]
    if waved:
        return None, waved[0], unused
    return (used[0] if used else None), None, unused


def _norm(said: str) -> str:
    return re.sub(r"[\s-]+", " ", said.lower()).rstrip("s")


def _blank(text: str, spans: list[str]) -> str:
    """The text with these sentences blanked out, every other position kept."""
    for sentence in spans:
        at = text.find(sentence)
        if sentence and at >= 0:
            text = text[:at] + " " * len(sentence) + text[at + len(sentence) :]
    return text


def coverage(question: Question, answer: str, unsound: list[str] | None = None) -> Coverage:
    """Which key points the answer covers, used affirmatively.

    A mention counts only where the answer uses the thing: a mention inside a negation ("there was no step
    limit"), a decision against it ("rather than a step limit") or a dismissal ("I deliberately didn't add one")
    does not, and neither does one inside a sentence that makes an unsound claim (`unsound`, the sentences where
    a trap was found): naming the right control while misusing it ("isolation in the system prompt") is not
    covering it. A dismissed point is returned in `dismissed`: the scorer counts it as an unsound claim.
    """
    text = _blank(flatten(answer), [flatten(s) for s in unsound or []])
    by_sentence = [set(stems(s)) for s in sentences(text)]
    hit: list[str] = []
    missed: list[str] = []
    evidence: dict[str, str] = {}
    weak: set[str] = set()
    dismissed: dict[str, str] = {}
    for point in question.key_points:
        terms = _point_terms(point)
        specific = tuple(t for t in terms if t.lower() not in GENERIC_TERMS)
        found, refused, unused = _mentions(term_re(specific), text) if specific else (None, None, [])
        by_stem = None
        if specific and not (found or refused):
            # Inflections the patterns miss ("dropped" for "drop"), but never a mention that was negated.
            stemmed = f" {' '.join(stems(_blank_spans(text, unused)))} "
            by_stem = _by_stems(specific, stemmed)
        generic = None
        if not (found or by_stem):
            loose = tuple(t for t in terms if t.lower() in GENERIC_TERMS)
            generic = _mentions(term_re(loose), text)[0] if loose else None
        if found or by_stem or generic:
            hit.append(point.point)
            shown = found or generic
            evidence[point.point] = shown.group(0) if shown else str(by_stem)
            if generic and not (found or by_stem):
                weak.add(point.point)
        elif refused:
            missed.append(point.point)
            dismissed[point.point] = _quote(text, refused)
        elif _by_own_words(point, by_sentence):
            hit.append(point.point)
            evidence[point.point] = point.point
        else:
            missed.append(point.point)
    return Coverage(hit, missed, evidence, frozenset(weak), dismissed)


def _blank_spans(text: str, spans: list[re.Match[str]]) -> str:
    for span in spans:
        text = text[: span.start()] + " " * (span.end() - span.start()) + text[span.end() :]
    return text


def _quote(text: str, found: re.Match[str]) -> str:
    """The clause that rejects a point, in the learner's words."""
    before = clause_before(text, found.start())
    after = re.split(r"[.;!?]", text[found.end() : found.end() + 80])[0]
    return " ".join(f"{before} {found.group(0)}{after}".split())
