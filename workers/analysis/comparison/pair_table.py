"""The claim scorer's features for every candidate pair of a job at once: the one implementation of them
(scorer.side_features is one row of it, which `make fit` reads).

A job of 1,000 articles has hundreds of thousands of distinct pairs, and most features are comparisons of
per-claim values (lengths, claimant, predicate, time) that numpy takes for all pairs in one operation. What stays
per pair in Python is what needs the two claims' sets: the shared words (their rarities summed exactly, whatever
order the set yields them in), the shared entities, and the rarer features only pairs where both claims have
numbers, measures, dates or labelled entities can have. A row of a batch is that pair's features alone, bit for
bit (tests/unit/test_compare_pair_table.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, ItemsView, Iterator, Mapping, Sequence
from itertools import repeat
from math import fsum
from typing import TYPE_CHECKING

import numpy as np

from workers.analysis.comparison.scorer import (
    FEATURE_KEYS,
    ClaimScorer,
    Side,
    amounts_agree,
    date_counts,
    entity_clash,
    quantity_pairs,
    side_of,
)

if TYPE_CHECKING:
    from workers.analysis.comparison.alignment import Candidates
    from workers.analysis.comparison.claims import Claim

Beyond = tuple[float, float] | None


def _codes(values: Sequence[object]) -> np.ndarray:
    """One integer per value, equal values equal codes."""
    seen: dict[object, int] = {}
    return np.array([seen.setdefault(v, len(seen)) for v in values], dtype=np.int64)


def _numbers(a: Side, b: Side) -> tuple[float, float, float]:
    """numbers_agree, numbers_disagree, numbers_unmatched of two sides that both state quantities."""
    pairs = quantity_pairs(a, b)
    return (1.0 if any(ok for _, _, ok in pairs) else 0.0, 1.0 if any(not ok for _, _, ok in pairs) else 0.0,
            0.0 if pairs else 1.0)


def _dates_rarity(a: Side, b: Side, dates: Counter[str]) -> float:
    """dates_shared_rarity of two sides that both name dates."""
    return max((1.0 / dates[d] for d in a.dates & b.dates if dates.get(d)), default=0.0)


def _sparse_column(n: int, rows: list[int], values: list[float]) -> list[float]:
    """A column of n zeros (0.0) with `values` at `rows`."""
    column = [0.0] * n
    for row, value in zip(rows, values, strict=True):
        column[row] = value
    return column


def _both(flags: np.ndarray, left: np.ndarray, right: np.ndarray) -> list[int]:
    """Rows whose two sides both have the flag."""
    return np.flatnonzero(flags[left] & flags[right]).tolist()


def feature_columns(sides: list[Side], left: list[int], right: list[int], cosine: list[float], part: list[float],
                    beyond: list[Beyond], rarity: dict[str, float], dates: Counter[str]) -> dict[str, list[float]]:
    """The features of every pair r of sides[left[r]] and sides[right[r]] (with its cosine, part cosine and
    cosines beyond the event, the raw ones when None), as one list per feature (FEATURE_KEYS)."""
    n = len(left)
    li, ri = np.array(left, dtype=np.int64), np.array(right, dtype=np.int64)
    words = [s.words for s in sides]
    shared_words = [words[a] & words[b] for a, b in zip(left, right, strict=True)]
    n_shared = np.fromiter(map(len, shared_words), dtype=np.int64, count=n)
    n_words = np.array([len(w) for w in words], dtype=np.int64)
    union = n_words[li] + n_words[ri] - n_shared
    lexical = np.where(n_shared > 0, n_shared / np.maximum(union, 1), 0.0)
    get = rarity.get
    # fsum: exactly rounded whatever the order a set yields its words in (that order follows the process's
    # hash seed, so a plain sum could differ in its last bits between two workers given the same job)
    shared_rarity = [fsum(map(get, s, repeat(0.0))) for s in shared_words] if rarity else [0.0] * n
    entities = [s.entities for s in sides]
    shared = np.array([len(entities[a] & entities[b]) for a, b in zip(left, right, strict=True)], dtype=np.int64)
    n_entities = np.array([len(e) for e in entities], dtype=np.int64)
    entities_shared = np.where(shared > 0, shared / np.maximum(np.minimum(n_entities[li], n_entities[ri]), 1), 0.0)
    numbers = _numbers_columns(sides, li, ri, left, right, n)
    identity = _codes([s.claimant_identity for s in sides])
    named = np.array([s.claimant_kind != "outlet" for s in sides])
    kind_named = np.array([s.claimant_kind == "named" for s in sides])
    same_identity = identity[li] == identity[ri]
    predicate = np.where(np.array([bool(s.predicate) for s in sides]), _codes([s.predicate for s in sides]), -1)
    context = np.array([s.context for s in sides])
    return {
        "cosine": cosine,
        "part_cosine": part,
        "cosine_beyond": [c if b is None else b[0] for c, b in zip(cosine, beyond, strict=True)],
        "part_beyond": [p if b is None else b[1] for p, b in zip(part, beyond, strict=True)],
        "lexical": lexical.tolist(),
        "shared_rarity": shared_rarity,
        "entities_shared": entities_shared.tolist(),
        "entity_clash": _pair_column(sides, li, ri, np.array([bool(s.by_label) for s in sides]), entity_clash, n),
        **numbers,
        "same_claimant": (named[li] & same_identity).astype(np.float64).tolist(),
        "claimant_clash": (kind_named[li] & kind_named[ri] & ~same_identity).astype(np.float64).tolist(),
        "same_predicate": ((predicate[li] >= 0) & (predicate[li] == predicate[ri])).astype(np.float64).tolist(),
        "context_mismatch": (context[li] != context[ri]).astype(np.float64).tolist(),
        "amounts_agree": _pair_column(sides, li, ri, np.array([bool(s.measures) for s in sides]), amounts_agree, n),
        "dates_shared_rarity": _pair_column(sides, li, ri, np.array([bool(s.dates) for s in sides]),
                                            lambda a, b: _dates_rarity(a, b, dates), n) if dates else [0.0] * n,
    }


def _pair_column(sides: list[Side], li: np.ndarray, ri: np.ndarray, flags: np.ndarray,
                 feature: Callable[[Side, Side], float], n: int) -> list[float]:
    """A feature that is 0.0 unless both sides have the flag, worked out in Python for those rows only."""
    rows = _both(flags, li, ri)
    return _sparse_column(n, rows, [feature(sides[li[r]], sides[ri[r]]) for r in rows])


def _numbers_columns(sides: list[Side], li: np.ndarray, ri: np.ndarray, left: list[int], right: list[int],
                     n: int) -> dict[str, list[float]]:
    """numbers_agree, numbers_disagree and numbers_unmatched (0.0 unless both sides state quantities)."""
    rows = _both(np.array([bool(s.quantities) for s in sides]), li, ri)
    values = [_numbers(sides[left[r]], sides[right[r]]) for r in rows]
    return {name: _sparse_column(n, rows, [v[k] for v in values])
            for k, name in enumerate(("numbers_agree", "numbers_disagree", "numbers_unmatched"))}


_POSITION = {key: k for k, key in enumerate(FEATURE_KEYS)}


class FeatureRow(Mapping[str, float]):
    """One pair's features, read-only: side_features' keys (in its order) and values, over one tuple. A
    1,000-article job scores hundreds of thousands of distinct pairs and shows the features of the few
    thousand links its facts hold, so no dict is built per pair."""

    __slots__ = ("numbers",)

    def __init__(self, numbers: tuple[float, ...]) -> None:
        """`numbers`: one value per FEATURE_KEYS, in its order."""
        self.numbers = numbers

    def __getitem__(self, key: str) -> float:
        """The value of one feature."""
        return self.numbers[_POSITION[key]]

    def __iter__(self) -> Iterator[str]:
        """The feature names, in side_features' order."""
        return iter(FEATURE_KEYS)

    def __len__(self) -> int:
        """How many features a row holds."""
        return len(FEATURE_KEYS)

    def items(self) -> ItemsView[str, float]:
        """(name, value) in side_features' order, zipped in C rather than looked up one by one."""
        return _RowItems(self)


