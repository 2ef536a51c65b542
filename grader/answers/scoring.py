"""`score_answer`: a drill answer against its question, on the rubric in `rubric.py`.

Order of judgement: read the language; find the unsound claims (traps, estimates that multiply out wrong, and
the contrary of a key point asserted: "the tool output is already verified"); then which key points the answer
uses (not those it negates, decides against, waves away, contradicts or names inside an unsound claim; a
waved-away control is itself unsound); check the answer is about this question (BM25 over the
bank); read its form (stuffing, filler, repetition); then earn the criteria, form scaled by content, and apply
the costs and caps. Where the scorer cannot tell (a story's premise in unknown words, a partial gloss) it holds the
score to the middle and says so. Every step says what it found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from curriculum.drills import ANSWER_PARTS, Question, load_bank
from curriculum.errors import UserError
from grader.answers import criteria, rubric
from grader.answers.coverage import coverage
from grader.answers.gaming import Form, read_form
from grader.answers.language import read_language
from grader.answers.models import AnswerScore, CriterionScore, TrapFound
from grader.answers.opposites import contradictions
from grader.answers.pitfalls import Sprung, sprung
from grader.answers.rating import rating_for
from grader.answers.relevance import relevance
from grader.answers.signals import count_words, read_signals

_MAX_ADVICE = 6
_EMPTY_ADVICE = ["There was no answer to score, so nothing was saved: answer out loud or in writing, then score it."]


def score_answer(
    question: Question,
    answer: str,
    seconds: float | None,
    time_box: int = 90,
    bank: Sequence[Question] | None = None,
) -> AnswerScore:
    """Score one answer to `question`; `seconds` is how long the learner took, when measured.

    `bank` is the set of questions an off-topic answer is compared with (the shipped bank by default).
    """
    if time_box <= 0:
        raise UserError(f"a drill time box must be a positive number of seconds, not {time_box}")
    if seconds is not None and seconds < 0:
        raise UserError(f"an answer cannot take a negative time ({seconds} s)")
    kind = question.answer_kind
    if not answer.strip():
        return _empty(question, seconds, time_box)
    original = answer[: rubric.MAX_ANALYSED_CHARS]
    read = read_language(original)
    text = read.english
    signals = read_signals(text)
    words = count_words(answer) if len(answer) > len(original) else count_words(original)
    signals = replace(signals, words=words)
    against = contradictions(question, text)
    found = sprung(question, text) + [c.found for c in against]
    contradicted = frozenset(p for c in against for p in c.points)
    covered = coverage(question, text, [t.sentence for t in found], contradicted, glossed=read.language != "en")
    found += _dismissed(question, covered.dismissed)
    matched = relevance(question, text, bank if bank is not None else load_bank().all_questions())
    form = read_form(question, text)
    content = criteria.content_share(kind, covered, matched)
    weights = rubric.WEIGHTS_BY_KIND[kind]
    why = {p.point: p.why for p in question.key_points if p.why}
    judged = [
        criteria.key_points(covered, weights["key_points"], why, question.tests),
        criteria.depth(matched, weights["depth"]),
        criteria.evidence(signals, weights["evidence"], content, kind),
        criteria.reasoning(signals, text, weights["reasoning"], content),
        criteria.ownership(signals, text, weights["ownership"], content, kind),
        criteria.delivery(words, seconds, time_box, form, weights["delivery"], content),
    ]
    total = sum(j.score for j in judged)
    costs, caps = _costs_and_caps(form, found, matched.rival)
    core_missed = [p.point for p in question.key_points if p.core and p.point in covered.missed]
    notes: list[str] = []
    if core_missed and matched.rank > 0:
        caps.append((rubric.CORE_MISSED_CAP, f"not the story asked for (no {core_missed[0]})"))
    elif core_missed:
        # It fits this question better than any other story, so the premise may be there in words the lexicon
        # does not know: unsure, the score is held to the middle rather than sunk, and the note says why.
        caps.append((rubric.CORE_UNCLEAR_CAP, f"{core_missed[0]} not found said plainly"))
        notes.append(
            f"Say {core_missed[0]} in a sentence of its own: the question asks for it, and it could not be found "
            "said plainly (if you said it in other words, an interviewer may miss it too)."
        )
    total = max(0, total - sum(cost for cost, _ in costs))
    capped = None
    for cap, reason in sorted(caps):
        if total > cap:
            capped = f"{reason}: capped at {cap} (from {total})"
            total = cap
            break
    language_note = read.note
    attempted = True
    if read.language not in ("en", "de", "es"):
        capped = read.note
        total = rubric.NOT_READ_CAP
        attempted = False  # the rubric could not read it: not an attempt, so nothing is saved or rescheduled
    elif read.language != "en":
        total, language_note = _partial_reading(total, read.known, language_note, bool(capped or found or form.stuffed))
    issues = [*form.stuffing, *_form_notes(form)]
    advice = _advice(judged, found, form, matched.rival, language_note, notes)
    return AnswerScore(
        question_key=question.key,
        score=total,
        rating=rating_for(total),
        kind=kind,
        attempted=attempted,
        criteria={j.name: CriterionScore(score=j.score, max=j.max, detail=j.detail) for j in judged},
        advice=advice,
        content=round(content, 3),
        off_topic=matched.rival,
        traps=[TrapFound(name=t.name, why=t.why, quote=t.quote, severity=t.severity) for t in found],
        form_issues=issues,
        stuffed=form.stuffed,
        language=read.language,
        language_note=language_note,
        parts_found=list(signals.parts),
        parts_missing=[p for p in ANSWER_PARTS if p not in signals.parts],
        metrics_found=signals.metrics,
        before_after=signals.pairs,
        vague_terms=list(dict.fromkeys([*form.buzzwords, *signals.vague])),
        trade_offs=signals.trade_offs,
        rejected_options=signals.rejected,
        first_person=signals.singular,
        first_person_plural=signals.plural,
        decisions=signals.decisions,
        key_points_hit=covered.hit,
        key_points_missed=covered.missed,
        words=words,
        target_words=rubric.target_words(time_box),
        seconds=seconds,
        time_box=time_box,
        capped=capped,
        deductions=[f"-{cost}: {reason}" for cost, reason in costs],
    )


def _costs_and_caps(
    form: Form, found: list[Sprung], rival: str | None
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    costs: list[tuple[int, str]] = []
    caps: list[tuple[int, str]] = []
    wrong = [t for t in found if t.severity == "wrong"]
    weak = [t for t in found if t.severity == "weak"]
    costs += [(rubric.WRONG_TRAP_COST, t.name) for t in wrong]
    costs += [(rubric.WEAK_TRAP_COST, t.name) for t in weak]
    if len(form.certainty) >= rubric.CERTAINTY_SIGNS:
        costs.append((rubric.WRONG_TRAP_COST, "sweeping certainty"))  # counts as one unsound claim
    unsound = len(wrong) + (len(form.certainty) >= rubric.CERTAINTY_SIGNS)
    if unsound >= 2:
        caps.append((rubric.TWO_WRONG_CAP, f"{unsound} unsound claims"))
    elif unsound:
        caps.append((rubric.ONE_WRONG_CAP, "an unsound claim"))
    extra_buzz = max(0, len(form.buzzwords) - 1)
    if extra_buzz:
        costs.append((min(rubric.MAX_BUZZWORD_COST, rubric.BUZZWORD_COST * extra_buzz), "buzzwords"))
    extra_hedges = max(0, form.hedges - rubric.FREE_HEDGES)  # honest doubt is no fault; a stream of it is
    if extra_hedges:
        costs.append((min(rubric.MAX_HEDGE_COST, rubric.HEDGE_COST * extra_hedges), "hedging"))
    if form.stuffed:
        caps.append((rubric.STUFFED_CAP, "keyword stuffing"))
    if form.rambling:
        caps.append((rubric.RAMBLE_CAP, f"an unstructured ramble ({len(form.spoken)} spoken asides)"))
    if rival:
        caps.append((rubric.OFF_TOPIC_CAP, f"off topic: it answers {rival}"))
    return costs, caps


def _partial_reading(total: int, known: float, note: str | None, faulted: bool) -> tuple[int, str | None]:
    """A glossed answer's score with its unread share scored at the middle, and the note that says so.

    The rubric can only credit what it read; what it could not read is neither credit nor fault. An answer whose
    readable part already shows a fault (a cap, an unsound claim, stuffing) keeps its score: that is evidence.
    """
    confidence = min(1.0, known / rubric.FULL_READING)
    if faulted or confidence >= 1.0 or total >= rubric.UNREAD_SCORE:
        return total, note
    provisional = round(confidence * total + (1 - confidence) * rubric.UNREAD_SCORE)
    said = (
        f" Provisional: {1 - confidence:.0%} of it could not be read, and that share is scored at the middle "
        f"({rubric.UNREAD_SCORE}) instead of as missing: {provisional} from {total}."
    )
    return provisional, (note or "") + said


def _dismissed(question: Question, dismissed: dict[str, str]) -> list[Sprung]:
    """A control the question needs, waved away ("I deliberately didn't add a step limit"): an unsound claim."""
    why = {p.point: p.why for p in question.key_points}
    return [
        Sprung(
            f"dismisses {point}, which this question needs",
            why.get(point) or f"the question tests {question.tests[:1].lower()}{question.tests[1:]}",
            quote,
            "wrong",
            quote,
        )
        for point, quote in dismissed.items()
    ]


def _form_notes(form: Form) -> list[str]:
    notes = []
    if form.buzzwords:
        notes.append(f"buzzwords: {', '.join(form.buzzwords[:5])}")
    if len(form.filler) >= 3:
        notes.append(f"{len(form.filler)} filler words ({', '.join(dict.fromkeys(form.filler[:3]))})")
    if len(form.certainty) >= rubric.CERTAINTY_SIGNS:
        notes.append(f"sweeping certainty: {', '.join(form.certainty[:4])}")
    if form.rambling:
        notes.append(f"talked through, not structured: {', '.join(dict.fromkeys(form.spoken[:4]))}")
    if form.hedges >= 3:
        notes.append(f"{form.hedges} hedges ('I think', 'maybe', 'probably')")
    return notes


def _advice(
    judged: list[criteria.Judgement],
    found: list[Sprung],
    form: Form,
    rival: str | None,
    language_note: str | None,
    notes: list[str],
) -> list[str]:
    first: list[str] = []
    if language_note:
        first.append(language_note)
    first += notes
    if rival:
        first.append(
            f"This answers another question ({rival}) better than the one asked: reread the question and answer it."
        )
    for trap in found[:2]:
        first.append(f"Unsound: {trap.name} ('{trap.quote}')." + (f" {trap.why}" if trap.why else ""))
    if len(form.certainty) >= rubric.CERTAINTY_SIGNS:
        first.append(
            f"Sweeping claims ({', '.join(form.certainty[:3])}): say what you measured and where it could fail instead."
        )
    if form.rambling:
        first.append(
            "It rambles: the ideas are there in the order they came. Say the decision first, then the two or three "
            "reasons and the number that shows it worked, one sentence each."
        )
    if form.stuffed:
        first.append("Reads as keyword stuffing: " + "; ".join(form.stuffing[:2]) + ". Explain one decision instead.")
    if len(form.buzzwords) >= 2:
        first.append(
            f"Replace buzzwords ({', '.join(form.buzzwords[:3])}) with what you would actually build or measure."
        )
    # Then most points lost first, one line per criterion before any gets a second.
    ranked = [j.advice for j in sorted(judged, key=lambda j: -j.lost) if j.lost and j.advice]
    rounds = max((len(lines) for lines in ranked), default=0)
    ordered = [lines[i] for i in range(rounds) for lines in ranked if i < len(lines)]
    return list(dict.fromkeys(first + ordered))[:_MAX_ADVICE]


def _empty(question: Question, seconds: float | None, time_box: int) -> AnswerScore:
    weights = rubric.WEIGHTS_BY_KIND[question.answer_kind]
    zero = {name: CriterionScore(score=0, max=weight, detail="no answer") for name, weight in weights.items()}
    return AnswerScore(
        question_key=question.key,
        score=0,
        rating=rating_for(0),
        kind=question.answer_kind,
        attempted=False,
        criteria=zero,
        advice=list(_EMPTY_ADVICE),
        content=0.0,
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
