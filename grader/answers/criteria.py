"""One function per rubric criterion: signals in, points plus a one-line detail plus advice out.

The weights and thresholds live in `grader.answers.rubric`; this module only applies them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from curriculum.drills import Question
from grader.answers import rubric
from grader.answers.signals import Signals, flatten, key_point_re

# What to add when a part is missing: concrete, in the learner's words.
_PART_ADVICE: dict[str, str] = {
    "problem": "Open with the problem in one sentence: who was hurting and how you knew.",
    "constraints": "State the constraints: the latency or cost budget, the deadline, data you could not use.",
    "design": "Say what you built and the one decision that mattered most ('I chose ... because ...').",
    "metrics": "Give the result as a measured number with a unit, e.g. 'p95 from 2.4 s to 900 ms'.",
    "failure": "Add one thing that broke, how you noticed it, and the fix.",
    "iteration": "Close with what you would improve next and why.",
}


@dataclass(frozen=True)
class Judgement:
    """One criterion's verdict: points out of `max`, why, and what to add next time."""

    name: str
    score: int
    max: int
    detail: str
    advice: list[str] = field(default_factory=list)

    @property
    def lost(self) -> int:
        return self.max - self.score


def structure(signals: Signals) -> Judgement:
    found = signals.parts
    missing = [part for part in _PART_ADVICE if part not in found]
    score = rubric.POINTS_PER_PART * len(found)
    shown = ", ".join(f"{part} ({cue!r})" for part, cue in found.items()) or "none"
    detail = f"{len(found)}/6 parts: {shown}" + (f"; missing {', '.join(missing)}" if missing else "")
    return Judgement("structure", score, rubric.WEIGHTS["structure"], detail, [_PART_ADVICE[p] for p in missing])


def metrics(signals: Signals) -> Judgement:
    counted = min(len(signals.metrics), rubric.MAX_COUNTED_METRICS)
    pairs = min(len(signals.pairs), rubric.MAX_COUNTED_PAIRS)
    earned = rubric.POINTS_PER_METRIC * counted + rubric.POINTS_PER_PAIR * pairs
    penalty = rubric.VAGUE_PENALTY * len(signals.vague)
    score = max(0, earned - penalty)
    detail = f"{len(signals.metrics)} numbers with units, {len(signals.pairs)} before -> after"
    if signals.vague:
        detail += f"; -{min(penalty, earned)} for unmeasured words: {', '.join(signals.vague[:5])}"
    advice: list[str] = []
    if not signals.metrics:
        advice.append("Put numbers on it: a baseline and a result with units (%, ms, $, tokens), not adjectives.")
    elif not signals.pairs:
        advice.append("Turn one result into a before -> after pair, e.g. 'hallucinations from 12% to 4%'.")
    if signals.vague:
        quoted = ", ".join(f"'{word}'" for word in dict.fromkeys(signals.vague[:3]))
        advice.append(f"Replace {quoted} with the number you measured.")
    return Judgement("metrics", score, rubric.WEIGHTS["metrics"], detail, advice)


def key_points(question: Question, answer: str) -> tuple[Judgement, list[str], list[str]]:
    text = flatten(answer)
    hit: list[str] = []
    missed: list[str] = []
    for point in question.key_points:
        (hit if key_point_re(tuple(point.match)).search(text) else missed).append(point.point)
    needed = max(1, math.ceil(rubric.KEY_POINTS_FULL_SHARE * len(question.key_points)))
    maximum = rubric.WEIGHTS["key_points"]
    score = round(maximum * min(1.0, len(hit) / needed))
    detail = f"{len(hit)}/{len(question.key_points)} key points (full marks at {needed})"
    advice = [f"This question expects: {', '.join(missed[:3])}."] if score < maximum and missed else []
    return Judgement("key_points", score, maximum, detail, advice), hit, missed


def trade_off(signals: Signals) -> Judgement:
    score = (rubric.TRADE_OFF_POINTS if signals.trade_offs else 0) + (rubric.REJECTED_POINTS if signals.rejected else 0)
    detail = (
        f"trade-off: {', '.join(signals.trade_offs[:2]) or 'not named'}; "
        f"rejected option: {', '.join(signals.rejected[:2]) or 'not named'}"
    )
    advice: list[str] = []
    if not signals.trade_offs:
        advice.append("Name one trade-off you accepted: 'X, at the cost of Y'.")
    if not signals.rejected:
        advice.append("Name one option you rejected and why: 'I chose X over Y because ...'.")
    return Judgement("trade_off", score, rubric.WEIGHTS["trade_off"], detail, advice)


def ownership(signals: Signals) -> Judgement:
    said = signals.singular + signals.plural
    share = signals.singular / said if said else 0.0
    share_points = round(rubric.I_SHARE_POINTS * min(1.0, share / rubric.I_SHARE_FULL))
    decisions = min(len(signals.decisions), rubric.MAX_COUNTED_DECISIONS)
    score = share_points + rubric.POINTS_PER_DECISION * decisions
    detail = (
        f"'I/my' {signals.singular} vs 'we/our' {signals.plural}; "
        f"decisions: {', '.join(signals.decisions[:3]) or 'none in first person'}"
    )
    advice: list[str] = []
    if share < rubric.I_SHARE_FULL or not signals.decisions:
        advice.append("Say what you owned: 'I designed', 'I chose'; keep 'we' for the team's part.")
    return Judgement("ownership", score, rubric.WEIGHTS["ownership"], detail, advice)


def length(words: int, seconds: float | None, time_box: int) -> Judgement:
    maximum = rubric.WEIGHTS["length"]
    low, high = rubric.target_words(time_box)
    floor, ceiling = low * (1 - rubric.LENGTH_GRACE), high * (1 + rubric.LENGTH_GRACE)
    if words < floor:
        zero_at = rubric.TOO_SHORT_ZERO * low
        share = max(0.0, (words - zero_at) / (floor - zero_at))
    elif words > ceiling:
        zero_at = rubric.TOO_LONG_ZERO * high
        share = max(0.0, (zero_at - words) / (zero_at - ceiling))
    else:
        share = 1.0
    score = round(maximum * share)
    detail = f"{words} words; a {time_box} s answer is about {low}-{high}"
    advice: list[str] = []
    if words < floor:
        advice.append(f"Too short at {words} words: aim for {low}-{high} so every part gets a sentence.")
    elif words > ceiling:
        advice.append(f"Too long at {words} words: cut background, keep the numbers, aim for {low}-{high}.")
    if seconds is not None and seconds > time_box:
        over = seconds - time_box
        penalty = min(score, math.ceil(rubric.OVERTIME_PENALTY_SCALE * over / time_box))
        score -= penalty
        detail += f"; {over:.0f} s over the {time_box} s box (-{penalty})"
        advice.append(f"You ran {over:.0f} s over: lead with the result and drop the preamble.")
    elif seconds is not None:
        detail += f"; {seconds:.0f} s of {time_box} s"
    return Judgement("length", score, maximum, detail, advice)
