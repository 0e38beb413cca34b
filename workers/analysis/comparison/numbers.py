"""Hedge-aware numbers: each numeric claim becomes an interval, and two claims agree if their intervals meet."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

INF = math.inf
# "about 30" covers 30 +- 15% (at least +-1): reporters round, and "about" says so.
ABOUT_TOLERANCE = 0.15
# "more than 7" excludes 7 itself; counts are whole, so the open bound is nudged by less than one unit.
OPEN_EPSILON = 1e-6


def claim_interval(claim: dict[str, Any]) -> tuple[float, float]:
    """The closed interval [low, high] of values a claim allows, given its hedge."""
    value = float(claim["value"])
    hedge = claim.get("hedge") or "exact"
    low, high = claim.get("low"), claim.get("high")
    if hedge == "at_least":
        return (float(low) if low is not None else value, INF)
    if hedge == "more_than":
        return ((float(low) if low is not None else value) + OPEN_EPSILON, INF)
    if hedge == "at_most":
        return (-INF, float(high) if high is not None else value)
    if hedge == "less_than":
        return (-INF, (float(high) if high is not None else value) - OPEN_EPSILON)
    if hedge == "about":
        spread = max(abs(value) * ABOUT_TOLERANCE, 1.0)
        return (value - spread, value + spread)
    if hedge == "range" and low is not None and high is not None:
        return (min(float(low), float(high)), max(float(low), float(high)))
    return (value, value)


def intervals_compatible(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """True when two value intervals share at least one value (within a relative 1e-9 for floats)."""
    slack = 1e-9 * max(1.0, *(abs(x) for x in (*a, *b) if math.isfinite(x)))
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def claims_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two numeric claims about the same quantity can both be true (hedges respected)."""
    return intervals_compatible(claim_interval(a), claim_interval(b))


def format_number(value: float) -> str:
    """A number as a reader writes it: 7, 1.5, 120000, 2/3."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value):
        return str(int(value))
    if 0 < abs(value) < 1:
        fraction = Fraction(value).limit_denominator(12)
        if abs(float(fraction) - value) < 1e-3:
            return f"{fraction.numerator}/{fraction.denominator}"
    return f"{value:.3g}"


HEDGE_WORDS = {
    "at_least": "at least",
    "more_than": "more than",
    "at_most": "at most",
    "less_than": "less than",
    "about": "about",
}


def value_label(claim: dict[str, Any]) -> str:
    """A short label for a claim's value with its hedge: '7', 'at least 2', '10-12'."""
    hedge = claim.get("hedge") or "exact"
    if hedge == "range" and claim.get("low") is not None and claim.get("high") is not None:
        return f"{format_number(float(claim['low']))}-{format_number(float(claim['high']))}"
    number = format_number(float(claim["value"]))
    prefix = HEDGE_WORDS.get(hedge)
    return f"{prefix} {number}" if prefix else number
