"""Passage alignment between two articles: verbatim word runs (seed and extend) and reworded sentences
(rapidfuzz), merged into passages with offsets in both texts and classified
verbatim / reworded / shared_quote."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from rapidfuzz import fuzz, process

from workers.analysis.dedup.prepare import SEED_WORDS, Prepared
from workers.analysis.dedup.text import covered_fraction

REWORD_SCORE = 75.0  # rapidfuzz ratio (0-100) for "lightly reworded"; see eval/dedup_msrp.py
REWORD_MIN_WORDS = 6
MERGE_GAP_CHARS = 40
QUOTE_SHARE = 0.5  # a passage is a shared quote if this share of it lies inside quotes (on either side)
# ... unless both outlets print, in the same words, narrative sentences of their own beside it: two outlets quoting
# one statement share the quotation and its attribution frame ("A spokesman for the minister, <name>, said the
# deal 'is ...'"), not a sentence of reporting. A passage (verbatim or lightly reworded) holding ten or more
# unquoted words in sentences that are mostly unquoted, on both sides, was copied, quotation and all.
COPIED_FRAME_WORDS = 10
# Up to this many sentence pairs, every pair is scored (all news articles); beyond it, only pairs sharing a
# two word bigrams that are not common in b (a reworded sentence at ratio >= 75 keeps most of its bigrams),
# so aligning two 200k-character articles is near-linear instead of millions of ratios.
ALL_PAIRS_LIMIT = 250_000
COMMON_BIGRAM_SENTENCES = 8  # a bigram in more of b's sentences than this is too common to block on
MIN_SHARED_BIGRAMS = 2


@dataclass
class Segment:
    """A matched stretch: char spans in a and b."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int


def verbatim_runs(a: Prepared, b: Prepared) -> list[Segment]:
    """Maximal identical word runs of at least SEED_WORDS words (greedy, longest first per position)."""
    an, bn = a.norms, b.norms
    runs: list[Segment] = []
    i = 0
    limit = len(an) - SEED_WORDS + 1
    while i < limit:
        positions = b.seeds.get(" ".join(an[i:i + SEED_WORDS]))
        if not positions:
            i += 1
            continue
        best_j, best_len = positions[0], 0
        for j in positions:
            n = SEED_WORDS
            while i + n < len(an) and j + n < len(bn) and an[i + n] == bn[j + n]:
                n += 1
            if n > best_len:
                best_j, best_len = j, n
        runs.append(Segment(a.tokens[i].start, a.tokens[i + best_len - 1].end,
                            b.tokens[best_j].start, b.tokens[best_j + best_len - 1].end))
        i += best_len
    return runs


def sentence_strings(p: Prepared) -> list[str]:
    """Each sentence as its normalised words joined by spaces ("" when too short to match)."""
    out = []
    for index in range(len(p.sentences)):
        words = p.sentence_words(index)
        out.append(" ".join(words) if len(words) >= REWORD_MIN_WORDS else "")
    return out


