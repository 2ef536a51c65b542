"""The drill-answer rubric: what each criterion is worth for each kind of question, and the caps.

Content comes first. `key_points` (the question's checklist, matched with synonyms) and `depth` (how much of
the question's substance the answer engages, by BM25 against the whole bank) are earned directly. The form
criteria, `evidence`, `reasoning`, `ownership` and `delivery`, are multiplied by the content share, so a
well-formed answer about nothing earns little of them: form without substance cannot pass.

| criterion  | story | design | concept | earned by                                                                 |
|------------|------:|-------:|--------:|---------------------------------------------------------------------------|
| key_points |    30 |     32 |      34 | share of the question's key points covered; full at 85%                  |
| depth      |    10 |     18 |      20 | BM25 of the answer against its own question, 1 - exp(-score / 25)        |
| evidence   |    16 |     14 |       8 | measured numbers (3 each, up to 4) and before -> after pairs (5 each)     |
| reasoning  |    12 |     14 |      20 | a trade-off, a rejected option, and "because"-style reasons               |
| ownership  |    22 |     12 |       8 | "I" over "we", first-person decisions, and something you lived through   |
| delivery   |    10 |     10 |      10 | length for the time box; filler, hedging and buzzwords cost points        |

Why: a story is about what *you* did, so ownership weighs most there; a design is judged on its mechanism
and its trade-offs; a concept answer on a correct explanation with its reasons, and it is never marked down
for lacking a failure story or a before -> after number.

Caps and costs, applied after the sum (each is reported in `capped` or `deductions`):
- an answer that matches another bank question clearly better (`OFF_TOPIC_CAP`): it answered that one;
- keyword stuffing, two signs or more, or the rubric's own vocabulary at `gaming.RUBRIC_DENSITY_STUFFED` words in
  a hundred (`STUFFED_CAP`);
- an unsound claim (a trap of severity "wrong", a control the question needs dismissed, an estimate that
  multiplies out wrong): -`WRONG_TRAP_COST` each and at most `ONE_WRONG_CAP`, or `TWO_WRONG_CAP` with two; a weak
  shortcut costs `WEAK_TRAP_COST`;
- a story that never tells the premise the question asks for (a `core` key point) and fits another story question
  better (`CORE_MISSED_CAP`); when it fits this question best, the premise may be there in other words, so the
  score is held to the middle (`CORE_UNCLEAR_CAP`) and the advice says so;
- an answer talked through rather than structured (`gaming.RAMBLE_SIGNS` asides of unplanned speech or more:
  "okay so", "oh and", "and then") is held to `RAMBLE_CAP`, the middle: its ideas may be right, but an interviewer
  has to dig them out;
- three sweeping claims or more ("by definition", "no need for", "always") count as one unsound claim;
- buzzwords beyond the first cost `BUZZWORD_COST` each, up to `MAX_BUZZWORD_COST`.
A German or Spanish answer read through a partial gloss scores its unread share at `UNREAD_SCORE`; an answer in
another language is not scored and is not an attempt.
An empty answer is not an attempt.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["story", "design", "concept"]
CRITERIA = ("key_points", "depth", "evidence", "reasoning", "ownership", "delivery")

WEIGHTS_BY_KIND: dict[str, dict[str, int]] = {
    "story": {"key_points": 30, "depth": 10, "evidence": 16, "reasoning": 12, "ownership": 22, "delivery": 10},
    "design": {"key_points": 32, "depth": 18, "evidence": 14, "reasoning": 14, "ownership": 12, "delivery": 10},
    "concept": {"key_points": 34, "depth": 20, "evidence": 8, "reasoning": 20, "ownership": 8, "delivery": 10},
}
for _kind, _weights in WEIGHTS_BY_KIND.items():
    assert tuple(_weights) == CRITERIA and sum(_weights.values()) == 100, _kind
WEIGHTS = WEIGHTS_BY_KIND["design"]  # the default shape, for an answer with no question kind

# What to say before an attempt: the shape of a good answer for the kind of question, never its content.
KIND_HINTS: dict[str, str] = {
    "story": "Tell one real story: the problem, your constraints, what you decided and rejected, the measured "
    "result, what went wrong, and what you do differently now.",
    "design": "Walk through the design: the mechanism, the trade-off you accept, how you would measure it, and "
    "what can go wrong.",
    "concept": "Explain it with the reasons behind it and one concrete example; no story needed.",
}

KEY_POINTS_FULL_SHARE = 0.85
DEPTH_SCALE = 25.0  # BM25 points of the answer against its own question at which depth reaches 63%
# How much the content share counts towards scaling the form criteria, for a story and for the others: a story's
# vocabulary is its own, so its depth against the question's words matters less.
DEPTH_SHARE = {"story": 0.25, "design": 0.45, "concept": 0.45}

POINTS_PER_METRIC, MAX_COUNTED_METRICS = 3, 4
POINTS_PER_PAIR, MAX_COUNTED_PAIRS = 5, 2
# A design's or a concept's evidence can be its measurement plan: PLAN_MEASURES named measures and PLAN_TARGETS
# targets earn PLAN_SHARE of the criterion (measured results earn all of it).
PLAN_MEASURES, PLAN_TARGETS, PLAN_SHARE = 3, 2, 0.8

OFF_TOPIC_CAP = 20
STUFFED_CAP = 10
RAMBLE_CAP = 55
WRONG_TRAP_COST, WEAK_TRAP_COST = 10, 5
ONE_WRONG_CAP, TWO_WRONG_CAP = 35, 12
BUZZWORD_COST, MAX_BUZZWORD_COST = 2, 10
HEDGE_COST, MAX_HEDGE_COST, FREE_HEDGES = 1, 3, 4
NOT_READ_CAP = 0
# A German or Spanish answer read through a partial gloss: the share the gloss could not read is scored at
# UNREAD_SCORE (the middle: neither credited nor marked down), in proportion to how much was unread; a gloss that
# knew FULL_READING of the content words counts as a full reading.
UNREAD_SCORE = 55
FULL_READING = 0.8
CORE_MISSED_CAP = 25  # a story question's premise (a `core` key point) is nowhere in the answer
CORE_UNCLEAR_CAP = 45  # ...but the story still fits this question best of all the story questions
CERTAINTY_SIGNS = 3  # sweeping claims in one answer that count as an unsound claim

WORDS_PER_MINUTE = (130, 170)
LENGTH_GRACE = 0.25  # below the low end of the range before a short answer starts losing length credit
LONG_GRACE = 0.25  # above the high end before a long one does: interviewers forgive a full answer, not a thin one
CRISP_SHARE = 0.3  # share of the low end (about 60 words in 90 s) down to which a short answer keeps half its delivery
TOO_SHORT_ZERO = 0.1  # share of the low end at which length credit reaches 0
TOO_LONG_ZERO = 2.2  # multiple of the high end at which length credit reaches 0
# Running over the box: free up to a quarter over (a 90 s answer taking 110 s is fine in a real interview), then
# the whole of delivery is lost by twice the box.
OVERTIME_GRACE = 0.25

# Only the first 20,000 characters (about ten 90 s answers) are read; words are counted on all of it, so a
# pasted essay still loses its delivery points, and scoring stays fast on any input.
MAX_ANALYSED_CHARS = 20_000


def target_words(time_box: int) -> tuple[int, int]:
    """The spoken-word range that fills `time_box` seconds at 130-170 words a minute."""
    low, high = WORDS_PER_MINUTE
    return round(low * time_box / 60), round(high * time_box / 60)
