"""Per-article preparation shared by every matcher: tokens, sentences, quotes, shingles."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from workers.analysis.dedup.signatures import shingles
from workers.analysis.dedup.text import quote_spans, sentences_of
from workers.analysis.tokens import Token, normalised_text, tokenize

SEED_WORDS = 8  # a verbatim run is at least this many words


@dataclass
class Prepared:
    """An article reduced to what the matchers need."""

    article_id: str
    source: str
    text: str
    published_at: str | None
    tokens: list[Token]
    sentences: list[tuple[int, int]]  # char spans
    sentence_tokens: list[tuple[int, int]]  # token index ranges, parallel to sentences
    quotes: list[tuple[int, int]]
    shingle_set: set[str]
    normalised: str

    @cached_property
    def seeds(self) -> dict[str, list[int]]:
        """SEED_WORDS-gram -> token positions (for verbatim runs; built on first use)."""
        norms = self.norms
        out: dict[str, list[int]] = {}
        for i in range(len(norms) - SEED_WORDS + 1):
            out.setdefault(" ".join(norms[i:i + SEED_WORDS]), []).append(i)
        return out

    @cached_property
    def token_starts(self) -> list[int]:
        """Start offsets of the tokens, in order (to find the tokens of a span by bisection)."""
        return [t.start for t in self.tokens]

    def span_norms(self, start: int, end: int) -> list[str]:
        """The normalised words of the tokens lying wholly inside [start, end)."""
        out = []
        for t in self.tokens[bisect_left(self.token_starts, start):]:
            if t.start >= end:
                break
            if t.end <= end:
                out.append(t.norm)
        return out

    def narrative_words(self, start: int, end: int, quotes: list[tuple[int, int]]) -> int:
        """Unquoted words in [start, end), counting only sentences whose words there are mostly (two thirds)
        unquoted: a narrative sentence counts, the attribution frame around a quotation does not."""
        total = 0
        for s_start, s_end in self.sentences:
            if s_end <= start or s_start >= end:
                continue
            lo, hi = max(s_start, start), min(s_end, end)
            words = [t for t in self.tokens[bisect_left(self.token_starts, lo):bisect_left(self.token_starts, hi)]
                     if t.end <= hi]
            outside = sum(1 for t in words if not any(q0 <= t.start and t.end <= q1 for q0, q1 in quotes))
            if words and outside * 3 >= 2 * len(words):
                total += outside
        return total

    @property
    def norms(self) -> list[str]:
        """The normalised words."""
        return [t.norm for t in self.tokens]

    def sentence_words(self, index: int) -> list[str]:
        """The normalised words of one sentence."""
        i0, i1 = self.sentence_tokens[index]
        return [t.norm for t in self.tokens[i0:i1]]

    @property
    def chars(self) -> int:
        """Characters carrying text (sum of sentence lengths), the base of coverage figures."""
        return sum(e - s for s, e in self.sentences) or len(self.text)


def prepare(extraction: Mapping[str, Any]) -> Prepared:
    """Tokenise one extraction (Stage 1 output, or any dict with article_id/id and text)."""
    text = extraction.get("text") or ""
    tokens = tokenize(text)
    sentences = sentences_of(extraction)
    starts = [t.start for t in tokens]
    sentence_tokens = [(bisect_left(starts, s), bisect_left(starts, e)) for s, e in sentences]
    norms = [t.norm for t in tokens]
    return Prepared(
        article_id=str(extraction.get("article_id") or extraction.get("id")),
        source=str(extraction.get("source") or ""),
        text=text,
        published_at=extraction.get("published_at"),
        tokens=tokens,
        sentences=sentences,
        sentence_tokens=sentence_tokens,
        quotes=quote_spans(extraction),
        shingle_set=shingles(norms),
        normalised=normalised_text(tokens),
    )


def published_epoch(value: str | None) -> float | None:
    """An ISO 8601 date as a UNIX time, None if absent or unparseable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        from datetime import UTC
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()
