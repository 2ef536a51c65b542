"""The text patterns behind the rubric: what counts as a measured number, a pair, a decision, a vague word."""

from __future__ import annotations

import pytest

from grader.answers.signals import key_point_re, read_signals


@pytest.mark.parametrize(
    "text",
    [
        "p95 of 800 ms",
        "12%",
        "$0.01 per call",
        "$20,000",
        "2.5 s",
        "40k tokens",
        "500 requests/s",
        "3x cheaper",
        "200 questions",
        "14 days",
        "1,200 customers",
    ],
)
def test_numbers_with_units_are_metrics(text: str) -> None:
    assert read_signals(text).metrics


@pytest.mark.parametrize(
    "text",
    [
        "in 2023",
        "v2 of the prompt",
        "step 3 of the plan",
        "GPT-4 answered",
        "p95 matters",
        "the top 50 candidates",
    ],
)
def test_bare_numbers_and_labels_are_not_metrics(text: str) -> None:
    assert read_signals(text).metrics == []


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("errors went from 12% to 4%", "from 12% to 4%"),
        ("p95 2.1 s -> 800 ms", "p95 2.1 s -> 800 ms"),
        ("cost fell from about $0.04 down to $0.01", "from about $0.04 down to $0.01"),
        ("cut it to 4% from 12%", "to 4% from 12%"),
        ("from 12 to 4%", "from 12 to 4%"),
        # two options measured side by side compare like a before and an after
        ("the prototype scored 70% versus 88% on rare tickets", "70% versus 88%"),
        ("p95 of 2.1 s vs 900 ms", "p95 of 2.1 s vs 900 ms"),
    ],
)
def test_before_after_pairs(text: str, pair: str) -> None:
    assert read_signals(text).pairs == [pair]


def test_pronouns_and_decisions() -> None:
    signals = read_signals("I chose BM25, i.e. keywords. We shipped; I'm proud. My team and I measured it.")
    assert signals.singular == 4  # I, I'm, My, I (not "i.e.")
    assert signals.plural == 1
    assert signals.decisions == ["I chose", "I measured"]


def test_parts_are_found_by_cues_and_the_metrics_part_needs_a_number() -> None:
    signals = read_signals(
        "The goal was fewer tickets. The budget was tight. I designed a router. "
        "It broke once. Next I would add tests. Accuracy improved a lot."
    )
    assert list(signals.parts) == ["problem", "constraints", "design", "failure", "iteration"]
    assert "metrics" not in signals.parts


def test_phrases_wrapped_across_lines_still_match() -> None:
    signals = read_signals("I chose the rollback instead\nof a hot fix, at the\ncost of a day.")
    assert signals.rejected == ["instead of"] and signals.trade_offs == ["at the cost of"]


def test_trading_one_thing_for_another_is_a_trade_off() -> None:
    assert read_signals("trading some noise for earlier warnings").trade_offs


def test_vague_words_count_only_in_sentences_without_numbers() -> None:
    signals = read_signals("It was much faster, 900 ms to 300 ms.\n\nIt is robust and very scalable")
    assert signals.vague == ["robust", "very scalable"]


@pytest.mark.parametrize(
    ("terms", "text", "hit"),
    [
        (("rerank",), "a reranking stage", True),
        (("re-rank",), "we rerank the top 50", True),
        (("ci",), "the city", False),
        (("ci",), "runs in CI.", True),
        (("10%",), "at 10% of traffic", True),
        (("a/b",), "an A/B test", True),
        (("recall@",), "recall@5 rose", True),
        (("top-k",), "a smaller top k", True),
    ],
)
def test_key_point_terms(terms: tuple[str, ...], text: str, hit: bool) -> None:
    assert bool(key_point_re(terms).search(text)) is hit


@pytest.mark.parametrize("text", ["we lost 3 versus 2 votes in the review", "version 2 against version 3"])
def test_counts_set_side_by_side_are_not_a_measured_comparison(text: str) -> None:
    assert read_signals(text).pairs == []
