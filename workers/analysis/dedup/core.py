"""In-job deduplication: exact and near duplicates (MinHash LSH candidates confirmed on the texts),
containment, reused passages, groups and independent groups."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from typing import Any, cast

from datasketch import MinHash

from workers.analysis.contract import Duplicates, ExtractionSlot
from workers.analysis.dedup.align import REWORD_SCORE, align, coverage, sentence_strings
from workers.analysis.dedup.content import content_cosine, content_counts
from workers.analysis.dedup.grouping import earlier_of, representative
from workers.analysis.dedup.prepare import Prepared, prepare
from workers.analysis.dedup.signatures import minhashes, new_lsh
from workers.analysis.union_find import UnionFind

NEAR_DUPLICATE_COVERAGE = 0.6  # both articles this much covered by matched passages
CONTAINMENT_COVERAGE = 0.6  # the shorter article this much covered
CANDIDATE_CONTAINMENT = 0.2  # shingle containment that makes a pair a containment candidate
MIN_SHARED_SHINGLES = 2  # pairs sharing fewer word 3-grams are not aligned at all
MIN_REUSED_WORDS = 12  # reused passages shorter than this are not reported (8 let through stock phrases)


def deduplicate(extractions: Sequence[ExtractionSlot], *, reword_threshold: float = REWORD_SCORE) -> Duplicates:
    """Stage 2 within one job (see docs/analysis-contract.md); "seen_before" is left empty here and
    filled by the stage from the client's corpus index. A failed article's slot reads as an empty text."""
    prepared = [prepare(e) for e in extractions]
    return deduplicate_prepared(prepared, minhashes([p.shingle_set for p in prepared]),
                                reword_threshold=reword_threshold)


def deduplicate_prepared(prepared: list[Prepared], sigs: list[MinHash], *,
                         reword_threshold: float = REWORD_SCORE) -> Duplicates:
    """deduplicate() on already prepared articles and their MinHashes (the stage reuses them for the index)."""
    by_id = {p.article_id: p for p in prepared}
    order = [p.article_id for p in prepared]

    exact_groups = _exact_groups(prepared)
    exact_pairs = {frozenset((g[0], other)) for g in exact_groups for other in g[1:]}

    lsh = new_lsh()
    for p, m in zip(prepared, sigs, strict=True):
        lsh.insert(p.article_id, m)
    lsh_pairs = {frozenset((p.article_id, c)) for p, m in zip(prepared, sigs, strict=True)
                 for c in lsh.query(m) if c != p.article_id}
    sig_by_id = dict(zip(order, sigs, strict=True))

    strings = {p.article_id: sentence_strings(p) for p in prepared}
    counts = {p.article_id: content_counts(p) for p in prepared}
    near: list[dict[str, Any]] = []
    reused: list[dict[str, Any]] = []
    for (ia, ib), shared in _shared_shingles(prepared).items():
        a, b = by_id[ia], by_id[ib]
        if frozenset((ia, ib)) in exact_pairs or shared < MIN_SHARED_SHINGLES:
            continue
        jaccard = shared / len(a.shingle_set | b.shingle_set)
        containment = shared / min(len(a.shingle_set), len(b.shingle_set))
        passages = align(a, b, strings[ia], strings[ib], reword_threshold)
        if not passages:
            continue
        cov_a, cov_b = coverage(passages, "a", a.chars), coverage(passages, "b", b.chars)
        similarity = {
            "minhash_jaccard": round(float(sig_by_id[ia].jaccard(sig_by_id[ib])), 3),
            "jaccard": round(jaccard, 3), "containment": round(containment, 3),
            "coverage_a": round(cov_a, 3), "coverage_b": round(cov_b, 3),
            "score": round((cov_a + cov_b) / 2, 3),
            "content_cosine": round(content_cosine(counts[ia], counts[ib]), 3),
        }
        lsh_candidate = frozenset((ia, ib)) in lsh_pairs
        relation = classify(cov_a, cov_b, lsh_candidate or containment >= CANDIDATE_CONTAINMENT)
        pair = {"a": ia, "b": ib, "relation": relation, "lsh_candidate": lsh_candidate,
                "similarity": similarity, "earlier": earlier_of(a, b)}
        if relation in ("near_duplicate", "containment"):
            near.append({**pair, "passages": passages})
            continue
        kept = [p for p in passages if p["words"] >= MIN_REUSED_WORDS]
        if kept:
            reused.append({**pair, "passages": kept,
                           "kinds": dict(Counter(p["kind"] for p in kept))})

    exact = [{"articles": g, "normalised_sha1": hashlib.sha1(by_id[g[0]].normalised.encode()).hexdigest()}
             for g in exact_groups]
    groups = _duplicate_groups(order, by_id, exact_groups, near)
    return cast(Duplicates, {
        "exact": exact,
        "near_duplicates": near,
        "groups": groups,
        "reused_passages": reused,
        "seen_before": [],
        "independent_groups": _independent_groups(order, exact_groups, near, reused),
        "params": {"shingle_words": 3, "num_perm": sigs[0].hashvalues.size if sigs else 0,
                   "reword_threshold": reword_threshold, "near_duplicate_coverage": NEAR_DUPLICATE_COVERAGE,
                   "containment_coverage": CONTAINMENT_COVERAGE},
    })


def classify(cov_a: float, cov_b: float, is_candidate: bool) -> str:
    """near_duplicate / containment / partial from the passage coverage of both articles."""
    if is_candidate and min(cov_a, cov_b) >= NEAR_DUPLICATE_COVERAGE:
        return "near_duplicate"
    if is_candidate and max(cov_a, cov_b) >= CONTAINMENT_COVERAGE:
        return "containment"
    return "partial"


def _exact_groups(prepared: list[Prepared]) -> list[list[str]]:
    by_text: dict[str, list[str]] = {}
    for p in prepared:
        if p.normalised:
            by_text.setdefault(p.normalised, []).append(p.article_id)
    return [ids for ids in by_text.values() if len(ids) > 1]


def _shared_shingles(prepared: list[Prepared]) -> dict[tuple[str, str], int]:
    """Shared word 3-gram counts for every pair sharing any (inverted index; jobs hold <= a few hundred), in
    job order: the index is built from sets, whose order changes with PYTHONHASHSEED."""
    postings: dict[str, list[str]] = {}
    for p in prepared:
        for s in p.shingle_set:
            postings.setdefault(s, []).append(p.article_id)
    counts: Counter[tuple[str, str]] = Counter()
    for ids in postings.values():
        if 1 < len(ids) <= 50:  # a 3-gram in 50+ articles of one job says nothing about copying
            counts.update(combinations(ids, 2))
    position = {p.article_id: i for i, p in enumerate(prepared)}
    return {pair: counts[pair] for pair in sorted(counts, key=lambda pair: (position[pair[0]], position[pair[1]]))}


def _duplicates_union(order: list[str], exact_groups: list[list[str]], near: list[dict[str, Any]]) -> UnionFind:
    """Articles joined by exact or near duplication."""
    uf = UnionFind(order)
    for g in exact_groups:
        for other in g[1:]:
            uf.union(g[0], other)
    for pair in near:
        uf.union(pair["a"], pair["b"])
    return uf


def _duplicate_groups(order: list[str], by_id: dict[str, Prepared], exact_groups: list[list[str]],
                      near: list[dict[str, Any]]) -> list[dict[str, Any]]:
    uf = _duplicates_union(order, exact_groups, near)
    groups: list[dict[str, Any]] = []
    for members in uf.sets(order):
        if len(members) < 2:
            continue
        rep, why = representative([by_id[m] for m in members])
        groups.append({"id": f"dup{len(groups) + 1}", "articles": members,
                       "representative": rep.article_id, "representative_reason": why})
    return groups


def _independent_groups(order: list[str], exact_groups: list[list[str]], near: list[dict[str, Any]],
                        reused: list[dict[str, Any]]) -> list[list[str]]:
    """Articles that are copies as wholes (exact, or near duplicates both mostly shared); a partition of the job.

    Containment and copied passages do not join whole articles: a round-up that quotes two wires would chain
    them into one source. The comparison stage counts such passages claim by claim instead."""
    del reused  # passages are judged claim by claim in the comparison stage
    return _duplicates_union(order, exact_groups, [p for p in near if p["relation"] == "near_duplicate"]).sets(order)
