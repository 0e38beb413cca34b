"""Nearest claims by cosine, computed over distinct sentence texts: wire copies repeat sentences word for word,
so the similarity matrix and its top-k are taken between distinct texts, then expanded to claims."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

BLOCK_ROWS = 1024  # rows of the similarity matrix computed at once (memory: BLOCK_ROWS x distinct texts floats)
# A row with at most this many times its width of columns above the cosine floor is ranked from those columns
# alone; a row with more gets a partial sort of the whole row (cheaper once most columns qualify).
SPARSE_FACTOR = 8


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
    articles_of: list[set[str]] = [set() for _ in range(len(unique))]
    for article, t in zip(articles, text_id.tolist(), strict=True):
        articles_of[t].add(article)
    # Texts found in one article only: a row whose text is in article A alone can never pair with them, so
    # they are masked out of its row and its k best columns are enough (each holds a claim outside A).
    only_in: dict[str, list[int]] = {}
    for t, owners in enumerate(articles_of):
        if len(owners) == 1:
            only_in.setdefault(next(iter(owners)), []).append(t)
    masks = {article: np.array(cols) for article, cols in only_in.items()}
    k = min(k, n - 1)
    narrow = min(len(unique), k)
    # Rows of texts copied into several articles keep a wider search: for a claim in article A, only the
    # texts found in A alone are useless, so k + (most such texts of one article) columns hold its k.
    wide = min(len(unique), k + max((len(cols) for cols in only_in.values()), default=0))
    for first in range(0, len(unique), BLOCK_ROWS):
        block = unique[first:first + BLOCK_ROWS] @ unique.T
        lone = np.array([len(articles_of[first + r]) == 1 for r in range(block.shape[0])])
        for r in np.flatnonzero(lone).tolist():
            block[r, masks[next(iter(articles_of[first + r]))]] = -np.inf
        widths = np.where(lone, narrow, wide)
        above = block >= min_cosine
        counts = np.count_nonzero(above, axis=1)
        # Rows with few columns above the floor (the usual case: most sentences share little with most
        # others) take those columns directly; a partial sort costs the whole row for every row and was most
        # of this function's time (13 of 21 s at 1,000 articles, bench/compare.py).
        sparse = counts <= SPARSE_FACTOR * widths
        # (when every row is sparse, as most blocks are, the mask is `above` itself: one pass less over it)
        ranked = _ranked_sparse(block, above if sparse.all() else above & sparse[:, None], widths)
        for rows in (np.flatnonzero(~sparse & lone), np.flatnonzero(~sparse & ~lone)):
            if len(rows):
                ranked.update(_ranked_dense(block, rows, int(widths[rows[0]])))
        for r, (top, scores) in ranked.items():
            candidates = [(v, c) for v, c in zip(top, scores, strict=True) if c >= min_cosine]
            for i in claims_of[first + r]:
                _take(i, articles, candidates, claims_of, k, pairs)
    return pairs


def _ranked_sparse(block: np.ndarray, keep: np.ndarray, widths: np.ndarray
                   ) -> dict[int, tuple[list[int], list[float]]]:
    """For each row with a kept column: its kept columns, best first, at most its width of them."""
    flat = np.flatnonzero(keep)  # row by row, columns ascending (three times faster than a 2-D nonzero)
    if not len(flat):
        return {}
    rows, cols = np.divmod(flat, keep.shape[1])
    values = block.ravel()[flat]
    order = best_first(rows, cols, values)
    rows, cols, values = rows[order], cols[order], values[order]
    ranks = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
    within = ranks < widths[rows]
    rows, cols, values = rows[within], cols[within], values[within]
    bounds = np.flatnonzero(np.diff(rows)) + 1
    out: dict[int, tuple[list[int], list[float]]] = {}
    for r, c, v in zip(np.split(rows, bounds), np.split(cols, bounds), np.split(values, bounds), strict=True):
        out[int(r[0])] = (c.tolist(), v.tolist())
    return out


def best_first(rows: np.ndarray, cols: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The order that sorts entries by row, then best value, then column: np.lexsort((cols, -values, rows)).
    For float32 values, entries given row by row with columns ascending (as np.flatnonzero gives them) are
    sorted by one stable argsort of a 64-bit key instead, the row above the value's bits mapped to an
    order-preserving integer (several times faster than lexsort's three passes; -0.0 counts as 0.0, as for
    lexsort; NaN is never kept: it is below no floor)."""
    if values.dtype != np.float32:
        return np.lexsort((cols, -values, rows))
    bits = (values + np.float32(0.0)).view(np.int32).astype(np.int64)  # + 0.0 turns -0.0 into 0.0
    ordered = np.where(bits >= 0, bits, bits ^ 0x7FFFFFFF)  # increasing with the value, sign included
    return np.argsort((rows.astype(np.int64) << 32) + (0x7FFFFFFF - ordered), kind="stable")


def _ranked_dense(block: np.ndarray, rows: np.ndarray, width: int) -> dict[int, tuple[list[int], list[float]]]:
    """For each of the rows: its `width` best columns, best first (a partial sort of the whole row)."""
    sub = block[rows]
    if width < sub.shape[1]:
        top = np.argpartition(-sub, width - 1, axis=1)[:, :width]
    else:
        top = np.broadcast_to(np.arange(sub.shape[1]), sub.shape)
    scores = np.take_along_axis(sub, top, axis=1)
    order = np.lexsort((top, -scores), axis=1)
    top, scores = np.take_along_axis(top, order, axis=1), np.take_along_axis(scores, order, axis=1)
    return {int(r): (t.tolist(), c.tolist()) for r, t, c in zip(rows.tolist(), top, scores, strict=True)}


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
