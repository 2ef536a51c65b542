"""Reading German and Spanish words the glossary lacks: loanwords and cognates of the bank's English vocabulary.

Technical German and Spanish borrow heavily from English ("Prompt", "Ranking", "pgvector") and from the Latin
roots English shares ("deterministische", "Regressionen", "identificador", "metadatos", "conversación"). A word
the glossary does not know is read as English when it is an English word of the bank's own vocabulary (a loan),
or when the regular spelling changes between the languages ("-ción" -> "-tion", "-ität" -> "-ity", "k" -> "c")
turn it into one, exactly or within a small edit distance (rapidfuzz). The vocabulary is what the rubric can use
anyway: the words of every bank question, the synonym lexicon and the glossaries' English side.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from rapidfuzz import fuzz, process

from curriculum.drills import load_bank
from grader.answers.lexicon import groups
from grader.answers.relevance import question_document
from grader.answers.text import STOP_WORDS, words

_MIN_LENGTH = 5  # shorter words are too often false friends ("Lauf", "fila", "also")
_FUZZY_CUTOFF = 90.0  # one letter off in nine: closer spellings are rarely a different word

# Regular spelling correspondences, tried on the end of the word and then anywhere: (foreign, English).
_SUFFIXES: dict[str, tuple[tuple[str, str], ...]] = {
    "es": (
        ("ciones", "tions"), ("ción", "tion"), ("siones", "sions"), ("sión", "sion"), ("dades", "ties"),
        ("dad", "ty"), ("mente", "ly"), ("ísticas", "istics"), ("ística", "istic"), ("icos", "ics"), ("icas", "ics"),
        ("ico", "ic"), ("ica", "ic"), ("ivos", "ives"), ("ivas", "ives"), ("ivo", "ive"), ("iva", "ive"),
        ("encias", "ences"), ("encia", "ence"), ("ancias", "ances"), ("ancia", "ance"), ("entes", "ents"),
        ("ente", "ent"), ("antes", "ants"), ("ante", "ant"), ("ismos", "isms"), ("ismo", "ism"), ("istas", "ists"),
        ("ista", "ist"), ("ados", "ated"), ("adas", "ated"), ("ado", "ated"), ("ada", "ated"), ("idos", "ed"),
        ("ido", "ed"), ("ables", "ables"), ("ible", "ible"), ("ores", "ors"), ("or", "or"), ("eros", "ers"),
        ("ero", "er"), ("ros", "ers"), ("ro", "er"), ("ar", "ate"), ("ar", "e"), ("ar", ""), ("er", "e"),
        ("ir", "e"), ("os", "s"), ("as", "s"), ("es", "s"), ("o", ""), ("a", ""), ("e", ""), ("o", "e"), ("a", "e"),
    ),
    "de": (
        ("ierungen", "ations"), ("ierung", "ation"), ("ieren", "ate"), ("ieren", "e"), ("ierte", "ated"),
        ("iert", "ated"), ("iert", "ed"), ("itäten", "ities"), ("ität", "ity"), ("ischen", "ic"), ("ische", "ic"),
        ("isches", "ic"), ("ischer", "ic"), ("isch", "ic"), ("iken", "ics"), ("ik", "ic"), ("ik", "ics"),
        ("ionen", "ions"), ("ion", "ion"), ("ien", "ies"), ("ie", "y"), ("ur", "ure"), ("ell", "al"), ("ellen", "al"),
        ("elle", "al"), ("iv", "ive"), ("ive", "ive"), ("iven", "ive"), ("enz", "ence"), ("anz", "ance"),
        ("en", ""), ("en", "e"), ("e", ""), ("er", ""), ("es", ""), ("s", ""), ("n", ""),
    ),
}  # fmt: skip
_LETTERS: dict[str, tuple[tuple[str, str], ...]] = {
    "es": (("qu", "c"), ("f", "ph"), ("i", "y"), ("t", "th")),
    "de": (("k", "c"), ("z", "c"), ("z", "t"), ("f", "ph"), ("ss", "s")),
}


def _plain(word: str) -> str:
    """Accents and umlauts away: "conversación" -> "conversacion", "Übereinstimmung" -> "ubereinstimmung"."""
    word = word.replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@cache
def english_vocabulary() -> frozenset[str]:
    """Every English content word the rubric reads: the bank's questions, the lexicon and the glossaries."""
    from grader.answers.language import glossary  # the glossaries load this module's reader

    text = [question_document(q) for q in load_bank().all_questions()]
    text += [term for group in groups() for term in group]
    for language in ("de", "es"):
        text += list(glossary(language).exact.values())
    return frozenset(w for w in words(" ".join(text)) if len(w) >= 3 and w not in STOP_WORDS and w.isalpha())


@cache
def _by_first_letter() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for word in english_vocabulary():
        if len(word) >= _MIN_LENGTH - 1:
            index.setdefault(word[0], []).append(word)
    return {letter: tuple(sorted(found)) for letter, found in index.items()}


def _candidates(word: str, language: str) -> list[str]:
    plain = _plain(word)
    out = [word, plain]
    for foreign, english in _SUFFIXES[language]:
        if plain.endswith(_plain(foreign)) and len(plain) - len(foreign) >= 3:
            out.append(plain[: len(plain) - len(foreign)] + english)
    if language == "es" and re.match(r"es[bcdfgklmnpqrstvz]", plain):  # "escala" -> "scale", "estado" -> "state"
        out += [c[1:] for c in list(out) if c.startswith("es")]
    for foreign, english in _LETTERS[language]:
        out += [c.replace(foreign, english) for c in list(out) if foreign in c]
    return list(dict.fromkeys(out))


@cache
def read_as_english(word: str, language: str) -> str | None:
    """The English word a German or Spanish word is a loan or cognate of, when the bank's vocabulary has it."""
    word = word.lower()
    if len(word) < _MIN_LENGTH or (not word.isalpha() and not _plain(word).isalpha()):
        return None
    vocabulary = english_vocabulary()
    candidates = _candidates(word, language)
    for candidate in candidates:
        if candidate in vocabulary:
            return candidate
    pool = _by_first_letter().get(_plain(word)[:1], ())
    best: tuple[str, float] | None = None
    for candidate in candidates[:12]:
        if len(candidate) < _MIN_LENGTH + 1:
            continue
        found = process.extractOne(candidate, pool, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
        if found and (best is None or found[1] > best[1]):
            best = (found[0], found[1])
    return best[0] if best else None
