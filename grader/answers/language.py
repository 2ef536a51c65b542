"""Which language an answer is in, and a word-by-word English reading of German and Spanish answers.

The choice: read German and Spanish rather than refuse them. Interviews for these roles happen in those
languages too, and an interviewer who reads the language scores the content. The rubric works on English
words, so a German or Spanish answer is glossed into English with a domain glossary
(`content/drills/scoring/de.yaml`, `es.yaml`: function words, the rubric's cue words and AI-engineering
vocabulary, matched by Snowball stem; a verb form the stemmer leaves apart from its infinitive, a German
participle or past tense or a Spanish conjugation, is read by that infinitive), while technical loanwords
(prompt, judge, recall) pass through as they are. A gloss is not a translation: the note says so, and how much of
the answer the glossary knew.
A gloss is partial, so the score of a glossed answer is provisional: the share of the answer the gloss could not
read is scored at the middle of the scale rather than as missing (`grader.answers.scoring`), unless what could be
read already shows a problem (stuffing, an unsound claim, another question answered). Any other language is not
read: it is not an attempt (nothing is saved) and the note says why, instead of a silent low score.

Detection counts function words ("the", "und", "que"): a 40-word answer carries a dozen of them, far more
signal than a three-way choice needs, and no model has to load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import Stemmer

from curriculum.drills import bank_dir
from curriculum.yaml_models import file_error, read_mapping
from grader.answers.cognates import read_as_english
from grader.answers.text import STOP_WORDS, stemmer, words

NAMES = {"en": "English", "de": "German", "es": "Spanish"}
# Function words of neighbouring languages, so French is not read as Spanish nor Dutch as German.
_OTHERS = {
    language: frozenset(words.split())
    for language, words in {
        "fr": "je nous vous il elle et est les des du le la un une pour avec dans sur qui que pas ne ce cette mais "
        "ou donc car au aux leur mon ma mes notre nos être avoir fait plus très aussi puis d l qu c n s j",
        "it": "io noi il lo gli la le un una e è di del della che per con non nel nella sono ma anche come questo "
        "questa perché mio mia nostro",
        "pt": "eu nós o os a as um uma e é de do da dos das que para com não no na em por mas também como isso esse "
        "essa meu minha nosso",
        "nl": "ik wij we het de een en is van dat niet met voor op zijn maar ook als dan mijn onze deze dit",
    }.items()
}
_STEMMERS = {"de": "german", "es": "spanish"}
_MIN_SHARE = 0.12  # function-word share below which a long text is in no language we know
_SURELY_ENGLISH = 0.3  # English function-word share above which no other language is considered
_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿß]+(?:[-'’][A-Za-zÀ-ÖØ-öø-ÿß]+)*|\d+(?:[.,]\d+)*|[^\sA-Za-zÀ-ÖØ-öø-ÿß\d]+|\s+")


@dataclass(frozen=True)
class Reading:
    language: str  # en, de, es, or other
    english: str  # the text the rubric reads: the answer, or its English gloss
    note: str | None  # what the learner should know about how it was read
    known: float = 1.0  # share of content words the glossary knew


@dataclass(frozen=True)
class Glossary:
    function: frozenset[str]
    exact: dict[str, str]  # lower-case word -> English
    stems: dict[str, str]  # Snowball stem -> English


@cache
def glossary(language: str) -> Glossary:
    path = bank_dir() / "scoring" / f"{language}.yaml"
    raw = read_mapping(path)  # the words are any scalars, read as text below: no model to coerce them
    if not isinstance(raw.get("words"), dict):
        raise file_error(str(path), "words", f"expected the {NAMES[language]} glossary as a mapping")
    exact = {str(k).lower(): str(v) for k, v in raw["words"].items()}
    stem = stemmer(_STEMMERS[language])
    stems: dict[str, str] = {}
    for word, english in exact.items():
        if " " not in word:
            stems.setdefault(stem.stemWord(word), english)
    function = frozenset(str(w).lower() for w in raw.get("function") or [])
    return Glossary(
        function | frozenset(w for w in exact if " " not in w and w in (raw.get("function") or [])), exact, stems
    )


def detect(text: str) -> str:
    tokens = words(text)
    if not tokens:
        return "en"
    shares = {"en": sum(t in STOP_WORDS for t in tokens) / len(tokens)}
    if shares["en"] >= _SURELY_ENGLISH:
        return "en"  # the glossaries are not even loaded for an ordinary English answer
    for language in _STEMMERS:
        known = glossary(language).function
        shares[language] = sum(t in known for t in tokens) / len(tokens)
    for other, known in _OTHERS.items():
        shares[other] = sum(t in known for t in tokens) / len(tokens)
    best = max(shares, key=lambda k: shares[k])
    if best in _OTHERS:
        return "other" if shares[best] > shares["en"] else "en"
    if shares[best] < _MIN_SHARE and len(tokens) >= 25:
        return "other" if max(shares["de"], shares["es"]) > shares["en"] else "en"
    return best if shares[best] > shares["en"] * 1.2 else "en"


def _gloss(text: str, language: str) -> tuple[str, float]:
    table = glossary(language)
    stem = stemmer(_STEMMERS[language])
    phrases = sorted((p for p in table.exact if " " in p), key=len, reverse=True)
    lowered = text
    for phrase in phrases:  # multi-word expressions first: "vor allem", "en lugar de"
        lowered = re.sub(rf"(?i)\b{re.escape(phrase)}\b", table.exact[phrase], lowered)
    out: list[str] = []
    content = known = 0
    for token in _TOKEN.findall(lowered):
        if not token[:1].isalpha():
            out.append(token)
            continue
        low = token.lower().replace("’", "'")
        english = table.exact.get(low)
        if english is None and language == "es" and len(low) >= 4 and low[-1] in "éí":
            english = _spanish_first_person_past(low, table, stem)
        english = english or table.stems.get(stem.stemWord(low))
        if english is None and language == "es" and low.endswith("s"):  # the stemmer cuts "tareas" apart from "tarea"
            english = table.exact.get(low[:-1]) or (table.exact.get(low[:-2]) if low.endswith("es") else None)
        if english is None and "-" in low:  # "Judge-Prompt": gloss each part
            parts = [table.exact.get(p) or table.stems.get(stem.stemWord(p)) or p for p in low.split("-")]
            english = " ".join(parts)
        if english is None and language == "de" and len(low) > 5:
            english = _verb_form(low, table, stem)
        if english is None and language == "es" and len(low) > 4:
            english = _spanish_verb_form(low, table, stem)
        if english is None and language == "de" and len(low) > 7:
            english = _split_compound(low, table, stem)
        if english is None:
            english = read_as_english(low, language)  # a loanword or a cognate: "Regressionen", "metadatos"
        if low not in table.function:
            content += 1
            known += english is not None
        out.append(english if english is not None else token)
    return _ranges("".join(out)), (known / content if content else 1.0)


# "bajó de 9,2 s a 3,6 s" and "von 9,2 s auf 3,6 s" gloss as "of 9,2 s to 3,6 s": a change between two figures,
# which English says "from 9,2 s to 3,6 s".
_GLOSSED_RANGE = re.compile(r"\bof (?:the )?(\d[\d.,]*(?:\s?[^\s\d,.;]{1,4})?) (?:to|on|until) (?:the )?(?=[$€]?\d)")


def _ranges(glossed: str) -> str:
    return _GLOSSED_RANGE.sub(r"from \1 to ", glossed)


def _spanish_first_person_past(word: str, table: Glossary, stem: Stemmer.Stemmer) -> str | None:
    """Spanish drops the pronoun, and its first-person past ends the verb in -é or -í ("diseñé" is "I designed",
    "moví" is "I moved"): read as "I" and the verb, so the teller's own part is not lost in the gloss."""
    root = word[:-1]
    infinitives = (root + "ar",) if word.endswith("é") else (root + "er", root + "ir")
    for infinitive in infinitives:
        for candidate in (infinitive, infinitive.replace("qu", "c").replace("gu", "g")):  # "verifiqué", "pagué"
            english = table.exact.get(candidate) or table.stems.get(stem.stemWord(candidate))
            if english is not None:
                return f"I {english}"
    return None


