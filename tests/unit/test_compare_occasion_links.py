"""Claims about their own article's occasion, from articles reporting different occasions, are not one fact."""

from __future__ import annotations

from tests.unit.compare_events import extract, no_duplicates
from workers.analysis.comparison import compare_sources

SHARED = "Firefighters said the ferry terminal at Kelby harbour was closed to passengers for the rest of the day."


def _story(day: str) -> str:
    return (f"A fuel truck caught fire at Kelby harbour on {day}, officials said. "
            f"Two workers were treated for smoke inhalation on {day}, the port authority said. {SHARED}")


def _facts_holding_shared(first_day: str, second_day: str) -> list[dict]:
    extractions = extract(("a", "Northern Post", "2024-03-04T10:00:00+00:00", _story(first_day)),
                          ("b", "Valley Herald", "2025-06-11T10:00:00+00:00", _story(second_day)))
    result = compare_sources(extractions, no_duplicates(extractions))
    return [f for f in result["facts"] if f["status"] == "corroborated"
            and any("ferry terminal" in c["excerpt"] for c in f["claims"])]


def test_one_sentence_in_reports_of_two_occasions_is_not_corroborated() -> None:
    assert _facts_holding_shared("March 3, 2024", "June 10, 2025") == []


def test_the_same_sentence_in_two_reports_of_one_occasion_is() -> None:
    assert len(_facts_holding_shared("March 3, 2024", "March 3, 2024")) == 1


def test_background_about_an_earlier_time_still_meets_across_occasions() -> None:
    background = "In 2019 the harbour authority banned fuel trucks from the passenger pier after a similar blaze."
    first, second = f"{_story('March 3, 2024')} {background}", f"{_story('June 10, 2025')} {background}"
    extractions = extract(("a", "Northern Post", "2024-03-04T10:00:00+00:00", first),
                          ("b", "Valley Herald", "2025-06-11T10:00:00+00:00", second))
    facts = compare_sources(extractions, no_duplicates(extractions))["facts"]
    assert [f["status"] for f in facts if any("banned fuel trucks" in c["excerpt"] for c in f["claims"])] \
        == ["corroborated"]
