"""Lexical similarity of two statements as the fact alignment uses it, and grouping statements by it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from workers.analysis.comparison.independence import UnionFind
from workers.analysis.comparison.lexicon import content_words


def context_string(text: str) -> str:
    """The sorted unique content words of a text (singular, no stopwords, no numbers)."""
    return " ".join(sorted(set(content_words(text))))


def context_similarity(a: str, b: str) -> float:
    """Similarity (0..1) of two context strings: rapidfuzz token-set ratio, robust to one side saying more."""
    return fuzz.token_set_ratio(a, b) / 100.0


def text_similarity(a: str, b: str) -> float:
    """Similarity (0..1) of two raw statements, compared on their content words."""
    return context_similarity(context_string(a), context_string(b))


def group_by_similarity(items: Sequence[str], threshold: float,
                        similarity: Callable[[int, int], float] | None = None) -> list[int]:
    """A group label per item: items joined when their similarity reaches the threshold (single link)."""
    contexts = [context_string(t) for t in items]
    score = similarity or (lambda i, j: context_similarity(contexts[i], contexts[j]))
    union = UnionFind()
    for i in range(len(items)):
        union.find(i)
        for j in range(i):
            if score(i, j) >= threshold:
                union.union(i, j)
    roots: dict[int, int] = {}
    return [roots.setdefault(union.find(i), len(roots)) for i in range(len(items))]
