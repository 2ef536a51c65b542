"""Products worked out aloud are checked; rounding is fine, an order of magnitude is not."""

from __future__ import annotations

import pytest

from grader.answers.arithmetic import parse_number, say, wrong_products


@pytest.mark.parametrize(
    "sentence",
    [
        "Six calls in series at 1.5 s is 9 s.",
        "200,000 posts at 1,200 tokens each comes to 240 million tokens.",
        "2 million posts at $0.0004 per post is $800.",
        "40,000 requests at about 2,000 tokens each, that is roughly 80 million tokens.",
        "3 million at 5% is 150,000.",  # a share, not a product
        "3 million tickets with 20 workers is roughly two days.",  # a division, not a product
    ],
)
def test_right_or_unrelated_figures_are_left_alone(sentence: str) -> None:
    assert wrong_products(sentence) == []


def test_a_product_off_by_orders_of_magnitude_is_found_with_the_right_figure() -> None:
    [wrong] = wrong_products("3 million tickets at around 800 tokens each is 2.4 million tokens.")
    assert wrong.claimed == 2.4e6 and wrong.worked_out == 2.4e9
    assert say(wrong.worked_out) == "2.4 billion"


def test_numbers_are_read_as_people_say_them() -> None:
    assert parse_number("3 million") == 3e6 and parse_number("$1,200") == 1200 and parse_number("six") == 6
    assert parse_number("450k") == 450_000 and parse_number("soon") is None


def test_a_long_run_of_digits_is_read_at_once() -> None:
    assert wrong_products("1" * 20_000 + " tickets at 3 tokens each is 5") == []  # too long to be speech
