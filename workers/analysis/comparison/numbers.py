"""Hedge-aware numbers: each numeric claim becomes an interval, and two claims agree if their intervals meet."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from workers.analysis.numbers import VAGUE_COUNTS

if TYPE_CHECKING:
    from workers.analysis.comparison.claims import Claim

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


# Whole numbers from a million up are written with their magnitude word, as news copy writes them ("143 million",
# "1.5 billion"), when three decimals of it hold the number exactly; "143000000" is hard to read at a glance.
MAGNITUDES = ((10 ** 12, "trillion"), (10 ** 9, "billion"), (10 ** 6, "million"))


def format_number(value: float) -> str:
    """A number as a reader writes it: 7, 1.5, 120,000, 143 million, 2/3."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value):
        whole = int(value)
        for scale, word in MAGNITUDES:
            if abs(whole) >= scale and whole % (scale // 1000) == 0:
                return f"{whole / scale:.3f}".rstrip("0").rstrip(".") + f" {word}"
        return f"{whole:,}"
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




@dataclass(frozen=True)
class Quantity:
    """One number a claim states: what is counted, what happened to it, and the interval its hedge allows."""

    label: str  # as a reader says it: "at least 7", or the words used when vague ("hundreds")
    value: float
    low: float | None
    high: float | None
    hedge: str
    counted: str  # the counted noun's lemma ("tanker ship"), "" when implicit
    event: str | None  # the extraction's event class, else the governing verb's lemma
    vague: bool  # "hundreds", "dozens": a word, not a number to compare
    kind: str  # "count" | "proportion"
    start: int
    end: int
    context: bool = False  # the date nearest to it in its sentence is an earlier time ("since 1959, when two...")
    part: bool = False  # a part of a set named elsewhere ("two of them"): the extraction's `partitive`
    dimension: str = ""  # a measure's dimension ("mass", "length"); "" for counts and proportions
    holder: str = ""  # the linked entity whose figure it is ("Echenique grabbed 11 rebounds"); "" when none

    @property
    def interval(self) -> tuple[float, float]:
        """The values this quantity allows."""
        return claim_interval({"value": self.value, "low": self.low, "high": self.high, "hedge": self.hedge})

    @property
    def head(self) -> str:
        """The counted noun's head lemma ("ship" of "tanker ship")."""
        return self.counted.split()[-1] if self.counted else ""

    def as_dict(self) -> dict[str, Any]:
        """The public form."""
        return {"label": self.label, "value": self.value, "low": self.low, "high": self.high,
                "hedge": self.hedge, "counted": self.counted, "event": self.event, "vague": self.vague,
                "start": self.start, "end": self.end, "dimension": self.dimension or None}


def _is_vague(raw: dict[str, Any]) -> bool:
    words = (raw.get("number_text") or raw.get("text") or "").lower().replace("-", " ").split()
    return any(w in VAGUE_COUNTS for w in words)


def _event_key(raw: dict[str, Any]) -> str | None:
    if raw.get("event_class"):
        return str(raw["event_class"])
    event = (raw.get("event") or "").lower().split()
    return event[0] if event else None


def nearest_is_old(offset: int, dates: list[tuple[int, bool]]) -> bool:
    """True when the date nearest to offset is an earlier time than the story's own."""
    if not dates:
        return False
    return min(dates, key=lambda d: abs(d[0] - offset))[1]


def quantities_of(raws: list[dict[str, Any]], dates: list[tuple[int, bool]] | None = None,
                  speakers: list[tuple[int, int]] | None = None,
                  holder_of: Callable[[dict[str, Any]], str] | None = None) -> list[Quantity]:
    """The comparable quantities among one sentence's numeric claims; `dates` are the sentence's (offset,
    earlier time?) pairs: a quantity whose nearest date is an earlier time is context. `speakers`: the
    sentence's attribution sources (offsets): counting who spoke ("two officials said") is attribution, not
    a fact about the event, so a number inside a source is left out — read from the extraction's attributions,
    not from the number's verb ("the Council did add four ships" counts ships, though "add" can report).
    `holder_of`: the linked entity of a numeric claim's holder mention ("" when none)."""
    out = []
    for raw in raws:
        if raw.get("value") is None:
            continue
        if raw.get("kind") == "measure":
            # Measures are not figures of the aligned sentences: let in there, they found no conflict or update
            # on the tuning half and brought three wrong updates holding figures of other times on the
            # reporting half. They are compared by what they measure instead (measures_of, comparison.measures).
            continue
        if any(a <= int(raw["start"]) and int(raw["end"]) <= b for a, b in speakers or []):
            continue
        event = _event_key(raw)
        vague = _is_vague(raw)
        label = " ".join((raw.get("number_text") or "").split()) if vague else value_label(raw)
        out.append(Quantity(label=label or value_label(raw), value=float(raw["value"]), low=raw.get("low"),
                            high=raw.get("high"), hedge=raw.get("hedge") or "exact",
                            counted=str(raw.get("counted_lemma") or "").lower(), event=event, vague=vague,
                            kind=str(raw.get("kind") or "count"), start=int(raw["start"]), end=int(raw["end"]),
                            context=nearest_is_old(int(raw["start"]), dates or []),
                            part=bool(raw.get("partitive")),
                            holder=holder_of(raw) if holder_of is not None and raw.get("holder") else ""))
    return out


def corresponds(a: Quantity, b: Quantity) -> bool:
    """True when two quantities count the same thing happening: the same kind, no clash of events, and the
    same counted noun or the same (named) event. Synonyms need no list here: the two claims were already
    aligned by meaning; this only keeps apart the different quantities one sentence pair can hold
    ("58 killed" vs "515 injured", "vehicles rammed" vs "vehicles seized")."""
    if a.kind != b.kind:
        return False
    if a.holder and b.holder and a.holder != b.holder:
        return False  # two named holders' figures: "Echenique grabbed 11 rebounds", "Artino grabbed six"
    if a.part or b.part:  # "52 of them critically" is not the toll; two parts meet only on a named event
        return a.part and b.part and a.head == b.head and bool(a.event and a.event == b.event)
    if a.event and b.event and a.event != b.event:
        return False
    if a.head and b.head:
        return a.head == b.head or bool(a.event and a.event == b.event)
    return bool(a.event and a.event == b.event)


def same_figure(a: Quantity, b: Quantity) -> bool:
    """True when two quantities are one figure a fact can report values of: corresponding, and not two
    different counted nouns. Two nouns under one event are enough to align two sentences (the scorer's
    numbers features) but not to set their values against each other: "12 people killed" and "two pilots
    died" both count the dead, one a subset of the other, and an embedding of the nouns cannot tell a subset
    from a synonym. A figure stated under two nouns is left to its sentences' fact instead."""
    return corresponds(a, b) and (not a.head or not b.head or a.head == b.head)


def figures_disagree(a: Claim, b: Claim) -> bool:
    """True when two claims state one figure (same_figure) with values that cannot both be true."""
    return any(same_figure(qa, qb) and not agree(qa, qb) for qa in a.quantities for qb in b.quantities)


def same_least_count(a: Quantity, b: Quantity) -> bool:
    """True when two counts allow the same smallest whole number: "more than 50" and "51", "at least 40"
    and "40" state one figure more or less precisely, not a figure that changed ("at least 50" and "59" do
    not: the floor rose)."""
    if a.kind != "count" or b.kind != "count":
        return False
    low_a, low_b = a.interval[0], b.interval[0]
    if not (math.isfinite(low_a) and math.isfinite(low_b)):
        return False
    slack = OPEN_EPSILON / 2  # below the open bound's epsilon: "more than 50" starts at 51
    return math.ceil(low_a - slack) == math.ceil(low_b - slack)


def comparable(a: Quantity, b: Quantity) -> bool:
    """True when two values of one figure may be set against each other: both under one named event, neither
    vague. A bare count of a noun ("six other ships") says too little of what happened to them to contradict a
    count of ships blacklisted."""
    return not a.vague and not b.vague and bool(a.event) and a.event == b.event


def agree(a: Quantity, b: Quantity) -> bool:
    """True when two corresponding quantities can both be true (hedge-aware); vague words agree with all."""
    return a.vague or b.vague or intervals_compatible(a.interval, b.interval)
