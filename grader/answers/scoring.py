"""`score_answer`: a drill answer against its question, on the deterministic rubric in `rubric.py`."""

from __future__ import annotations

from dataclasses import replace

from curriculum.drills import ANSWER_PARTS, Question
from curriculum.errors import UserError
from grader.answers import criteria, rubric
from grader.answers.models import AnswerScore, CriterionScore
from grader.answers.rating import rating_for
from grader.answers.signals import count_words, read_signals

_MAX_ADVICE = 5
_EMPTY_ADVICE = [
    "There was no answer to score: answer out loud or in writing, then score it.",
    "Use the six parts in about 90 seconds: problem, constraints, design, metrics, failure, iteration.",
]


def score_answer(question: Question, answer: str, seconds: float | None, time_box: int = 90) -> AnswerScore:
    """Score one answer to `question`; `seconds` is how long the learner took, when measured."""
    if time_box <= 0:
        raise UserError(f"a drill time box must be a positive number of seconds, not {time_box}")
    if seconds is not None and seconds < 0:
        raise UserError(f"an answer cannot take a negative time ({seconds} s)")
    text = answer.strip()
    if not text:
        return _empty(question, seconds, time_box)
    analysed = text[: rubric.MAX_ANALYSED_CHARS]
    signals = read_signals(analysed)
    if len(text) > len(analysed):
        signals = replace(signals, words=count_words(text))
    keys, hit, missed = criteria.key_points(question, analysed)
    judged = [
        criteria.structure(signals),
        criteria.metrics(signals),
        keys,
        criteria.trade_off(signals),
        criteria.ownership(signals),
        criteria.length(signals.words, seconds, time_box),
    ]
    total = sum(j.score for j in judged)
    capped = None
    if not signals.metrics and total > rubric.NO_NUMBERS_CAP:
        capped = f"no measured number: capped at {rubric.NO_NUMBERS_CAP} (from {total})"
        total = rubric.NO_NUMBERS_CAP
    advice = _pick_advice(judged)
    return AnswerScore(
        question_key=question.key,
        score=total,
        rating=rating_for(total),
        criteria={j.name: CriterionScore(score=j.score, max=j.max, detail=j.detail) for j in judged},
        advice=advice,
        parts_found=list(signals.parts),
        parts_missing=[p for p in ANSWER_PARTS if p not in signals.parts],
        metrics_found=signals.metrics,
        before_after=signals.pairs,
        vague_terms=signals.vague,
        trade_offs=signals.trade_offs,
        rejected_options=signals.rejected,
        first_person=signals.singular,
        first_person_plural=signals.plural,
        decisions=signals.decisions,
        key_points_hit=hit,
        key_points_missed=missed,
        words=signals.words,
        target_words=rubric.target_words(time_box),
        seconds=seconds,
        time_box=time_box,
        capped=capped,
    )


def _pick_advice(judged: list[criteria.Judgement]) -> list[str]:
    # Most points lost first (ties keep the rubric's order), one line per criterion before any gets a second,
    # so five missing parts cannot crowd out "put numbers on it".
    ranked = [j.advice for j in sorted(judged, key=lambda j: -j.lost) if j.lost and j.advice]
    rounds = max((len(lines) for lines in ranked), default=0)
    ordered = [lines[i] for i in range(rounds) for lines in ranked if i < len(lines)]
    return ordered[:_MAX_ADVICE]


def _empty(question: Question, seconds: float | None, time_box: int) -> AnswerScore:
    zero = {name: CriterionScore(score=0, max=weight, detail="no answer") for name, weight in rubric.WEIGHTS.items()}
    return AnswerScore(
        question_key=question.key,
        score=0,
        rating=rating_for(0),
        criteria=zero,
        advice=list(_EMPTY_ADVICE),
        parts_found=[],
        parts_missing=list(ANSWER_PARTS),
        metrics_found=[],
        before_after=[],
        vague_terms=[],
        trade_offs=[],
        rejected_options=[],
        first_person=0,
        first_person_plural=0,
        decisions=[],
        key_points_hit=[],
        key_points_missed=[p.point for p in question.key_points],
        words=0,
        target_words=rubric.target_words(time_box),
        seconds=seconds,
        time_box=time_box,
    )
