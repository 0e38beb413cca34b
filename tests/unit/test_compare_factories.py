"""Small extraction dicts following docs/analysis-contract.md, built from text, for the comparison tests."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any


def _span(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    """Offsets of phrase in text (first occurrence at or after `after`)."""
    start = text.index(phrase, after)
    return start, start + len(phrase)


def _sentences(text: str) -> list[dict[str, int]]:
    """Sentences split at . ! ? followed by space or end."""
    out: list[dict[str, int]] = []
    start = 0
    for match in re.finditer(r"[.!?][”\"]?(?:\s+|$)", text):
        out.append({"start": start, "end": match.end() - (len(match.group(0)) - len(match.group(0).rstrip()))})
        start = match.end()
    if start < len(text):
        out.append({"start": start, "end": len(text)})
    return out


def make_extraction(article_id: str, source: str, text: str, *,
                    claims: Sequence[tuple[str, float, str, str, str | None]] = (),
                    quotes: Sequence[tuple[str, str | None]] = (),
                    entities: Sequence[tuple[str, str]] = (),
                    attributions: Sequence[tuple[str, str]] = (),
                    removed: Sequence[str] = ()) -> dict[str, Any]:
    """An extraction record: claims are (phrase, value, hedge, counted, event), quotes (text, speaker)."""
    sentences = _sentences(text)

    def sentence_of(offset: int) -> int:
        return max(i for i, s in enumerate(sentences) if s["start"] <= offset)

    record: dict[str, Any] = {
        "article_id": article_id, "source": source, "title": None, "url": None, "published_at": None,
        "author": None, "site_name": None, "input_format": "text", "language": "en", "warnings": [],
        "text": text, "removed": [{"text": r, "reason": "furniture", "signals": []} for r in removed],
        "sentences": sentences, "entities": [], "quotes": [], "numeric_claims": [], "attributions": [],
        "dates": [], "stats": {"chars": len(text), "words": len(text.split()), "sentences": len(sentences),
                               "removed_lines": len(removed)},
    }
    for phrase, label in entities:
        position = 0
        while phrase in text[position:]:
            start, end = _span(text, phrase, position)
            record["entities"].append({"text": phrase, "label": label, "start": start, "end": end,
                                       "key": phrase.lower().replace("al-", "").split()[-1]})
            position = end
    for phrase, value, hedge, counted, event in claims:
        start, end = _span(text, phrase)
        record["numeric_claims"].append({"text": phrase, "start": start, "end": end, "value": value,
                                         "low": value if hedge in ("at_least", "more_than") else None,
                                         "high": value if hedge in ("at_most", "less_than") else None,
                                         "hedge": hedge, "counted": counted, "event": event,
                                         "sentence": sentence_of(start)})
    for quote, speaker in quotes:
        start, end = _span(text, quote)
        item: dict[str, Any] = {"text": quote, "start": start, "end": end, "speaker": speaker, "cue": "said",
                                "sentence": sentence_of(start)}
        if speaker and speaker in text:
            item["speaker_start"], item["speaker_end"] = _span(text, speaker)
        record["quotes"].append(item)
    for phrase, kind in attributions:
        start, end = _span(text, phrase)
        record["attributions"].append({"text": phrase, "start": start, "end": end, "source": phrase,
                                       "kind": kind, "sentence": sentence_of(start)})
    return record


def test_factory_offsets_point_at_the_phrases() -> None:
    """The factory's offsets are real: text[start:end] is the phrase, sentences cover it."""
    record = make_extraction("a", "A", "Six guards were wounded. He said “we are fine” today.",
                             claims=[("Six guards", 6, "exact", "guards", "wounded")],
                             quotes=[("we are fine", "He")])
    claim = record["numeric_claims"][0]
    assert record["text"][claim["start"]:claim["end"]] == "Six guards"
    quote = record["quotes"][0]
    assert record["text"][quote["start"]:quote["end"]] == "we are fine"
    assert quote["sentence"] == 1
    assert len(record["sentences"]) == 2
