"""One schema-validated answer from Claude: `ask_structured`.

Mechanism: structured outputs (`output_config.format` = the pydantic model's JSON schema, passed through
`anthropic.transform_schema`) on `messages.create`, validated here with the original pydantic model.
- Not forced tool use: Sonnet 5.5 and Opus 5.5 answer a forced `tool_choice` with a 400, and the review should
  give the model no tools at all (injection hygiene). Structured outputs constrain decoding to the schema.
- Not `messages.parse`: it validates inside the SDK's response parser and raises, throwing away the raw text
  and the usage of the failed attempt, which the repair turn and the cost record both need. The same request
  body also goes into the Message Batches API unchanged (see `batches.py`).
The server drops numeric bounds (`ge`/`le`) into descriptions; validating with the original model enforces
them. An invalid answer (not JSON, schema mismatch, bounds, cut off at max_tokens, no text) gets one repair
turn carrying the validation error; a second invalid answer raises `ClaudeFailed`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from grader.claude.cache import AnswerCache, content_hash
from grader.claude.client import make_client
from grader.claude.errors import ClaudeError, ClaudeFailed, ClaudeUnavailable, from_sdk_error
from grader.claude.pricing import TokenUsage, estimate_cost
from grader.claude.redact import redact
from grader.claude.settings import ClaudeSettings
from grader.claude.untrusted import noticed_nonce

if TYPE_CHECKING:
    import anthropic

log = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)

ContentBlock = str | Mapping[str, Any]
"""A text block: a plain string, or `{"type": "text", "text": ...}` (optionally with `cache_control`)."""


@dataclass(frozen=True)
class StructuredAnswer(Generic[T]):
    """A validated answer and what it took. `usage`/`cost_usd`: what this call consumed (0 on a cache hit)."""

    parsed: T
    model: str
    usage: TokenUsage
    cost_usd: float | None
    price_as_of: date | None = None
    cost_note: str | None = None
    repaired: bool = False
    fallback_used: bool = False
    cached: bool = False
    redactions: int = 0


@dataclass(frozen=True)
class PreparedRequest:
    """Request parameters for `messages.create` without `model`, with secrets already redacted."""

    params: dict[str, Any]
    redactions: int

    def cache_material(self) -> dict[str, Any]:
        return {key: self.params[key] for key in sorted(self.params)}


class InvalidOutput(Exception):
    """The answer could not be used; `problem` is the text sent back in the repair turn."""

    def __init__(self, problem: str, raw_text: str, *, refusal: bool = False) -> None:
        super().__init__(problem)
        self.problem = problem
        self.raw_text = raw_text
        self.refusal = refusal


def _text_block(block: ContentBlock) -> dict[str, Any]:
    if isinstance(block, str):
        return {"type": "text", "text": block}
    if block.get("type") != "text" or not isinstance(block.get("text"), str):
        raise ValueError("content blocks must be strings or {'type': 'text', 'text': ...} mappings")
    return dict(block)


def prepare_request(
    *,
    system: str,
    content: Sequence[ContentBlock],
    output: type[BaseModel],
    max_tokens: int,
    effort: str | None = None,
) -> PreparedRequest:
    """The request body shared by `ask_structured` and batches: cached system block, redacted text, schema."""
    import anthropic

    if isinstance(content, str):
        raise TypeError("content must be a list of text blocks, not a single string")
    texts = [_text_block(block) for block in content]
    # The request's nonce is random hex, the shape of a secret: redaction must leave it (wrap_untrusted took
    # it out of the repository's text, so each occurrence left is one of our own tags).
    keep = {nonce for block in texts if (nonce := noticed_nonce(block["text"]))}
    redactions = 0
    system_text, found = redact(system, keep)
    redactions += found
    blocks = []
    for text_block in texts:
        text_block["text"], found = redact(text_block["text"], keep)
        redactions += found
        blocks.append(text_block)
    if not blocks:
        raise ValueError("content must hold at least one text block")
    output_config: dict[str, Any] = {
        "format": {"type": "json_schema", "schema": anthropic.transform_schema(output.model_json_schema())}
    }
    if effort is not None:
        output_config["effort"] = effort
    params = {
        "max_tokens": max_tokens,
        "system": [{"type": "text", "text": system_text, "cache_control": {"type": "ephemeral"}}],
        "messages": [{"role": "user", "content": blocks}],
        "output_config": output_config,
    }
    return PreparedRequest(params, redactions)


def _strip_fences(text: str) -> str:
    match = re.fullmatch(r"\s*```(?:json)?\s*\n(.*)\n\s*```\s*", text, flags=re.DOTALL)
    return match.group(1) if match else text


def _summarise(error: ValidationError, limit: int = 12) -> str:
    lines = []
    for item in error.errors()[:limit]:
        where = ".".join(str(part) for part in item["loc"]) or "(root)"
        lines.append(f"- {where}: {item['msg']}")
    if error.error_count() > limit:
        lines.append(f"- ... and {error.error_count() - limit} more")
    return "\n".join(lines)


def read_answer(message: Any, output: type[T]) -> T:
    """The validated `output` in a Messages API answer, or `InvalidOutput` saying what is wrong with it."""
    text = "".join(block.text for block in message.content if getattr(block, "type", None) == "text")
    stop_reason = getattr(message, "stop_reason", None)
    if stop_reason == "refusal":
        raise InvalidOutput("Claude declined to answer (refusal)", text, refusal=True)
    if not text.strip():
        raise InvalidOutput("the answer contained no text; it must be one JSON object", text)
    try:
        return output.model_validate_json(_strip_fences(text))
    except ValidationError as exc:
        if stop_reason == "max_tokens":
            raise InvalidOutput(
                "the answer was cut off at the output token limit before the JSON was complete; "
                "give a shorter answer that fits",
                text,
            ) from exc
        raise InvalidOutput(f"the answer did not validate against the schema:\n{_summarise(exc)}", text) from exc


def _repair_messages(params: Mapping[str, Any], invalid: InvalidOutput) -> list[dict[str, Any]]:
    previous = invalid.raw_text.strip() or "(empty answer)"
    return [
        *params["messages"],
        {"role": "assistant", "content": [{"type": "text", "text": previous}]},
        {
            "role": "user",
            "content": [
                {
                    "type": "text",
                    "text": f"Your previous answer could not be used: {invalid.problem}\n"
                    "Reply again with only the corrected JSON object that matches the required schema.",
                }
            ],
        },
    ]


class _Caller:
    """Sends requests with SDK errors mapped, switching once to the fallback model on 529 overloaded."""

    def __init__(self, client: anthropic.Anthropic, settings: ClaudeSettings) -> None:
        self.client = client
        self.settings = settings
        self.model = settings.model
        self.fallback_used = False
        self.spent: list[tuple[str, TokenUsage]] = []

    def _map(self, exc: BaseException) -> ClaudeError:
        model = f"{self.model} (fallback for {self.settings.model})" if self.fallback_used else self.model
        error = from_sdk_error(exc, model=model, max_retries=self.settings.max_retries, timeout=self.settings.timeout)
        error.usage, error.cost_usd, _, _ = _total(self.spent)
        return error

    def send(self, params: Mapping[str, Any]) -> Any:
        import anthropic

        if not _has_credential(self.client):
            raise ClaudeUnavailable("no API key set", kind="no_key")
        try:
            try:
                message = self.client.messages.create(model=self.model, **params)
            except anthropic.OverloadedError:
                fallback = self.settings.fallback_model
                if self.fallback_used or not fallback or fallback == self.model:
                    raise
                self.model, self.fallback_used = fallback, True
                message = self.client.messages.create(model=self.model, **params)
        except anthropic.AnthropicError as exc:
            raise self._map(exc) from exc
        self.spent.append((getattr(message, "model", None) or self.model, TokenUsage.from_sdk(message.usage)))
        return message


def _has_credential(client: anthropic.Anthropic) -> bool:
    """Whether the client sends a credential. The SDK finds out only as a request goes out, and then raises a bare
    TypeError that no caller can tell from a bug in the code: the client is asked before anything is sent."""
    headers = {name.lower() for name in client.default_headers}
    return bool(headers & {"authorization", "x-api-key"}) or client.custom_auth is not None


def _total(
    spent: Sequence[tuple[str, TokenUsage]],
) -> tuple[TokenUsage, float | None, date | None, str | None]:
    usage = TokenUsage()
    cost: float | None = 0.0
    as_of: date | None = None
    note: str | None = None
    for model, used in spent:
        usage = usage + used
        estimate = estimate_cost(model, used)
        if estimate.usd is None or cost is None:
            cost, note = None, note or estimate.note
        else:
            cost += estimate.usd
            as_of = estimate.as_of
    return usage, cost, as_of, note


def ask_structured(
    client_or_settings: anthropic.Anthropic | ClaudeSettings,
    *,
    system: str,
    content: Sequence[ContentBlock],
    output: type[T],
    max_tokens: int | None = None,
    settings: ClaudeSettings | None = None,
    cache: AnswerCache | None = None,
    prompt_version: str = "1",
) -> StructuredAnswer[T]:
    """Ask Claude for one `output` instance; raises only `ClaudeError` (`ClaudeUnavailable` / `ClaudeFailed`).

    `client_or_settings`: a `ClaudeSettings` (a client is built; no key -> `ClaudeUnavailable` before any
    request) or a ready client (then `settings`, default `ClaudeSettings()`, supplies models and limits).
    `system` is sent as one text block marked `cache_control: ephemeral`; `content` as the user turn. Both are
    redacted first. With `cache`, an identical request (same redacted text, schema, model, `prompt_version`)
    is answered from disk without sending anything; answers from the fallback model are not cached.
    """
    if isinstance(client_or_settings, ClaudeSettings):
        if settings is not None and settings != client_or_settings:
            raise TypeError("pass settings either first or as settings=, not two different ones")
        settings = client_or_settings
        client = make_client(settings)
    else:
        client = client_or_settings
        settings = settings or ClaudeSettings()

    prepared = prepare_request(
        system=system,
        content=content,
        output=output,
        max_tokens=max_tokens or settings.max_output_tokens,
        effort=settings.effort,
    )

    cache_key = None
    if cache is not None:
        cache_key = AnswerCache.key(
            content_hash=content_hash(prepared.cache_material()),
            model=settings.model,
            prompt_version=prompt_version,
        )
        hit = cache.get(cache_key, output)
        if hit is not None:
            return StructuredAnswer(
                parsed=hit.parsed,  # type: ignore[arg-type]  # validated with `output` by the cache
                model=hit.model,
                usage=TokenUsage(),
                cost_usd=0.0,
                cached=True,
                redactions=prepared.redactions,
            )

    caller = _Caller(client, settings)
    message = caller.send(prepared.params)
    repaired = False
    try:
        parsed = read_answer(message, output)
    except InvalidOutput as first:
        if first.refusal:
            raise _failed(first.problem, caller, kind="refusal") from None
        repaired = True
        message = caller.send({**prepared.params, "messages": _repair_messages(prepared.params, first)})
        try:
            parsed = read_answer(message, output)
        except InvalidOutput as second:
            kind = "refusal" if second.refusal else "invalid_output"
            problem = second.problem.splitlines()[0] if second.refusal else _one_line(second.problem)
            raise _failed(f"invalid output after one repair attempt: {problem}", caller, kind=kind) from None

    usage, cost, as_of, note = _total(caller.spent)
    used_model = getattr(message, "model", None) or caller.model
    if cache is not None and cache_key is not None and not caller.fallback_used:
        try:
            cache.put(cache_key, parsed, model=used_model)
        except OSError as exc:  # a full or read-only disk must not lose an answer already paid for
            log.warning("could not write the Claude answer cache in %s: %s", cache.directory, exc)
    return StructuredAnswer(
        parsed=parsed,
        model=used_model,
        usage=usage,
        cost_usd=cost,
        price_as_of=as_of,
        cost_note=note,
        repaired=repaired,
        fallback_used=caller.fallback_used,
        redactions=prepared.redactions,
    )


def _one_line(problem: str, limit: int = 240) -> str:
    flat = " ".join(problem.replace("\n- ", "; ").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _failed(reason: str, caller: _Caller, *, kind: str) -> ClaudeFailed:
    usage, cost, _, _ = _total(caller.spent)
    return ClaudeFailed(reason, kind=kind, usage=usage, cost_usd=cost)
