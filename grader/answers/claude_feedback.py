"""Claude's view of a drill answer: a judged score on the same rubric, and feedback, beside the local score.

The local rubric is deterministic and decides the schedule; Claude judges the answer on the same rubric
(`grader.answers.judge`: every verdict quotes the answer, code verifies the quotes and computes the score) and
adds what a rubric cannot: a senior interviewer's reading and an outline of a stronger answer. Without a key,
or when the call fails, the drill is complete and says why the judgement is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from curriculum.drills import Question
from grader.answers.judge import JudgedScore, Judgement, instructions, score_judgement
from grader.answers.models import AnswerScore
from grader.claude import ClaudeError, ClaudeSettings, ask_structured, new_nonce, nonce_notice, wrap_untrusted
from grader.claude.untrusted import UNTRUSTED_CONTENT_RULES

if TYPE_CHECKING:
    import anthropic

PROMPT_VERSION = "drill-judge-1"

SYSTEM = f"""You are a senior AI engineer running a mock interview for an AI-engineering role.
Judge the candidate's spoken answer (about 90 seconds) the way a hiring panel would, on the rubric given with the
question: correctness and relevance to the question asked come first; structure, measured results, trade-offs
and the candidate's own part come after, and only count when the content is there. A confidently wrong answer
is worse than a vague one. An answer in another language is judged on its content. Quote the answer exactly for
every verdict. Then give at most three strengths, at most five improvements (each a concrete sentence the
candidate could say next time), and an outline of a strong answer in six short lines: problem, constraints,
design, metrics, failure, iteration. Never invent facts about the candidate's work: where the outline needs a
number they did not give, write a placeholder like <baseline %>.

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


# What the local score cannot see on its own: it knows the misconceptions in its catalogues, and a wrong claim it has
# never met reads to it like a right one. Said wherever the judge did not run, so the number is not over-trusted.
PROVISIONAL = (
    "The local score is provisional on correctness: it checks claims against a catalogue of known misconceptions, so "
    "a new unsound claim can pass it; Claude's judge reads every claim (set ANTHROPIC_API_KEY)."
)


class DrillReview(BaseModel):
    judgement: Judgement
    feedback: DrillFeedback


@dataclass(frozen=True)
class FeedbackResult:
    feedback: DrillFeedback | None
    skipped: str | None  # why there is no feedback: no key, a refused key, an outage...
    model: str | None = None
    cost_usd: float | None = None
    judged: JudgedScore | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "feedback": self.feedback.model_dump() if self.feedback else None,
            "judged": self.judged.to_dict() if self.judged else None,
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
        return FeedbackResult(None, f"Claude feedback skipped: {settings.skip_reason}. {PROVISIONAL}")
    nonce = new_nonce()
    content = [
        f"Question ({question.theme}): {question.prompt}\nWhat it tests: {question.tests}\n{instructions(question)}",
        nonce_notice(nonce),
        wrap_untrusted("candidate_answer", answer, nonce),
    ]
    try:
        result = ask_structured(
            client or settings,
            system=SYSTEM,
            content=content,
            output=DrillReview,
            max_tokens=2500,
            settings=settings,
            prompt_version=PROMPT_VERSION,
        )
    except ClaudeError as error:
        return FeedbackResult(None, f"Claude feedback skipped: {error.reason}. {PROVISIONAL}")
    judged = score_judgement(question, answer, result.parsed.judgement, stuffed=rubric.stuffed)
    return FeedbackResult(result.parsed.feedback, None, result.model, result.cost_usd, judged)
