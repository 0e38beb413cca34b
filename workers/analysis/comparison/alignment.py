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
BLOCK_ROWS = 1024  # rows of the similarity matrix computed at once (memory: BLOCK_ROWS x claims floats)
MIN_COSINE = 0.35  # below this two sentences share no meaning worth scoring (unrelated pairs: 0.05-0.15)


@dataclass
class Link:
    """A scored pair of claims."""

    a: int
    b: int
    score: float
    features: dict[str, float]


def embed(claims: list[Claim]) -> np.ndarray:
    """One unit vector per claim (identical sentences, as in wire copies, are encoded once)."""
    from workers.analysis.embeddings import get_encoder

    if not claims:
        return np.zeros((0, 384), dtype=np.float32)
    unique: dict[str, int] = {}
    rows = [unique.setdefault(c.text, len(unique)) for c in claims]
    vectors = get_encoder().encode(list(unique))
    return np.asarray(vectors, dtype=np.float32)[rows]


def embed_parts(claims: list[Claim]) -> tuple[np.ndarray, np.ndarray]:
    """One unit vector per clause of every claim, and the claim each row belongs to."""
    owners = [c.index for c in claims for _ in c.parts]
    if not owners:
        return np.zeros((0, 384), dtype=np.float32), np.zeros(0, dtype=np.int64)
    from workers.analysis.embeddings import get_encoder

    texts = [text for c in claims for text in c.parts]
    unique: dict[str, int] = {}
    rows = [unique.setdefault(t, len(unique)) for t in texts]
    vectors = np.asarray(get_encoder().encode(list(unique)), dtype=np.float32)[rows]
    return vectors, np.asarray(owners, dtype=np.int64)


def nearest_pairs(claims: list[Claim], vectors: np.ndarray, k: int = NEIGHBOURS,
                  owners: np.ndarray | None = None) -> dict[tuple[int, int], float]:
    """Each claim's k most similar claims in other articles, as {(i, j): cosine} with i < j.

    With `owners`, the rows of `vectors` are parts of claims (owners[r] is row r's claim) and a pair's value
    is the best cosine between any part of one and any part of the other. The similarity matrix is computed
    in row blocks (BLAS), so memory stays at BLOCK_ROWS x rows.
    """
    if owners is None:  # sentences: similarity between distinct texts (copies compared and ranked once)
        return nearest_claim_pairs([c.text for c in claims], [c.article_id for c in claims], vectors, k,
                                   MIN_COSINE)
    n = len(vectors)
    owner = owners
    pairs: dict[tuple[int, int], float] = {}
    if n < 2:
        return pairs
    articles = np.array([hash(claims[int(o)].article_id) for o in owner])
    k = min(k, n - 1)
    for first in range(0, n, BLOCK_ROWS):
        block = vectors[first:first + BLOCK_ROWS] @ vectors.T
        rows = np.arange(first, min(first + BLOCK_ROWS, n))
        block[articles[rows][:, None] == articles[None, :]] = -1.0  # same article: not a pair
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        for r, row in enumerate(rows):
            for col in top[r]:
                cosine = float(block[r, col])
                if cosine >= MIN_COSINE:
                    i, j = int(owner[row]), int(owner[col])
                    key = (i, j) if i < j else (j, i)
                    if cosine > pairs.get(key, -1.0):
                        pairs[key] = cosine
    return pairs


@dataclass
class Candidates:
    """Candidate pairs of claims with the cosine of their sentences and the best cosine of their parts
    (sentence or clause against sentence or clause)."""

    cosine: dict[tuple[int, int], float]
    part_cosine: dict[tuple[int, int], float]


def candidate_pairs(claims: list[Claim], vectors: np.ndarray) -> Candidates:
    """Pairs worth scoring: nearest sentences, and sentences one of whose clauses is near a clause (or the
    sentence) of the other — a long sentence may state, among other things, what another source says alone."""
    cosine = nearest_pairs(claims, vectors)
    part_vectors, owners = embed_parts(claims)
    if not len(owners):
        return Candidates(cosine, dict(cosine))
    rows = np.vstack([vectors, part_vectors])
    row_owners = np.concatenate([np.arange(len(claims)), owners])
    part = nearest_pairs(claims, rows, owners=row_owners)
    for i, j in part:
        if (i, j) not in cosine:
            cosine[(i, j)] = float(vectors[i] @ vectors[j])
    return Candidates(cosine, {key: max(value, part.get(key, value)) for key, value in cosine.items()})


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
