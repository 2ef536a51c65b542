"""The scored answer, as the drill screen, the tracker and `--json` see it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class CriterionScore(BaseModel):
    """Points earned on one rubric criterion, out of `max`, with the reason in one line."""

    model_config = ConfigDict(frozen=True)

    score: int = Field(ge=0)
    max: int = Field(gt=0)
    detail: str


class TrapFound(BaseModel):
    """An unsound claim the answer made, with the words that made it."""

    model_config = ConfigDict(frozen=True)

    name: str
    why: str | None
    quote: str
    severity: Literal["wrong", "weak"]


class AnswerScore(BaseModel):
    """A drill answer scored on `grader.answers.rubric`; every number points at words in the answer."""

    model_config = ConfigDict(frozen=True)

    question_key: str
    score: int = Field(ge=0, le=100)
    rating: int = Field(ge=1, le=4, description="FSRS rating for the card: Again=1, Hard=2, Good=3, Easy=4")
    kind: Literal["story", "design", "concept"] = Field(description="which rubric was used")
    attempted: bool = Field(default=True, description="False for a blank answer: not an attempt, never saved")
    criteria: dict[str, CriterionScore]
    advice: list[str]
    content: float = Field(
        ge=0, le=1, description="share of the question's substance covered; scales the form criteria"
    )
    off_topic: str | None = Field(default=None, description="the bank question this answer fits clearly better")
    traps: list[TrapFound] = Field(default_factory=list)
    form_issues: list[str] = Field(
        default_factory=list, description="stuffing, repetition, filler, non-words, buzzwords"
    )
    stuffed: bool = Field(default=False, description="keyword stuffing found: the total is capped")
    language: str = Field(default="en", description="the language the answer was read in: en, de, es, or other")
    language_note: str | None = None
    parts_found: list[str]
    parts_missing: list[str]
    metrics_found: list[str]
    before_after: list[str]
    vague_terms: list[str]
    trade_offs: list[str]
    rejected_options: list[str]
    first_person: int = Field(description="'I', 'my', 'me' mentions")
    first_person_plural: int = Field(description="'we', 'our' mentions")
    decisions: list[str] = Field(description="first-person decisions, e.g. 'I chose'")
    key_points_hit: list[str]
    key_points_missed: list[str]
    words: int
    target_words: tuple[int, int]
    seconds: float | None
    time_box: int
    capped: str | None = Field(default=None, description="why the total was capped, when it was")
    deductions: list[str] = Field(
        default_factory=list, description="points taken off after the criteria, each with its reason ('-15: ...')"
    )

    def summary_lines(self) -> list[str]:
        """What capped or cost the score, said before the criteria: language, cap, unsound claims, form, misses."""
        lines = []
        if self.language_note:
            lines.append(self.language_note)
        if self.capped:
            lines.append(f"Capped: {self.capped}.")
        if self.deductions:
            lines.append(f"Deducted: {'; '.join(self.deductions)}.")
        for trap in self.traps:
            lines.append(f"Unsound ({trap.severity}): {trap.name}, in '{trap.quote}'.")
        for issue in self.form_issues:
            lines.append(f"Form: {issue}.")
        if self.key_points_missed and self.attempted:
            lines.append(f"Missed: {'; '.join(self.key_points_missed)}.")
        return lines
