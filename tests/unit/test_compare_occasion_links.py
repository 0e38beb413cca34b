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


LONE = ("Harbour master Dana Ruiz said 14 fire alarms at the Kelby terminal had been switched off for a week "
        "before the blaze.")


def _exclusive_lone(*days: str) -> list[str]:
    """The statuses of the harbour master's lone claim, leading the last article, beside reports of the given
    days."""
    stamps = ("2024-03-04T10:00:00+00:00", "2024-03-04T12:00:00+00:00", "2025-06-11T10:00:00+00:00")
    outlets = ("Northern Post", "Valley Herald", "Coast News")
    rows = [(f"a{n}", outlets[n], stamps[n], _story(day)) for n, day in enumerate(days[:-1])]
    rows.append(("z", outlets[2], stamps[2], f"{LONE} {_story(days[-1])}"))
    extractions = extract(*rows)
    facts = compare_sources(extractions, no_duplicates(extractions))["facts"]
    return [f["status"] for f in facts if any("fire alarms" in c["excerpt"] for c in f["claims"])]


def test_what_an_article_about_another_occasion_says_alone_is_not_an_exclusive_of_the_event() -> None:
    """Two outlets report the March 2024 fire, a third the June 2025 one: its lone claim is not news of the
    event the job is about (it stays a claim of its own article, not listed as exclusive)."""
    assert "exclusive" not in _exclusive_lone("March 3, 2024", "March 3, 2024", "June 10, 2025")
    # one article per occasion: which occasion the job is about is not known, so nothing is set aside
    assert _exclusive_lone("March 3, 2024", "June 10, 2025") == ["exclusive"]
    # the same claim in an article of the main occasion is an exclusive
    assert _exclusive_lone("March 3, 2024", "June 10, 2025", "March 3, 2024") == ["exclusive"]
