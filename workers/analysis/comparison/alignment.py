"""Which claims of different articles say the same thing: sentence embeddings to find candidates, then a
fitted scorer over meaning, words, entities, numbers and claimants, then one-claim-per-article clustering."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from workers.analysis.comparison.claims import Claim
from workers.analysis.comparison.neighbours import nearest_claim_pairs
from workers.analysis.comparison.scorer import ClaimScorer, score_many, word_rarity
from workers.analysis.union_find import UnionFind

NEIGHBOURS = 24  # nearest claims kept per claim (cosine), before scoring
MIN_COSINE = 0.35  # below this two sentences share no meaning worth scoring (unrelated pairs: 0.05-0.15)


@dataclass
class Link:
    """A scored pair of claims."""

    a: int
    b: int
    score: float
    features: dict[str, float]


@dataclass
class Embedded:
    """A unit vector per claim (its sentence) and per clause of each claim (rows of `parts`, owned by
    `part_owner`), the clauses pooled from the sentence's own model run."""

    sentences: np.ndarray
    parts: np.ndarray
    part_owner: list[int]


def embed(claims: list[Claim]) -> Embedded:
    """Sentence and clause vectors of every claim, from one model run per distinct sentence."""
    if not claims:
        return Embedded(np.zeros((0, 384), dtype=np.float32), np.zeros((0, 384), dtype=np.float32), [])
    from workers.analysis.embeddings import get_encoder

    sentences, parts = get_encoder().encode_with_parts([c.text for c in claims], [c.parts for c in claims])
    owners = [c.index for c in claims for _ in c.parts]
    stacked = np.vstack(parts) if owners else np.zeros((0, sentences.shape[1]), dtype=np.float32)
    return Embedded(sentences, stacked, owners)


def nearest_pairs(claims: list[Claim], vectors: np.ndarray, k: int = NEIGHBOURS) -> dict[tuple[int, int], float]:
    """Each claim's k most similar claims in other articles, as {(i, j): cosine} with i < j.

    The similarity is computed between distinct texts (copies are encoded, compared and ranked once).
    """
    return nearest_claim_pairs([c.text for c in claims], [c.article_id for c in claims], vectors, k, MIN_COSINE)


@dataclass
class Candidates:
    """Candidate pairs of claims with the cosine of their sentences and the best cosine of their parts
    (sentence or clause against sentence or clause)."""

    cosine: dict[tuple[int, int], float]
    part_cosine: dict[tuple[int, int], float]


def candidate_pairs(claims: list[Claim], embedded: Embedded) -> Candidates:
    """Pairs worth scoring: nearest sentences, and claims one of whose clauses (or sentence) is among the k
    nearest of a clause (or sentence) of the other — a long sentence may state, among other things, what
    another source says alone. Each pair keeps its sentences' cosine and its best part-to-part cosine."""
    vectors = embedded.sentences
    cosine = nearest_pairs(claims, vectors)
    parts = [(c.index, text) for c in claims for text in c.parts]
    if not parts:
        return Candidates(cosine, dict(cosine))
    owners = list(range(len(claims))) + embedded.part_owner
    texts = [c.text for c in claims] + [text for _, text in parts]
    rows = np.vstack([vectors, embedded.parts])
    best: dict[tuple[int, int], float] = {}
    for (r, q), value in nearest_claim_pairs(texts, [claims[o].article_id for o in owners], rows, NEIGHBOURS,
                                             MIN_COSINE).items():
        i, j = sorted((owners[r], owners[q]))
        if value > best.get((i, j), -1.0):
            best[(i, j)] = value
    for i, j in best:
        if (i, j) not in cosine:
            cosine[(i, j)] = float(vectors[i] @ vectors[j])
    return Candidates(cosine, {key: max(value, best.get(key, value)) for key, value in cosine.items()})


def score_pairs(claims: list[Claim], candidates: Candidates, scorer: ClaimScorer) -> list[Link]:
    """Every candidate pair scored (probability that the two claims state the same fact)."""
    return [Link(i, j, score, features) for i, j, score, features
            in score_many(claims, candidates.cosine, candidates.part_cosine, word_rarity(claims), scorer)]


def cluster(claims: list[Claim], links: list[Link], threshold: float, mutual_only: bool = True) -> list[list[int]]:
    """Claims grouped into facts: at most one claim per article in a fact, strongest links first.

    Only mutual best matches between two articles are joined (claim a's best partner in b's article is b,
    and the reverse), which keeps one sentence from pulling in every loosely related one (chaining).
    """
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for link in links:
        if link.score < threshold:
            continue
        for x, y in ((link.a, link.b), (link.b, link.a)):
            key = (x, claims[y].article_id)
            if key not in best or link.score > best[key][0]:
                best[key] = (link.score, y)
    mutual = [link for link in links if link.score >= threshold and (not mutual_only or (
              best.get((link.a, claims[link.b].article_id), (0, -1))[1] == link.b
              and best.get((link.b, claims[link.a].article_id), (0, -1))[1] == link.a))]
    mutual.sort(key=lambda link: -link.score)
    union = UnionFind()
    articles: dict[int, set[str]] = {}
    for claim in claims:
        union.find(claim.index)
        articles[claim.index] = {claim.article_id}
    for link in mutual:
        ra, rb = union.find(link.a), union.find(link.b)
        if ra == rb or articles[ra] & articles[rb]:
            continue
        root = union.union(ra, rb)
        articles[root] = articles[ra] | articles[rb]
    groups: dict[int, list[int]] = defaultdict(list)
    for claim in claims:
        groups[union.find(claim.index)].append(claim.index)
    return [sorted(g) for g in groups.values()]
