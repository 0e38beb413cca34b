"""Numeric claims gathered from every article, with what alignment needs precomputed once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workers.analysis.comparison.entities import MentionIndex
from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.comparison.lexicon import content_words, counted_keys, event_class
from workers.analysis.comparison.numbers import claim_interval, value_label


@dataclass
class Claim:
    """One reported value (or statement) in one article, ready to be aligned with others."""

    index: int
    kind: str  # "numeric" or "statement"
    article_id: str
    source: str
    counted: str
    event: str | None
    keys: frozenset[str]
    event_class: str | None
    context: str  # sorted unique content words of the sentence, for rapidfuzz
    context_words: frozenset[str]
    entities: frozenset[str]
    evidence: dict[str, Any]
    position: float  # where in the article (0 = top, 1 = bottom)
    value: dict[str, Any] = field(default_factory=dict)  # numeric: value/low/high/hedge; statement: polarity
    interval: tuple[float, float] = (0.0, 0.0)
    label: str = ""


def numeric_claims(extractions: list[dict[str, Any]], texts: dict[str, ArticleText],
                   mentions: MentionIndex) -> list[Claim]:
    """Every numeric claim of every article that says what it counts, as a Claim."""
    out: list[Claim] = []
    for extraction in extractions:
        article = texts[extraction["article_id"]]
        length = max(len(article.text), 1)
        for raw in extraction.get("numeric_claims") or []:
            counted = (raw.get("counted") or "").strip()
            keys = counted_keys(counted) if counted else frozenset()
            if not keys or raw.get("value") is None:
                continue
            evidence = article.evidence(raw["start"], raw["end"], raw.get("sentence"))
            sentence = evidence["sentence"]
            context = content_words(sentence)
            numbers = {k: raw.get(k) for k in ("value", "low", "high", "hedge")}
            out.append(Claim(
                index=len(out), kind="numeric", article_id=article.article_id, source=article.source,
                counted=counted, event=raw.get("event"), keys=keys, event_class=event_class(raw.get("event")),
                context=" ".join(sorted(set(context))), context_words=frozenset(context),
                entities=frozenset(mentions.in_span(article.article_id, evidence["sentence_start"],
                                                    evidence["sentence_end"])),
                evidence=evidence, position=raw["start"] / length, value=numbers,
                interval=claim_interval(numbers), label=value_label(numbers)))
    return out
