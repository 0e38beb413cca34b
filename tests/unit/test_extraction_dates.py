"""Dates: relative days resolved against the publication time; unresolvable ones keep their text."""

from __future__ import annotations

from datetime import datetime

import pytest

from workers.analysis.dates import find_dates, normalise_date
from workers.analysis.nlp import get_nlp

MONDAY = datetime(2021, 11, 8, 10, 0)


def test_weekdays_resolve_to_the_most_recent_one() -> None:
    assert normalise_date("Sunday", MONDAY)[0] == "2021-11-07"
    assert normalise_date("last Friday", MONDAY)[0] == "2021-11-05"
    assert normalise_date("early on Sunday", MONDAY)[0] == "2021-11-07"
    assert normalise_date("Monday", MONDAY)[0] == "2021-11-08"
    assert normalise_date("Wednesday", MONDAY)[0] == "2021-11-03"


def test_a_bare_weekday_naming_the_day_after_publication_is_that_day() -> None:
    # a story stamped Monday (a date alone, or another time zone's) that says "on Tuesday" means tomorrow
    assert normalise_date("Tuesday", MONDAY)[0] == "2021-11-09"
    assert normalise_date("early Tuesday", MONDAY)[0] == "2021-11-09"
    assert normalise_date("this Tuesday", MONDAY)[0] == "2021-11-09"
    assert normalise_date("last Tuesday", MONDAY)[0] == "2021-11-02"


def test_a_weekday_written_with_its_day_and_month_is_that_date() -> None:
    assert normalise_date("Tuesday, Nov. 2", MONDAY)[0] == "2021-11-02"
    assert normalise_date("on Tuesday, Oct. 26", MONDAY)[0] == "2021-10-26"
    assert normalise_date("Tuesday 2 November 2021", MONDAY)[0] == "2021-11-02"


def _date_values(text: str, published: str = "2026-03-02T08:00:00") -> list[str | None]:
    """The values of the dates the extraction finds in a text published then (a Monday by default)."""
    from workers.analysis.extraction import extract_articles

    dates = extract_articles([{"id": "a", "source": "x", "published_at": published, "text": text}])[0]["dates"]
    return [d["value"] for d in dates]


def test_the_day_after_publication_told_in_the_past_tense_is_still_that_day_not_last_year() -> None:
    """Past tense too ("said in a televised address early Friday" in a story stamped Thursday evening, another
    time zone's clock): the next day, and never moved to last year as a yearless day after publication told in
    the past would be (that rule is for "the floods of Nov. 14")."""
    assert _date_values("The council met on Tuesday to discuss the bridge.") == ["2026-03-03"]


def test_relative_months_and_years() -> None:
    assert normalise_date("last month", MONDAY)[0] == "2021-10"
    assert normalise_date("May last year", MONDAY)[0] == "2020-05"
    assert normalise_date("late 2019", MONDAY)[0] == "2019"


def test_written_dates() -> None:
    assert normalise_date("November 7, 2021", None)[0] == "2021-11-07"
    assert normalise_date("Oct. 10", MONDAY)[0] == "2021-10-10"


def test_without_publication_time_relative_dates_stay_unresolved() -> None:
    assert normalise_date("Sunday", None)[0] is None
    assert normalise_date("Oct. 10", None)[0] is None


def test_durations_have_no_value() -> None:
    assert normalise_date("the past 18 years", MONDAY)[:2] == (None, "duration")


def test_find_dates_keeps_raw_text_and_offsets() -> None:
    text = "Troops deployed around Baghdad on Sunday following the failed attack."
    [date] = find_dates(get_nlp()(text), "2021-11-08T10:00:00Z")
    assert text[date["start"] : date["end"]] == date["text"]
    assert "Sunday" in date["text"]
    assert date["value"] == "2021-11-07"
    [unresolved] = find_dates(get_nlp()(text), None)
    assert unresolved["value"] is None and "Sunday" in unresolved["text"]


def test_decades() -> None:
    assert normalise_date("the 1990s", MONDAY)[::2] == ("1990", "decade")


def test_weekday_inside_a_time_phrase_and_bare_ages() -> None:
    assert normalise_date("the early hours of Sunday morning", MONDAY)[0] == "2021-11-07"
    assert normalise_date("54", MONDAY)[:2] == (None, "other")


def test_a_day_without_its_year_told_in_the_past_is_last_years_when_this_years_is_still_to_come() -> None:
    from workers.analysis.dates import find_dates
    from workers.analysis.nlp import get_nlp

    published = "2026-07-10T09:00:00"
    past = find_dates(get_nlp()("The floods of Nov. 14 destroyed three hundred homes in the valley."), published)
    assert [d["value"] for d in past if d["kind"] == "date"] == ["2025-11-14"]
    ahead = find_dates(get_nlp()("The new bridge will open on Nov. 14, the council said."), published)
    assert [d["value"] for d in ahead if d["kind"] == "date"] == ["2026-11-14"]
    earlier = find_dates(get_nlp()("The floods of May 14 destroyed three hundred homes."), published)
    assert [d["value"] for d in earlier if d["kind"] == "date"] == ["2026-05-14"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The council will meet on Friday to discuss the bridge.", "2026-03-06"),
    ("The ferry is expected to sail on Thursday if the storm passes.", "2026-03-05"),
    ("The council met on Friday to discuss the bridge.", "2026-02-27"),
])
def test_a_bare_weekday_in_a_clause_about_the_future_is_the_coming_one(text: str, expected: str) -> None:
    assert _date_values(text) == [expected]


def test_clock_times_on_a_24_hour_clock() -> None:
    from workers.analysis.dates import find_clock_times

    text = ("It left at 11:36 a.m. (0336 GMT), turned back at 2.05pm, landed at 7:33 pm. and was due out by "
            "noon, or 12 a.m. at the latest; launch at 9 a.m local time, 00:30 UTC.")
    found = find_clock_times(text)
    assert [(d["text"], d["value"]) for d in found] == [
        ("11:36 a.m.", "11:36"), ("0336 GMT", "03:36Z"), ("2.05pm", "14:05"), ("7:33 pm", "19:33"),
        ("noon", "12:00"), ("12 a.m.", "00:00"), ("9 a.m", "09:00"), ("00:30 UTC", "00:30Z")]
    assert all(text[d["start"]:d["end"]] == d["text"] and d["kind"] == "time" for d in found)


def test_numbers_that_are_no_clock_times() -> None:
    from workers.analysis.dates import find_clock_times

    assert find_clock_times("The score was 10:30 at half time; 5 amps; 14 pm; section 3.15; 1.5 m deep.") == []
    # a colour and a band are no midnight, a range's second hour no time, an offset zone no UTC
    assert find_clock_times("a midnight cherry Roadster; Midnight Oil; from 2-3 a.m.; at 20:15 GMT+1") == []
    assert [d["value"] for d in find_clock_times("after midnight, at 11 a.m. ET, at 11 a.m. JST")] == [
        "00:00", "11:00 ET", "11:00 JST"]


def test_find_dates_lists_clock_times_among_dates_in_text_order() -> None:
    text = "The plane landed at 7:33 p.m. on Tuesday, officials said."
    found = find_dates(get_nlp()(text), "2021-11-10T10:00:00Z")
    assert [(d["kind"], d["value"]) for d in found] == [("time", "19:33"), ("date", "2021-11-09")]