# Separable prefixes, which put the participle's "ge" inside the word: "abgefangen" is "abfangen" done.
_SEPARABLE = ("ab", "an", "auf", "aus", "ein", "fest", "mit", "nach", "vor", "weg", "zu", "zurück", "hinzu", "um", "")


def _verb_form(word: str, table: Glossary, stem: Stemmer.Stemmer) -> str | None:
    """A German verb form the stemmer leaves apart from its infinitive: a participle ("getestet", "abgefangen"),
    a past tense ("schwankten") or a third person ("zerstört", "dauert"), read by the glossary's infinitive."""
    bases = [word]
    for prefix in _SEPARABLE:
        if word.startswith(prefix + "ge") and len(word) - len(prefix) > 6:
            bases.append(prefix + word[len(prefix) + 2 :])
    for base in bases:
        for ending in ("", "tet", "ten", "te", "et", "t"):
            if ending and not base.endswith(ending):
                continue
            root = base[: len(base) - len(ending)]
            if len(root) < 4:
                continue
            for candidate in (root, root + "en", root + "n"):
                english = table.stems.get(stem.stemWord(candidate))
                if english is not None and (candidate != word):
                    return english
    return None


# Spanish verb endings, longest first: a conjugated form whose stem the stemmer leaves apart from its infinitive's
# ("bloquea" -> "bloque", "bloquear" -> "bloqu"; "usamos" -> "usam", "usar" -> "usar").
_SPANISH_ENDINGS = (
    "aríamos", "eríamos", "iríamos", "ábamos", "aremos", "eremos", "iremos", "aron", "ieron", "aban", "amos",
    "emos", "imos", "aría", "ería", "iría", "aba", "ado", "ada", "ido", "ida", "ió", "an", "en", "as", "es", "a",
    "e", "o", "ó",
)  # fmt: skip


