"""How a measured result reads: the same numbers in every document."""

from __future__ import annotations

import pytest

from tracker.exports.metrics import MetricView, headline, number


def metric(baseline: float | None, result: float, unit: str = "", name: str = "m") -> MetricView:
    return MetricView(1, 1, name, baseline, result, unit, 4, "a", "")


@pytest.mark.parametrize(("value", "text"), [(12.0, "12"), (0.88, "0.88"), (1800.0, "1800"), (-0.0, "0")])
def test_numbers_read_as_typed(value, text):
    assert number(value) == text


def test_values_and_change():
    assert metric(12, 4, "%").values == "12 -> 4 %"
    assert metric(12, 4, "%").change == "-8 points, -67%"
    assert metric(0.71, 0.88).change == "+0.17, +24%"
    assert metric(0, 5, "ms").change == "+5 ms"  # no percentage of a zero baseline
    assert metric(None, 900, "ms").values == "900 ms" and metric(None, 900, "ms").change == ""


def test_headline_is_the_biggest_relative_move_with_a_baseline():
    small, big = metric(100, 90, name="small"), metric(12, 4, name="big")
    assert headline([metric(None, 1), small, big]) is big
    assert headline([metric(None, 1)]) is None
