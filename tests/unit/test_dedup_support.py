"""Helpers for the dedup tests (no tests here): extractions built from plain text, perturbations."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from eval.dedup_data import change_words
from workers.analysis.dedup.text import split_sentences

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))


def extraction(article_id: str, text: str, source: str = "example.com",
               published_at: str | None = None, quotes: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A minimal Stage 1 extraction: clean text and sentence offsets from the fallback splitter."""
    return {"article_id": article_id, "source": source, "text": text, "published_at": published_at,
            "sentences": split_sentences(text), "quotes": quotes or [], "stats": {"chars": len(text)}}


def seed_extractions() -> list[dict[str, Any]]:
    """The five sample articles as extractions, ids 000..004."""
    return [extraction(p.name[:3], p.read_text(encoding="utf-8"), source=p.name) for p in SEEDS]


def perturb(text: str, rate: float, rng: random.Random) -> str:
    """Change about `rate` of the words (drop, replace or insert one), keeping line breaks."""
    return change_words(text, rate, rng)
