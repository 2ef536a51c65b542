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
from grader.answers.gaming import BUZZWORDS
from grader.answers.lexicon import expand
from grader.answers.signals import MEASURE_NAMES
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
# A point named only inside a sentence of intentions keeps a quarter of its credit: it shows the answer knows the
# point matters, not how it is done.
ABSTRACT_DISCOUNT = 0.75
COMMON_SHARE = 0.3  # a stem in this share of the bank's questions or more is common


@dataclass(frozen=True)
class Coverage:
    hit: list[str]  # key points covered, in the question's order
    missed: list[str]
    evidence: dict[str, str]  # point -> the words of the answer that showed it
    weak: frozenset[str] = frozenset()  # points shown only by generic words
    # point -> the words that dismiss it ("I deliberately didn't add a step limit"), when never used as dismissed
    dismissed: dict[str, str] = field(default_factory=dict)
    abstract: frozenset[str] = frozenset()  # points named only as intentions ("a review process in place")

    @property
    def share(self) -> float:
        total = len(self.hit) + len(self.missed)
        earned = len(self.hit) - 0.5 * len(self.weak) - ABSTRACT_DISCOUNT * len(self.abstract - self.weak)
        return earned / total if total else 0.0


# A term written of people in general ("their reasons") is said in a story of one person ("his reasons").
_AS_ONE_PERSON = {"their": "(?:their|his|her)", "them": "(?:them|him|her)", "they": "(?:they|he|she)"}
_ONE_PERSON = re.compile(r"\b(?:their|them|they)\b")


