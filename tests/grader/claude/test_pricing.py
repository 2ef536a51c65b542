"""Price table, cost math, the token heuristic and the --max-cost pre-check."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from curriculum.errors import UserError
from grader.claude import TokenUsage, check_budget, estimate_cost, estimate_input_tokens, load_prices
from grader.claude.pricing import PriceTable

TABLE = PriceTable.model_validate(
    {
        "as_of": "2026-01-02",
        "source": "test",
        "models": {
            "big": {"input": 3.0, "output": 15.0, "cache_write": 3.75, "cache_read": 0.30},
            "tiered": {
                "input": 1.0,
                "output": 5.0,
                "cache_write": 1.25,
                "cache_read": 0.10,
                "long_prompt": {
                    "above_tokens": 1000,
                    "input": 2.0,
                    "output": 10.0,
                    "cache_write": 2.5,
                    "cache_read": 0.2,
                },
            },
        },
    }
)


def test_shipped_table_has_a_date_a_source_and_the_default_models():
    table = load_prices()
    assert table.as_of == date(2026, 10, 24)
    assert "pricing" in table.source
    for model in ("claude-sonnet-5-5", "claude-haiku-5-5", "claude-opus-5-5"):
        assert table.price_for(model) is not None
    sonnet = table.models["claude-sonnet-5-5"]
    assert (sonnet.input, sonnet.output, sonnet.cache_write, sonnet.cache_read) == (2.0, 10.0, 2.5, 0.1)


def test_cost_adds_all_four_token_kinds():
    usage = TokenUsage(
        input_tokens=1_000_000, output_tokens=100_000, cache_write_tokens=200_000, cache_read_tokens=500_000
    )
    estimate = estimate_cost("big", usage, prices=TABLE)
    assert estimate.usd == pytest.approx(3.0 + 1.5 + 0.75 + 0.15)
    assert estimate.as_of == date(2026, 1, 2) and estimate.note is None


def test_batch_is_half_price():
    usage = TokenUsage(input_tokens=1_000_000, output_tokens=1_000_000)
    assert estimate_cost("big", usage, batch=True, prices=TABLE).usd == pytest.approx(9.0)


def test_long_prompt_rates_apply_to_every_token_above_the_threshold():
    short = TokenUsage(input_tokens=600, cache_read_tokens=400, output_tokens=1000)  # prompt 1000: not above
    long = TokenUsage(input_tokens=600, cache_read_tokens=401, output_tokens=1000)
    assert estimate_cost("tiered", short, prices=TABLE).usd == pytest.approx((600 * 1 + 400 * 0.1 + 1000 * 5) / 1e6)
    assert estimate_cost("tiered", long, prices=TABLE).usd == pytest.approx((600 * 2 + 401 * 0.2 + 1000 * 10) / 1e6)


def test_unknown_model_has_no_cost_and_a_note():
    estimate = estimate_cost("mystery", TokenUsage(input_tokens=10), prices=TABLE)
    assert estimate.usd is None and estimate.as_of is None
    assert estimate.note is not None and "mystery" in estimate.note


def test_dated_and_variant_ids_use_the_listed_price_but_other_versions_do_not():
    table = load_prices()
    assert table.price_for("claude-sonnet-5-5-20260928") is table.models["claude-sonnet-5-5"]
    assert table.price_for("claude-haiku-5-5[1m]") is table.models["claude-haiku-5-5"]
    assert table.price_for("claude-opus-5-5") is table.models["claude-opus-5-5"]
    assert table.price_for("claude-opus-5-7") is None  # not priced as claude-opus-5


def test_token_estimate_is_about_three_ascii_characters_a_token_and_one_per_other_character():
    assert estimate_input_tokens("") == 0
    assert estimate_input_tokens("abc") == 1
    assert estimate_input_tokens("abcd") == 2
    assert estimate_input_tokens("x" * 3000) == 1000
    assert estimate_input_tokens("日本語") == 3
    # Deliberately above the old 4-characters-a-token rule.
    prose = "The quick brown fox jumps over the lazy dog. " * 100
    assert estimate_input_tokens(prose) > len(prose) / 4


def test_budget_check_passes_under_the_cap_and_returns_the_estimate():
    estimate = check_budget(100_000, 4_000, "claude-sonnet-5-5", max_cost=1.0)
    assert estimate.usd == pytest.approx((100_000 * 2 + 4_000 * 10) / 1e6)


def test_budget_check_refuses_over_the_cap():
    with pytest.raises(UserError, match=r"could cost up to \$0\.2400 .* above --max-cost \$0\.1000"):
        check_budget(100_000, 4_000, "claude-sonnet-5-5", max_cost=0.10)


def test_budget_check_refuses_a_model_it_cannot_price():
    with pytest.raises(UserError, match="cannot check --max-cost"):
        check_budget(10, 10, "claude-future-9", max_cost=1.0)


def test_no_cap_means_no_refusal():
    assert check_budget(10**9, 10**6, "claude-opus-5-5", max_cost=None).usd is not None


def test_an_invalid_table_is_a_user_error(tmp_path: Path):
    broken = tmp_path / "pricing.yaml"
    broken.write_text(
        "as_of: 2026-01-01\nsource: x\nmodels:\n  m: {input: -1, output: 1, cache_write: 1, cache_read: 1}\n"
    )
    with pytest.raises(UserError, match=r"pricing.yaml: models\.m\.input: input should be greater"):
        load_prices(broken)
    unreadable = tmp_path / "missing.yaml"
    with pytest.raises(UserError, match=r"missing\.yaml: file missing"):
        load_prices(unreadable)


def test_usage_adds_up():
    total = TokenUsage(input_tokens=1, output_tokens=2) + TokenUsage(cache_write_tokens=3, cache_read_tokens=4)
    assert total == TokenUsage(input_tokens=1, output_tokens=2, cache_write_tokens=3, cache_read_tokens=4)
    assert total.prompt_tokens == 8
