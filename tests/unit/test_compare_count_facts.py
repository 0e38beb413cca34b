"""Counts of what happened, agreed by independent sources wherever they stand (comparison.count_facts), on
invented articles through the real extraction."""

from __future__ import annotations

from tests.unit.compare_events import extract, no_duplicates
from workers.analysis.comparison import compare_sources
from workers.analysis.comparison.claims import Claim, build_claims
from workers.analysis.comparison.count_facts import count_drafts
from workers.analysis.comparison.entities import MentionIndex, link
from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.comparison.independence import Independence

PUBLISHED = "2026-03-02T08:00:00"
# The toll is said in passing, in sentences about other things, so no two toll sentences align as wholes.
A = ("Rescue crews with dogs searched the collapsed market hall in Vessby through the night, where the roof "
     "killed 14 people, and the search ended at dawn. The hall was built in 1962.")
B = ("The mayor of Vessby opened the sports centre as a shelter for families on Tuesday; at least 14 people "
     "died in the collapse. Engineers will inspect two other halls.")
C = ("Investigators from the national building agency arrived in Vessby on Tuesday afternoon. The collapse "
     "killed 14 people. A similar roof collapse in Orsa in 2011 killed 3 people.")


def _claims(*articles: tuple[str, str, str, str]) -> tuple[list[Claim], Independence]:
    extractions = extract(*articles)
    texts = {e["article_id"]: ArticleText(e) for e in extractions}
    linked, _ = link(extractions)
    independence = Independence(texts, no_duplicates(extractions))
    return build_claims(extractions, texts, MentionIndex(linked), independence), independence


def _alone(claims: list[Claim]) -> dict[int, int]:
    """No two claims aligned: each its own group."""
    return {c.index: c.index for c in claims}


def test_a_toll_three_outlets_state_in_passing_is_one_count_fact_without_the_old_collapse() -> None:
    claims, independence = _claims(("a", "Harbour Times", PUBLISHED, A), ("b", "Coast News", PUBLISHED, B),
                                   ("c", "Island Post", PUBLISHED, C))
    drafts = count_drafts(claims, independence, _alone(claims))
    assert len(drafts) == 1, [[c.text for c in d.members] for d in drafts]
    members = drafts[0].members
    assert {c.article_id for c in members} == {"a", "b", "c"}
    assert all("14" in c.text and "Orsa" not in c.text for c in members)


def test_a_count_one_source_states_or_two_sources_split_evenly_is_no_count_fact() -> None:
    claims, independence = _claims(("a", "Harbour Times", PUBLISHED, A))
    assert count_drafts(claims, independence, _alone(claims)) == []
    tie = B.replace("at least 14", "12")
    claims, independence = _claims(("a", "Harbour Times", PUBLISHED, A), ("b", "Coast News", PUBLISHED, tie))
    assert count_drafts(claims, independence, _alone(claims)) == []


def test_the_agreed_toll_is_corroborated_in_the_result_with_each_outlets_sentence() -> None:
    extractions = extract(("a", "Harbour Times", PUBLISHED, A), ("b", "Coast News", PUBLISHED, B),
                          ("c", "Island Post", PUBLISHED, C))
    result = compare_sources(extractions, no_duplicates(extractions))
    tolls = [f for f in result["facts"] if f["status"] == "corroborated"
             and {c["article_id"] for c in f["claims"]} == {"a", "b", "c"}
             and all("14" in c["excerpt"] for c in f["claims"])]
    assert tolls, [(f["status"], f["label"], [c["article_id"] for c in f["claims"]]) for f in result["facts"]]
    assert tolls[0]["independent_sources"] == 3


def test_an_article_repeating_its_toll_gives_the_count_fact_one_statement() -> None:
    repeated = B + " At least 14 people died in the collapse, the mayor said again."
    claims, independence = _claims(("a", "Harbour Times", PUBLISHED, A), ("b", "Coast News", PUBLISHED, repeated))
    drafts = count_drafts(claims, independence, _alone(claims))
    assert len(drafts) == 1 and sorted(c.article_id for c in drafts[0].members) == ["a", "b"]
    assert "opened the sports centre" in next(c.text for c in drafts[0].members if c.article_id == "b")


def test_a_toll_whose_sentences_were_aligned_already_is_no_second_fact() -> None:
    claims, independence = _claims(("a", "Harbour Times", PUBLISHED, A), ("c", "Island Post", PUBLISHED, C))
    tolls = [c for c in claims if "killed 14" in c.text]
    assert len(tolls) == 2
    groups = {**_alone(claims), tolls[1].index: tolls[0].index}  # the two toll sentences form one fact
    assert count_drafts(claims, independence, groups) == []


def test_which_toll_wins_does_not_depend_on_the_order_of_the_articles() -> None:
    """'at least 14' agrees with '14' and with '15'; '14' and '15' do not agree: three sources state 14."""
    texts = {"a": "At least 14 people were killed in the Vessby roof collapse, police said.",
             "b": "The Vessby roof collapse killed 15 people, the mayor said.",
             "c": "Fourteen people were killed in the Vessby roof collapse on Monday.",
             "d": "The roof of the market hall in Vessby collapsed, killing 14 people."}
    for order in ("abcd", "cabd", "bdca"):
        claims, independence = _claims(*((k, f"Outlet {k}", PUBLISHED, texts[k]) for k in order))
        drafts = count_drafts(claims, independence, _alone(claims))
        assert len(drafts) == 1, order
        assert sorted(c.article_id for c in drafts[0].members) == ["a", "c", "d"], order


def test_a_sentence_giving_the_toll_two_values_is_left_out_of_the_count() -> None:
    """"The roof killed 14 people in the hall and 2 people in the street outside" counts two things: its 14
    is no statement of the toll the other outlets give (which of its two is the toll is not said)."""
    two = A.replace("killed 14 people", "killed 14 people in the hall and 2 people in the street outside")
    claims, independence = _claims(("a", "Harbour Times", PUBLISHED, two), ("b", "Coast News", PUBLISHED, B),
                                   ("c", "Island Post", PUBLISHED, C))
    [draft] = count_drafts(claims, independence, _alone(claims))
    assert {c.article_id for c in draft.members} == {"b", "c"}