class _RowItems(ItemsView[str, float]):
    """A FeatureRow's items."""

    def __init__(self, row: FeatureRow) -> None:
        """The items of `row`."""
        super().__init__(row)
        self.row = row

    def __iter__(self) -> Iterator[tuple[str, float]]:
        """(name, value) pairs."""
        return zip(FEATURE_KEYS, self.row.numbers, strict=True)


def feature_rows(columns: dict[str, list[float]]) -> list[FeatureRow]:
    """The columns as one FeatureRow per row."""
    return list(map(FeatureRow, zip(*(columns[k] for k in FEATURE_KEYS), strict=True)))


def feature_matrix(columns: dict[str, list[float]], names: list[str], n: int) -> np.ndarray:
    """The columns the scorer weighs, in its weights' order, as one C-ordered float64 matrix (features without
    a column count 0, as ClaimScorer.probabilities counts them)."""
    matrix = np.zeros((n, len(names)), dtype=np.float64)
    for k, name in enumerate(names):
        if name in columns:
            matrix[:, k] = columns[name]
    return matrix


def score_many(claims: list[Claim], candidates: Candidates, rarity: dict[str, float],
               scorer: ClaimScorer) -> list[tuple[int, int, float, FeatureRow]]:
    """(i, j, P(same fact), features) for every candidate pair; pairs of identical claims (wire copies) are
    computed once, each claim is read once (side_of), the features come column by column (feature_columns)
    and the probabilities from one product."""
    key_id: dict[Side, int] = {}
    keys = [key_id.setdefault(side_of(claim), len(key_id)) for claim in claims]
    pairs = list(candidates.cosine)
    cosines = list(candidates.cosine.values())
    part_of, beyond_of = candidates.part_cosine.get, candidates.beyond.get
    # a pair's row: its two sides and cosines (the first pair with them numbers the row, as side_features
    # would have met it)
    memos = zip([keys[i] for i, _ in pairs], [keys[j] for _, j in pairs], cosines,
                [part_of(pair, cosine) for pair, cosine in zip(pairs, cosines, strict=True)],
                [beyond_of(pair) for pair in pairs], strict=True)
    row_of: dict[tuple[int, int, float, float, Beyond], int] = {}
    rows = [row_of.setdefault(memo, len(row_of)) for memo in memos]
    if not row_of:
        return []
    left, right, distinct_cosines, parts, beyonds = (list(column) for column in zip(*row_of, strict=True))
    columns = feature_columns(list(key_id), left, right, distinct_cosines, parts, beyonds, rarity,
                              date_counts(claims))
    probabilities = scorer.matrix_probabilities(feature_matrix(columns, list(scorer.weights), len(left))).tolist()
    features = feature_rows(columns)
    # shared between copies' pairs: links never change features
    return [(i, j, probabilities[row], features[row]) for (i, j), row in zip(pairs, rows, strict=True)]