def reworded_sentences(a: Prepared, b: Prepared, a_strings: list[str], b_strings: list[str],
                       covered: list[Segment], threshold: float = REWORD_SCORE) -> list[Segment]:
    """Sentence pairs whose rapidfuzz ratio reaches the threshold, one-to-one, best first; pairs already
    covered by verbatim runs are skipped."""
    ai = [k for k, s in enumerate(a_strings) if s]
    bi = [k for k, s in enumerate(b_strings) if s]
    if not ai or not bi:
        return []
    pairs = _scored_pairs(ai, bi, a_strings, b_strings, threshold)
    pairs.sort(reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    a_cov = sorted((s.a_start, s.a_end) for s in covered)
    out = []
    for _, x, y in pairs:
        if x in used_a or y in used_b:
            continue
        used_a.add(x)
        used_b.add(y)
        (as_, ae), (bs, be) = a.sentences[x], b.sentences[y]
        if covered_fraction(as_, ae, a_cov) >= 0.8:
            continue
        out.append(Segment(as_, ae, bs, be))
    return out


def _scored_pairs(ai: list[int], bi: list[int], a_strings: list[str], b_strings: list[str],
                  threshold: float) -> list[tuple[float, int, int]]:
    """(ratio, a sentence, b sentence) for every pair at or above the threshold (blocked when many)."""
    if len(ai) * len(bi) <= ALL_PAIRS_LIMIT:
        scores = process.cdist([a_strings[k] for k in ai], [b_strings[k] for k in bi], scorer=fuzz.ratio,
                               score_cutoff=threshold, workers=1)
        return [(float(scores[x, y]), ai[x], bi[y]) for x, y in zip(*scores.nonzero(), strict=True)]
    postings: dict[tuple[str, str], list[int]] = {}
    for k in bi:
        for bigram in set(_bigrams(b_strings[k])):
            postings.setdefault(bigram, []).append(k)
    rare = {bigram: ys for bigram, ys in postings.items() if len(ys) <= COMMON_BIGRAM_SENTENCES}
    pairs = []
    for x in ai:
        shared = Counter(y for bigram in set(_bigrams(a_strings[x])) for y in rare.get(bigram, ()))
        for y in (y for y, n in shared.items() if n >= MIN_SHARED_BIGRAMS):
            score = fuzz.ratio(a_strings[x], b_strings[y], score_cutoff=threshold)
            if score:
                pairs.append((float(score), x, y))
    return pairs


def _bigrams(sentence: str) -> list[tuple[str, str]]:
    return list(pairwise(sentence.split()))


def merge_segments(segments: list[Segment]) -> list[Segment]:
    """Join segments that overlap or follow each other closely in both texts (a copied paragraph becomes
    one passage); a segment overlapping an earlier one in a but matching elsewhere in b is dropped."""
    merged: list[Segment] = []
    for seg in sorted(segments, key=lambda s: (s.a_start, s.b_start)):
        if merged:
            last = merged[-1]
            a_dist = max(seg.a_start - last.a_end, last.a_start - seg.a_end)
            b_dist = max(seg.b_start - last.b_end, last.b_start - seg.b_end)
            if a_dist <= MERGE_GAP_CHARS and b_dist <= MERGE_GAP_CHARS:
                merged[-1] = Segment(min(last.a_start, seg.a_start), max(last.a_end, seg.a_end),
                                     min(last.b_start, seg.b_start), max(last.b_end, seg.b_end))
                continue
            if seg.a_start < last.a_end:
                continue
        merged.append(seg)
    return merged


def describe(a: Prepared, b: Prepared, seg: Segment) -> dict[str, Any]:
    """A passage as reported: offsets in both, score, wording and kind."""
    a_norm = _norm_span(a, seg.a_start, seg.a_end)
    b_norm = _norm_span(b, seg.b_start, seg.b_end)
    wording = "verbatim" if a_norm == b_norm else "reworded"
    score = 1.0 if wording == "verbatim" else round(fuzz.ratio(a_norm, b_norm) / 100.0, 3)
    # Quoted on either side: one outlet may print a statement or a tweet without quotation marks.
    in_quotes = (covered_fraction(seg.a_start, seg.a_end, a.quotes) >= QUOTE_SHARE
                 or covered_fraction(seg.b_start, seg.b_end, b.quotes) >= QUOTE_SHARE)
    if in_quotes:
        in_quotes = min(a.narrative_words(seg.a_start, seg.a_end, a.quotes),
                        b.narrative_words(seg.b_start, seg.b_end, b.quotes)) < COPIED_FRAME_WORDS
    return {
        "a_start": seg.a_start, "a_end": seg.a_end, "b_start": seg.b_start, "b_end": seg.b_end,
        "kind": "shared_quote" if in_quotes else wording, "wording": wording, "score": score,
        "words": len(a_norm.split()),
        "excerpt": _excerpt(a.text[seg.a_start:seg.a_end]),
    }


def align(a: Prepared, b: Prepared, a_strings: list[str], b_strings: list[str],
          threshold: float = REWORD_SCORE) -> list[dict[str, Any]]:
    """Every matching passage between two articles, ordered by position in a."""
    runs = verbatim_runs(a, b)
    fuzzy = reworded_sentences(a, b, a_strings, b_strings, runs, threshold)
    return [describe(a, b, seg) for seg in merge_segments(runs + fuzzy)]


def coverage(passages: list[dict[str, Any]], side: str, total_chars: int) -> float:
    """Share of an article's text covered by the passages (side "a" or "b")."""
    spans = sorted((p[f"{side}_start"], p[f"{side}_end"]) for p in passages)
    covered, cursor = 0, 0
    for s, e in spans:
        s = max(s, cursor)
        if e > s:
            covered += e - s
            cursor = e
    return min(1.0, covered / total_chars) if total_chars else 0.0


def _norm_span(p: Prepared, start: int, end: int) -> str:
    return " ".join(p.span_norms(start, end))  # by bisection: a scan of every token per passage was quadratic


def _excerpt(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
