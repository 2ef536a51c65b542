"""Claude's view of a drill answer: shown beside the rubric score, never instead of it.

The rubric is deterministic and decides the score and the schedule; Claude adds what a rubric cannot:
a senior interviewer's reading of the answer and an outline of a stronger one. Without a key, or when
the call fails, the drill is complete and says why the feedback is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from curriculum.drills import Question
from grader.answers.models import AnswerScore
from grader.claude import ClaudeError, ClaudeSettings, ask_structured, new_nonce, nonce_notice, wrap_untrusted
from grader.claude.untrusted import UNTRUSTED_CONTENT_RULES

if TYPE_CHECKING:
    import anthropic

PROMPT_VERSION = "drill-feedback-1"

SYSTEM = f"""You are a senior AI engineer running a mock interview for an AI-engineering role.
Judge the candidate's spoken answer (about 90 seconds) the way a hiring panel would: does it give the problem,
constraints, design, metrics (numbers, not adjectives), a failure and the iteration that followed, one trade-off
and one rejected option, and say what the candidate personally owned? Be direct and specific; quote the answer.
A deterministic rubric has already scored it; do not restate its score. Give at most three strengths, at most
five improvements (each a concrete sentence the candidate could say next time), and an outline of a strong answer
in six short lines: problem, constraints, design, metrics, failure, iteration. Never invent facts about the
candidate's work: where the outline needs a number they did not give, write a placeholder like <baseline %>.

{UNTRUSTED_CONTENT_RULES}"""


class DrillFeedback(BaseModel):
    verdict: str = Field(description="One sentence: how a panel would hear this answer.", max_length=400)
    strengths: list[str] = Field(default_factory=list, max_length=3)
    improvements: list[str] = Field(default_factory=list, max_length=5)
    model_answer_outline: list[str] = Field(
        description="Six lines: problem, constraints, design, metrics, failure, iteration.",
        min_length=6,
        max_length=6,
    )


@dataclass(frozen=True)
class FeedbackResult:
    feedback: DrillFeedback | None
    skipped: str | None  # why there is no feedback: no key, a refused key, an outage...
    model: str | None = None
    cost_usd: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "feedback": self.feedback.model_dump() if self.feedback else None,
            "skipped": self.skipped,
            "model": self.model,
            "cost_usd": self.cost_usd,
        }


def claude_feedback(
    question: Question,
    answer: str,
    rubric: AnswerScore,
    settings: ClaudeSettings | None = None,
    client: anthropic.Anthropic | None = None,
) -> FeedbackResult:
    settings = settings or ClaudeSettings()
    if client is None and not settings.available:
        return FeedbackResult(None, f"Claude feedback skipped: {settings.skip_reason}")
    nonce = new_nonce()
    content = [
        f"Question ({question.theme}): {question.prompt}\nWhat it tests: {question.tests}\n"
        f"Rubric result: {rubric.score}/100; parts missing: {', '.join(rubric.parts_missing) or 'none'}.",
        nonce_notice(nonce),
        wrap_untrusted("candidate_answer", answer, nonce),
    ]
    try:
        result = ask_structured(
            client or settings,
            system=SYSTEM,
            content=content,
            output=DrillFeedback,
            max_tokens=1500,
            settings=settings,
            prompt_version=PROMPT_VERSION,
        )
    except ClaudeError as error:
        return FeedbackResult(None, f"Claude feedback skipped: {error.reason}")
    return FeedbackResult(result.parsed, None, result.model, result.cost_usd)
