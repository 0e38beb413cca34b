"""Text units for matching: sentences and quotation spans (word tokens: workers/analysis/tokens.py)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Fallback sentence splitter (used only when the extraction carries no sentences): end punctuation,
# optional closing quote/bracket, then space and an upper-case letter, digit or opening quote; or a newline.
_SENT_END = re.compile(r"(?<=[.!?])[\"”’)\]]?\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+")
# Quotation spans found from the marks themselves (added to the extraction's "quotes"): curly or straight
# double quotes; single quotes opening after a space or line start and closing before a space or punctuation
# (so apostrophes inside words do not count); embedded tweets ("... — Name (@handle) June 5, 2018").
_QUOTE = re.compile(
    r"“[^”]{3,}?”|\"[^\"\n]{3,}?\""
    r"|(?:(?<=[\s(\[—–-])|^)[‘'](?=\S)[^\n]{3,}?(?<=\S)[’'](?=[\s.,;:!?)\]—–-]|$)"
    r"|^[^\n]*(?:\(@\w+\)|pic\.twitter\.com/)[^\n]*$",
    re.MULTILINE,
)


def split_sentences(text: str) -> list[dict[str, int]]:
    """A simple rule-based sentence splitter: [{start, end}] with surrounding whitespace trimmed."""
    spans: list[dict[str, int]] = []
    start = 0
    for match in _SENT_END.finditer(text):
        _add_trimmed(text, start, match.start(), spans)
        start = match.end()
    _add_trimmed(text, start, len(text), spans)
    return spans


def _add_trimmed(text: str, start: int, end: int, out: list[dict[str, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append({"start": start, "end": end})


def quote_spans(extraction: Mapping[str, Any]) -> list[tuple[int, int]]:
    """Quotation spans of an article: the extraction's "quotes" plus spans found from quotation marks."""
    spans = [(int(q["start"]), int(q["end"])) for q in extraction.get("quotes") or []]
    spans += [(m.start(), m.end()) for m in _QUOTE.finditer(extraction.get("text") or "")]
    return sorted(spans)


def sentences_of(extraction: Mapping[str, Any]) -> list[tuple[int, int]]:
    """Sentence spans of an article: the extraction's if present, else the fallback splitter's."""
    sentences = extraction.get("sentences") or split_sentences(extraction.get("text") or "")
    return [(int(s["start"]), int(s["end"])) for s in sentences]


def covered_fraction(start: int, end: int, spans: list[tuple[int, int]]) -> float:
    """Share of [start, end) that lies inside the given (sorted, possibly overlapping) spans."""
    if end <= start:
        return 0.0
    covered = 0
    cursor = start
    for s, e in spans:
        s, e = max(s, cursor), min(e, end)
        if e > s:
            covered += e - s
            cursor = e
    return covered / (end - start)
