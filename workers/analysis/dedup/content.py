"""Same-story similarity (not copying): cosine of content-word counts."""

from __future__ import annotations

import math
from collections import Counter

from workers.analysis.dedup.prepare import Prepared
from workers.analysis.tokens import spacy_stopwords


def content_counts(p: Prepared) -> Counter[str]:
    """Counts of the article's content words (no stop words, digits or words under 3 letters)."""
    stop = spacy_stopwords()
    return Counter(w for w in p.norms if len(w) > 2 and not w.isdigit() and w not in stop)


def content_cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine of two content-word count vectors (0..1)."""
    dot = sum(n * b[w] for w, n in a.items() if w in b)
    norm = math.sqrt(sum(n * n for n in a.values()) * sum(n * n for n in b.values()))
    return dot / norm if norm else 0.0
