import pytest

from curriculum.errors import UserError
from tracker.inputs import MetricText, parse_date, parse_metric, parse_score, parse_week


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hallucination rate=12->4 %", MetricText("hallucination rate", 12.0, 4.0, "%")),
        ("p95 latency = 1200 -> 850 ms", MetricText("p95 latency", 1200.0, 850.0, "ms")),
        ("cost per task=0.031->0.012 USD", MetricText("cost per task", 0.031, 0.012, "USD")),
        ("recall@5=0.82", MetricText("recall@5", None, 0.82, "")),
        ("delta=-3->4 pts", MetricText("delta", -3.0, 4.0, "pts")),
    ],
)
def test_parse_metric(text, expected):
    assert parse_metric(text) == expected


@pytest.mark.parametrize("text", ["latency fast", "=12", "x=", "x=12->", "x=a->b"])
def test_malformed_metrics_are_refused(text):
    with pytest.raises(UserError, match="metric"):
        parse_metric(text)


def test_dates_weeks_scores():
    assert parse_date("2024-02-29").day == 29
    with pytest.raises(UserError, match="2026-13-45"):
        parse_date("2026-13-45")
    assert parse_week("12") == 12
    for bad in (0, 13, "x"):
        with pytest.raises(UserError):
            parse_week(bad)
    assert parse_score("evaluation=3") == ("evaluation", 3)
    with pytest.raises(UserError):
        parse_score("evaluation=three")
