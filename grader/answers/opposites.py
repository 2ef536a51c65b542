"""Claims that take the opposite stance to a key point: naming the control while asserting its contrary.

A key point has a polarity: "tool output treated as untrusted data", "human approval", "keep the index fresh",
"percentiles, not averages". An answer can name every one of them and still say the opposite: "the tool output is
already verified", "we can auto-approve", "a 30-day answer cache", "report the daily mean". Negation is not the
issue (nothing is negated); the claim is the contrary of the point. The catalogue
(`content/drills/scoring/opposites.yaml`) holds, per stance a key point can take, the words of its contrary, as
general knowledge of the field rather than per question. A stance applies to a question through the words of its
key points (`points`), so one entry covers every question whose key points take that stance.

An asserted contrary (not negated, not a diagnosis of what went wrong, see `pitfalls.asserted`) loses the key point
and counts as an unsound claim; said with a hedge ("I think", "probably"), it is a weaker fault: an honest doubt
misleads less than a confident mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from curriculum.drills import KeyPoint, Question, bank_dir
from curriculum.yaml_models import load_model
from grader.answers.coverage import term_re
from grader.answers.pitfalls import Severity, Sprung, first_asserted
from grader.answers.text import sentences

# Said with doubt: the speaker is unsure, so the claim is a gap to probe rather than a confident mistake.
HEDGED = re.compile(
    r"\b(?:i think|i guess|i believe|i'?m not (?:\w+ )?sure|probably|maybe|perhaps|might|should (?:mostly|probably)"
    r"|mostly|i suppose|not sure)\b",
    re.IGNORECASE,
)


class Examples(BaseModel):
    """Sentences that show what an entry means: each `claim` asserts the contrary, no `fine` sentence does."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    claim: list[str] = Field(min_length=1)
    fine: list[str] = Field(default_factory=list)


class Opposite(BaseModel):
    """A stance key points take, the words that assert its contrary, and why the contrary is wrong."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stance: str = Field(min_length=3)  # what the key points hold, in a few words
    points: list[str] = Field(min_length=1)  # a key point whose label or match terms contain one of these holds it
    why: str = Field(min_length=10)
    match: list[str] = Field(min_length=1)
    unless: list[str] = Field(default_factory=list)  # in the same sentence, these make the claim sound
    examples: Examples


class _Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    opposites: list[Opposite] = Field(min_length=1)


@dataclass(frozen=True)
class Contradiction:
    """A stance the answer asserts the contrary of: the key points that hold it, and the claim that did."""

    points: tuple[str, ...]
    found: Sprung


@cache
def catalogue() -> tuple[Opposite, ...]:
    return tuple(load_model(bank_dir() / "scoring" / "opposites.yaml", _Catalogue).opposites)


def _holds(point: KeyPoint, opposite: Opposite) -> bool:
    # By the point's label, which says what it holds; its match terms are looser ("lag", "gate", "add").
    label = point.point.lower()
    return any(re.search(rf"(?<![\w-]){re.escape(word.lower())}", label) for word in opposite.points)


def stances(question: Question) -> list[tuple[KeyPoint, Opposite]]:
    """The question's key points with each stance they hold (a point may hold several, or none)."""
    return [(point, opposite) for point in question.key_points for opposite in catalogue() if _holds(point, opposite)]


def claims(opposite: Opposite, sentence: str) -> re.Match[str] | None:
    """Where `sentence` asserts the contrary of `opposite`'s stance, if it does."""
    hit = first_asserted(sentence, opposite.match)
    if hit and any(re.search(p, sentence, re.IGNORECASE) for p in opposite.unless):
        return None
    return hit


def contradictions(question: Question, answer: str) -> list[Contradiction]:
    """Every stance of the question's key points whose contrary the answer asserts, each once.

    One stance contradicted is one unsound claim, however often it is said. The points it costs are those the
    contradicting sentences name (by the point's match terms); a claim that names none of them costs every point
    that holds the stance.
    """
    said = sentences(answer)
    holders: dict[str, list[KeyPoint]] = {}
    by_stance: dict[str, Opposite] = {}
    for point, opposite in stances(question):
        holders.setdefault(opposite.stance, []).append(point)
        by_stance[opposite.stance] = opposite
    found: list[Contradiction] = []
    for stance, opposite in by_stance.items():
        hits = [(sentence, hit) for sentence in said if (hit := claims(opposite, sentence))]
        if not hits:
            continue
        named = [p.point for p in holders[stance] if any(_names(p, sentence) for sentence, _ in hits)]
        points = tuple(dict.fromkeys(named or [p.point for p in holders[stance]]))
        sentence, hit = hits[0]
        severity: Severity = "wrong" if any(not HEDGED.search(s) for s, _ in hits) else "weak"
        quote = sentence[hit.start() : hit.end()].strip()
        found.append(
            Contradiction(points, Sprung(f"the contrary of: {stance}", opposite.why, quote, severity, sentence))
        )
    return found


def _names(point: KeyPoint, sentence: str) -> bool:
    return bool(term_re(tuple(point.match)).search(sentence))
