"""German and Spanish loanwords and cognates read as the bank's English words."""

from __future__ import annotations

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
