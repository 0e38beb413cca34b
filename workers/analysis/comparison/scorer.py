"""The claim-pair scorer: features of two claims and a logistic regression fitted on public data.

The weights live in claim_scorer.json beside this module, written by `python -m eval.fit_claim_scorer` from
the development (tuning) half of our Giveme5W1H comparison gold; the reporting half is never used to fit.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from workers.analysis.comparison.numbers import Quantity, agree, corresponds
from workers.analysis.units import AGE

if TYPE_CHECKING:
    from workers.analysis.comparison.claims import Claim

WEIGHTS_FILE = Path(__file__).with_name("claim_scorer.json")
# The sentences' raw cosines ("cosine", "part_cosine") stay in every link's features as evidence, but the
# scorer reads them beyond the event (alignment.beyond_event): the raw ones rank "the same story" high.
FEATURES = ("cosine_beyond", "part_beyond", "lexical", "shared_rarity", "entities_shared", "entity_clash",
            "numbers_agree", "numbers_disagree", "numbers_unmatched", "same_claimant", "claimant_clash",
            "same_predicate", "context_mismatch", "amounts_agree", "dates_shared_rarity")
# side_features' keys, in its order: the raw cosines first, then FEATURES (pair_table builds the same dicts)
FEATURE_KEYS = ("cosine", "part_cosine", *FEATURES)


@dataclass(frozen=True)
class Side:
    """What pair_features reads of one claim, with its entities grouped by kind: computed once per distinct
    claim, not once per pair. Two claims with equal sides (copies of one sentence) score alike, so a side is
    also score_many's key for them; `by_label` follows from `entities` within a job (one label per linked
    entity), so it takes no part in equality."""

    words: frozenset[str]
    entities: frozenset[str]
    quantities: tuple[Quantity, ...]
    measures: tuple[Quantity, ...]
    claimant_kind: str
    claimant_identity: str
    predicate: str | None
    context: bool
    dates: frozenset[str]
    by_label: dict[str, frozenset[str]] = field(compare=False, default_factory=dict)


def side_of(claim: Claim) -> Side:
    """The claim as pair_features reads it."""
    by_label: dict[str, set[str]] = {}
    for entity, label in claim.entity_labels.items():
        by_label.setdefault(label, set()).add(entity)
    return Side(claim.words, claim.entities, tuple(claim.quantities), tuple(claim.measures), claim.claimant.kind,
                claim.claimant.identity, claim.predicate, claim.time.context, claim.dates,
                {label: frozenset(e) for label, e in by_label.items()})


def entity_clash(a: Side, b: Side) -> float:
    """1 when both claims name people/places/organisations of one kind and none of them in common."""
    for label, theirs in b.by_label.items():
        ours = a.by_label.get(label)
        if ours is not None and not theirs & ours:
            return 1.0
    return 0.0


def quantity_pairs(a: Claim | Side, b: Claim | Side) -> list[tuple[int, int, bool]]:
    """(index in a, index in b, agree?) for the corresponding quantities of two claims."""
    return [(i, j, agree(qa, qb)) for i, qa in enumerate(a.quantities) for j, qb in enumerate(b.quantities)
            if corresponds(qa, qb)]


RARE_ZIPF = 7.0  # Zipf frequency of the commonest words ("the" 7.7, "said" 6.0, "police" 5.3, "hydrazine" 2.3)


def word_rarity(claims: list[Claim]) -> dict[str, float]:
    """Each content word's rarity in English, 0 (as common as "the") to 1 (not in wordfreq's lists):
    (RARE_ZIPF - Zipf frequency) / RARE_ZIPF. Two outlets sharing "25-tonne" or "hydrazine" say more alike
    than two sharing "police". Read from general English (wordfreq), not from the job's own articles, so
    that it means the same in a job of two articles and in one of a thousand."""
    from wordfreq import zipf_frequency

    words = {w for claim in claims for w in claim.words}
    return {w: min(1.0, max(0.0, (RARE_ZIPF - zipf_frequency(w, "en")) / RARE_ZIPF)) for w in words}


def date_counts(claims: list[Claim]) -> Counter[str]:
    """How many of the job's independent sources name each date: a date every report of the story names
    ("Tuesday") says little about two claims, one only two sources name ("in 2002", "on Nov. 13") says they
    meet. Counted once per independent group, so a wire story's copies do not make its dates common."""
    return Counter(date for _, date in {(claim.group, d) for claim in claims for d in claim.dates})


