"""Evidence records: every judgement points at an article, character offsets and the sentence around them."""

from __future__ import annotations

import bisect
from typing import Any


class ArticleText:
    """One extraction's text with fast sentence lookup by offset."""

    def __init__(self, extraction: dict[str, Any]) -> None:
        self.article_id: str = extraction["article_id"]
        self.source: str = extraction.get("source") or self.article_id
        self.text: str = extraction.get("text") or ""
        self.sentences: list[dict[str, int]] = list(extraction.get("sentences") or [])
        self._starts = [s["start"] for s in self.sentences]

    @property
    def sentence_starts(self) -> list[int]:
        """Where each sentence starts, in order."""
        return self._starts

    def sentence_index_at(self, offset: int) -> int | None:
        """Index of the sentence containing offset, if any."""
        if not self.sentences:
            return None
        index = bisect.bisect_right(self._starts, offset) - 1
        return index if index >= 0 else None

    def sentence_bounds(self, index: int | None, start: int, end: int) -> tuple[int, int]:
        """The [start, end) of sentence `index`, or of the sentence around [start, end) when index is None."""
        if index is None or not 0 <= index < len(self.sentences):
            index = self.sentence_index_at(start)
        if index is None:
            return (start, end)
        sentence = self.sentences[index]
        return (min(sentence["start"], start), max(sentence["end"], end))

    def evidence(self, start: int, end: int, sentence: int | None = None) -> dict[str, Any]:
        """An evidence record for the span [start, end): ids, offsets, the span text and its sentence."""
        s_start, s_end = self.sentence_bounds(sentence, start, end)
        return {"article_id": self.article_id, "source": self.source, "start": start, "end": end,
                "text": bounded(self.text[start:end]), "sentence_start": s_start, "sentence_end": s_end,
                "sentence": bounded(" ".join(self.text[s_start:s_end].split()))}


MAX_EXCERPT = 300  # evidence carries offsets plus a bounded excerpt: output stays linear in the input


def bounded(text: str, limit: int = MAX_EXCERPT) -> str:
    """At most `limit` characters of a text (cut at a word, with an ellipsis): excerpts, labels, summaries."""
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"
