"""Whose figure a count is (numbers._holder_of): two named holders' counts of one noun are two quantities, not
one figure stated two ways (comparison.numbers.corresponds). Invented texts."""

from __future__ import annotations

from dataclasses import replace

from tests.unit.compare_events import extract, no_duplicates
from workers.analysis.comparison import compare_sources
from workers.analysis.comparison.numbers import Quantity, corresponds
from workers.analysis.extraction import extract_articles

T0 = "2024-03-10T20:00:00+00:00"
T1 = "2024-03-10T20:30:00+00:00"


def _holders(text: str) -> dict[str, str | None]:
    record = extract_articles([{"id": "a", "source": "Valley Post", "text": text}])[0]
    return {n["text"]: (n["holder"] or {}).get("text") for n in record["numeric_claims"]}


def test_the_named_subject_that_has_or_did_the_counted_thing_holds_it() -> None:
    holders = _holders("Lena Marsh scored 20 points, grabbed 11 rebounds and blocked six shots on Sunday. "
                       "Tom Okafor had 14 assists and five rebounds. He grabbed seven rebounds in the first half.")
    assert holders["11 rebounds"] == "Lena Marsh" and holders["six shots"] == "Lena Marsh"
    assert holders["five rebounds"] == "Tom Okafor"
    assert holders["seven rebounds"] == "Tom Okafor"  # "He": the nearest person before it


def test_he_or_she_with_two_people_named_before_holds_nothing() -> None:
    """No gender is known: with a coach and a player named, "she" is not read as the nearest subject."""
    assert _holders("Coach Bill Lee praised Lena Marsh on Sunday. He said she grabbed 11 rebounds.") == {
        "11 rebounds": None}


def test_a_counted_subject_or_a_common_noun_holds_nothing() -> None:
    holders = _holders("Eleven people were killed when the dam broke on Sunday. The flood destroyed 40 homes. "
                       "Police arrested 12 people in the town.")
    assert holders == {"Eleven people": None, "40 homes": None, "12 people": None}


def test_two_holders_counts_do_not_correspond_one_holders_do() -> None:
    count = Quantity(label="11", value=11.0, low=11.0, high=11.0, hedge="exact", counted="rebound", event="grab",
                     vague=False, kind="count", start=0, end=10)
    assert corresponds(replace(count, holder="e1"), replace(count, holder="e1", value=6.0))
    assert not corresponds(replace(count, holder="e1"), replace(count, holder="e2", value=6.0))
    assert corresponds(replace(count, holder="e1"), replace(count, value=6.0))  # one holder unknown: as before


def test_two_players_rebounds_are_no_conflict_end_to_end() -> None:
    extractions = extract(
        ("a", "Valley Post", T0, "Lena Marsh grabbed 11 rebounds as the Lundberg Lions beat the Valley Hawks "
                                 "on Sunday night."),
        ("b", "Northern Herald", T1, "Tom Okafor grabbed six rebounds as the Lundberg Lions beat the Valley Hawks "
                                     "on Sunday night."))
    result = compare_sources(extractions, no_duplicates(extractions))
    assert not [f for f in result["facts"] if f["status"] in ("conflicting", "disputed", "updated")], \
        [(f["status"], f["label"], f["values"]) for f in result["facts"]]


def _people_slots(first: str, second: str) -> list[int]:
    """The sizes of count_facts' slots of people counted in two one-sentence articles."""
    from workers.analysis.comparison.claims import build_claims
    from workers.analysis.comparison.count_facts import _slots
    from workers.analysis.comparison.entities import MentionIndex, link
    from workers.analysis.comparison.evidence import ArticleText
    from workers.analysis.comparison.independence import Independence

    extractions = extract(("a", "Valley Post", T0, first), ("b", "Northern Herald", T1, second))
    texts = {e["article_id"]: ArticleText(e) for e in extractions}
    claims = build_claims(extractions, texts, MentionIndex(link(extractions)[0]), Independence(texts, None))
    return sorted(len(entries) for entries in _slots(claims).values()
                  if any(c.quantities[q].head == "people" for c, q in entries))


def test_two_holders_counts_are_two_slots_of_agreed_counts() -> None:
    """count_facts joins one count stated anywhere; two named holders' counts are not one count, and a count
    naming no holder is the one holder's when the job names one."""
    assert _people_slots("Turkey arrested 12 people on Sunday after the border protests.",
                         "Greece arrested 12 people on Sunday after the border protests.") == [1, 1]
    assert _people_slots("Turkey arrested 12 people on Sunday after the border protests.",
                         "Twelve people were arrested on Sunday after the border protests.") == [2]