@lru_cache(maxsize=4096)
def term_re(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a list of match terms.

    Terms match at a word start and may take a suffix ("rerank" finds "reranking"); a space or hyphen inside
    a term matches either or none ("re-rank" finds "rerank"). Terms of three letters or fewer must be whole
    words, so "ci" does not find "city". "their", "them" and "they" also match one person's pronouns.
    """
    alternatives = []
    for term in terms:
        word = term.strip()
        body = re.sub(r"(?:\\ |\\-|-| )+", r"[\\s-]?", re.escape(word.lower()))
        body = _ONE_PERSON.sub(lambda m: _AS_ONE_PERSON[m.group(0)], body)
        tail = r"s?\b" if len(word) <= 3 and word[-1:].isalnum() else ""
        lead = r"\b" if word[:1].isalnum() else ""
        alternatives.append(f"{lead}{body}{tail}")
    return re.compile("|".join(alternatives), _I)


def _point_terms(point: KeyPoint) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*point.match, *expand(point.match)]))


@lru_cache(maxsize=1)
def _common_stems() -> frozenset[str]:
    """Stems most of the bank's questions use ("model", "eval", "cost", "answer"): they say what an answer is
    about, never which point it makes."""
    from curriculum.drills import load_bank
    from grader.answers.relevance import question_document

    questions = load_bank().all_questions()
    counts: dict[str, int] = {}
    for question in questions:
        for stem in set(stems(question_document(question))):
            counts[stem] = counts.get(stem, 0) + 1
    return frozenset(stem for stem, n in counts.items() if n >= COMMON_SHARE * len(questions))


def _by_own_words(point: KeyPoint, answer_sentences: list[set[str]]) -> bool:
    """The point said in other words: most stems of its label, or two of its specific words, in one sentence.

    At least one of the words found must be specific: "a different model family generates" is not said by any
    sentence where a model generates something.
    """
    common = _common_stems()
    wanted = set(stems(point.point))
    if len(wanted) >= 2:
        need = len(wanted) if len(wanted) <= 2 else len(wanted) - 1
        if any(len(wanted & sentence) >= need and (wanted & sentence) - common for sentence in answer_sentences):
            return True
    # "cross-tenant probes ... a test that fails" covers "automated leak tests" (match: cross-tenant test).
    specific = {s for term in point.match if term.lower() not in GENERIC_TERMS for s in stems(term)} | wanted
    specific -= _GENERIC_STEMS | common
    return len(specific) >= 3 and any(len(specific & sentence) >= 2 for sentence in answer_sentences)


def _by_stems(terms: tuple[str, ...], stemmed: str, any_order: bool = False) -> str | None:
    """A term found by its stems: "drop" in the bank finds "dropped" and "dropping", in order among the answer's
    stems; with `any_order` (a word-by-word gloss of another language, whose word order is not English), the stems of
    a term of several words may stand in any order within a few words of each other."""
    tokens = stemmed.split()
    for term in terms:
        stemmed_term = stems(term)
        # Only terms made of content words: "had to learn" would shrink to "learn" and find any lesson.
        if not stemmed_term or len(stemmed_term) != len(term.split()):
            continue
        if f" {' '.join(stemmed_term)} " in stemmed:
            return term
        if any_order and len(stemmed_term) > 1 and _near(set(stemmed_term), tokens):
            return term
    return None


def _near(wanted: set[str], tokens: list[str], window: int = 6) -> bool:
    return any(wanted <= set(tokens[i : i + window]) for i, token in enumerate(tokens) if token in wanted)


# A key point whose substance is taking something out ("deletes and tombstones", "redact personal data",
# "near-duplicates removed"), or a mention of a thing one removes (stale chunks, duplicates, noise): removing it is
# the point, not a waved-away control.
_REMOVABLE = re.compile(
    r"\b(?:delet|remov|redact|dedup|de-dup|duplicat|prun|strip|expir|evict|purg|trim|cut|filter|stale|outdated"
    r"|obsolete|pii|personal|secret|noise|nois|inject|bias|boilerplate|loop|toxic|spam|fewer|shorter|smaller"
    r"|cheaper|less|reduc|tombstone|clean|scrub|mask|anonymi|pseudonymi|blur|link)",
    _I,
)


# Words of intention and abstraction: what a vague answer says instead of a mechanism ("make sure there's enough
# diversity and coverage", "a robust review process in place", "degrade gracefully").
_ABSTRACT = re.compile(
    r"\b(?:make sure|ensure (?:that|we|it|the)|be careful|careful (?:about|with)|thoughtful|properly|appropriate\w*"
    r"|the right (?:\w+ )?(?:way|balance|things?|approach|level|place|expectations)|some (?:kind|sort) of|in place"
    r"|over time|going forward|as we learn|keep (?:improving|iterating)|continuous(?:ly)? (?:improv|iterat|monitor)\w*"
    r"|robust|strong|solid|best practices?|holistic|strateg\w*|flexib\w*|agnostic|diversif\w*|gracefully"
    r"|closely|obviously|(?:is|are|it'?s|that'?s) (?:\w+ )?(?:key|critical|crucial|essential|important|vital)"
    r"|the main thing|on the same page|works? for everyone|collaborat\w*|transparen\w*|huge difference"
    r"|at the end of the day|ultimately|partnership|journey|mindset|culture|alignment|synerg\w*|leverag\w*"
    r"|empower\w*|seamless\w*|comprehensive|world[- ]class|good enough|a lot of factors|all the (?:hidden )?\w+"
    r"|hidden costs|(?:more|less) control|the full picture|powerful)\b",
    _I,
)
# What makes a sentence concrete whatever its words: a figure, or a named measure.
_ANCHOR = re.compile(r"\d|" + MEASURE_NAMES.pattern, _I)


def _abstract_spans(text: str) -> list[tuple[int, int]]:
    """Where the sentences that speak only in intentions and abstractions are: a key point named there is half
    shown, because it says what matters without saying how ("make sure the data is representative")."""
    spans: list[tuple[int, int]] = []
    at = 0
    for sentence in sentences(text):
        start = text.find(sentence, at)
        if start < 0:
            continue
        at = start + len(sentence)
        if _ABSTRACT.search(sentence) and not _ANCHOR.search(sentence):
            spans.append((start, at))
    return spans


def _only_abstract(term: str, text: str, abstract: list[tuple[int, int]]) -> bool:
    """Whether every sentence that says `term` (by its stems) is abstract."""
    wanted = f" {' '.join(stems(term))} "
    concrete = [text[e:s] for (_, e), (s, _) in zip([(0, 0), *abstract], [*abstract, (len(text), 0)], strict=True)]
    return not any(wanted in f" {' '.join(stems(part))} " for part in concrete)


def _within(spans: list[tuple[int, int]], found: re.Match[str]) -> bool:
    return any(start <= found.start() < end for start, end in spans)


# A term that is itself the act of holding or voicing a view ("i thought", "pushed back"): words after it are the view.
_OPINION = re.compile(
    r"\b(?:thought|believed?|argued?|felt|disagree\w*|objected|pushed back|push back|concerns?(?: about)?"
    r"|convinced)$",
    re.IGNORECASE,
)


def _mentions(
    pattern: re.Pattern[str], text: str, removable: bool = False, abstract: list[tuple[int, int]] | None = None
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
        if said == "dismissed" and _OPINION.search(found.group(0)):
            # "I thought it was overkill" states an objection: what follows is the opinion, not a stance on it.
            said = "affirmed"
        if said == "removed":
            # Taking out a control is waving it away; taking out stale chunks or personal data is the control.
            said = "affirmed" if removable or _REMOVABLE.search(found.group(0)) else "dismissed"
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
    # The first mention in a concrete sentence, if any: it shows the point better than an abstract one.
    concrete = [m for m in used if not _within(abstract or [], m)]
    best = concrete or used
    return (best[0] if best else None), None, unused


def _norm(said: str) -> str:
    return re.sub(r"[\s-]+", " ", said.lower()).rstrip("s")


def _blank(text: str, spans: list[str]) -> str:
    """The text with these sentences blanked out, every other position kept."""
    for sentence in spans:
        at = text.find(sentence)
        if sentence and at >= 0:
            text = text[:at] + " " * len(sentence) + text[at + len(sentence) :]
    return text


def coverage(
    question: Question,
    answer: str,
    unsound: list[str] | None = None,
    contradicted: frozenset[str] = frozenset(),
    glossed: bool = False,
) -> Coverage:
    """Which key points the answer covers, used affirmatively.

    A mention counts only where the answer uses the thing: a mention inside a negation ("there was no step
    limit"), a decision against it ("rather than a step limit") or a dismissal ("I deliberately didn't add one")
    does not, and neither does one inside a sentence that makes an unsound claim (`unsound`, the sentences where
    a trap was found): naming the right control while misusing it ("isolation in the system prompt") is not
    covering it. A dismissed point is returned in `dismissed`: the scorer counts it as an unsound claim. A point
    in `contradicted` (the answer asserts its contrary, see `opposites`) is missed wherever else it is named.
    A `glossed` answer (German or Spanish read word by word) may say a term's words in its own order.
    """
    text = _blank(flatten(answer), [flatten(s) for s in unsound or []])
    # A buzzword names no point: "data-driven decisions usually win" is not evidence gathered.
    text = BUZZWORDS.sub(lambda m: " " * len(m.group(0)), text)
    by_sentence = [set(stems(s)) for s in sentences(text)]
    abstract = _abstract_spans(text)
    hit: list[str] = []
    missed: list[str] = []
    evidence: dict[str, str] = {}
    weak: set[str] = set()
    vague: set[str] = set()
    dismissed: dict[str, str] = {}
    for point in question.key_points:
        if point.point in contradicted:
            missed.append(point.point)
            continue
        terms = _point_terms(point)
        specific = tuple(t for t in terms if t.lower() not in GENERIC_TERMS)
        removable = bool(_REMOVABLE.search(point.point))
        found, refused, unused = (
            _mentions(term_re(specific), text, removable, abstract) if specific else (None, None, [])
        )
        by_stem = None
        if specific and not (found or refused):
            # Inflections the patterns miss ("dropped" for "drop"), but never a mention that was negated.
            stemmed = f" {' '.join(stems(_blank_spans(text, unused)))} "
            by_stem = _by_stems(specific, stemmed, any_order=glossed)
        generic = None
        if not (found or by_stem):
            loose = tuple(t for t in terms if t.lower() in GENERIC_TERMS)
            generic = _mentions(term_re(loose), text, abstract=abstract)[0] if loose else None
        if found or by_stem or generic:
            hit.append(point.point)
            shown = found or generic
            evidence[point.point] = shown.group(0) if shown else str(by_stem)
            if generic and not (found or by_stem):
                weak.add(point.point)
            elif (shown and _within(abstract, shown)) or (by_stem and _only_abstract(by_stem, text, abstract)):
                vague.add(point.point)  # named, but only as an intention
        elif refused:
            missed.append(point.point)
            dismissed[point.point] = _quote(text, refused)
        elif _by_own_words(point, by_sentence):
            hit.append(point.point)
            evidence[point.point] = point.point
        else:
            missed.append(point.point)
    return Coverage(hit, missed, evidence, frozenset(weak), dismissed, frozenset(vague))


def _blank_spans(text: str, spans: list[re.Match[str]]) -> str:
    for span in spans:
        text = text[: span.start()] + " " * (span.end() - span.start()) + text[span.end() :]
    return text


def _quote(text: str, found: re.Match[str]) -> str:
    """The clause that rejects a point, in the learner's words."""
    before = clause_before(text, found.start())
    after = re.split(r"[.;!?]", text[found.end() : found.end() + 80])[0]
    return " ".join(f"{before} {found.group(0)}{after}".split())
