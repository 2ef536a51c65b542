"""The rubric scores what an answer says about the question asked, not its vocabulary; each rule for its reason."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from curriculum.drills import KeyPoint, Outline, Question, load_bank
from curriculum.errors import UserError
from grader.answers import AnswerScore, score_answer

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_KEYS = sorted(p.name.removesuffix(".strong.md") for p in FIXTURES.glob("*.strong.md"))


def _question(key: str) -> Question:
    return load_bank().question(key)


def _fixture(key: str, kind: str) -> str:
    return (FIXTURES / f"{key}.{kind}.md").read_text(encoding="utf-8")


def _score(key: str, answer: str, seconds: float | None = None, time_box: int = 90) -> AnswerScore:
    return score_answer(_question(key), answer, seconds, time_box)


def _as_we(answer: str) -> str:
    swaps = {"I'm": "we're", "I've": "we've", "I'd": "we'd", "I": "we", "my": "our", "me": "us", "My": "Our"}
    return re.sub(r"\b(?:I'm|I've|I'd|I|my|My|me)\b", lambda m: swaps[m.group(0)], answer)


def _outline(question: Question) -> str:
    return "\n\n".join(question.outline.model_dump().values())


# --- strong versus vague ------------------------------------------------------------------


@pytest.mark.parametrize("key", FIXTURE_KEYS)
def test_a_measured_relevant_answer_scores_far_above_a_vague_one(key: str) -> None:
    strong = _score(key, _fixture(key, "strong"))
    vague = _score(key, _fixture(key, "vague"))
    assert strong.score >= 75, strong.criteria
    assert vague.score <= 35, vague.criteria
    assert strong.rating >= 3 and vague.rating == 1
    assert strong.off_topic is None and not strong.traps and strong.capped is None


def test_all_we_scores_lower_on_ownership_than_the_same_story_in_i() -> None:
    text = _fixture("rag-design-01", "strong")
    mine, ours = _score("rag-design-01", text), _score("rag-design-01", _as_we(text))
    assert ours.first_person == 0 and ours.first_person_plural > 0
    assert ours.criteria["ownership"].score < mine.criteria["ownership"].score
    assert ours.score < mine.score
    assert any("I designed" in line for line in ours.advice)


# --- content first: form without substance cannot pass --------------------------------------

TEMPLATE = (
    "The problem was that users were unhappy and the goal was to fix it within a tight budget. The main constraint "
    "was a deadline of six weeks and a budget of $5,000 a month. I designed a new pipeline instead of patching the "
    "old one, because the old one could not scale. I chose a simpler architecture over a complex one, at the cost "
    "of some flexibility. I measured everything: latency went from 2.4 s to 900 ms, cost went from $0.04 to $0.01 "
    "per request, and errors dropped from 12% to 3%. One thing broke: a deployment failed and I rolled it back "
    "within an hour, then added a check so it could not happen again. I owned the design and the rollout, I wrote "
    "the plan and I ran the review with the team. The trade-off was speed against flexibility, and I rejected the "
    "alternative of buying a vendor tool because it was too expensive. Next I would improve the monitoring and add "
    "more tests, and I learned that measuring early saves time. Overall the result was a faster, cheaper and more "
    "reliable system, with 40% fewer tickets and happier users across the board."
)


def test_a_generic_well_formed_template_fails_every_question_of_the_bank() -> None:
    # The issue's first gaming case: one template scored 84-100 on all 64 questions.
    scores = {q.key: score_answer(q, TEMPLATE, None).score for q in load_bank().all_questions()}
    assert max(scores.values()) < 50, sorted(scores.items(), key=lambda kv: -kv[1])[:3]
    assert sum(scores.values()) / len(scores) < 35


def _key_point_dump(question: Question) -> str:
    return " ".join(term for point in question.key_points for term in point.match)


@pytest.mark.parametrize(
    ("padding", "named"),
    [("Lorem ipsum " * 30, "non-words"), ("Banana purple elephant seventeen. " * 30, "repeated")],
)
def test_key_phrases_random_numbers_and_padding_are_called_stuffing(padding: str, named: str) -> None:
    question = _question("eval-strategy-02")
    answer = (
        f"{_key_point_dump(question)}. Latency from 2.4 s to 900 ms, cost from $0.04 to $0.01, errors from 12% "
        f"to 3%, 40% fewer tickets, 3x faster. {padding}"
    )
    result = score_answer(question, answer, None)
    assert result.score <= 15 and result.rating == 1
    assert result.capped and "stuffing" in result.capped
    assert any(named in issue for issue in result.form_issues), result.form_issues


def test_a_bare_list_of_the_key_points_is_not_an_answer() -> None:
    question = _question("eval-strategy-02")
    result = score_answer(question, ", ".join(p.point for p in question.key_points), None)
    assert result.score <= 15
    assert any("key points read out" in issue for issue in result.form_issues)


def test_rubric_recitation_with_tautologies_is_stuffing() -> None:
    answer = (
        "So the problem was the problem and the constraints were the constraints. I designed the design. "
        "Problem, constraints, design, metrics, failure, iteration. I owned, I led, I shipped. The trade-off "
        "instead of because, I rejected the alternative. p95 1.8 s, 12% -> 4%, $0.01, 3x, 90 days."
    )
    result = _score("system-design-05", answer)
    assert result.score <= 15 and len(result.form_issues) >= 3


# --- relevance: the question asked ----------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "pasted"),
    [
        ("agent-safety-06", "cost-optimisation-05"),
        ("system-design-02", "system-design-01"),
        ("rag-design-05", "rag-design-06"),
        ("eval-strategy-01", "eval-strategy-05"),
        ("latency-spikes-02", "hallucination-incident-04"),
    ],
)
def test_a_strong_answer_to_another_question_is_flagged_off_topic_and_capped(asked: str, pasted: str) -> None:
    answer = _fixture(pasted, "strong") if (FIXTURES / f"{pasted}.strong.md").exists() else _outline(_question(pasted))
    result = _score(asked, answer)
    assert result.off_topic == pasted
    assert result.score <= 20 and result.rating == 1
    assert any(pasted in line for line in result.advice)


def test_every_outline_scores_its_own_question_and_is_never_called_off_topic() -> None:
    # A design or concept outline is a compressed strong answer; a story outline only says what to tell.
    for question in load_bank().all_questions():
        result = score_answer(question, _outline(question), None)
        assert result.off_topic is None, question.key
        assert result.key_points_hit, question.key
        if question.answer_kind != "story":
            assert result.score >= 35, (question.key, result.score)


def test_a_story_without_the_premise_the_question_asks_for_is_capped() -> None:
    # A strong story about learning fast, told to "tell me about a time you disagreed with a senior engineer".
    story = (
        "Our team had to ship document search and the platform team only supported pgvector, which none of us had "
        "tuned. Queries took 1.8 seconds on 2 million embeddings against a 200 ms target. I read the pgvector docs "
        "and the HNSW paper, ran a spike with three index settings on a copy of production data and measured "
        "recall@10 and p95. With a partial index per large tenant, p95 went to 90 ms at 97% recall. I first "
        "benchmarked on a cold cache, which made everything look twice as slow. I wrote the settings up in our wiki."
    )
    result = _score("behavioural-03", story)
    assert result.score <= 25 and result.capped
    assert "the disagreement itself" in result.key_points_missed


def test_a_story_that_fits_its_question_best_but_words_the_premise_oddly_is_held_to_the_middle() -> None:
    # The premise ("a decision with incomplete data") is told without any word the lexicon has for it, but no
    # other story question fits better: the scorer is unsure, so it holds the score to the middle and says so.
    story = (
        "We had to pick between two vendors for ticket routing in three weeks, and our labelled traffic covered only "
        "the English queue. I split the decision by how easy each part was to undo: English moved first behind a flag, "
        "after a two-week pilot on 150 labelled tickets matched the old router within a point. For the German queue I "
        "set a checkpoint in advance: move only if accuracy held within two points on a set we labelled in the "
        "meantime. It didn't, so German stayed. I should have built the German set a quarter earlier."
    )
    question = _question("behavioural-02")
    premise = next(p for p in question.key_points if p.core)
    result = score_answer(question, story, None)
    assert premise.point in result.key_points_missed  # no word the lexicon knows says it
    assert result.capped is None or "not found said plainly" in result.capped
    assert 25 < result.score <= 45  # not sunk to the off-story cap of 25, not above the middle either
    assert any(premise.point in line and "sentence of its own" in line for line in result.advice)


# --- unsound claims -------------------------------------------------------------------------

WRONG = (
    "I owned the answer service. To decode faster I raised the temperature from 0.2 to 1.0, which cut p95 from "
    "3 s to 1.8 s. I removed the timeouts so no request fails, and pass rate went from 80% to 95% on the cases we "
    "tuned the prompts on. Prompts are versioned in git and every pull request is reviewed."
)


def test_fluent_wrong_answers_are_capped_and_each_error_is_named() -> None:
    result = _score("eval-strategy-02", WRONG)
    names = {t.name for t in result.traps}
    assert {"temperature used as a speed dial", "timeouts removed"} <= names
    assert any("tune" in t.name for t in result.traps)
    assert result.score <= 12
    assert all(t.quote in WRONG for t in result.traps)  # quotes are the learner's own words
    assert any(line.startswith("Unsound") for line in result.advice)


@pytest.mark.parametrize(
    "sentence",
    [
        "Never remove the timeouts: bound every call at 10 s and fall back.",
        "Temperature 0 alone does not make hosted models deterministic.",
        "I'd resist evaluating on the cases we tuned the prompts on, because that only shows memory.",
        "If we retry immediately without jitter, we amplify the overload.",
    ],
)
def test_a_trap_named_in_order_to_reject_it_costs_nothing(sentence: str) -> None:
    assert _score("latency-spikes-03", sentence).traps == []


def test_a_control_the_question_needs_waved_away_is_unsound_and_earns_nothing() -> None:
    answer = (
        "The agent looped because its context filled up, so I moved it to a bigger model. I deliberately didn't add "
        "a step limit, since long refactors need hundreds of steps, and runs now average 70 steps. I added a spend "
        "alert at 50% of the monthly budget and a kill switch, and wrote a postmortem."
    )
    result = _score("agent-safety-02", answer)
    assert "step or iteration limits" in result.key_points_missed  # "70 steps" does not undo the dismissal
    dismissed = [t for t in result.traps if t.name.startswith("dismisses step or iteration limits")]
    assert dismissed and dismissed[0].severity == "wrong" and "didn't add a step limit" in dismissed[0].quote
    assert result.score <= 30


def test_naming_the_right_control_inside_an_unsound_claim_earns_nothing() -> None:
    misused = "Tenant isolation is handled in the system prompt, which tells the model to use only the tenant's files."
    sound = "Tenant isolation is enforced server-side: the tenant id from the session filters the vector query."
    assert "tenant filter enforced server-side" not in _score("rag-design-07", misused).key_points_hit
    assert "tenant filter enforced server-side" in _score("rag-design-07", sound).key_points_hit


def test_an_estimate_off_by_orders_of_magnitude_is_unsound() -> None:
    answer = (
        "I'd sample 2,000 tickets to measure tokens, then run the job on the batch API. 3 million tickets at about "
        "900 tokens each is 2.7 million tokens, so the bill is small and a small model is fine."
    )
    result = _score("cost-optimisation-04", answer)
    [estimate] = [t for t in result.traps if t.name == "an estimate worked out wrong"]
    assert "2.7 billion" in (estimate.why or "") and estimate.quote in answer


def test_long_grammatical_stuffing_is_caught_by_the_density_of_rubric_words() -> None:
    # Full sentences, no lists: the rubric's own words and circular statements stand in for an answer.
    answer = (
        "My approach to the trade-off starts with the baseline, because a baseline is a baseline. I owned the "
        "decision end to end, I measured the result against the baseline and I rejected the alternative because the "
        "trade-off was cost instead of quality, which is the trade-off. The problem was the constraint, the failure "
        "was the iteration, and the outcome was a 30% improvement in alignment. The lesson was that the result is "
        "the result, so next quarter I will iterate on the baseline and measure the outcome again."
    )
    result = _score("cost-optimisation-01", answer)
    assert result.stuffed and result.score <= 10
    assert any("rubric's own words" in issue for issue in result.form_issues)
    assert any("nobody measures" in issue for issue in result.form_issues)  # "30% improvement in alignment"


def test_sweeping_certainty_counts_as_an_unsound_claim() -> None:
    answer = (
        "Bigger is always better, and 50 examples are basically plenty. There's no need for confidence intervals "
        "because the model is consistent, so any positive difference is real by definition."
    )
    result = _score("eval-strategy-06", answer)
    assert result.score <= 30
    assert any("certainty" in issue for issue in result.form_issues)


# --- the rubric fits the question -----------------------------------------------------------

CONCEPT = (
    "I fine-tune when I want to change behaviour, not knowledge: a fixed output format, a house style, a narrow "
    "classifier with plenty of labels, or distilling a big model into a small one for cost and latency. Knowledge, "
    "especially knowledge that changes, belongs in retrieval, because a fine-tune freezes facts at training time "
    "and every change means retraining. I would reject fine-tuning for a support bot whose prices change monthly "
    "with only a few hundred examples: it would memorise stale prices. Whichever I choose, I compare an eval "
    "score before and after, and I count the cost of retraining in the decision."
)


def test_a_concept_answer_is_not_marked_down_for_lacking_a_story_or_numbers() -> None:
    result = _score("model-choice-05", CONCEPT)
    assert result.kind == "concept"
    assert result.score >= 60, result.criteria
    assert not any("Put numbers on it" in line for line in result.advice)


def test_each_kind_has_its_own_weights_summing_to_100() -> None:
    for key, kind in (("behavioural-01", "story"), ("rag-design-01", "design"), ("eval-strategy-06", "concept")):
        result = _score(key, "An answer about something.")
        assert result.kind == kind
        assert sum(c.max for c in result.criteria.values()) == 100


def test_a_question_with_only_the_original_fields_still_scores_sensibly() -> None:
    # What coach (issue #15) may add to the bank: no kind, no traps, no core points, no synonyms beyond `match`.
    question = Question(
        key="demo-01",
        theme="demo",
        prompt="How would you keep a RAG index fresh when 500 articles change every day?",
        tests="Freshness of retrieval data.",
        outline=Outline(
            problem="Answers quote stale prices.",
            constraints="500 edits a day; re-indexing everything takes hours.",
            design="Index on change events from the CMS webhook, delete removed documents, store a last-updated date.",
            metrics="Staleness p95 in minutes, share of answers citing outdated versions.",
            failure="Deletes were not propagated and removed articles kept appearing.",
            iteration="Next, a freshness check in the eval suite.",
        ),
        key_points=[
            KeyPoint(point="event-driven updates", match=["webhook", "change event", "incremental"]),
            KeyPoint(point="deletes handled", match=["delete", "removed", "tombstone"]),
            KeyPoint(point="staleness measured", match=["staleness", "freshness", "last-updated", "age"]),
            KeyPoint(point="test that catches it", match=["eval", "test", "check"]),
        ],
        pitfalls=["Rebuilding everything nightly."],
    )
    strong = score_answer(
        question,
        "I'd index on change events from the CMS webhook instead of a nightly rebuild, because a day is too stale "
        "for prices. Deletes and renames are propagated as tombstones, and every chunk carries a last-updated date. "
        "I track staleness p95, which went from 26 hours to 4 minutes when I did this on a pricing bot, and a "
        "freshness check in the eval suite fails the build when a changed price is not reflected within 10 minutes.",
        None,
    )
    vague = score_answer(question, "I would make sure the data is always up to date and robust.", None)
    assert strong.kind == "design" and strong.score >= 60 and strong.off_topic is None
    assert vague.score <= 30


# --- numbers as people write them -------------------------------------------------------------


def test_numbers_as_people_write_them_count() -> None:
    result = _score("cost-optimisation-03", "Hit rate went 0.52 -> 0.71 and p95 fell from 2,8 s to 900 ms.")
    assert "hit rate went 0.52 -> 0.71" in [p.lower() for p in result.before_after]
    assert "2,8 s" in result.metrics_found
    assert result.criteria["evidence"].score > 0


# --- feedback ---------------------------------------------------------------------------------


def test_feedback_names_missed_points_after_an_attempt_but_never_a_list_to_stuff() -> None:
    result = _score("rag-design-01", "I used hybrid search with BM25 and a cross-encoder reranker.")
    assert "hybrid search" in result.key_points_hit and "re-ranking" in result.key_points_hit
    assert "chunking by document structure" in result.key_points_missed
    assert not any("This question expects" in line for line in result.advice)
    assert any(line.startswith("Missed:") for line in result.summary_lines())


@pytest.mark.parametrize("blank", ["", "   ", "\n\t \n"])
def test_a_blank_answer_is_not_an_attempt(blank: str) -> None:
    result = _score("rag-design-01", blank, seconds=3)
    assert result.attempted is False and result.score == 0
    assert "nothing was saved" in result.advice[0]


# --- language ---------------------------------------------------------------------------------

GERMAN = (
    "Ich behandle den Judge selbst wie ein Modell, das evaluiert werden muss. Zuerst bewerten zwei Kolleginnen und "
    "ich etwa 150 echte Antworten von Hand, mit binären Kriterien statt einer Skala von 1 bis 10. Dann bewertet der "
    "Judge dieselben Antworten, und ich messe die Übereinstimmung mit Cohens Kappa und den Recall auf den Fehlern. "
    "In meinem letzten Projekt lag Kappa anfangs bei 0,55, weil der Judge lange Antworten bevorzugte; mit "
    "Gegenbeispielen gleicher Länge stieg Kappa auf 0,8. Der Judge-Prompt ist versioniert, und jeden Monat bewerten "
    "wir 30 neue Beispiele aus der Produktion, um Drift zu erkennen."
)


def test_a_german_answer_is_read_and_says_how() -> None:
    result = _score("eval-strategy-03", GERMAN)
    assert result.language == "de"
    assert result.language_note and "German" in result.language_note and "gloss" in result.language_note
    assert result.score >= 50
    assert "kappa initially at 0,55" in [m.lower() for m in result.metrics_found]  # the decimal comma is read


SPANISH = (
    "Mediría primero dónde se va el tiempo: con trazas por etapa, el p95 de recuperación, de reordenación y de "
    "generación. Luego recortaría candidatos del reordenador de 100 a 30 y enviaría menos fragmentos al modelo, y "
    "activaría el streaming para que el primer token llegue antes. Lo que no recortaría es la evaluación: cada "
    "cambio pasa por el conjunto de preguntas etiquetadas antes de salir, porque una respuesta rápida e incorrecta "
    "no sirve. En un sistema parecido, esto bajó el p95 de 3,7 s a 1,9 s sin perder precisión."
)


def test_a_partly_read_answer_is_provisional_never_silently_low() -> None:
    result = _score("rag-design-06", SPANISH)
    assert result.language == "es" and result.language_note
    assert "could not be read" in result.language_note and "Provisional" in result.language_note
    assert "Claude" in result.language_note  # where a full reading is to be had
    provisional, glossed = map(int, re.findall(r"(\d+) from (\d+)", result.language_note)[0])
    assert result.score == provisional > glossed  # the unread share counts at the middle, not as missing
    assert any("3,7 s" in metric for metric in result.metrics_found)  # numbers are read fully, decimal comma too


def test_an_answer_in_a_language_the_rubric_cannot_read_says_so_and_scores_zero() -> None:
    french = (
        "Je traite le juge comme un modèle qu'il faut évaluer. D'abord, deux collègues et moi annotons à la main "
        "environ 150 réponses réelles avec des critères binaires, puis je mesure l'accord avec le kappa de Cohen "
        "et le rappel sur les erreurs, et je versionne le prompt du juge."
    )
    result = _score("eval-strategy-03", french)
    assert result.language == "other" and result.score == 0
    assert result.capped and "not in English, German or Spanish" in result.capped
    assert result.attempted is False  # not an attempt: the schedule is not told it failed


# --- edges and output -------------------------------------------------------------------------


def test_scoring_is_deterministic_and_json_ready() -> None:
    text = _fixture("eval-strategy-02", "strong")
    first, second = _score("eval-strategy-02", text, 80.5), _score("eval-strategy-02", text, 80.5)
    assert first.model_dump() == second.model_dump()
    dumped = json.loads(json.dumps(first.model_dump(mode="json")))
    assert dumped["criteria"]["evidence"].keys() == {"score", "max", "detail"}
    assert dumped["question_key"] == "eval-strategy-02" and dumped["seconds"] == 80.5
    assert first.score <= sum(c.score for c in first.criteria.values())


def test_over_time_costs_delivery_points() -> None:
    text = _fixture("latency-spikes-01", "strong")
    in_time, over = _score("latency-spikes-01", text, seconds=88), _score("latency-spikes-01", text, seconds=150)
    assert over.criteria["delivery"].score < in_time.criteria["delivery"].score
    assert "60 s over" in over.criteria["delivery"].detail


def test_bad_time_box_or_seconds_are_user_errors() -> None:
    with pytest.raises(UserError):
        _score("rag-design-01", "An answer.", time_box=0)
    with pytest.raises(UserError):
        _score("rag-design-01", "An answer.", seconds=-1)


HOSTILE = ["1" * 50_000 + " a" * 20_000, "1 " * 50_000, "from " * 20_000 + "1%", "$" * 50_000, "very " * 50_000]
HANG = 300  # seconds: only a hang reaches it (these take well under a second); no speed is asserted


def test_hostile_input_does_not_hang_the_scorer() -> None:
    # A hang guard, not a speed target: catastrophic regex backtracking once took 22 s on such input, and grows
    # with it. The answers are scored in a child process, stopped if it ever hangs (a regex stuck in C
    # cannot be interrupted in this one); speed belongs to bench/.
    script = (
        "import json, sys\n"
        "from curriculum.drills import load_bank\n"
        "from grader.answers import score_answer\n"
        "question = next(q for q in load_bank().all_questions() if q.key == 'rag-design-01')\n"
        "answers = json.loads(sys.stdin.read())\n"
        "print(json.dumps([score_answer(question, a, None, 90).score for a in answers]))\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", script], input=json.dumps(HOSTILE), capture_output=True, text=True, timeout=HANG
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the scorer hung on hostile input (stopped after {HANG} s)")
    assert done.returncode == 0, done.stderr
    assert all(score <= 15 for score in json.loads(done.stdout))
