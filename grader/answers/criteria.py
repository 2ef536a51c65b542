"""One function per rubric criterion: what was read in, points plus a one-line detail plus advice out.

The weights and thresholds live in `grader.answers.rubric`; this module only applies them. Form criteria take
`content`, the 0..1 share of the question's substance the answer covered, and scale their points by it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from grader.answers import rubric
from grader.answers.coverage import Coverage
from grader.answers.gaming import Form
from grader.answers.relevance import Relevance
from grader.answers.signals import Signals

_REASON = re.compile(
    r"\b(?:because|since|so that|which means|that means|otherwise|the reason|that's why|this is why|which is why"
    r"|given that|in order to|to avoid|to keep|unless|whereas|depends on|as long as|as a result)\b|, so\b",
    re.IGNORECASE,
)
# Something the speaker lived through: a named earlier situation ("on my last product", "in a cascade I ran for
# a marketplace", "this happened on my team"), or a story told in the first person past tense.
_LIVED = re.compile(
    r"\b(?:last (?:spring|summer|autumn|fall|winter|year|quarter|month|time|week)|(?:on|at|in|for) my (?:last|previous"
    r"|current|old|first|former) \w+|at (?:a|my) (?:previous|former|last) \w+|(?:in|on|at) (?:a|one) (?:similar"
    r"|previous|past) \w+|when I (?:did|ran|built|worked|was)|the last time I|I(?:'ve| have) (?:\w+ed|seen|built|run"
    r"|done|led|been|fallen|had|made|hit|written|taken|broken)"
    r"|in my experience|(?:this|that|it) happened (?:on|at|in|to) (?:my|our|me|us)"
    r"|(?:in|on|for|at) (?:a|one|the) (?:\w+ ){0,3}(?:I|we) (?:ran|built|shipped|did|led|owned|worked on)"
    r"|I (?:shipped|built|led|ran|rolled|measured|found"
    r"|rewrote|fixed|wrote|owned|learned|learnt|proposed|pulled|moved|added|cut|rejected|labelled|labeled|traced))\b",
    re.IGNORECASE,
)
# First-person past tense: "I ran", "we found", "I'd set up" (I had). Three of them tell a story that happened.
_PAST = re.compile(
    r"(?<![\w'’])(?:I|we|I'd|we'd)\s+(?:\w+ly\s+|then\s+|also\s+|had\s+)?(?:\w{3,}ed|ran|built|wrote|had|saw|took"
    r"|made|found|set|cut|got|went|led|did|sent|spent|kept|lost|brought|began|chose|drew|fell|felt|gave|knew|left|met"
    r"|paid|put|read|said|sat|showed|shut|sold|split|swapped|taught|thought|told|tried|won|was|were)\b"
)
PAST_TENSE_STORY = 3


@dataclass(frozen=True)
class Judgement:
    """One criterion's verdict: points out of `max`, why, and what to work on next time."""

    name: str
    score: int
    max: int
    detail: str
    advice: list[str] = field(default_factory=list)

    @property
    def lost(self) -> int:
        return self.max - self.score


def content_share(kind: str, covered: Coverage, relevance: Relevance) -> float:
    """How much of the question's substance the answer has, 0..1: the scale for every form criterion."""
    cov = min(1.0, covered.share / rubric.KEY_POINTS_FULL_SHARE)
    depth = 1.0 - math.exp(-relevance.substance / rubric.DEPTH_SCALE)
    weight = rubric.DEPTH_SHARE.get(kind, 0.45)
    return (1 - weight) * cov + weight * min(1.0, depth / 0.9)


def key_points(covered: Coverage, maximum: int, why: dict[str, str], tests: str = "") -> Judgement:
    total = len(covered.hit) + len(covered.missed)
    share = min(1.0, covered.share / rubric.KEY_POINTS_FULL_SHARE)
    score = round(maximum * share)
    detail = f"{len(covered.hit)}/{total} key points" + (
        f": {', '.join(covered.hit[:4])}{'...' if len(covered.hit) > 4 else ''}" if covered.hit else ""
    )
    advice = []
    # After an attempt only: what was missed, and why it matters (the point's own reason, or what the question
    # tests). Never before: a list of key points is a list of words to stuff.
    if covered.missed:
        missed = covered.missed[:3]
        reasons = [why[p] for p in missed if why.get(p)]
        because = reasons[0] if reasons else (f"the question tests {tests[0].lower()}{tests[1:]}" if tests else "")
        line = f"Not covered: {'; '.join(missed)}."
        advice.append(line + (f" It matters because {because[0].lower()}{because[1:]}" if because else ""))
    return Judgement("key_points", score, maximum, detail, advice)


def depth(relevance: Relevance, maximum: int) -> Judgement:
    share = 1.0 - math.exp(-relevance.substance / rubric.DEPTH_SCALE)
    score = round(maximum * min(1.0, share / 0.9))
    if relevance.substance > relevance.own:
        detail = f"technical substance {relevance.substance:.0f} (BM25 against the bank's technical questions)"
    else:
        detail = f"matches its question at {relevance.own:.0f} (BM25 over the bank); rank {relevance.rank + 1}"
    advice = []
    if share < 0.5:
        advice.append("Go into the mechanism the question is about: what you would build or check, step by step.")
    return Judgement("depth", score, maximum, detail, advice)


