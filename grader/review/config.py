"""Where the review's settings come from: flags, then the environment, then `config.toml`, then defaults.

`config.toml` (the platform's user config folder, `~/.config/proofwork/config.toml` on Linux) is found and read
by `curriculum.settings`, the one reader; this module says only what the review takes from two of its tables:

    [claude]
    model = "claude-sonnet-5-5"          # PROOFWORK_MODEL / --model win over it
    fallback_model = "claude-haiku-5-5"  # "none" turns the fallback off

    [review]
    token_budget = 40000                 # PROOFWORK_REVIEW_TOKENS / --review-budget win over it
    max_cost = 0.50                      # US dollars per review; --max-cost wins over it
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from curriculum.errors import UserError
from curriculum.settings import config_table, read_config
from grader.claude import AnswerCache, ClaudeSettings
from grader.review.pack import DEFAULT_TOKEN_BUDGET, MIN_TOKEN_BUDGET
from grader.review.run import ReviewOptions

ENV_BUDGET = "PROOFWORK_REVIEW_TOKENS"


def claude_settings(model: str | None = None, config: Mapping[str, Any] | None = None) -> ClaudeSettings:
    """Key, endpoint (ANTHROPIC_BASE_URL), model and fallback for the review."""
    config = read_config() if config is None else config
    try:
        return ClaudeSettings.load(config=config_table(config, "claude"), model=model)
    except ValueError as error:  # pydantic's ValidationError: a bad value in the environment or the file
        raise UserError(f"Claude settings: {str(error).splitlines()[-1].strip()}") from None


def review_options(
    token_budget: int | None,
    max_cost: float | None,
    cache_dir: Path | None,
    config: Mapping[str, Any] | None = None,
) -> ReviewOptions:
    config = read_config() if config is None else config
    table = config_table(config, "review")
    budget: Any = token_budget or os.environ.get(ENV_BUDGET) or table.get("token_budget") or DEFAULT_TOKEN_BUDGET
    try:
        budget = int(budget)
    except (TypeError, ValueError):
        raise UserError(f"the review token budget must be a whole number (got {budget!r})") from None
    if budget < MIN_TOKEN_BUDGET:
        raise UserError(f"the review token budget must be at least {MIN_TOKEN_BUDGET} tokens (got {budget})")
    cost: Any = max_cost if max_cost is not None else table.get("max_cost")
    if cost is not None and (not isinstance(cost, int | float) or cost <= 0):
        raise UserError(f"max_cost must be a positive number of US dollars (got {cost!r})")
    return ReviewOptions(
        token_budget=budget,
        max_cost=float(cost) if cost is not None else None,
        cache=AnswerCache(cache_dir) if cache_dir is not None else None,
    )
