"""When a claim holds: a date the sentence names, else the article's publication time; and whether the
sentence is about an earlier time (background, another event) rather than the story itself."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from workers.analysis.dates import parse_published

# A day this long before publication is background, not the story's own time: a news story's own events
# are reported within days. A month or a year counts as another time when it lies wholly before the
# publication's own month or year ("in October" in a November story, "the 2015 attacks").
CONTEXT_DAYS = 31
# In-text markers of a value that changed or is provisional. General English phrasing of updates.
UPDATE_MARKERS = re.compile(
    r"\b(?:so far|up from|down from|revised (?:up|down)(?:ward)?|rose to|risen to|climbed to|has (?:now )?risen|"
    r"increased to|jumped to|initially|at first|earlier (?:reports|figures|estimates)|previously reported|"
    r"later (?:rose|climbed|increased)|(?:toll|number|figure) (?:rose|grew|climbed|has risen|has grown)|"
    r"grew to|has grown to)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ClaimTime:
    """The time a claim refers to."""

    value: str | None  # ISO date or datetime
    basis: str  # "text" | "published" | "unknown"
    published_at: str | None
    marker: str | None
    context: bool  # about an earlier time than the story's own

    @property
    def published(self) -> datetime | None:
        """The article's publication time, parsed."""
        return parse_published(self.published_at)

    def as_dict(self) -> dict[str, Any]:
        """The public form."""
        return {"value": self.value, "basis": self.basis, "published_at": self.published_at,
                "marker": self.marker}


def _period_end(value: str, granularity: str | None) -> date | None:
    """The last day a normalised date value can stand for ("2019" -> 2019-12-31)."""
    try:
        if granularity == "year" or re.fullmatch(r"\d{4}", value):
            return date(int(value[:4]), 12, 31)
        if granularity == "decade":
            return date(int(value[:3] + "9"), 12, 31)
        if granularity == "month" or re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = int(value[:4]), int(value[5:7])
            return date(year + month // 12, month % 12 + 1, 1)
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _earlier_time(value: str, granularity: str | None, published: datetime) -> bool:
    """True when a normalised date lies wholly before the story's own time (see CONTEXT_DAYS)."""
    last = _period_end(value, granularity)
    if last is None:
        return False
    own = published.date()
    if granularity in ("year", "decade") or re.fullmatch(r"\d{4}", value):
        return last < date(own.year, 1, 1)
    if granularity == "month" or re.fullmatch(r"\d{4}-\d{2}", value):
        return last <= date(own.year, own.month, 1)
    return (own - last).days > CONTEXT_DAYS


def dated_spans(extraction: dict[str, Any], start: int, end: int) -> list[tuple[int, bool]]:
    """(offset, is it an earlier time than the story's own?) of each date the span [start, end) names."""
    published = parse_published(extraction.get("published_at"))
    out = []
    for item in extraction.get("dates") or []:
        if item.get("kind") != "date" or not item.get("value") or not start <= item["start"] < end:
            continue
        old = published is not None and _earlier_time(str(item["value"]), item.get("granularity"), published)
        out.append((int(item["start"]), old))
    return out


def claim_time(extraction: dict[str, Any], start: int, end: int) -> ClaimTime:
    """The time of the sentence [start, end) of one article."""
    published_at = extraction.get("published_at")
    published = parse_published(published_at)
    marker_match = UPDATE_MARKERS.search(extraction.get("text", "")[start:end])
    marker = marker_match.group(0).lower() if marker_match else None
    named: list[tuple[str, str | None]] = []
    for item in extraction.get("dates") or []:
        if item.get("kind") != "date" or not item.get("value") or not start <= item["start"] < end:
            continue
        named.append((str(item["value"]), item.get("granularity")))
    context = bool(published and named and all(_earlier_time(v, g, published) for v, g in named))
    if named:
        return ClaimTime(value=named[0][0], basis="text", published_at=published_at, marker=marker,
                         context=context)
    if published is not None:
        return ClaimTime(value=published_at, basis="published", published_at=published_at, marker=marker,
                         context=False)
    return ClaimTime(value=None, basis="unknown", published_at=published_at, marker=marker, context=False)
