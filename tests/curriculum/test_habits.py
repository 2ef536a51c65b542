"""Streaks: current counts back from today, or from yesterday while today has no log yet."""

from __future__ import annotations

from datetime import date, timedelta

from curriculum.habits import Streaks, streaks

TODAY = date(2025, 6, 15)


def days_back(*offsets: int) -> set[date]:
    return {TODAY - timedelta(days=offset) for offset in offsets}


def test_no_logs() -> None:
    assert streaks(set(), TODAY) == Streaks(0, 0)


def test_run_ending_today() -> None:
    assert streaks(days_back(0, 1, 2), TODAY) == Streaks(3, 3)


def test_today_not_logged_yet_keeps_yesterdays_run() -> None:
    assert streaks(days_back(1, 2), TODAY) == Streaks(2, 2)


def test_a_missed_day_breaks_the_current_run() -> None:
    assert streaks(days_back(2, 3, 4), TODAY) == Streaks(0, 3)


def test_best_is_the_longest_run_ever() -> None:
    assert streaks(days_back(0, 1, 5, 6, 7, 8, 20), TODAY) == Streaks(2, 4)


def test_future_days_are_ignored() -> None:
    assert streaks(days_back(0, -1, -2), TODAY) == Streaks(1, 1)


def test_runs_cross_month_and_leap_day() -> None:
    active = {date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)}
    assert streaks(active, date(2024, 3, 1)) == Streaks(3, 3)
    assert streaks(active, date(2024, 3, 2)) == Streaks(3, 3)
    assert streaks(active, date(2024, 3, 3)) == Streaks(0, 3)


def test_single_day() -> None:
    assert streaks({TODAY}, TODAY) == Streaks(1, 1)
