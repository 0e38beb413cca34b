"""The claim scorer's features taken for a whole job at once (pair_table) against each pair taken alone
(side_features, one row): the same values, bit for bit and of the same type, so that a pair's score does not
depend on the other pairs of its job."""

from __future__ import annotations

from tests.unit.test_compare_pair_features import _claims
from workers.analysis.comparison.alignment import Candidates
from workers.analysis.comparison.pair_table import feature_columns, feature_rows, score_many
from workers.analysis.comparison.scorer import date_counts, load_scorer, side_features, side_of, word_rarity

A = "Twelve people were hurt when the boat struck the pier, police said. The refund was set at $312.50 per passenger."
C = ("The ferry operator, Harbour Lines, said on Tuesday that 312 passengers were on board. Police said the captain "
     "was not hurt in 1987 or since. Twelve people were hurt when the ferry hit the pier.")
# every feature is non-zero for some pair of these claims but entity_clash and claimant_clash
SEEN = ("lexical", "shared_rarity", "numbers_agree", "numbers_unmatched", "same_claimant", "same_predicate",
        "context_mismatch", "amounts_agree", "dates_shared_rarity")


def _typed(row: dict[str, float]) -> list[tuple[str, type, float]]:
    """A features dict with each value's type, in key order (an int 0 is not a 0.0 in the public JSON)."""
    return [(key, type(value), value) for key, value in row.items()]


def test_a_batch_gives_each_pair_the_features_it_has_alone() -> None:
    claims = _claims(a=A, c=C)
    sides = [side_of(c) for c in claims]
    pairs = [(a, b) for a in range(len(sides)) for b in range(len(sides)) if a != b]
    cosine = [0.1 + 0.8 * k / len(pairs) for k in range(len(pairs))]
    part = [c + 0.05 for c in cosine]
    beyond = [None if k % 3 == 0 else (c / 2, c / 3) for k, c in enumerate(cosine)]
    rarity, dates = word_rarity(claims), date_counts(claims)
    columns = feature_columns(sides, [a for a, _ in pairs], [b for _, b in pairs], cosine, part, beyond, rarity,
                              dates)
    expected = [side_features(sides[a], sides[b], cosine[k], part[k], rarity, beyond[k], dates)
                for k, (a, b) in enumerate(pairs)]
    assert [_typed(dict(row.items())) for row in feature_rows(columns)] == [_typed(row) for row in expected]
    assert all(any(row[name] for row in expected) for name in SEEN)


def test_score_many_gives_each_pair_the_scorer_probability_of_its_features() -> None:
    claims = _claims(a=A, c=C)
    cosine = {(a, b): 0.3 + 0.01 * (a + b) for a in range(len(claims)) for b in range(a + 1, len(claims))}
    candidates = Candidates(cosine, {key: value + 0.1 for key, value in cosine.items()})
    scorer = load_scorer()
    scored = score_many(claims, candidates, word_rarity(claims), scorer)
    expected = scorer.probabilities([features for _, _, _, features in scored]).tolist()
    assert [(i, j) for i, j, _, _ in scored] == list(cosine)
    assert [p for _, _, p, _ in scored] == expected


def test_a_feature_row_reads_as_the_dict_side_features_gives() -> None:
    claims = _claims(a=A, c=C)
    sides = [side_of(c) for c in claims]
    rarity, dates = word_rarity(claims), date_counts(claims)
    row = feature_rows(feature_columns(sides, [0], [1], [0.5], [0.6], [(0.2, 0.3)], rarity, dates))[0]
    expected = side_features(sides[0], sides[1], 0.5, 0.6, rarity, (0.2, 0.3), dates)
    assert list(row.items()) == list(expected.items()) and list(row) == list(expected)
    assert dict(row) == expected and row == expected and len(row) == len(expected)
    assert row["part_beyond"] == 0.3 and list(row.values()) == list(expected.values())
