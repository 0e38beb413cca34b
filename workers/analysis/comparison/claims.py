"""Numeric claims gathered from every article, with what alignment needs precomputed once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from workers.analysis.comparison.entities import MentionIndex
from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.comparison.lexicon import (
    PARTITIVE_HEADS,
    SOURCE_NOUNS,
    content_words,
    counted_keys,
    event_class,
    head_noun,
    is_speech_event,
    words,
)
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
    sentence_index: int = 0  # which sentence of the article (0 = the first)
    value: dict[str, Any] = field(default_factory=dict)  # numeric: value/low/high/hedge; statement: polarity
    interval: tuple[float, float] = (0.0, 0.0)
    label: str = ""


# "One of the two officials": a selection out of a number, not a count.
SELECTION = re.compile(r"^\s*(?:one|\w+)\s+of\s+(?:the|those|these|its|his|her|their)\s+(?:\d+|two|three|four|five|"
                       r"six|seven|eight|nine|ten)\b", re.IGNORECASE)
OF_PHRASE = re.compile(r"^\s*of\s+((?:[\w’'\-]+\s+){0,6}?[\w’'\-]+)(?=\s+(?:were|was|are|is|had|have|has|who|"
                       r"that|which|stationed|in|on|at|from)\b|[,.;:]|$)", re.IGNORECASE)


def is_attribution_count(raw: dict[str, Any]) -> bool:
    """True for claims that count who said something ('two Iraqi officials said'), or select from a count."""
    if SELECTION.match(raw.get("text") or ""):
        return True
    if is_speech_event(raw.get("event")):
        return True
    return head_noun(raw.get("counted") or "") in SOURCE_NOUNS and event_class(raw.get("event")) is None


def resolve_counted(raw: dict[str, Any], text: str, previous: list[dict[str, Any]]) -> str:
    """What a claim counts, looking past partitive heads ('six members' of what? 'two others' of what?)."""
    counted = (raw.get("counted") or "").strip()
    if head_noun(counted) not in PARTITIVE_HEADS and counted:
        return counted
    if "of" not in counted.split():
        match = OF_PHRASE.match(text[raw["end"]:raw["end"] + 120])
        if match:
            return f"{counted} of {match.group(1)}".strip()
    same_sentence = [p for p in previous if p.get("sentence") == raw.get("sentence") and p.get("counted")
                     and head_noun(p["counted"]) not in PARTITIVE_HEADS]
    if same_sentence:
        return str(same_sentence[-1]["counted"])
    return counted


# Event classes worth picking up from the words around a number (casualties, not "shot down" two clauses on).
SPECIFIC_EVENT_WORDS = frozenset({"injure", "kill"})
EVENT_WINDOW_BEFORE = 4  # words before the number searched for an event the extraction did not attach
EVENT_WINDOW_AFTER = 3


def nearby_event(raw: dict[str, Any], text: str) -> str | None:
    """An event word right around the claim ('the death of one protester'), when extraction gave none."""
    before = words(text[max(raw["start"] - 60, 0):raw["start"]])[-EVENT_WINDOW_BEFORE:]
    after = words(text[raw["end"]:raw["end"] + 40])[:EVENT_WINDOW_AFTER]
    for word in [*reversed(before), *after]:
        if event_class(word) in SPECIFIC_EVENT_WORDS:
            return word
    return None


def numeric_claims(extractions: list[dict[str, Any]], texts: dict[str, ArticleText],
                   mentions: MentionIndex) -> list[Claim]:
    """Every numeric claim of every article that says what it counts, as a Claim."""
    out: list[Claim] = []
    for extraction in extractions:
        article = texts[extraction["article_id"]]
        length = max(len(article.text), 1)
        raws = sorted(extraction.get("numeric_claims") or [], key=lambda r: r["start"])
        for position, raw in enumerate(raws):
            if raw.get("value") is None or is_attribution_count(raw):
                continue
            counted = resolve_counted(raw, article.text, raws[:position])
            event = raw.get("event") or nearby_event(raw, article.text)
            keys = counted_keys(counted) if counted else frozenset()
            if not keys:
                continue
            evidence = article.evidence(raw["start"], raw["end"], raw.get("sentence"))
            sentence = evidence["sentence"]
            context = content_words(sentence)
            numbers = {k: raw.get(k) for k in ("value", "low", "high", "hedge")}
            entity_ids = frozenset(mentions.in_span(article.article_id, evidence["sentence_start"],
                                                    evidence["sentence_end"]))
            out.append(Claim(
                index=len(out), kind="numeric", article_id=article.article_id, source=article.source,
                counted=counted, event=event, keys=keys, event_class=event_class(event),
                context=" ".join(sorted(set(context))), context_words=frozenset(context),
                entities=entity_ids,
                evidence=evidence, position=raw["start"] / length, value=numbers,
                sentence_index=article.sentence_index_at(raw["start"]) or 0,
                interval=claim_interval(numbers), label=value_label(numbers)))
    return out
