"""Which occasions a job's articles report (comparison.occasions.occasions_of)."""

from __future__ import annotations

from datetime import date

from workers.analysis.comparison.occasions import minor_occasion_articles, occasions_of


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


def test_the_main_occasion_is_the_one_most_independent_reports_tell_of() -> None:
    """Three copies of one wire story count once: two independent outlets on the other day make the main one."""
    days = {"w1": date(2016, 2, 7), "w2": date(2016, 2, 7), "w3": date(2016, 2, 8),
            "x": date(2017, 9, 15), "y": date(2017, 9, 15), "n": None}
    report_of = {"w1": 0, "w2": 0, "w3": 0, "x": 1, "y": 2, "n": 3}
    assert minor_occasion_articles(days, report_of) == {"w1", "w2", "w3"}
    assert minor_occasion_articles(days, {a: k for k, a in enumerate(days)}) == {"x", "y"}


def test_two_occasions_told_by_as_many_reports_set_nothing_aside() -> None:
    assert minor_occasion_articles({"a": date(2016, 2, 7), "b": date(2017, 9, 15)}, {"a": 0, "b": 1}) == set()
    assert minor_occasion_articles({"a": date(2016, 2, 7), "b": date(2016, 2, 8)}, {"a": 0, "b": 1}) == set()


def test_articles_naming_no_day_count_for_the_occasion_they_were_published_in() -> None:
    """Three reports of today's event, two of which name no day, against two retrospectives dated last year:
    today is the main occasion (without the publication days, last year would be)."""
    days = {"then1": date(2017, 1, 2), "then2": date(2017, 1, 2), "now": date(2018, 1, 1), "a": None, "b": None}
    report_of = {a: k for k, a in enumerate(days)}
    published = {a: date(2018, 1, 2) for a in days} | {"b": date(2018, 1, 5)}
    assert minor_occasion_articles(days, report_of, published) == {"then1", "then2"}
    assert minor_occasion_articles(days, report_of) == {"now"}
    # a publication day far from every occasion says nothing
    assert minor_occasion_articles(days, report_of, {"a": date(2019, 6, 1), "b": None}) == {"now"}
