"""Which occasions a job's articles report (comparison.occasions.occasions_of)."""

from __future__ import annotations

from datetime import date

from workers.analysis.comparison.occasions import occasions_of


def test_articles_within_a_week_of_the_next_are_one_occasion_and_a_gap_starts_another() -> None:
    days = {"a": date(2017, 9, 15), "b": date(2016, 2, 7), "c": date(2016, 2, 9), "d": date(2016, 2, 15),
            "e": None}
    assert occasions_of(days) == [(date(2016, 2, 7), date(2016, 2, 15), ["b", "c", "d"]),
                                  (date(2017, 9, 15), date(2017, 9, 15), ["a"])]


def test_a_gap_of_exactly_a_week_stays_one_occasion_and_eight_days_do_not() -> None:
    assert len(occasions_of({"a": date(2020, 1, 1), "b": date(2020, 1, 8)})) == 1
    assert len(occasions_of({"a": date(2020, 1, 1), "b": date(2020, 1, 9)})) == 2


def test_no_known_day_means_no_occasion() -> None:
    assert occasions_of({"a": None, "b": None}) == []
