"""Claims: every factual sentence of every article, with its numbers, entities, claimant, time and polarity.

A claim is read from what the extraction computed (sentences with predicate and polarity, numeric claims,
attributions, quotes, dates, linked entity mentions); nothing here re-parses a text.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from workers.analysis.cleaning.lexicon import POST_SIGNATURE
from workers.analysis.comparison.claimants import Claimant, claimant_of
from workers.analysis.comparison.entities import MentionIndex
from workers.analysis.comparison.evidence import ArticleText, bounded
from workers.analysis.comparison.independence import Independence
from workers.analysis.comparison.measures import measures_of
from workers.analysis.comparison.numbers import Quantity, quantities_of
from workers.analysis.comparison.occasions import own_day
from workers.analysis.comparison.timing import ClaimTime, claim_time, dated_spans, job_reference
from workers.analysis.dates import time_stamp
from workers.analysis.tokens import content_words

MIN_WORDS = 5  # shorter lines are headings, bylines, captions' credits: no statement to compare


@dataclass
class Claim:
    """One statement of one article, ready to be aligned with the statements of the others."""

    index: int
    article_id: str
    source: str
    sentence: int
    start: int
    end: int
    text: str  # the sentence, whitespace collapsed, bounded (evidence.MAX_EXCERPT characters)
    words: frozenset[str]
    entities: frozenset[str]
    entity_labels: dict[str, str]
    quantities: list[Quantity]
    claimant: Claimant
    time: ClaimTime
    negated: bool
    predicate: str | None
    position: float  # 0 = first sentence of the article, 1 = last
    group: int  # the article's independent group (copies share one)
    quote_share: float = 0.0  # share of the sentence inside quotation marks
    parts: list[str] = field(default_factory=list)  # the texts of its clauses (extraction's sentences[].clauses)
    measures: list[Quantity] = field(default_factory=list)  # its measures and amounts (comparison.measures)
    dates: frozenset[str] = frozenset()  # normalised dates and clock times it names ("2002", "2018-02-06", "T19:33")
    occasion: date | None = None  # its article's own day (occasions.own_day)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def role(self) -> str:
        """'context' for statements about another event or an earlier time, else 'event'."""
        return "context" if self.time.context else "event"

    def evidence(self) -> dict[str, Any]:
        """The public record of this claim (offsets into the article's clean text)."""
        return {"article_id": self.article_id, "source": self.source, "start": self.start, "end": self.end,
                "sentence": self.sentence, "excerpt": self.text, "claimant": self.claimant.as_dict(),
                "time": self.time.as_dict(), "polarity": "negated" if self.negated else "affirmed",
                "numbers": [q.as_dict() for q in self.quantities], "independent_group": self.group,
                "role": self.role}


@lru_cache(maxsize=65536)
def _content_words(text: str) -> tuple[str, ...]:
    """tokens.content_words of a sentence, once per distinct sentence (wire copies repeat a job's sentences).
    Each claim still gets a set of its own built from them: a set shared between claims would make the
    intersection of two claims' words a copy of one (set & itself), whose order, and so the order in which the
    scorer sums the shared words' rarities, is another than two equal sets' intersection."""
    return tuple(content_words(text))


def _quote_share(start: int, end: int, quotes: list[dict[str, Any]]) -> float:
    """How much of [start, end) lies inside the article's quotations."""
    inside = sum(max(0, min(end, q["end"]) - max(start, q["start"])) for q in quotes)
    return min(1.0, inside / max(end - start, 1))


def article_claims(extraction: dict[str, Any], article: ArticleText, mentions: MentionIndex,
                   independence: Independence, first_index: int, reference: datetime | None = None) -> list[Claim]:
    """The claims of one article: one per sentence with at least MIN_WORDS words. `reference`: the job's time,
    for an article without a publication time (timing.job_reference)."""
    sentences = extraction.get("sentences") or []
    by_sentence: dict[int, list[dict[str, Any]]] = {}
    for raw in extraction.get("numeric_claims") or []:
        by_sentence.setdefault(int(raw.get("sentence", -1)), []).append(raw)
    quotes = extraction.get("quotes") or []
    speakers: dict[int, list[tuple[int, int]]] = {}
    attributions: dict[Any, list[dict[str, Any]]] = {}  # by sentence, as claimant_of reads them
    for attribution in extraction.get("attributions") or []:
        speakers.setdefault(int(attribution["sentence"]), []).append(
            (int(attribution["source_start"]), int(attribution["source_end"])))
        attributions.setdefault(attribution.get("sentence"), []).append(attribution)
    out: list[Claim] = []
    count = max(len(sentences) - 1, 1)
    group = independence.group_of(article.article_id)
    earlier_before, previous_end = False, 0

    # each sentence's dates found once, by bisection over the article's dates in text order: the readers below
    # (claim_time, dated_spans, time_stamp, _dates_named) then look at a sentence's few dates, not the article's
    # whole list per sentence (1.5 s of the 1,000-article job's 3.8 s of claims, bench/compare.py's job)
    all_dates = sorted(extraction.get("dates") or [], key=lambda d: int(d["start"]))
    date_starts = [int(d["start"]) for d in all_dates]

    def holder_of(raw: dict[str, Any]) -> str:
        """The linked entity a numeric claim's holder mention names ("" when it names none)."""
        held = raw["holder"]
        return mentions.at(article.article_id, int(held["start"]), int(held["end"]), article.text) or ""

    for number, sentence in enumerate(sentences):
        start, end = int(sentence["start"]), int(sentence["end"])
        own_dates = all_dates[bisect_left(date_starts, start):bisect_left(date_starts, end)]
        time = claim_time(extraction, start, end, reference, own_dates)
        sentence_dates = dated_spans(extraction, start, end, reference, own_dates)
        if (earlier_before and not sentence_dates and time.basis in ("published", "unknown") and time.marker is None
                and "\n" not in article.text[previous_end:start]):
            # A sentence naming no time, in the paragraph of one about an earlier time, goes on about it
            # ("... storms a cinema in Aurora in July 2012, opening fire. Twelve people and 70 wounded.")
            time = replace(time, context=True)
        earlier_before, previous_end = time.context, start + len(article.text[start:end].rstrip())
        text = " ".join(article.text[start:end].split())
        if (len(text.split()) < MIN_WORDS or text.endswith("?") or POST_SIGNATURE.fullmatch(text)
                or time_stamp(article.text, start, end, own_dates)):
            # a heading, a question, an embedded post's signature ("— Name (@handle) March 3, 2018"), or a page's
            # time stamp ("on March 1, 2012 at 8:12 am", "Posted: Apr 02, 2009 11:06 PM CEST")
            continue
        entity_ids = mentions.in_span(article.article_id, start, end)
        raws, dates = by_sentence.get(number, []), sentence_dates
        out.append(Claim(
            index=first_index + len(out), article_id=article.article_id, source=article.source,
            sentence=number, start=start, end=end, text=bounded(text),
            words=frozenset(_content_words(text)), entities=frozenset(entity_ids),
            entity_labels={e: str(mentions.label.get(e) or "") for e in entity_ids},
            quantities=quantities_of(raws, dates, speakers.get(number), holder_of),
            claimant=claimant_of(extraction, number, start, end, mentions, attributions.get(number, [])),
            time=time,
            negated=bool(sentence.get("negated")), predicate=sentence.get("predicate"),
            position=number / count, group=group, quote_share=_quote_share(start, end, quotes),
            parts=[" ".join(article.text[int(c["start"]):int(c["end"])].split())
                   for c in sentence.get("clauses") or []],
            measures=measures_of(raws, dates, speakers.get(number)),
            dates=_dates_named(own_dates)))
    day = own_day(out)
    for claim in out:
        claim.occasion = day  # the claims are this function's own: set in place, not copied
    return out


def _dates_named(dates: list[dict[str, Any]]) -> frozenset[str]:
    """The dates and clock times ("T" + "HH:MM") among a sentence's dates (those starting in it): two outlets
    naming one day or one minute of the story (the plane "took off at 11:36 a.m.") are likely telling one thing."""
    return frozenset(("T" if d.get("kind") == "time" else "") + str(d["value"]) for d in dates
                     if d.get("kind") in ("date", "time") and d.get("value"))


def build_claims(extractions: list[dict[str, Any]], texts: dict[str, ArticleText], mentions: MentionIndex,
                 independence: Independence) -> list[Claim]:
    """Every claim of every article, indexed in order."""
    claims: list[Claim] = []
    reference = job_reference(extractions)
    for extraction in extractions:
        claims.extend(article_claims(extraction, texts[extraction["article_id"]], mentions, independence,
                                     len(claims), reference))
    return claims
