"""Do two short texts (claims, sentences, answers) say the same thing? A logistic pair scorer.

Features: the sentence-embedding cosine (computed by the caller, usually with `workers.analysis.embeddings`),
content-word overlap (the project's one normaliser, `lexicon.content_words`), number agreement (numbers in both
and equal, in both and different, else neither), and shared capitalised names. The weights are not chosen by
hand: `eval/fit_pair_scorer.py` fits them on public data with a split held out and writes
`pair_scorer.json` next to this module, provenance included (data, split, date, held-out figures).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from text_to_num import alpha2digit

from workers.analysis.tokens import STOPWORDS, WORD, content_words, singular

WEIGHTS_PATH = Path(__file__).with_name("pair_scorer.json")
# Digits, with thousands separators and decimals; not inside a word or code ("G20", "3D", "COVID-19", "9/11").
NUMBER = re.compile(r"(?<![\w./])(?<![A-Za-z]-)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w/]|[.,]\d)")
FEATURES = ("cosine", "word_overlap", "numbers_equal", "numbers_differ", "names_shared", "names_disjoint")


@lru_cache(maxsize=65536)
def text_numbers(text: str) -> frozenset[float]:
    """The numbers a text states, digits or words ("six" -> 6.0, "1,500" -> 1500.0, "2.5" -> 2.5)."""
    return frozenset(float(match.replace(",", "")) for match in NUMBER.findall(alpha2digit(text, "en")))


@lru_cache(maxsize=65536)
def text_names(text: str) -> frozenset[str]:
    """Capitalised words that are not the text's first word and not stopwords ("Kiev", "Delta")."""
    return frozenset(_name_key(t) for t in WORD.findall(text)[1:] if t[0].isupper() and t.lower() not in STOPWORDS)


def _first_word_name(text: str) -> str | None:
    """The first word as a name candidate (a capital there may only mark the sentence start)."""
    tokens = WORD.findall(text)
    return _name_key(tokens[0]) if tokens and tokens[0][0].isupper() and tokens[0].lower() not in STOPWORDS else None


def _name_key(token: str) -> str:
    return singular(token.removesuffix("'s").removesuffix("’s"))


def _pair_names(text: str, other: str) -> frozenset[str]:
    """A text's names; its first word counts when the other text has it as a name."""
    names, first, other_names = text_names(text), _first_word_name(text), text_names(other)
    return names | {first} if first is not None and first in other_names else names


@lru_cache(maxsize=65536)
def _content_set(text: str) -> frozenset[str]:
    return frozenset(content_words(text))


def _jaccard(a: frozenset[Any], b: frozenset[Any]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def pair_features(a_text: str, b_text: str, cosine: float) -> dict[str, float]:
    """The scorer's features for one pair (cosine of the two texts' unit embeddings given by the caller)."""
    a_numbers, b_numbers = text_numbers(a_text), text_numbers(b_text)
    both_numbers = bool(a_numbers and b_numbers)
    a_names, b_names = _pair_names(a_text, b_text), _pair_names(b_text, a_text)
    shared_names = a_names & b_names
    return {
        "cosine": float(cosine),
        "word_overlap": _jaccard(_content_set(a_text), _content_set(b_text)),
        "numbers_equal": float(both_numbers and bool(a_numbers & b_numbers)),
        "numbers_differ": float(both_numbers and not a_numbers & b_numbers),
        "names_shared": _jaccard(a_names, b_names),
        "names_disjoint": float(bool(a_names and b_names) and not shared_names),
    }


@dataclass(frozen=True)
class PairScorer:
    """Logistic regression over FEATURES: P(same statement) = sigmoid(intercept + coef . features)."""

    coef: tuple[float, ...]
    intercept: float
    provenance: dict[str, Any] = field(default_factory=dict)
    threshold: float = 0.5

    def __post_init__(self) -> None:
        if len(self.coef) != len(FEATURES):
            raise ValueError(f"expected {len(FEATURES)} weights ({', '.join(FEATURES)}), got {len(self.coef)}")

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> PairScorer:
        """The fitted scorer from its JSON file (weights keyed by feature name)."""
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PairScorer:
        """Build from the stored form; every feature must have a weight."""
        weights = data["weights"]
        missing = [name for name in FEATURES if name not in weights]
        if missing:
            raise ValueError(f"pair scorer weights missing for: {', '.join(missing)}")
        return cls(coef=tuple(float(weights[name]) for name in FEATURES), intercept=float(data["intercept"]),
                   provenance=dict(data.get("provenance", {})), threshold=float(data.get("threshold", 0.5)))

    def to_dict(self) -> dict[str, Any]:
        """The stored form (what `load` reads)."""
        return {"weights": dict(zip(FEATURES, self.coef, strict=True)), "intercept": self.intercept,
                "threshold": self.threshold, "provenance": self.provenance}

    def features(self, a_text: str, b_text: str, cosine: float) -> dict[str, float]:
        """The features of one pair."""
        return pair_features(a_text, b_text, cosine)

    def probability(self, features: dict[str, float]) -> float:
        """P(the two texts state the same thing)."""
        z = self.intercept + sum(w * features[name] for w, name in zip(self.coef, FEATURES, strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))

    def probabilities(self, pairs: Iterable[tuple[str, str]], cosines: Sequence[float]) -> list[float]:
        """P(same) for many pairs, each with its cosine."""
        return [self.probability(pair_features(a, b, c)) for (a, b), c in zip(pairs, cosines, strict=True)]


@lru_cache(maxsize=1)
def get_pair_scorer() -> PairScorer:
    """The fitted scorer, loaded once per process."""
    return PairScorer.load()


def standardised(scores: np.ndarray) -> np.ndarray:
    """A collection's pair scores as z-scores against that collection's own pairs (the off-diagonal of a square
    matrix, or a flat array): "more alike than two of these texts usually are", which carries across
    collections whose texts share more or less of their topic (measured in eval/compare_discord.py)."""
    values = scores[np.triu_indices(len(scores), 1)] if scores.ndim == 2 else scores
    spread = float(values.std()) if values.size > 1 else 0.0
    return (scores - float(values.mean()) if values.size else scores) / (spread or 1.0)


def cosines_beyond(vectors: np.ndarray, topic: np.ndarray) -> np.ndarray:
    """Square matrix of cosines between unit vectors once their component along `topic` is removed: how alike
    two texts are beyond a topic they all address (the question they answer, the event they report)."""
    norm = float(np.linalg.norm(topic))
    if vectors.ndim != 2 or topic.shape != (vectors.shape[1],):
        raise ValueError(f"expected (n, d) vectors and a (d,) topic, got {vectors.shape} and {topic.shape}")
    if norm == 0.0:
        raise ValueError("the topic vector is zero")
    unit_topic = topic / norm
    residual = vectors - np.outer(vectors @ unit_topic, unit_topic)
    residual /= np.maximum(np.linalg.norm(residual, axis=1, keepdims=True), 1e-12)
    return residual @ residual.T
