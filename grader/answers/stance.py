"""How an answer stands towards a thing it names: does it use it, say it was absent, or reject it?

"I added a step limit of 40" uses a step limit; "there was no step limit" says it was absent; "I chose loop
detection rather than a lower step limit" or "we rejected step limits" decide against it; "I deliberately didn't
add a step limit" and "step limits are an anti-pattern" dismiss it. A keyword counter credits all four. Here a
mention counts for a key point only when it is affirmative, and a control the answer dismisses is said: deciding
against an option with a reason is what good answers do, waving a control away is what confident wrong ones do.

The scope of a negation is its clause: from the last sentence or clause boundary before the mention (a full stop,
a semicolon or colon, or a conjunction that starts a new clause: "but", "so", "because", "which"...), and at most
ten words back. A comma list stays inside the scope: "no budget, step limit or alert" negates all three.
"""

from __future__ import annotations

import re
from typing import Literal

Stance = Literal["affirmed", "negated", "rejected", "dismissed"]

_I = re.IGNORECASE

# Where a clause starts: the negation of an earlier clause does not reach past these.
_CLAUSE_START = re.compile(
    r"[.;:!?()\"“”]|\s[-–—]\s|,\s+(?=(?:so|and|but|then|which|because|while|whereas|although|though|until|once|when"
    r"|if|i|we|it|they|this|that|now|after|before|since)\b)"
    r"|\b(?:but|so|because|although|though|whereas|while|which|until|unless|once|then|since|after|before|yet)\b",
    _I,
)
# Negations that leave the thing in place: a limit ("no more than 40 steps", "can't exceed $25"), an addition
# ("not only the prompt", "not just overall"), or an indifference ("no matter").
_NOT_A_NEGATION = re.compile(
    r"\b(?:no|not|never)\s+(?:only|just|merely|more than|less than|longer than|later than|fewer than|above|over"
    r"|beyond|matter)\b"
    r"|(?:n't|\bnot|\bnever|\bcannot)\s+(?:\w+\s+)?(?:exceed\w*|go (?:past|over|beyond|above)|pass|run past"
    r"|run (?:longer|over)|be exceeded|get past)\b",
    _I,
)
_NEGATION = re.compile(r"\b(?:not|never|no|without|neither|nor|none of|lacked|lacking|missing|absent)\b|n't\b", _I)
# Waving the thing away, by the speaker or as advice: "I deliberately didn't add", "no need for", "isn't
# necessary", "is an anti-pattern". Verbs of removal ("removed", "dropped") are not here: removing PII is a
# control, removing a timeout is not, and only the thing removed tells them apart.
_DISMISSAL_BEFORE = re.compile(
    r"\b(?:i|we|i'd|we'd|you)\b[^.;:]{0,25}?\b(?:deliberately |intentionally |purposely |consciously )?"
    r"(?:didn'?t|did not|don'?t|do not|won'?t|will not|wouldn'?t|would not|never|shouldn'?t|should not)\s+"
    r"(?:even\s+|really\s+|\w+ly\s+)?(?:add|use|build|set up|set|need to [\w-]+|need|bother with"
    r"|bother to [\w-]+|bother|implement|include|want|put|run|plan|go with|introduce|enable|require)\b"
    r"|\b(?:no need for|no need to|no reason to|no point in|there'?s no need)\b",
    _I,
)
_DISMISSAL_AFTER = re.compile(
    r"^[^.;:]{0,30}?\b(?:(?:is|are|was|were) (?:an? |just an? )?(?:anti-?pattern|overkill|pointless|unnecessary"
    r"|a waste|useless|not (?:needed|necessary|worth it)|premature)"
    r"|(?:isn'?t|aren'?t|wasn'?t|weren'?t) (?:needed|necessary|worth))\b",
    _I,
)
# Deciding against it: "rejected", "decided against", "rather than". Said with a reason, a sign of judgement.
_REJECTION = re.compile(
    r"\b(?:rejected|reject|rejecting|decided against|ruled out|rather than|instead of|in place of|as opposed to"
    r"|said no to|passed on)\b",
    _I,
)
_REJECTION_AFTER = re.compile(
    r"^[^.;:]{0,30}?\b(?:(?:which|that) (?:i|we) (?:\w+ly )?(?:rejected|dropped|ruled out)"
    r"|(?:was|were) (?:rejected|ruled out))\b",
    _I,
)
# What a dismissal waves away is its object: the thing named within three words of the verb, with no preposition
# between ("I didn't add a step limit"). "We don't need approval for read-only actions" dismisses approval, not
# read-only access.
_OBJECT_GAP = re.compile(
    r"^\s*(?:(?!(?:for|of|on|in|with|to|from|about|at|by|when|if|as|than)\b)[\w'’-]+(?:\s+|$)){0,3}$", _I
)
_WORDS_BACK = 10


def clause_before(text: str, start: int) -> str:
    """The words of the mention's own clause before it, at most ten."""
    window = text[max(0, start - 120) : start]
    cuts = list(_CLAUSE_START.finditer(window))
    if cuts:
        window = window[cuts[-1].end() :]
    words = window.split()
    return " ".join(words[-_WORDS_BACK:])


def stance(text: str, start: int, end: int) -> Stance:
    """Whether the mention at text[start:end] is used, said to be absent, decided against, or dismissed."""
    before = clause_before(text, start)
    after = text[end : end + 80]
    if _DISMISSAL_AFTER.search(after):
        return "dismissed"
    if _REJECTION_AFTER.search(after):
        return "rejected"
    cleared = _NOT_A_NEGATION.sub(" ", before)
    waved = list(_DISMISSAL_BEFORE.finditer(cleared))
    if waved and _OBJECT_GAP.match(cleared[waved[-1].end() :]):
        return "dismissed"
    if _REJECTION.search(cleared):
        return "rejected"
    negations = _NEGATION.findall(cleared)
    if not negations or len(negations) >= 2:
        return "affirmed"  # "never ship without an eval": two negations affirm
    return "negated"
