"""Padding that imitates substance: key points said again, lists of their nouns, and ownership said as verbs.

Three rules an interviewer applies to any answer, whatever the question:

- A key point earns once. Said again in another sentence ("I check scoped credentials... I scoped credentials...
  Scoped credentials, allowlist..."), it adds nothing the first mention did not, so restating most of the key points
  is padding, not depth. A real answer names a point once and then says what follows from it.
- A sentence that is only a list of nouns ("Clause, quote, OCR, layout, metadata, matter, refuse.") has no verb: it
  says nothing about any of them.
- Ownership is shown by what the speaker did and decided, not claimed by stacking verbs ("I owned, led and
  delivered", "I owned the review, I led the registry, I drove least privilege").
- A checklist in the first person is still a checklist: key points each said as "I <verb> <point>", one clause after
  another, with nothing linking them (no because, so, when, which...), say that steps were done, not why or how one
  led to the next.
"""

from __future__ import annotations

import re

from curriculum.drills import Question
from grader.answers.text import STOP_WORDS, sentences, stems, words

# A key point restated in this many sentences or more, for at least this many points and this share of them.
RESTATED_MIN_POINTS = 3
RESTATED_SHARE = 0.5

_OWNERSHIP = r"(?:owned|led|drove|delivered|spearheaded|championed|oversaw|headed|architected)"
# Two ownership verbs with no object between them: "I owned, led and delivered", "I owned, I drove".
_STACKED = re.compile(rf"\bI {_OWNERSHIP}\s*(?:,\s*|\s+and\s+|\s*&\s*)(?:and\s+)?(?:I\s+)?{_OWNERSHIP}\b", re.I)
_OWNERSHIP_RE = re.compile(rf"\b{_OWNERSHIP}\b", re.I)
_FIRST_PERSON_CLAIM = re.compile(r"\bI [a-z]+", re.I)

# First-person clauses naming a key point, with no word that links them to a reason or to another step.
_CLAIM_CLAUSE = re.compile(r"I (?!(?:was|am|had|have|think|guess|believe|would|'d|'m)\b)[a-z]+", re.I)
_LINK = re.compile(
    r"\b(?:because|so|since|which|when|until|after|unless|if|otherwise|but|then|once|to (?:avoid|stop|catch|keep"
    r"|prevent|make))\b",
    re.I,
)
_CLAUSES = re.compile(r"[.;:!?]\s|,\s*(?:and\s+)?|\s+and\s+(?=I\b)")
CHECKLIST_CLAIMS = 4  # bare first-person key-point clauses, covering at least half the key points

# A noun list: this many comma-separated items or more, nearly all of a few words, with almost no function words.
_LIST_ITEMS = 4
_ITEM_WORDS = 3
_LIST_FUNCTION_SHARE = 0.15


def restated_points(question: Question, text: str) -> list[str]:
    """Key points whose label, by every stem of it, is said in two sentences or more (labels of two stems or more)."""
    said = [set(stems(s)) for s in sentences(text)]
    restated = []
    for point in question.key_points:
        wanted = set(stems(point.point))
        if len(wanted) >= 2 and sum(1 for sentence in said if wanted <= sentence) >= 2:
            restated.append(point.point)
    return restated


def restates_most(question: Question, text: str) -> list[str]:
    """The restated key points, when they are most of the question's: padding rather than one point revisited."""
    restated = restated_points(question, text)
    enough = max(RESTATED_MIN_POINTS, RESTATED_SHARE * len(question.key_points))
    return restated if len(restated) >= enough else []


def noun_lists(text: str) -> list[str]:
    """Sentences that are only a list of nouns: items of a few words, separated by commas, with no verb to link them.

    Lists of figures are left to the count of numbers standing alone (see `gaming`), so an item with a digit does not
    count towards the list.
    """
    found = []
    for sentence in sentences(text):
        tokens = words(sentence)
        if not tokens:
            continue
        items = [item for item in re.split(r",|\band\b|\bor\b", sentence.rstrip(".!?;: ")) if words(item)]
        wordy = [item for item in items if not re.search(r"\d", item)]
        short = [item for item in wordy if len(words(item)) <= _ITEM_WORDS]
        # The "and" or "or" that closes a list is part of the list, not grammar around it.
        function_share = sum(1 for t in tokens if t in STOP_WORDS and t not in ("and", "or")) / len(tokens)
        if len(short) >= _LIST_ITEMS and len(short) >= 0.75 * len(items) and function_share < _LIST_FUNCTION_SHARE:
            found.append(sentence)
    return found


def stacked_ownership(text: str) -> list[str]:
    """Sentences that claim ownership by stacking its verbs: two with no object between them, or three first-person
    claims in one sentence of which two or more are ownership verbs ("I owned X, I led Y, I shipped Z")."""
    found = []
    for sentence in sentences(text):
        stacked = _STACKED.search(sentence)
        owned = {m.lower() for m in _OWNERSHIP_RE.findall(sentence)}
        if stacked or (len(owned) >= 2 and len(_FIRST_PERSON_CLAIM.findall(sentence)) >= 3):
            found.append(sentence)
    return found


def first_person_checklist(question: Question, text: str) -> list[str]:
    """Clauses that each say "I <verb> <a key point>" with nothing linking them, when there are enough of them
    (`CHECKLIST_CLAIMS`, naming half the key points or more) to be the answer's way of covering the points."""
    labels = [set(stems(point.point)) for point in question.key_points]
    claims: list[str] = []
    named: set[int] = set()
    for clause in _CLAUSES.split(text):
        clause = clause.strip()
        if not _CLAIM_CLAUSE.match(clause) or _LINK.search(clause):
            continue
        said = set(stems(clause))
        points = {i for i, label in enumerate(labels) if label and label <= said}
        if points:
            claims.append(clause)
            named |= points
    enough = len(claims) >= CHECKLIST_CLAIMS and len(named) >= 0.5 * len(question.key_points)
    return claims if enough else []