def _spanish_verb_form(word: str, table: Glossary, stem: Stemmer.Stemmer) -> str | None:
    """A Spanish verb form read by its infinitive, when the glossary has that verb ("compara" -> "comparar")."""
    for ending in _SPANISH_ENDINGS:
        root = word[: -len(ending)]
        if not word.endswith(ending) or len(root) < 2:
            continue
        for infinitive in (root + "ar", root + "er", root + "ir"):
            english = table.exact.get(infinitive) or table.stems.get(stem.stemWord(infinitive))
            if english is not None:
                return english
    return None


def _split_compound(word: str, table: Glossary, stem: Stemmer.Stemmer) -> str | None:
    # German joins nouns: "Modellfamilie" is "Modell" + "Familie", "Regressionsfall" is "Regression" + "Fall".
    # Try one split, with a linking "s", each part read by the glossary or as a loanword.
    def part(said: str) -> str | None:
        return table.exact.get(said) or table.stems.get(stem.stemWord(said)) or read_as_english(said, "de")

    for cut in range(4, len(word) - 3):
        head, tail = word[:cut], word[cut:]
        first = table.exact.get(head) or table.exact.get(head.rstrip("s")) or read_as_english(head.rstrip("s"), "de")
        second = part(tail) if first else None
        if first and second:
            return f"{first} {second}"
    return None


def read_language(text: str) -> Reading:
    language = detect(text)
    if language == "en":
        return Reading("en", text, None)
    if language == "other":
        return Reading(
            "other",
            text,
            "This answer is not in English, German or Spanish, which are the languages the rubric can read, "
            "so it was not scored: answer in one of them to be scored.",
            0.0,
        )
    english, known = _gloss(text, language)
    note = (
        f"Read in {NAMES[language]} through a word-by-word English gloss that knew {known:.0%} of its content words "
        "(technical terms, loanwords and numbers read fully). For a full reading, answer in English, or add an "
        f"Anthropic API key: Claude's judge reads {NAMES[language]}."
    )
    return Reading(language, english, note, known)
