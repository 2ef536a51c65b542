"""Unsound claims in an answer: the shared catalogue (`content/drills/scoring/traps.yaml`) and the question's own.

A trap is found one sentence at a time, and only when the sentence asserts it: "temperature 0 alone does not
make it deterministic" or "never remove the timeout" names a trap in order to reject it, and costs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from curriculum.drills import Question, Trap, bank_dir, claim_regex
from curriculum.yaml_models import load_model
from grader.answers.arithmetic import say, wrong_products
from grader.answers.text import sentences

_NEGATOR = r"(?:not|never|no|n't|without|avoid\w*|instead|rather|resist\w*|refus\w*|stop\w*|myth|trap|mistake|wrong)"
# A sentence rejects a claim when a negation or a critique stands just before it in the same clause, or reports it
# as what others say ("a cost people forget when they say self-hosting is free"): reported, not asserted...
_BEFORE = re.compile(
    rf"(?:\b{_NEGATOR}\b|n't\b|\b(?:overfit\w*|leak\w*|contaminat\w*|risk\w*|danger\w*|pitfall\w*|look(?:ing)? for|"
    r"check(?:ing)? (?:for|whether)|watch(?:ing)? for|guard against|the problem|the classic|tempting|"
    r"(?:people|others|everyone|folks|many teams|some teams) (?:often |usually |still )?"
    r"(?:think|assume|say|claim|believe|forget)|when (?:they|people) say|the (?:myth|idea|belief|assumption) that"
    r"|assum\w*|if|unless|whether"
    r"|first (?:idea|instinct|fix|thought|attempt|proposal))\b)[^,;:]{0,50}$",
    re.IGNORECASE,
)
# ...or right after it.
_AFTER = re.compile(
    r"^[^,;:.]{0,30}\b(?:is not|isn't|doesn't|does not|won't|will not|is a (?:mistake|trap)|is wrong|was wrong"
    r"|(?:is|was|would be) (?:the |a )?wrong|would be (?:a |the )?(?:mistake|trap)"
    r"|(?:is|are|was|were|would be) (?:far |much |way |still )?too"
    r" (?:slow|late|rare|stale|risky|long|short|loose|few|little|small)"
    r"|(?:is|was) the (?:mistake|trap|problem|pitfall)|not enough|backfire\w*)\b"
    r"|^[^.]{0,40}\b(?:which|that) (?:they|we|i|was) (?:\w+ly )?(?:rejected|refused|turned down)"
    r"|^[^.]{0,40}\bwas (?:rejected|refused)"
    # ...or the sentence tells what the claim did wrong: "retries without jitter tripled traffic".
    r"|^[^.]{0,50}\b(?:made (?:\w+ ){0,3}worse|caused (?:the|an?|our)|(?:tripled|doubled|amplified|multiplied)"
    r" (?:the )?(?:traffic|load|cost|bill|errors?|latency)|was (?:the|our) (?:cause|root cause|problem|mistake|bug))\b"
    # ...or what it led to: "a cache keyed on the question served one account's answer to another".
    r"|^[^.]{0,60}\b(?:leaked|exposed|served (?:[\w'’]+ ){0,4}to (?:another|other|the wrong))",
    re.IGNORECASE,
)

# ...or the sentence is a diagnosis: it says what was wrong before the fix ("what failed is that authorisation
# lived in the prompt", "the first prototype trusted..."), which is the opposite of recommending it.
_DIAGNOSIS = re.compile(
    r"\b(?:what (?:failed|went wrong|broke|was wrong)|root cause|the (?:bug|flaw|mistake|failure|hole|gap|weakness)"
    r" (?:was|is)|(?:the|our) problem (?:was|is)|the (?:old|first|original|previous|initial|earlier) (?:version|design"
    r"|setup|prototype|system|implementation|approach|pipeline)|originally|previously|used to|back then|at the time)\b",
    re.IGNORECASE,
)
# ...or it contrasts the claim with the right place for it: "authorisation was in the prompt, not the tool".
_CONTRAST_AFTER = re.compile(r"^\s*(?:\w+\s+){0,3}?[,;]\s*(?:not|never|rather than|instead of)\b", re.IGNORECASE)

Severity = Literal["wrong", "weak"]
_DECIMAL_POINT = re.compile(r"(\d)\.(\d)")


class _Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    traps: list[Trap] = Field(min_length=1)


@dataclass(frozen=True)
class Sprung:
    """A trap the answer fell into: its name, why it is unsound, and the words that showed it."""

    name: str
    why: str | None
    quote: str
    severity: Severity
    sentence: str = ""  # the whole sentence that made the claim


@cache
def shared_traps() -> tuple[Trap, ...]:
    return tuple(load_model(bank_dir() / "scoring" / "traps.yaml", _Catalogue).traps)


def asserted(sentence: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The first match of `pattern` in `sentence` that the sentence asserts (not negated, diagnosed or contrasted)."""
    for found in pattern.finditer(sentence):
        before, after = sentence[: found.start()], sentence[found.end() :]
        if _BEFORE.search(before) or _AFTER.search(after) or _DIAGNOSIS.search(before) or _CONTRAST_AFTER.search(after):
            continue
        return found
    return None


def first_asserted(sentence: str, patterns: list[str]) -> re.Match[str] | None:
    """The first of `patterns` the sentence asserts, found on a copy where "0.2" reads "0,2".

    "0.2" would end a clause for the patterns' [^.] gaps; a decimal comma keeps the number inside it. The swap keeps
    every position, so a quote cut at the match's span is the learner's own words.
    """
    readable = _DECIMAL_POINT.sub(r"\1,\2", sentence)
    return next((m for p in patterns if (m := asserted(readable, claim_regex(p)))), None)


def sprung(question: Question, answer: str) -> list[Sprung]:
    """Every trap the answer asserts, the question's own first, each once, then any product worked out wrong."""
    found: dict[str, Sprung] = {}
    said = sentences(answer)
    for trap in [*question.traps, *shared_traps()]:
        if trap.name in found:
            continue
        for sentence in said:
            hit = first_asserted(sentence, trap.match)
            if hit:
                quote = sentence[hit.start() : hit.end()].strip()
                found[trap.name] = Sprung(trap.name, trap.why, quote, trap.severity, sentence)
                break
    for sentence in said:
        for product in wrong_products(sentence):
            found.setdefault(
                "an estimate worked out wrong",
                Sprung(
                    "an estimate worked out wrong",
                    f"The figures given multiply to about {say(product.worked_out)}, not {say(product.claimed)}: an "
                    "estimate that far off misleads every decision built on it.",
                    product.quote,
                    "wrong",
                    sentence,
                ),
            )
    return list(found.values())
