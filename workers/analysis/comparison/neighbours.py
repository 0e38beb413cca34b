"""Nearest claims by cosine, computed over distinct sentence texts: wire copies repeat sentences word for word,
so the similarity matrix and its top-k are taken between distinct texts, then expanded to claims."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

BLOCK_ROWS = 1024  # rows of the similarity matrix computed at once (memory: BLOCK_ROWS x distinct texts floats)


def nearest_claim_pairs(texts: Sequence[str], articles: Sequence[str], vectors: np.ndarray, k: int,
                        min_cosine: float) -> dict[tuple[int, int], float]:
    """Each claim's k most similar claims in other articles (cosine >= min_cosine), as {(i, j): cosine}, i < j.

    Exact for the claim-level top k (ties between equal cosines aside): a distinct text is only useless to a
    claim when all its claims are in the claim's own article, which at most `texts in that article` distinct
    texts can be, so the top (k + most distinct texts in one article) distinct texts always hold the claim's k.
    """
    n = len(texts)
    pairs: dict[tuple[int, int], float] = {}
    if n < 2:
        return pairs
    row_of: dict[str, int] = {}
    text_id = np.array([row_of.setdefault(t, len(row_of)) for t in texts])
    first_claim = np.unique(text_id, return_index=True)[1]
    unique = vectors[first_claim]  # one vector per distinct text (copies have the same vector)
    claims_of: list[list[int]] = [[] for _ in range(len(unique))]
    for i, t in enumerate(text_id.tolist()):
        claims_of[t].append(i)
    per_article: dict[str, set[int]] = {}
    for article, t in zip(articles, text_id.tolist(), strict=True):
        per_article.setdefault(article, set()).add(t)
    k = min(k, n - 1)
    width = min(len(unique), k + max(len(s) for s in per_article.values()))
    for first in range(0, len(unique), BLOCK_ROWS):
        block = unique[first:first + BLOCK_ROWS] @ unique.T
        if width < len(unique):
            top = np.argpartition(-block, width - 1, axis=1)[:, :width]
        else:
            top = np.broadcast_to(np.arange(len(unique)), block.shape)
        scores = np.take_along_axis(block, top, axis=1)
        order = np.argsort(-scores, axis=1, kind="stable")
        top, scores = np.take_along_axis(top, order, axis=1), np.take_along_axis(scores, order, axis=1)
        for r in range(block.shape[0]):
            candidates = [(int(v), float(c)) for v, c in zip(top[r], scores[r], strict=True) if c >= min_cosine]
            for i in claims_of[first + r]:
                _take(i, articles, candidates, claims_of, k, pairs)
    return pairs


def _take(i: int, articles: Sequence[str], candidates: list[tuple[int, float]], claims_of: list[list[int]],
          k: int, pairs: dict[tuple[int, int], float]) -> None:
    """Add claim i's k best partners in other articles (candidates: distinct texts, best first)."""
    taken = 0
    own = articles[i]
    for v, cosine in candidates:
        for j in claims_of[v]:
            if articles[j] == own:
                continue
            pairs[(i, j) if i < j else (j, i)] = cosine
            taken += 1
            if taken >= k:
                return
