"""Hedge-aware number comparison."""

from __future__ import annotations

import pytest

from workers.analysis.comparison.numbers import claims_compatible, value_label


def claim(value: float, hedge: str = "exact", low: float | None = None, high: float | None = None) -> dict:
    """A numeric claim with only what the comparison reads."""
    return {"value": value, "hedge": hedge, "low": low, "high": high}


@pytest.mark.parametrize(("a", "b", "compatible"), [
    (claim(6), claim(7), False),                       # six vs seven guards
    (claim(6), claim(6), True),
    (claim(2, "at_least"), claim(3), True),            # "at least two" drones fits three
    (claim(7, "at_least"), claim(6), False),           # "at least seven" does not fit six
    (claim(7, "at_least"), claim(9), True),
    (claim(2, "at_least"), claim(7, "at_least"), True),
    (claim(7, "more_than"), claim(7), False),          # more than 7 excludes 7
    (claim(10, "at_most"), claim(11), False),
    (claim(10, "less_than"), claim(9), True),
    (claim(30, "about"), claim(32), True),             # "nearly 30" vs 32
    (claim(30, "about"), claim(40), False),
    (claim(10, "range", 10, 12), claim(11), True),
    (claim(10, "range", 10, 12), claim(13), False),
])
def test_hedges_are_respected(a: dict, b: dict, compatible: bool) -> None:
    """Two values conflict only when their hedged intervals do not meet (symmetric)."""
    assert claims_compatible(a, b) is compatible
    assert claims_compatible(b, a) is compatible


def test_value_labels_keep_the_hedge() -> None:
    """Labels say what the source said: 'at least 7', '10-12', '1.5'."""
    assert value_label(claim(7, "at_least", 7)) == "at least 7"
    assert value_label(claim(10, "range", 10, 12)) == "10-12"
    assert value_label(claim(1.5)) == "1.5"
    assert value_label(claim(6.0)) == "6"


def test_large_values_read_as_news_copy_writes_them() -> None:
    """Thousands get separators and millions up their magnitude word, so a reader need not count zeros."""
    assert value_label(claim(143_000_000)) == "143 million"
    assert value_label(claim(1_500_000, "more_than", 1_500_000)) == "more than 1.5 million"
    assert value_label(claim(10 ** 12)) == "1 trillion"
    assert value_label(claim(400_000, "at_most", None, 400_000)) == "at most 400,000"
    assert value_label(claim(1600)) == "1,600"
    assert value_label(claim(143_123_456)) == "143,123,456"  # three decimals of a million do not hold it


def test_a_part_never_corresponds_to_the_whole() -> None:
    """'about two of them' (fire engines still at the scene) is not the count of fire engines sent."""
    from workers.analysis.comparison.numbers import Quantity, corresponds

    whole = Quantity("8", 8, 8, 8, "exact", "fire engine", "send", False, "count", 0, 5)
    part = Quantity("about 2", 2, 1.8, 2.2, "about", "fire engine", None, False, "count", 10, 15, part=True)
    assert corresponds(whole, whole)
    assert not corresponds(whole, part) and not corresponds(part, whole)


def test_speaker_counts_are_attribution_but_a_reporting_verbs_object_is_counted() -> None:
    """'Two officials said' counts who spoke (inside the attribution's source); 'the council added four
    ships' counts ships although 'add' can report speech."""
    from tests.unit.compare_events import extract
    from workers.analysis.comparison.claims import build_claims
    from workers.analysis.comparison.entities import MentionIndex, link
    from workers.analysis.comparison.evidence import ArticleText
    from workers.analysis.comparison.independence import Independence

    text = ("Two officials said that 12 miners were trapped in the Varna shaft on Monday. "
            "The regional council added four ships to its list of banned vessels on Monday.")
    extractions = extract(("a1", "outlet.example", "2026-03-02T10:00:00", text))
    texts = {"a1": ArticleText(extractions[0])}
    linked, _ = link(extractions)
    claims = build_claims(extractions, texts, MentionIndex(linked),
                          Independence(texts, None, {"a1": "outlet.example"}))
    values = {claim.sentence: sorted(q.value for q in claim.quantities) for claim in claims}
    assert values == {0: [12.0], 1: [4.0]}


def test_measures_are_extracted_but_not_compared_as_figures() -> None:
    from workers.analysis.comparison.numbers import quantities_of

    count = {"value": 84.0, "low": 84.0, "high": None, "hedge": "at_least", "kind": "count", "counted_lemma": "people",
             "event_class": "killed", "start": 0, "end": 11, "number_text": "At least 84", "unit": None}
    measure = {"value": 15.0, "low": 15.0, "high": 15.0, "hedge": "exact", "kind": "measure", "counted_lemma": "",
               "event": "fell", "start": 20, "end": 24, "number_text": "15ft",
               "unit": {"name": "foot", "dimension": "length", "per_unit": 0.3048}}
    assert [q.label for q in quantities_of([count, measure])] == ["at least 84"]
