"""Two of the claim scorer's features on invented sentences: an amount both sentences state, and a date
only they name."""

from __future__ import annotations

import pytest

from tests.unit.compare_events import extract, no_duplicates
from workers.analysis.comparison.claims import Claim, build_claims
from workers.analysis.comparison.entities import MentionIndex, link
from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.comparison.independence import Independence
from workers.analysis.comparison.scorer import date_counts, pair_features

PUBLISHED = "2026-03-02T08:00:00"
A = ("The ferry operator said the refund was set at $312.50 per passenger. The company was founded in 1987 "
     "and runs boats on Tuesday and Friday.")
B = ("Passengers will each get back $312.50, a spokesman said. Its founders started the line in 1987 on "
     "Tuesday, he added.")
C = "Each passenger was offered $40 in vouchers instead. The ferry sails on Tuesday."


def _claims(a: str = A, b: str = B, c: str = C) -> list[Claim]:
    """The claims of three outlets' texts (by default the ferry refund story above)."""
    extractions = extract(("a", "Harbour Times", PUBLISHED, a), ("b", "Coast News", PUBLISHED, b),
                          ("c", "Island Post", PUBLISHED, c))
    texts = {e["article_id"]: ArticleText(e) for e in extractions}
    linked, _ = link(extractions)
    return build_claims(extractions, texts, MentionIndex(linked), Independence(texts, no_duplicates(extractions)))


def _find(claims: list[Claim], article: str, word: str) -> Claim:
    return next(c for c in claims if c.article_id == article and word in c.text)


def test_an_amount_both_sentences_state_agrees_and_a_different_one_does_not() -> None:
    claims = _claims()
    a, b, c = _find(claims, "a", "refund"), _find(claims, "b", "get back"), _find(claims, "c", "vouchers")
    assert pair_features(a, b, 0.5)["amounts_agree"] == 1.0
    assert pair_features(a, c, 0.5)["amounts_agree"] == 0.0


def test_a_date_only_two_claims_name_weighs_more_than_one_every_claim_names() -> None:
    claims = _claims()
    dates = date_counts(claims)
    founded_a, founded_b = _find(claims, "a", "1987"), _find(claims, "b", "1987")
    assert "1987" in founded_a.dates and "1987" in founded_b.dates
    shared = pair_features(founded_a, founded_b, 0.5, dates=dates)["dates_shared_rarity"]
    sails = _find(claims, "c", "sails")
    weekday = pair_features(founded_a, sails, 0.5, dates=dates)["dates_shared_rarity"]
    assert shared == 1.0 / dates["1987"] and shared > weekday


def test_a_clock_time_two_outlets_name_is_shared_evidence_and_another_minute_is_not() -> None:
    claims = _claims("The ferry left the harbour at 11:36 a.m. with 40 passengers on board.",
                     "The boat set off from the port at 11:36am carrying forty people.",
                     "A second ferry left the harbour at 1:15 p.m. with 12 passengers.")
    dates = date_counts(claims)
    a, b, c = _find(claims, "a", "11:36"), _find(claims, "b", "11:36"), _find(claims, "c", "1:15")
    assert "T11:36" in a.dates and "T11:36" in b.dates and "T13:15" in c.dates
    assert pair_features(a, b, 0.5, dates=dates)["dates_shared_rarity"] == 0.5  # two sources name the minute
    assert pair_features(a, c, 0.5, dates=dates)["dates_shared_rarity"] == 0.0


def test_one_age_agrees_only_of_one_noun() -> None:
    claims = _claims("The 17-year-old gorilla was moved to the zoo in the spring.",
                     "Keepers said the 17-year-old gorilla had settled in well.",
                     "A 17-year-old student was the first to visit the new zoo.")
    a, b, c = _find(claims, "a", "gorilla"), _find(claims, "b", "gorilla"), _find(claims, "c", "student")
    assert pair_features(a, b, 0.5)["amounts_agree"] == 1.0
    assert pair_features(a, c, 0.5)["amounts_agree"] == 0.0


def test_the_scorer_gives_many_pairs_the_probabilities_it_gives_each() -> None:
    from workers.analysis.comparison.scorer import load_scorer

    scorer = load_scorer()
    claims = _claims()
    rows = [pair_features(x, y, cosine) for x in claims for y in claims if x is not y for cosine in (0.1, 0.9)]
    assert list(scorer.probabilities(rows)) == pytest.approx([scorer.probability(row) for row in rows], abs=1e-12)
    assert len(scorer.probabilities([])) == 0
    partial = [{"cosine_beyond": 0.9, "lexical": 0.5}, rows[0]]  # a feature a row lacks counts nothing
    assert list(scorer.probabilities(partial)) == pytest.approx([scorer.probability(row) for row in partial],
                                                                abs=1e-12)
