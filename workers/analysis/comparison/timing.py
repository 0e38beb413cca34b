"""When a claim holds: a date the sentence names, else the article's publication time; and whether the
sentence is about an earlier time (background, another event) rather than the story itself."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from workers.analysis.dates import normalise_date, parse_published

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


def job_reference(extractions: Sequence[dict[str, Any]]) -> datetime | None:
    """The story's own time for the job's articles that carry no publication time (pasted text without a
    dateline): the median publication time of those that do, None when none does. One job reports one story,
    and its dated reports place it: "In 2004 a tsunami killed 170,000 people" in an undated article beside
    reports dated July 2013 is background, not the story's toll (ECB+ Aceh earthquake texts, read for the
    README, not fitted). It only tells background from the story: an undated article's own times stay
    unknown."""
    times = sorted(_utc(p) for e in extractions if (p := parse_published(e.get("published_at"))) is not None)
    return times[(len(times) - 1) // 2] if times else None


def _utc(moment: datetime) -> datetime:
    """A naive UTC time (publication times come with and without a zone)."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _named_dates(dates: Sequence[dict[str, Any]], start: int, end: int,
                 reference: datetime | None) -> list[tuple[int, str, str | None, bool]]:
    """(offset, value, granularity, read against the job's reference?) of each date the span [start, end) names
    with a value: the extraction's own, or, for an article without a publication time, a relative date ("last
    year", "in February") read against the job's reference time."""
    out = []
    for item in dates:
        if item.get("kind") != "date" or not start <= item["start"] < end:
            continue
        if item.get("value"):
            out.append((int(item["start"]), str(item["value"]), item.get("granularity"), False))
        elif reference is not None:
            value, kind, granularity = normalise_date(str(item.get("text") or ""), reference)
            if value and kind == "date":
                out.append((int(item["start"]), value, granularity, True))
    return out


def dated_spans(extraction: dict[str, Any], start: int, end: int, reference: datetime | None = None,
                dates: Sequence[dict[str, Any]] | None = None) -> list[tuple[int, bool]]:
    """(offset, is it an earlier time than the story's own?) of each date the span [start, end) names. The
    story's own time is the article's publication time, else the job's reference (job_reference). `dates`: the
    extraction's dates to read, all of them when not given (a caller that has the span's own passes those)."""
    published = parse_published(extraction.get("published_at"))
    anchor = published or reference
    named = _named_dates(extraction.get("dates") or [] if dates is None else dates, start, end,
                         None if published else reference)
    return [(at, anchor is not None and _earlier_time(value, granularity, anchor))
            for at, value, granularity, _ in named]


def claim_time(extraction: dict[str, Any], start: int, end: int, reference: datetime | None = None,
               dates: Sequence[dict[str, Any]] | None = None) -> ClaimTime:
    """The time of the sentence [start, end) of one article. `reference`: the job's time for an article without
    a publication time (job_reference); it says whether the sentence is background, nothing more. `dates`: as
    for dated_spans."""
    published_at = extraction.get("published_at")
    published = parse_published(published_at)
    marker_match = UPDATE_MARKERS.search(extraction.get("text", "")[start:end])
    marker = marker_match.group(0).lower() if marker_match else None
    spans = _named_dates(extraction.get("dates") or [] if dates is None else dates, start, end,
                         None if published else reference)
    anchor = published or reference
    context = bool(anchor and spans and all(_earlier_time(v, g, anchor) for _, v, g, _ in spans))
    named = [(value, granularity) for _, value, granularity, borrowed in spans if not borrowed]
    if named:
        return ClaimTime(value=named[0][0], basis="text", published_at=published_at, marker=marker,
                         context=context)
    if published is not None:
        return ClaimTime(value=published_at, basis="published", published_at=published_at, marker=marker,
                         context=False)
    return ClaimTime(value=None, basis="unknown", published_at=published_at, marker=marker, context=context)


def utc_moment(value: str | None) -> datetime | None:
    """An ISO time as a naive UTC datetime (an offset applied: "10:00+02:00" is 08:00), a time without an offset
    as it stands; None when absent or unreadable. Reports stamped in different zones are ordered by this, not by
    their text."""
    moment = parse_published(value)
    if moment is not None:
        return _utc(moment)
    coarse = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", value or "")  # a month's or a year's value: its first day
    return datetime(int(coarse.group(1)), int(coarse.group(2) or 1), 1) if coarse else None
