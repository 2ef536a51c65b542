"""`--polish`: Claude tightens a document's wording, and the rewrite is kept only if it adds no facts.

Claude is asked through the shared client (grader.claude). Without an API key, polishing is skipped with one
line and the document is written as the record made it. A rewrite that brings a number, name or link the
source lacks, or drops one of its links, is rejected and the diff is shown, so the learner sees exactly what
would have been invented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from tracker.exports.facts import check_facts, text_diff

if TYPE_CHECKING:
    import anthropic

    from grader.claude import ClaudeSettings

Ask = Callable[[str], str]
PROMPT_VERSION = "export-polish-1"

_RULES = (
    "You edit a Markdown document a software engineer will send to hiring managers. Tighten the wording: "
    "shorter sentences, active verbs, no filler. Never add a fact: no new numbers, names, tools, companies, "
    "links or claims, and never drop a number or a link. Keep every heading, table, link and code block "
    "(including Mermaid) as it is. Avoid buzzwords such as 'spearheaded' or 'leveraged'. Return the whole "
    "document, without the tags that delimit it."
)


class PolishedText(BaseModel):
    text: str = Field(description="The whole document, rewritten, in Markdown")


@dataclass(frozen=True)
class PolishOutcome:
    text: str
    applied: bool
    note: str  # one line for the person
    diff: str = ""  # shown when a rewrite was rejected


class PolishUnavailable(Exception):
    """Claude cannot be asked right now; the message is one line."""


def polish(text: str, ask: Ask | None = None) -> PolishOutcome:
    """`ask` rewrites text (default: Claude with the environment's settings); its answer is fact-checked."""
    try:
        polished = (ask or claude_ask())(text)
    except PolishUnavailable as skipped:
        return PolishOutcome(text, False, f"polish skipped: {skipped}; the document is as the record made it")
    check = check_facts(text, polished)
    if not check.ok:
        return PolishOutcome(
            text,
            False,
            f"polish rejected ({check.reason}); wrote the unpolished document",
            text_diff(text, polished),
        )
    if not polished.endswith("\n"):
        polished += "\n"
    return PolishOutcome(polished, True, "polished: wording tightened, every number, name and link kept")


def claude_ask(settings: ClaudeSettings | None = None, client: anthropic.Anthropic | None = None) -> Ask:
    """An `Ask` that sends the document to Claude, wrapped as data; `PolishUnavailable` when it cannot."""
    from grader.claude import (
        ClaudeError,
        ClaudeSettings,
        ask_structured,
        new_nonce,
        nonce_notice,
        wrap_untrusted,
    )
    from grader.claude.untrusted import UNTRUSTED_CONTENT_RULES

    settings = settings or ClaudeSettings()
    if client is None and not settings.available:
        raise PolishUnavailable(settings.skip_reason or "Claude is not configured")
    system = f"{_RULES}\n{UNTRUSTED_CONTENT_RULES}"

    def ask(text: str) -> str:
        # A fresh nonce per call: the document holds text the learner pasted from elsewhere.
        nonce = new_nonce()
        content = ["Tighten this document.", nonce_notice(nonce), wrap_untrusted("document", text, nonce)]
        try:
            answer = ask_structured(
                client or settings,
                system=system,
                content=content,
                output=PolishedText,
                settings=settings,
                prompt_version=PROMPT_VERSION,
            )
        except ClaudeError as error:
            raise PolishUnavailable(error.reason) from error
        return answer.parsed.text

    return ask
