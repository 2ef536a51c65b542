"""The mock-interview question bank: one YAML file per theme in `content/drills/`, validated at load.

A theme says what the interviewer tests and what a strong answer looks like; each question carries a
strong-answer outline in the six parts (problem, constraints, design, metrics, failure, iteration), the key
points a scorer can match (each with its match terms, synonyms included), and the usual pitfalls. Two fields
are optional, so a question written with only the fields above still scores sensibly: `kind` (story, design
or concept: which rubric fits; guessed from the prompt when absent) and `traps` (claims that show a pitfall
was made, matched in the answer). A broken file is a `UserError` naming the file and the field.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from curriculum.errors import UserError
from curriculum.resources import content_dir
from curriculum.yaml_models import load_model

# The six parts of the answer pattern, in the order an answer should tell them.
ANSWER_PARTS: tuple[str, ...] = ("problem", "constraints", "design", "metrics", "failure", "iteration")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
_QUESTION_NUMBER = re.compile(r"-\d{2}$")


class _Strict(BaseModel):
    # A typo in a field name must fail loudly, not vanish: extra keys are errors.
    model_config = ConfigDict(extra="forbid", frozen=True)


class KeyPoint(_Strict):
    """One thing a strong answer mentions, with the words that show it was mentioned."""

    point: Text
    match: list[Text] = Field(min_length=1)
    # The premise of the question ("the disagreement itself"): an answer without it answered something else.
    core: bool = False
    why: Text | None = None  # why it matters, said to the learner after an attempt that missed it


class Trap(_Strict):
    """A claim that shows the answer fell into a pitfall: its name for the feedback and the patterns that find it.

    `match` holds regular expressions (case-insensitive) tried one sentence at a time; a sentence that rejects
    the claim ("never remove the timeout") does not count.
    """

    name: Text
    match: list[Text] = Field(min_length=1)
    why: Text | None = None
    severity: Literal["wrong", "weak"] = "wrong"  # wrong: would mislead a team; weak: a shortcut to probe


# `{gap}` in a claim pattern: up to ~60 characters of one clause with no negation in it.
CLAIM_GAP = r"(?:(?!\b(?:not|never|no|without|doesn'?t|don'?t|isn'?t|won'?t|wouldn'?t|alone)\b)[^.;!?]){0,60}?"


@lru_cache(maxsize=4096)
def claim_regex(pattern: str) -> re.Pattern[str]:
    """A claim pattern (a trap's or a contrary stance's) compiled as the scorer matches it, once per process and
    only when an answer is checked against it: compiling the whole bank's ~400 patterns on every `drill score`
    cost more than scoring. The content test compiles every shipped pattern; a broken local edit is one line."""
    try:
        return re.compile(pattern.replace("{gap}", CLAIM_GAP), re.IGNORECASE)
    except re.error as error:
        raise UserError(f"drill content: claim pattern {pattern!r} is not a valid pattern ({error})") from error


# What the answer to a question has to be: a story of something that happened, a design, or an explanation.
Kind = Literal["story", "design", "concept"]
_STORY_PROMPT = re.compile(
    r"^\s*(?:tell me about|describe a time|give me an example of a time|walk me through (?:the|an|a) (?:incident|time))"
    r"|\bwhat have you (?:built|shipped)\b",
    re.IGNORECASE,
)
_CONCEPT_PROMPT = re.compile(
    r"^\s*(?:when (?:would|should|do)|why (?:do|does|is|are|would)|what is|what are|explain|how do you know"
    r"|how large|how many|is (?:that|it|this)\b)",
    re.IGNORECASE,
)


def guess_kind(prompt: str, theme: str = "") -> Kind:
    """The kind of answer a prompt asks for, for questions that do not say it."""
    if _STORY_PROMPT.search(prompt) or theme == "behavioural":
        return "story"
    if _CONCEPT_PROMPT.search(prompt):
        return "concept"
    return "design"


class Outline(_Strict):
    """A strong answer in the six parts, one or two sentences each."""

    problem: Text
    constraints: Text
    design: Text
    metrics: Text
    failure: Text
    iteration: Text


class Question(_Strict):
    """A question as an interviewer would ask it, with what it tests and how a strong answer goes."""

    key: Slug
    theme: Slug
    prompt: Text
    tests: Text
    outline: Outline
    key_points: list[KeyPoint] = Field(min_length=4, max_length=8)
    pitfalls: list[Text] = Field(min_length=1)
    kind: Kind | None = None
    traps: list[Trap] = Field(default_factory=list)

    @property
    def answer_kind(self) -> Kind:
        """`kind`, or the kind guessed from the prompt when the question does not say."""
        return self.kind or guess_kind(self.prompt, self.theme)


class Theme(_Strict):
    """An interview question theme and its questions."""

    key: Slug
    title: Text
    tests: Text
    pattern: Text
    questions: list[Question] = Field(min_length=1)


class DrillBank(BaseModel):
    """Every theme and question, with lookups by key."""

    model_config = ConfigDict(frozen=True)

    themes: list[Theme]
    _themes: dict[str, Theme] = PrivateAttr(default_factory=dict)
    _questions: dict[str, Question] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        self._themes = {theme.key: theme for theme in self.themes}
        self._questions = {q.key: q for theme in self.themes for q in theme.questions}

    def theme(self, key: str) -> Theme:
        try:
            return self._themes[key]
        except KeyError:
            raise UserError(f"unknown drill theme {key!r}; themes: {', '.join(self._themes)}") from None

    def question(self, key: str) -> Question:
        try:
            return self._questions[key]
        except KeyError:
            raise UserError(f"unknown drill question {key!r}; keys look like 'rag-design-03'") from None

    def questions(self, theme: str | None = None) -> list[Question]:
        """The questions of one theme, or of every theme when `theme` is None."""
        if theme is None:
            return self.all_questions()
        return list(self.theme(theme).questions)

    def all_questions(self) -> list[Question]:
        return list(self._questions.values())


def bank_dir() -> Path:
    """The folder holding one YAML file per drill theme."""
    return content_dir() / "drills"


@cache
def load_bank() -> DrillBank:
    """The shipped question bank, read and validated once per process."""
    return read_bank(bank_dir())


def read_bank(folder: Path) -> DrillBank:
    """Read and validate every `<theme>.yaml` in `folder`; a broken file is a one-line `UserError`."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise UserError(f"no drill themes found in {folder}")
    themes = [_read_theme(path) for path in files]
    seen: dict[str, str] = {}
    for theme in themes:
        for question in theme.questions:
            if question.key in seen:
                raise UserError(
                    f"{folder / (theme.key + '.yaml')}: question key {question.key!r} "
                    f"is already used in {seen[question.key]}.yaml"
                )
            seen[question.key] = theme.key
    return DrillBank(themes=themes)


def _read_theme(path: Path) -> Theme:
    theme = load_model(path, Theme, prepare=_questions_know_their_theme)
    _check_keys(path, theme)
    return theme


def _questions_know_their_theme(raw: dict[str, Any]) -> dict[str, Any]:
    # Each question learns its theme from the file, so the YAML does not repeat it.
    questions = raw.get("questions")
    if isinstance(questions, list):
        raw["questions"] = [{**q, "theme": raw.get("key")} if isinstance(q, dict) else q for q in questions]
    return raw


def _check_keys(path: Path, theme: Theme) -> None:
    if theme.key != path.stem:
        raise UserError(f"{path}: key: {theme.key!r} must match the file name {path.stem!r}")
    for index, question in enumerate(theme.questions):
        if not (question.key.startswith(theme.key + "-") and _QUESTION_NUMBER.search(question.key)):
            raise UserError(f"{path}: questions[{index}].key: {question.key!r} must look like '{theme.key}-01'")
