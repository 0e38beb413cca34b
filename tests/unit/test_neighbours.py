"""Nearest claims over distinct texts: the same pairs as ranking every claim against every other."""

from __future__ import annotations

import numpy as np
import pytest

from workers.analysis.comparison.neighbours import nearest_claim_pairs


def _brute_force(texts: list[str], articles: list[str], vectors: np.ndarray, k: int,
                 min_cosine: float) -> dict[tuple[int, int], float]:
    sims = vectors @ vectors.T
    pairs: dict[tuple[int, int], float] = {}
    for i in range(len(texts)):
        others = [j for j in range(len(texts)) if articles[j] != articles[i]]
        for j in sorted(others, key=lambda j: -sims[i, j])[:k]:
            if sims[i, j] >= min_cosine:
                pairs[(min(i, j), max(i, j))] = float(sims[i, j])
    return pairs


def test_distinct_texts_give_the_claim_level_neighbours() -> None:
    rng = np.random.default_rng(3)
    base = rng.normal(size=(30, 16)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    # Six articles of five sentences; articles 3-5 copy articles 0-2 word for word (wire copies), and
    # article 0 repeats one of its own sentences.
    texts, articles = [], []
    for a in range(6):
        for s in range(5):
            texts.append(f"t{(a % 3) * 5 + s if (a, s) != (0, 4) else 0}")
            articles.append(f"a{a}")
    rows = [int(t[1:]) for t in texts]
    vectors = base[rows]
    got = nearest_claim_pairs(texts, articles, vectors, k=4, min_cosine=-1.0)
    want = _brute_force(texts, articles, vectors, k=4, min_cosine=-1.0)
    # Copies tie at one cosine, so which copy fills the k-th place may differ: compare cosines per claim.
    for i in range(len(texts)):
        mine = sorted((c for (a, b), c in got.items() if i in (a, b)), reverse=True)[:4]
        theirs = sorted((c for (a, b), c in want.items() if i in (a, b)), reverse=True)[:4]
        assert np.allclose(mine, theirs, atol=1e-5)
    assert all(articles[a] != articles[b] for a, b in got)


def test_pairs_below_the_cosine_floor_are_dropped() -> None:
    vectors = np.eye(3, dtype=np.float32)
    assert nearest_claim_pairs(["x", "y", "z"], ["a", "b", "c"], vectors, k=2, min_cosine=0.5) == {}
    same = np.ones((2, 3), dtype=np.float32) / np.sqrt(3)
    copies = nearest_claim_pairs(["x", "x"], ["a", "b"], same, k=2, min_cosine=0.5)
    assert list(copies) == [(0, 1)] and np.isclose(copies[(0, 1)], 1.0)


@pytest.mark.parametrize("min_cosine", [-1.0, 0.25, 0.5])
@pytest.mark.parametrize("copied_share", [0.0, 0.3, 0.7])
def test_the_same_neighbours_with_few_or_many_copied_texts(copied_share: float, min_cosine: float) -> None:
    """Rows of a text found in one article only and rows of a text copied into several are searched
    differently (masked and narrow, or wide), and rows with few columns above the cosine floor are ranked
    from those columns alone, rows with many by a partial sort: each way gives the brute-force neighbours."""
    rng = np.random.default_rng(7)
    texts, articles, rows = [], [], []
    own: dict[str, np.ndarray] = {}
    for article in range(12):
        for sentence in range(int(rng.integers(5, 30))):
            if own and rng.random() < copied_share:
                text = str(rng.choice(sorted(own)))
            else:
                text = f"{article}-{sentence}"
                own[text] = rng.normal(size=16)
            texts.append(text)
            articles.append(f"a{article}")
            rows.append(own[text])
    vectors = np.array(rows, dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    got = nearest_claim_pairs(texts, articles, vectors, k=5, min_cosine=min_cosine)
    want = _brute_force(texts, articles, vectors, k=5, min_cosine=min_cosine)
    assert set(got) == set(want) or min_cosine == -1.0  # with no floor, copies tie for the k-th place
    for i in range(len(texts)):  # copies tie at one cosine: compare each claim's best cosines
        mine = sorted((c for (a, b), c in got.items() if i in (a, b)), reverse=True)[:5]
        theirs = sorted((c for (a, b), c in want.items() if i in (a, b)), reverse=True)[:5]
        assert np.allclose(mine, theirs, atol=1e-5)
    assert all(articles[a] != articles[b] for a, b in got)


def test_best_first_is_lexsort_by_row_then_best_value_then_column() -> None:
    from workers.analysis.comparison.neighbours import best_first

    rng = np.random.default_rng(5)
    # values drawn from a few levels so that ties are common; both signs, and a -0.0 beside 0.0
    grid = rng.choice(np.array([-0.5, -0.0, 0.0, 0.25, 0.5, 0.9], dtype=np.float32), size=(40, 30))
    rows, cols = np.divmod(np.flatnonzero(np.ones_like(grid, dtype=bool)), grid.shape[1])
    values = grid.ravel()
    expected = np.lexsort((cols, -values, rows))
    assert (best_first(rows, cols, values) == expected).all()
    assert (best_first(rows, cols, values.astype(np.float64)) == expected).all()