def evidence(signals: Signals, maximum: int, content: float, kind: str) -> Judgement:
    counted = min(len(signals.metrics), rubric.MAX_COUNTED_METRICS)
    pairs = min(len(signals.pairs), rubric.MAX_COUNTED_PAIRS)
    raw = rubric.POINTS_PER_METRIC * counted + rubric.POINTS_PER_PAIR * pairs
    full = rubric.POINTS_PER_METRIC * rubric.MAX_COUNTED_METRICS + rubric.POINTS_PER_PAIR * rubric.MAX_COUNTED_PAIRS
    if kind == "concept":
        full = rubric.POINTS_PER_METRIC * 2 + rubric.POINTS_PER_PAIR  # an explanation needs an example, not a dashboard
    score = round(maximum * min(1.0, raw / full) * content)
    detail = f"{len(signals.metrics)} measured numbers, {len(signals.pairs)} before -> after"
    if signals.pairs:
        detail += f" ({signals.pairs[0]})"
    advice: list[str] = []
    if not signals.metrics and kind != "concept":
        advice.append("Put numbers on it: a baseline and a result with units (%, ms, $, tokens), not adjectives.")
    elif not signals.pairs and kind == "story":
        advice.append("Turn one result into a before -> after pair, e.g. 'hallucinations from 12% to 4%'.")
    return Judgement("evidence", score, maximum, detail, advice)


def reasoning(signals: Signals, answer: str, maximum: int, content: float) -> Judgement:
    reasons = len(_REASON.findall(answer))
    share = 0.4 * bool(signals.trade_offs) + 0.3 * bool(signals.rejected) + 0.3 * min(1.0, reasons / 3)
    score = round(maximum * share * content)
    detail = (
        f"trade-off: {', '.join(signals.trade_offs[:2]) or 'not named'}; "
        f"rejected option: {', '.join(signals.rejected[:2]) or 'not named'}; {reasons} reasons given"
    )
    advice: list[str] = []
    if not signals.trade_offs:
        advice.append("Name one trade-off you accepted: 'X, at the cost of Y'.")
    if not signals.rejected:
        advice.append("Name one option you rejected and why: 'I chose X over Y because ...'.")
    if reasons == 0:
        advice.append("Say why, not only what: each decision with its reason.")
    return Judgement("reasoning", score, maximum, detail, advice)


def ownership(signals: Signals, answer: str, maximum: int, content: float, kind: str) -> Judgement:
    said = signals.singular + signals.plural
    share = signals.singular / said if said else 0.0
    voice = min(1.0, share / 0.5)
    decisions = min(len(signals.decisions), 2) / 2
    lived = bool(_LIVED.search(answer)) or len(_PAST.findall(answer)) >= PAST_TENSE_STORY
    if kind == "story":
        raw = 0.5 * voice + 0.3 * decisions + 0.2 * lived
    else:
        raw = 0.4 * voice + 0.2 * decisions + 0.4 * lived
    score = round(maximum * raw * content)
    detail = (
        f"'I/my' {signals.singular} vs 'we/our' {signals.plural}; "
        f"decisions: {', '.join(signals.decisions[:3]) or 'none in first person'}; "
        f"{'from experience' if lived else 'hypothetical'}"
    )
    advice: list[str] = []
    if share < 0.5 or not signals.decisions:
        advice.append("Say what you owned: 'I designed', 'I chose'; keep 'we' for the team's part.")
    if not lived and kind != "concept":
        advice.append("Anchor it in something you did or saw: what happened and what you measured.")
    return Judgement("ownership", score, maximum, detail, advice)


def delivery(words: int, seconds: float | None, time_box: int, form: Form, maximum: int, content: float) -> Judgement:
    low, high = rubric.target_words(time_box)
    floor, ceiling = low * (1 - rubric.LENGTH_GRACE), high * (1 + rubric.LONG_GRACE)
    if words < floor:
        zero_at = rubric.TOO_SHORT_ZERO * low
        share = max(0.0, (words - zero_at) / (floor - zero_at))
    elif words > ceiling:
        zero_at = rubric.TOO_LONG_ZERO * high
        share = max(0.0, (zero_at - words) / (zero_at - ceiling))
    else:
        share = 1.0
    fillers = len(form.filler)
    share = max(0.0, share - 0.05 * fillers)
    score = round(maximum * share * content)
    detail = f"{words} words; a {time_box} s answer is about {low}-{high}"
    if fillers:
        detail += f"; {fillers} filler words ({', '.join(dict.fromkeys(form.filler[:3]))})"
    advice: list[str] = []
    if words < floor:
        advice.append(f"Too short at {words} words: aim for {low}-{high} so every part gets a sentence.")
    elif words > ceiling:
        advice.append(f"Too long at {words} words: cut background, keep the numbers, aim for {low}-{high}.")
    if fillers >= 3:
        advice.append("Cut the filler ('so', 'kind of', 'honestly'): say the point, then the next.")
    if seconds is not None and seconds > time_box:
        over = seconds - time_box
        excess = max(0.0, over - rubric.OVERTIME_GRACE * time_box) / ((1 - rubric.OVERTIME_GRACE) * time_box)
        penalty = min(score, math.ceil(maximum * min(1.0, excess)))
        score -= penalty
        detail += f"; {over:.0f} s over the {time_box} s box (-{penalty})"
        advice.append(f"You ran {over:.0f} s over: lead with the result and drop the preamble.")
    elif seconds is not None:
        detail += f"; {seconds:.0f} s of {time_box} s"
    return Judgement("delivery", score, maximum, detail, advice)
