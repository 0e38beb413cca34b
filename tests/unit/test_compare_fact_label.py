"""A statement fact's label: the sentence its sources agree with most, not merely the first published."""

from __future__ import annotations

from tests.unit.compare_events import extract, no_duplicates
from workers.analysis.comparison.alignment import Link
from workers.analysis.comparison.claims import Claim, build_claims
from workers.analysis.comparison.entities import MentionIndex, link
from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.comparison.facts import FactDraft, build_fact, representative
from workers.analysis.comparison.independence import Independence

T0, T1, T2 = "2026-03-02T08:00:00", "2026-03-02T10:00:00", "2026-03-02T12:00:00"
CHAINED = "The release of the harbour files is a very big deal."
LEAK = "The harbour files were leaked to a Kelby newspaper, which shared them with reporters abroad."
LEAK_TOO = "An anonymous source gave the harbour files to the Kelby newspaper, which shared them abroad."


def _claims(copies: bool = False) -> list[Claim]:
    return _claims_and_independence(copies)[0]


def _claims_and_independence(copies: bool = False) -> tuple[list[Claim], Independence]:
    extractions = extract(("a", "Harbour Times", T0, CHAINED), ("b", "Coast News", T1, LEAK),
                          ("c", "Island Post", T2, LEAK_TOO))
    texts = {e["article_id"]: ArticleText(e) for e in extractions}
    linked, _ = link(extractions)
    duplicates = no_duplicates(extractions)
    if copies:
        duplicates = {**duplicates, "exact": [{"articles": ["b", "c"]}], "independent_groups": [["a"], ["b", "c"]]}
    independence = Independence(texts, duplicates)
    return build_claims(extractions, texts, MentionIndex(linked), independence), independence


def test_the_label_is_the_sentence_most_strongly_linked_to_the_other_reports() -> None:
    a, b, c = _claims()
    draft = FactDraft([a, b, c], [Link(a.index, b.index, 0.4, {}), Link(b.index, c.index, 0.95, {}),
                                  Link(a.index, c.index, 0.3, {})])
    assert representative(draft, [a, b, c]) is b  # 1.35 in sum, against 0.7 for the first published
    assert representative(FactDraft([a, b, c]), [a, b, c]) is a  # no links (a figure's fact): the first


def test_copies_of_one_story_do_not_vouch_for_each_other() -> None:
    a, b, c = _claims(copies=True)
    assert b.group == c.group != a.group
    draft = FactDraft([a, b, c], [Link(a.index, b.index, 0.6, {}), Link(b.index, c.index, 1.0, {}),
                                  Link(a.index, c.index, 0.5, {})])
    assert representative(draft, [a, b, c]) is a  # 1.1 across reports; b's link to its copy does not count


def test_the_fact_record_is_labelled_by_its_representative_sentence() -> None:
    (a, b, c), independence = _claims_and_independence()
    draft = FactDraft([a, b, c], [Link(a.index, b.index, 0.4, {}), Link(b.index, c.index, 0.95, {}),
                                  Link(a.index, c.index, 0.3, {})])
    fact = build_fact(draft, independence, 0.5, exclusive=False, same_time_hours=3.0)
    assert fact["label"] == LEAK and fact["status"] == "corroborated"
