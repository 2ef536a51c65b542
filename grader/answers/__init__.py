"""Scoring drill answers on a deterministic rubric, and drawing interview questions from a repository's grade.

score_answer(question, answer, seconds, time_box=90) -> AnswerScore   (rubric: grader.answers.rubric)
rating_for(score) -> int                                   (FSRS 1..4: grader.answers.rating)
questions_from_findings(findings, limit=5) -> list[GeneratedQuestion]
"""

from grader.answers.from_findings import GeneratedQuestion, questions_from_findings
from grader.answers.models import AnswerScore, CriterionScore
from grader.answers.rating import rating_for
from grader.answers.scoring import score_answer

__all__ = [
    "AnswerScore",
    "CriterionScore",
    "GeneratedQuestion",
    "questions_from_findings",
    "rating_for",
    "score_answer",
]
