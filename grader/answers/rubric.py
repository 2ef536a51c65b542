"""The drill-answer rubric: six criteria, their weights, and the numbers behind them (weights sum to 100).

| criterion  | max | how it is earned                                                                        |
|------------|-----|-----------------------------------------------------------------------------------------|
| structure  |  24 | 4 per part of the answer pattern found: problem, constraints, design, metrics, failure, |
|            |     | iteration. Parts are found by cue words ("the goal was", "budget", "I designed",        |
|            |     | "broke", "next I would"); the metrics part needs a measured number.                     |
| metrics    |  22 | 3 per distinct number with a unit (%, ms, s, $, tokens, x, req/s, cases...), up to 4;   |
|            |     | 5 per before -> after pair ("from 12% to 4%", "2.1 s -> 800 ms"), up to 2; minus 2 per  |
|            |     | vague word ("very fast", "significantly", "robust") in a sentence with no number.       |
|            |     | Never below 0; no numbers at all is 0.                                                  |
| key_points |  16 | the question's key points matched by keyword; full marks at 80% of them.                |
| trade_off  |  14 | 7 for naming a trade-off ("at the cost of", "trade-off"), 7 for a rejected option       |
|            |     | ("instead of", "rejected", "chose X over Y").                                           |
| ownership  |  14 | 8 for the share of "I/my" among "I" and "we" (full at half or more), 3 per distinct     |
|            |     | first-person decision ("I chose", "I designed"), up to 2. All "we" scores 0.            |
| length     |  10 | full inside 130-170 spoken words a minute of the time box, with 10% grace (90 s box:    |
|            |     | 175-281 words); falls to 0 at 40% of the low end and at twice the high end; minus       |
|            |     | ceil(30 x overrun / time box) when the measured seconds exceed the box.                 |

Why these weights: "metrics, not adjectives" and the six-part pattern are the core of the interview advice,
so they carry 46. One trade-off with one rejected option, and saying what you owned, are asked of every
story: an otherwise perfect answer told all in "we" with no trade-off lands near 70, a bare pass, not an
Easy. Length matters least because the countdown already shapes it.

One cap: an answer with no measured number at all scores at most 45 ("a result with no numbers scores
below 50", as mock-interview tools grade it), which `rating_for` maps to Again. An empty answer scores 0.
"""

from __future__ import annotations

WEIGHTS: dict[str, int] = {
    "structure": 24,
    "metrics": 22,
    "key_points": 16,
    "trade_off": 14,
    "ownership": 14,
    "length": 10,
}
assert sum(WEIGHTS.values()) == 100

POINTS_PER_PART = 4
POINTS_PER_METRIC, MAX_COUNTED_METRICS = 3, 4
POINTS_PER_PAIR, MAX_COUNTED_PAIRS = 5, 2
VAGUE_PENALTY = 2
KEY_POINTS_FULL_SHARE = 0.8
TRADE_OFF_POINTS, REJECTED_POINTS = 7, 7
I_SHARE_POINTS, I_SHARE_FULL = 8, 0.5
POINTS_PER_DECISION, MAX_COUNTED_DECISIONS = 3, 2

WORDS_PER_MINUTE = (130, 170)
LENGTH_GRACE = 0.10
TOO_SHORT_ZERO = 0.4  # share of the low end at which length credit reaches 0
TOO_LONG_ZERO = 2.0  # multiple of the high end at which length credit reaches 0
OVERTIME_PENALTY_SCALE = 30

NO_NUMBERS_CAP = 45

# Only the first 20,000 characters (about ten 90 s answers) are read for signals; words are counted on all of
# it, so a pasted essay still loses its length points, and scoring stays fast on any input.
MAX_ANALYSED_CHARS = 20_000


def target_words(time_box: int) -> tuple[int, int]:
    """The spoken-word range that fills `time_box` seconds at 130-170 words a minute."""
    low, high = WORDS_PER_MINUTE
    return round(low * time_box / 60), round(high * time_box / 60)
