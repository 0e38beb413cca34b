"""Measures compared by what they measure (comparison.measures, comparison.measure_facts), on invented
sentences with the real extraction."""

from __future__ import annotations

import pytest

from tests.unit.compare_events import extract, no_duplicates
from workers.analysis.comparison import compare_sources
from workers.analysis.comparison.measures import anchor_of, comparable, measure_quantity, rounding
from workers.analysis.comparison.numbers import agree

T0 = "2024-03-05T10:00:00+00:00"
T_DAYS_LATER = "2024-03-08T09:00:00+00:00"
FELL_30_FEET = ("The climber fell 30 feet into a crevasse near the summit ridge, rescuers said. A helicopter "
                "reached him within an hour.")
SURVIVED = "Guides criticised the route after a climber who fell {} survived with a broken leg. The mountain " \
           "reopened on Friday."


def _measure(value: float, unit: str, per_unit: float, *, hedge: str = "exact", low: float | None = None,
             high: float | None = None, counted: str = "elephant", dimension: str = "mass") -> dict:
    return {"kind": "measure", "value": value, "low": low, "high": high, "hedge": hedge, "text": f"{value} {unit}",
            "counted_lemma": counted, "event_lemma": None, "start": 0, "end": 5,
            "unit": {"name": unit, "dimension": dimension, "per_unit": per_unit}}


def test_rounding_is_half_the_last_digit_or_five_percent() -> None:
    assert rounding(2.0) == 0.5 and rounding(8.5) == pytest.approx(0.425) and rounding(400.0) == 20.0


def test_a_figure_and_its_rounded_conversion_agree_but_different_weights_do_not() -> None:
    kilos = measure_quantity(_measure(2700.0, "kilogram", 1.0), context=False)
    pounds = measure_quantity(_measure(6000.0, "pound", 0.45359237), context=False)
    heavier = measure_quantity(_measure(7000.0, "pound", 0.45359237), context=False)
    assert kilos is not None and pounds is not None and heavier is not None
    assert agree(kilos, pounds)  # 2,700 kg is 5,952 lb, written "6,000 pounds"
    assert not agree(kilos, heavier)


def test_money_and_unanchored_measures_are_read_but_not_compared_by_slot() -> None:
    money = measure_quantity(_measure(30.0, "dollar", 1.0, dimension="money:dollar"), context=False)
    unanchored = measure_quantity(_measure(3.0, "metre", 1.0, counted="", dimension="length"), context=False)
    anchored = measure_quantity(_measure(3.0, "metre", 1.0, dimension="length"), context=False)
    assert money is not None and unanchored is not None and anchored is not None
    assert not comparable(money) and not comparable(unanchored) and comparable(anchored)


def test_the_anchor_is_the_noun_else_a_verb_that_is_neither_auxiliary_nor_reporting() -> None:
    assert anchor_of({"counted_lemma": "adult elephant", "event_lemma": "weigh"}) == "elephant"
    assert anchor_of({"counted_lemma": "", "event_lemma": "fall"}) == "fall"
    assert anchor_of({"counted_lemma": "", "event_lemma": "be"}) is None
    assert anchor_of({"counted_lemma": "", "event_lemma": "say"}) is None


def _compare(*articles: tuple[str, str, str, str]) -> dict:
    extractions = extract(*articles)
    return compare_sources(extractions, no_duplicates(extractions))


def _measure_conflicts(result: dict) -> list[dict]:
    return [f for f in result["facts"] if f["status"] == "conflicting" and "length" in f["label"]]


def test_two_outlets_giving_different_heights_of_one_fall_conflict_though_their_sentences_differ() -> None:
    result = _compare(("a", "Northern Post", T0, FELL_30_FEET),
                      ("b", "Valley Herald", T_DAYS_LATER, SURVIVED.format("80 feet")))
    conflicts = _measure_conflicts(result)
    assert len(conflicts) == 1, [(f["status"], f["label"]) for f in result["facts"]]
    assert conflicts[0]["label"] == "fall — length"
    assert {v["label"] for v in conflicts[0]["values"]} == {"30 feet", "80 feet"}


def test_the_same_fall_in_feet_and_metres_is_no_conflict() -> None:
    result = _compare(("a", "Northern Post", T0, FELL_30_FEET),
                      ("b", "Valley Herald", T0, SURVIVED.format("nine metres")))
    assert not _measure_conflicts(result)


def test_measures_of_stories_on_days_weeks_apart_are_not_set_against_each_other() -> None:
    result = _compare(
        ("a", "Northern Post", "2024-03-05T10:00:00+00:00",
         "On Monday a climber fell 30 feet into a crevasse near the summit ridge. Rescuers reached him on "
         "Monday evening."),
        ("b", "Valley Herald", "2024-03-20T10:00:00+00:00",
         "On Tuesday another climber fell 80 feet on the north face. Guides on Tuesday called for the route "
         "to close."))
    assert not _measure_conflicts(result), [(f["status"], f["label"]) for f in result["facts"]]


def test_the_same_fall_told_in_different_sentences_is_a_corroborated_measure() -> None:
    result = _compare(("a", "Northern Post", T0, FELL_30_FEET),
                      ("b", "Valley Herald", T0, SURVIVED.format("nine metres")))
    facts = [f for f in result["facts"] if f["label"] == "fall — length"]
    assert [f["status"] for f in facts] == ["corroborated"], [(f["status"], f["label"]) for f in result["facts"]]
    assert facts[0]["independent_sources"] == 2 and {v["label"] for v in facts[0]["values"]} == {
        "30 feet", "nine metres"}
