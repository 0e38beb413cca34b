"""Measures read for comparison by what they measure: "a 181-kg gorilla" and "a 450-pound gorilla" state one
physical measure at two values that cannot both be true, although the sentences they sit in say different
things (and so are not aligned as statements).

A measure's slot is its dimension and the noun it modifies ("gorilla" of "a 181-kg gorilla", "limit" of "a
12mph speed limit"); measure_facts compares only slots whose noun most of the job's sources name (the story's
own gorilla, not "a 6-foot man" in one corner of it). A verb a measure completes ("located 10 km from the
border", "flew 300 km") names what happened, not to what, and two such measures are often of two things: a
verb's slot holds only measures of sentences the scorer found related, and only a clash makes it a fact
(measure_facts: "the boy, who fell 10 to 12 feet" / "Isiah Gregg fell 15ft into the pen", Cincinnati Zoo,
May 2016, tuning half); a copula makes none ("was 7 of 16 for 83 yards": whose yards?). Two measures of one
slot disagree when their intervals do not meet: the hedge's interval ("about", "more than", "10 to 12") widened
by `rounding` for rounding and unit conversion ("181 kg" and "400 lb" agree, "2 km" and "1.2 miles" agree;
"400 lb" and "450 lb" do not).

Time: a measure is of a thing (a weight, a height, a length), not a running total that grows as a story
develops, so reports days apart still refer to one time; measure_facts keeps two measures apart when each
sentence names its own, different date, or when their articles' own days (the day their story sentences name
most) lie apart, or when one of them is about an earlier time or carries an update marker ("so far").

An age ("a 4-year-old boy", numbers._age) is a measure of its noun in years, a whole number of them: no rounding
slack, "4-year-old" and "3-year-old" cannot both be true of one boy (AGE_SPAN).

Money is read (the claim scorer's `amounts_agree` uses it) but not compared by slot: prices and sums move with
the story's time and name many different things ("the bill", "the price"), and measured on the reporting half
they made wrong updates, not conflicts (README).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from workers.analysis.comparison.numbers import INF, Quantity, claim_interval, nearest_is_old
from workers.analysis.speakers import CUE_LEMMAS
from workers.analysis.units import AGE

# Relative slack of an exact measure: converted figures are rounded ("2 kilometers (1.2 miles)" is 3.5% off,
# "a mile" for 1.5 km 7%, split between the two sides), and "about" already allows numbers.ABOUT_TOLERANCE.
MEASURE_TOLERANCE = 0.05


AGE_SPAN = 0.999  # of one unit: "4-year-old" and "3-year-old" cannot both be true, "18-month-old" and "1-year-old" can


def rounding(value: float) -> float:
    """The slack of a measure: MEASURE_TOLERANCE of it, or half a unit of its last decimal if more (8.5 ->
    0.425, 400 -> 20, 2 -> 0.5, 0.25 -> 0.0125). The value is read as a number: "6,000" and "6000.0" alike."""
    if value != value or value in (INF, -INF):
        return 0.0
    places = max(-int(Decimal(repr(abs(value))).normalize().as_tuple().exponent), 0)  # 8.5 -> 1, 400.0 -> 0
    return max(0.5 * 10.0 ** -places, abs(value) * MEASURE_TOLERANCE)


def anchor_of(raw: dict[str, Any]) -> str | None:
    """What a measure measures: the head lemma of the noun it modifies; None when it modifies none."""
    counted = str(raw.get("counted_lemma") or "").lower().split()
    return counted[-1] if counted else None


# Verbs that link a subject to a measure without saying what happened ("was 300 km from", "has 27 engines"):
# general English auxiliaries, not read off any article.
COPULAS = frozenset({"be", "have", "become", "remain", "seem"})


def comparable(measure: Quantity) -> bool:
    """Whether a measure takes part in slot comparison: not money, and anchored to what it measures."""
    return bool(measure.counted) and not measure.dimension.startswith("money")


def verb_measure(measure: Quantity) -> bool:
    """Whether a measure completes a verb ("fell 15ft", "drove 2 kilometers"): no noun it measures, a verb
    that is a word (spaCy gives the curly "’s" of "it’s 20 feet deep" the lemma "’s", not "be"), no copula
    and no speech verb (a parse may hang "... 140 million miles away" on "the billionaire said"), not money."""
    event = measure.event or ""
    return (not measure.counted and event.isalpha() and event not in COPULAS and event not in CUE_LEMMAS
            and bool(measure.dimension) and not measure.dimension.startswith("money"))


def measure_quantity(raw: dict[str, Any], context: bool) -> Quantity | None:
    """A measure or an amount of money as a Quantity in its dimension's base unit (money: its currency), its
    interval widened for rounding (an age: to the end of its last whole unit), `counted` holding what it
    measures ("" when unknown); None when the unit or the value is unknown."""
    unit = raw.get("unit") or {}
    dimension = str(unit.get("dimension") or "")
    anchor = anchor_of(raw) or ""
    if not dimension or raw.get("value") is None:
        return None
    low, high = claim_interval(raw)
    size = float(unit.get("per_unit") or 1.0)
    if dimension == AGE:
        # an age is a whole number of its units: a "4-year-old" is 4 to not quite 5 (not "under 5 years old",
        # whose bound is the figure itself, nor a "1.5-year-old")
        top = float(raw["high"] if raw.get("high") is not None else raw["value"])
        if high != INF and raw.get("hedge") not in {"at_most", "less_than"} and top.is_integer():
            high += AGE_SPAN
    else:
        if low != -INF:
            low -= rounding(float(raw["low"] if raw.get("low") is not None else raw["value"]))
        if high != INF:
            high += rounding(float(raw["high"] if raw.get("high") is not None else raw["value"]))
    bounds = (low * size if low != -INF else None, high * size if high != INF else None)
    hedge = "range" if None not in bounds else ("at_least" if bounds[0] is not None else "at_most")
    # a measure of a noun is of that noun; one without, of what its verb did ("fell 15ft": fall)
    event = anchor or (str(raw.get("event_lemma") or "").lower() or None)
    return Quantity(label=" ".join(str(raw.get("text") or "").split()), value=float(raw["value"]) * size,
                    low=bounds[0], high=bounds[1], hedge=hedge, counted=anchor, event=event, vague=False,
                    kind="measure", start=int(raw["start"]), end=int(raw["end"]), context=context,
                    dimension=dimension)



def measures_of(raws: list[dict[str, Any]], dates: list[tuple[int, bool]] | None = None,
                speakers: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """The measures and amounts among one sentence's numeric claims (`dates` and `speakers` as for
    numbers.quantities_of: a measure nearest an earlier date is context, one inside a source is left out)."""
    out = []
    for raw in raws:
        if raw.get("kind") != "measure" or any(a <= int(raw["start"]) and int(raw["end"]) <= b
                                               for a, b in speakers or []):
            continue
        quantity = measure_quantity(raw, nearest_is_old(int(raw["start"]), dates or []))
        if quantity is not None:
            out.append(quantity)
    return out
