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


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        # Spanish drops the pronoun: the first-person past in -é / -í is the teller's own act.
        ("Primero filtré los documentos y luego comparé los dos modelos.", "I filter"),
        ("Después moví la clasificación a un modelo pequeño.", "I move"),
        ("Verifiqué el cambio con el conjunto de pruebas.", "I verify"),
    ],
)
def test_a_spanish_first_person_past_is_read_with_its_i(sentence: str, said: str) -> None:
    assert said in read_language(sentence).english


def test_a_word_in_e_acute_that_is_no_verb_stays_as_it_is() -> None:
    assert " I " not in f" {read_language('Pedimos un café y el sistema respondió así en la consulta.').english} "


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("La latencia bajó de 9,2 s a 3,6 s después del cambio.", "from 9,2 s to 3,6 s"),
        ("Los errores subieron del 3 % al 7 % con el modelo nuevo.", "from 3 % to 7 %"),
        ("Die Latenz sank von 4,1 s auf 1,9 s nach der Änderung.", "from 4,1 s to 1,9 s"),
    ],
)
def test_a_change_between_two_figures_reads_as_from_to(sentence: str, pair: str) -> None:
    assert pair in read_language(sentence).english


def test_a_spanish_plural_is_read_by_its_singular() -> None:
    # The stemmer cuts "tareas" to "tar" but "tarea" to "tare": the plural is looked up by its singular.
    assert "task" in read_language("Lo medimos con nuestro conjunto de 120 tareas y con las consultas reales.").english
