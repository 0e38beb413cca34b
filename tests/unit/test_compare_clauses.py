"""Clause-level alignment: a long sentence one of whose clauses another outlet states alone is a candidate
pair, scored with the clauses' cosine beside the sentences'."""

from __future__ import annotations

from tests.unit.compare_events import extract, no_duplicates
from workers.analysis.comparison.alignment import Candidates, candidate_pairs, embed
from workers.analysis.comparison.claims import Claim, build_claims
from workers.analysis.comparison.entities import MentionIndex, link
from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.comparison.independence import Independence

LONG = ("Harbour police arrested the skipper of the trawler, who had sailed the damaged boat for nine miles "
        "through the storm before reaching the port of Kelby on Sunday night.")
SHORT = "The damaged trawler was sailed nine miles through the storm to reach the port of Kelby."
OTHER = "The town's mayor thanked the volunteers of the lifeboat station at a ceremony on Monday."


def _claims_and_pairs() -> tuple[list[Claim], Candidates]:
    extractions = extract(("a", "Daily Herald", "2026-03-02T08:00:00", LONG),
                          ("b", "Coast News", "2026-03-02T09:00:00", f"{SHORT} {OTHER}"))
    texts = {e["article_id"]: ArticleText(e) for e in extractions}
    linked, _ = link(extractions)
    claims = build_claims(extractions, texts, MentionIndex(linked), Independence(texts, no_duplicates(extractions)))
    return claims, candidate_pairs(claims, embed(claims))


def test_a_long_sentence_carries_its_clauses() -> None:
    claims, _ = _claims_and_pairs()
    long = next(c for c in claims if c.article_id == "a")
    assert "Harbour police arrested the skipper of the trawler" in long.parts
    assert any(part.startswith("the skipper of the trawler, who had sailed the damaged boat") for part in long.parts)


def test_the_clause_is_closer_to_the_short_sentence_than_the_whole_sentence_is() -> None:
    claims, candidates = _claims_and_pairs()
    long = next(c for c in claims if c.article_id == "a")
    short = next(c for c in claims if c.article_id == "b" and c.text.startswith("The damaged trawler"))
    key = (min(long.index, short.index), max(long.index, short.index))
    assert key in candidates.cosine
    assert candidates.part_cosine[key] > candidates.cosine[key] + 0.05


def test_sharing_a_rare_word_counts_more_than_sharing_a_common_one() -> None:
    from workers.analysis.comparison.scorer import pair_features, word_rarity

    claims, _ = _claims_and_pairs()
    rarity = word_rarity(claims)
    long = next(c for c in claims if c.article_id == "a")
    short = next(c for c in claims if c.article_id == "b" and c.text.startswith("The damaged trawler"))
    other = next(c for c in claims if c.article_id == "b" and c.text.startswith("The town"))
    assert pair_features(long, short, 0.5, 0.5, rarity)["shared_rarity"] > \
        pair_features(long, other, 0.5, 0.5, rarity)["shared_rarity"]
    assert pair_features(long, short, 0.5, 0.5)["shared_rarity"] == 0.0  # no rarity table: no feature
    assert all(0.0 <= value <= 1.0 for value in rarity.values())
