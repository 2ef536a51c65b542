"""Token usage, what it costs, and the `--max-cost` pre-check.

Prices are data (`content/claude/pricing.yaml`, with its `as_of` date and source), never code. Every cost here
is an estimate: list prices, no taxes, no negotiated discounts.
"""

from __future__ import annotations

import math
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from curriculum.errors import UserError
from curriculum.resources import content_dir
from curriculum.yaml_models import load_model

_MILLION = 1_000_000


class TokenUsage(BaseModel):
    """Tokens one or more calls consumed, as billed. `input_tokens` excludes cache writes and reads."""

    model_config = ConfigDict(frozen=True)

    input_tokens: int = Field(default=0, ge=0)
    output_tokens: int = Field(default=0, ge=0)
    cache_write_tokens: int = Field(default=0, ge=0)
    cache_read_tokens: int = Field(default=0, ge=0)

    @classmethod
    def from_sdk(cls, usage: Any) -> TokenUsage:
        """From an `anthropic.types.Usage` (or anything with the same attribute names)."""
        return cls(
            input_tokens=getattr(usage, "input_tokens", 0) or 0,
            output_tokens=getattr(usage, "output_tokens", 0) or 0,
            cache_write_tokens=getattr(usage, "cache_creation_input_tokens", 0) or 0,
            cache_read_tokens=getattr(usage, "cache_read_input_tokens", 0) or 0,
        )

    @property
    def prompt_tokens(self) -> int:
        """Everything the model read: fresh input, cache writes and cache reads."""
        return self.input_tokens + self.cache_write_tokens + self.cache_read_tokens

    def __add__(self, other: TokenUsage) -> TokenUsage:
        return TokenUsage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            cache_write_tokens=self.cache_write_tokens + other.cache_write_tokens,
            cache_read_tokens=self.cache_read_tokens + other.cache_read_tokens,
        )


class Rates(BaseModel):
    """US dollars per million tokens."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    input: float = Field(ge=0)
    output: float = Field(ge=0)
    cache_write: float = Field(ge=0)
    cache_read: float = Field(ge=0)

    def cost(self, usage: TokenUsage) -> float:
        return (
            usage.input_tokens * self.input
            + usage.output_tokens * self.output
            + usage.cache_write_tokens * self.cache_write
            + usage.cache_read_tokens * self.cache_read
        ) / _MILLION


class LongPromptRates(Rates):
    above_tokens: int = Field(gt=0)


class ModelPrice(Rates):
    long_prompt: LongPromptRates | None = None

    def rates_for(self, prompt_tokens: int) -> Rates:
        if self.long_prompt is not None and prompt_tokens > self.long_prompt.above_tokens:
            return self.long_prompt
        return self


class PriceTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    as_of: date
    source: str = Field(min_length=1)
    currency: str = "USD"
    batch_discount: float = Field(default=0.5, gt=0, le=1)
    models: dict[str, ModelPrice]

    def price_for(self, model: str) -> ModelPrice | None:
        """The listed model, or the one a dated or variant id belongs to (`<id>-20260928`, `<id>[1m]`)."""
        if model in self.models:
            return self.models[model]
        for listed in sorted(self.models, key=len, reverse=True):
            rest = model[len(listed) :] if model.startswith(listed) else None
            if rest is not None and re.fullmatch(r"-\d{8}|\[[a-z0-9]+\]", rest):
                return self.models[listed]
        return None


class CostEstimate(NamedTuple):
    """`usd` is None when the model has no listed price; `note` then says so."""

    usd: float | None
    as_of: date | None
    note: str | None = None


def default_pricing_path() -> Path:
    return content_dir() / "claude" / "pricing.yaml"


@cache
def _load_cached(path: Path) -> PriceTable:
    return load_model(path, PriceTable)


def load_prices(path: Path | None = None) -> PriceTable:
    """The price table (cached per path). Raises `UserError` when the file is unreadable or invalid."""
    return _load_cached((path or default_pricing_path()).resolve())


def estimate_cost(
    model: str, usage: TokenUsage, *, batch: bool = False, prices: PriceTable | None = None
) -> CostEstimate:
    """Estimated US dollars for `usage` on `model`, with the prices' date. Unknown model: usd None, a note."""
    table = prices or load_prices()
    price = table.price_for(model)
    if price is None:
        return CostEstimate(None, None, f"no price listed for model {model!r}; cost not estimated")
    usd = price.rates_for(usage.prompt_tokens).cost(usage)
    if batch:
        usd *= table.batch_discount
    return CostEstimate(usd, table.as_of, None)


def estimate_input_tokens(text: str) -> int:
    """A cheap, deliberately high estimate of how many input tokens `text` costs, without calling the API.

    Heuristic: one token per 3 ASCII characters (rounded up) plus one token per non-ASCII character.
    The old rule of thumb is ~4 characters per token for English; the tokenizer of Claude 4.7 and later models
    counts ~30% more tokens for the same text (so ~3), code and identifiers tokenize denser than prose, and
    CJK or emoji take about a token per character. Over-estimating is the safe side for a cost cap.
    For an exact count, `client.messages.count_tokens(...)` needs the network.
    """
    ascii_chars = sum(1 for char in text if ord(char) < 128)
    return math.ceil(ascii_chars / 3) + (len(text) - ascii_chars)


def check_budget(
    pack_tokens: int,
    max_output: int,
    model: str,
    max_cost: float | None,
    *,
    batch: bool = False,
    prices: PriceTable | None = None,
) -> CostEstimate:
    """Refuse (UserError) before sending when the worst case of one call would cost more than `max_cost` USD.

    Worst case: every pack token billed as fresh input, plus `max_output` output tokens. A repair attempt,
    when needed, is a second call and is not included. `max_cost` None means no cap (the estimate is still
    returned).
    """
    worst = TokenUsage(input_tokens=max(pack_tokens, 0), output_tokens=max(max_output, 0))
    estimate = estimate_cost(model, worst, batch=batch, prices=prices)
    if max_cost is None:
        return estimate
    if estimate.usd is None:
        raise UserError(f"cannot check --max-cost: {estimate.note} (add it to content/claude/pricing.yaml)")
    if estimate.usd > max_cost:
        raise UserError(
            f"the Claude review could cost up to ${estimate.usd:.4f} ({pack_tokens} input + up to "
            f"{max_output} output tokens on {model}, prices as of {estimate.as_of}), "
            f"above --max-cost ${max_cost:.4f}; "
            "raise --max-cost, lower the token budget, or choose a cheaper model"
        )
    return estimate
