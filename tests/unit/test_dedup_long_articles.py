"""Sentence alignment between two long articles is blocked (near-linear) and still finds reworded sentences."""

from __future__ import annotations

import random
from typing import Any

from workers.analysis.dedup import align
from workers.analysis.dedup.core import deduplicate

REWORDED_A = "The regional governor told reporters on Monday that seven bridges had been closed to all traffic."
REWORDED_B = "The regional governor told journalists on Monday that seven bridges had been shut to all traffic."


def extraction(article_id: str, sentences: list[str]) -> dict[str, Any]:
    """A minimal extraction: text and sentence offsets."""
    offsets, pos = [], 0
    for sentence in sentences:
        offsets.append({"start": pos, "end": pos + len(sentence)})
        pos += len(sentence) + 1
    return {"article_id": article_id, "source": article_id, "text": " ".join(sentences), "sentences": offsets,
            "published_at": None, "quotes": [], "numeric_claims": [], "entities": []}


def filler(rng: random.Random, n: int) -> list[str]:
    """n distinct sentences of made-up words (nothing in common between two calls)."""
    return [" ".join(f"w{rng.randrange(10**9)}" for _ in range(12)) + "." for _ in range(n)]


def test_long_articles_take_the_blocked_path_and_keep_reworded_sentences() -> None:
    rng = random.Random(7)
    a = filler(rng, 600)
    b = filler(rng, 600)
    a.insert(300, REWORDED_A)
    b.insert(100, REWORDED_B)
    assert len(a) * len(b) > align.ALL_PAIRS_LIMIT
    result = deduplicate([extraction("a", a), extraction("b", b)])
    passages = [p for pair in result["reused_passages"] for p in pair["passages"]]
    assert any(p["wording"] == "reworded" and "seven bridges" in p["excerpt"] for p in passages), result