def amounts_agree(a: Side, b: Side) -> float:
    """1 when both claims state an amount of one dimension (money in one currency, a length, a mass) whose
    values can both be true (rounding and conversion allowed: comparison.measures); ages only of one noun (a
    17-year-old gorilla and a 17-year-old student share nothing)."""
    return 1.0 if any(x.dimension == y.dimension and agree(x, y) and (x.dimension != AGE or x.counted == y.counted)
                      for x in a.measures for y in b.measures) else 0.0


def pair_features(a: Claim, b: Claim, cosine: float, part_cosine: float | None = None,
                  rarity: dict[str, float] | None = None,
                  beyond: tuple[float, float] | None = None, dates: Counter[str] | None = None) -> dict[str, float]:
    """The scorer's inputs for one pair of claims (`part_cosine`: the best cosine between a clause or the
    sentence of one and a clause or the sentence of the other; the sentences' cosine when not given;
    `rarity`: word_rarity of the job's claims, none when not given; `beyond`: both cosines beyond the event,
    alignment.beyond_event, the raw ones when not given; `dates`: date_counts of the job's claims)."""
    return side_features(side_of(a), side_of(b), cosine, part_cosine, rarity, beyond, dates)


def side_features(a: Side, b: Side, cosine: float, part_cosine: float | None = None,
                  rarity: dict[str, float] | None = None,
                  beyond: tuple[float, float] | None = None, dates: Counter[str] | None = None) -> dict[str, float]:
    """pair_features of two claims read once (side_of): one row of pair_table.feature_columns, the one
    implementation of the features, so that what `make fit` fits on is what a job is scored with."""
    from workers.analysis.comparison.pair_table import feature_columns  # it builds on this module

    part = cosine if part_cosine is None else part_cosine
    columns = feature_columns([a, b], [0], [1], [cosine], [part], [beyond], rarity or {}, dates or Counter())
    return {name: values[0] for name, values in columns.items()}


@dataclass(frozen=True)
class ClaimScorer:
    """Logistic regression over FEATURES, with the thresholds chosen on the same tuning data."""

    weights: dict[str, float]
    bias: float
    join_threshold: float  # two claims state the same fact
    # A fact only two independent sources state rests on one link between them, which must reach this (it
    # is the whole of the evidence); three or more sources vouch for each other through several links, so
    # join_threshold is enough there. Equal to join_threshold when the fit found no gain in it.
    pair_threshold: float
    related_threshold: float  # two claims are about the same thing (an exclusive has no such partner)
    exclusive_salience: float  # a lone claim this salient is flagged as "only X says this"
    same_time_hours: float  # two different figures published further apart are an update, not a conflict
    quote_paraphrase_cosine: float  # one speaker's two quotes this close in meaning are one quotation
    provenance: dict[str, Any]

    def probability(self, features: dict[str, float]) -> float:
        """P(same fact) for one pair's features."""
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def probabilities(self, features: list[dict[str, float]]) -> np.ndarray:
        """probability() of many pairs' features at once (features without a weight count nothing)."""
        names = list(self.weights)
        if not features:
            return np.zeros(0)
        try:  # rows from side_features hold every feature: one C-level pick per row
            pick = itemgetter(*names)
            matrix = np.array([pick(row) for row in features], dtype=np.float64).reshape(len(features), len(names))
        except (KeyError, TypeError):  # a row without a weighted feature (counts 0), or no weights at all
            matrix = np.array([[row.get(name, 0.0) for name in names] for row in features], dtype=np.float64)
        return self.matrix_probabilities(matrix)

    def matrix_probabilities(self, matrix: np.ndarray) -> np.ndarray:
        """probabilities() of a float64 matrix with one column per weight, in the weights' order."""
        z = np.clip(matrix @ np.array([self.weights[name] for name in self.weights]) + self.bias, -30.0, 30.0)
        return 1.0 / (1.0 + np.exp(-z))


@lru_cache(maxsize=1)
def load_scorer(path: str = str(WEIGHTS_FILE)) -> ClaimScorer:
    """The fitted scorer (read once per process)."""
    data = json.loads(Path(path).read_text())
    return ClaimScorer(weights={k: float(v) for k, v in data["weights"].items()}, bias=float(data["bias"]),
                       join_threshold=float(data["join_threshold"]),
                       pair_threshold=float(data.get("pair_threshold", data["join_threshold"])),
                       related_threshold=float(data["related_threshold"]),
                       exclusive_salience=float(data["exclusive_salience"]),
                       same_time_hours=float(data["same_time_hours"]),
                       quote_paraphrase_cosine=float(data["quote_paraphrase_cosine"]),
                       provenance=data.get("provenance", {}))
