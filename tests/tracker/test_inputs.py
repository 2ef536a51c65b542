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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("latência p95=4,2->1,8 s", MetricText("latência p95", 4.2, 1.8, "s")),
        ("x=1e3->2e3 ms", MetricText("x", 1000.0, 2000.0, "ms")),
        ("hallucination rate=12%->4%", MetricText("hallucination rate", 12.0, 4.0, "%")),
        ("cost=1,234.5->999 USD", MetricText("cost", 1234.5, 999.0, "USD")),
        ("docs=1.234.567", MetricText("docs", None, 1234567.0, "")),
        ("share=0,125", MetricText("share", None, 0.125, "")),
        ("drift=−3 pts", MetricText("drift", None, -3.0, "pts")),
        ("p=2.5E-4 → 1e-4", MetricText("p", 0.00025, 0.0001, "")),
    ],
)
def test_metrics_as_people_write_them(text, expected):
    assert parse_metric(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("p95=1,800 ms", "could be 1800 or 1.800"),
        ("x=4,2,1 s", "not a number"),
        ("x=1e999", "too large"),
        ("x=12 %->4 ms", "baseline is in '%'"),
        ("x=1->2->3", "not of the form"),
    ],
)
def test_ambiguous_or_broken_numbers_are_refused(text, message):
    with pytest.raises(UserError, match=message):
        parse_metric(text)


def test_a_metric_survives_the_round_trip_through_its_typed_form():
    from tracker.inputs import format_metric

    for baseline, result in ((1234567.0, 0.000123), (None, 1e-9), (0.71, 0.88)):
        again = parse_metric(format_metric("m", baseline, result, "ms"))
        assert (again.baseline, again.result) == (baseline, result)


def test_days_outside_the_plan_are_refused():
    from datetime import date

    from tracker.inputs import check_plan_day

    start, today = date(2026, 11, 2), date(2026, 11, 20)
    assert check_plan_day(date(2026, 11, 2), start, today) == date(2026, 11, 2)
    with pytest.raises(UserError, match="before day 1 of your plan"):
        check_plan_day(date(2026, 11, 1), start, today)
    with pytest.raises(UserError, match="in the future"):
        check_plan_day(date(2026, 11, 21), start, today)
