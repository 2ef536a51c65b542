"""German and Spanish loanwords and cognates read as the bank's English words."""

from __future__ import annotations

import re

import pytest

from grader.answers.cognates import read_as_english
from grader.answers.language import read_language


@pytest.mark.parametrize(
    ("word", "language", "english"),
    [
        ("deterministische", "de", "deterministic"),
        ("Regressionen", "de", "regressions"),
        ("Kategorie", "de", "category"),
        ("conversación", "es", "conversation"),
        ("documentos", "es", "documents"),
        ("servicio", "es", "service"),
    ],
)
def test_a_cognate_is_read_as_its_english_word(word: str, language: str, english: str) -> None:
    assert read_as_english(word, language) == english


def test_short_words_are_not_guessed() -> None:
    assert read_as_english("fila", "es") is None and read_as_english("Lauf", "de") is None


def test_a_gloss_knows_more_of_a_technical_answer_through_cognates() -> None:
    spanish = (
        "Cada documento recibe la categoría en los metadatos, y el servicio de recuperación aplica el filtro antes "
        "del ranking. En cada despliegue lanzamos consultas de regresión con documentos canario."
    )
    reading = read_language(spanish)
    assert reading.language == "es" and reading.known >= 0.5
    assert "category" in reading.english and "service" in reading.english and "filter" in reading.english


@pytest.mark.parametrize(
    ("sentence", "english"),
    [
        ("Die Werte schwankten um 1,2 Punkte.", "fluctuate"),  # a past tense
        ("Der Test hat sechs Regressionen abgefangen.", "catch"),  # a separable verb's participle
        ("Das hätte das JSON zerstört.", "break"),  # a third person / participle in -t
        ("Ein Lauf dauert acht Minuten.", "take"),  # a verb in -ern
    ],
)
def test_a_german_verb_form_is_read_by_its_infinitive(sentence: str, english: str) -> None:
    assert english in re.findall(r"[a-z]+", read_language(sentence).english)


def test_a_word_that_only_looks_like_a_verb_form_is_not_guessed() -> None:
    # "Gerät" (device) is "ge" + "rät" (advises): read as "advice" it would be a false reading, so it stays unread.
    assert "Gerät" in read_language("Das Gerät ist neu, und wir haben es getestet.").english


def test_a_spanish_verb_form_is_read_by_its_infinitive() -> None:
    # The stemmer leaves "bloquea" and "usamos" apart from "bloquear" and "usar".
    english = read_language("El servicio bloquea la consulta y alerta si no coinciden; usamos Postgres.").english
    assert {"block", "use", "match"} <= set(re.findall(r"[a-z]+", english))
