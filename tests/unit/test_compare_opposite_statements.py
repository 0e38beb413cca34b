"""When two aligned sentences of opposite polarity state one thing two ways round (facts.opposite_statements),
and when they are two statements on one topic that a polarity clash must not turn into a conflict."""

from __future__ import annotations

from tests.unit.compare_events import extract, no_duplicates
from workers.analysis.comparison import compare_sources
from workers.analysis.comparison.claimants import Claimant
from workers.analysis.comparison.claims import Claim
from workers.analysis.comparison.facts import opposite_statements
from workers.analysis.comparison.timing import ClaimTime
from workers.analysis.tokens import content_words

T0 = "2024-03-05T10:00:00+00:00"
T0_HALF = "2024-03-05T10:30:00+00:00"


def _claim(text: str, predicate: str, negated: bool, article_id: str = "a") -> Claim:
    """A claim as the comparison reads it, with the polarity and main verb the extraction would give."""
    return Claim(index=0, article_id=article_id, source=article_id, sentence=0, start=0, end=len(text), text=text,
                 words=frozenset(content_words(text)), entities=frozenset(), entity_labels={}, quantities=[],
                 claimant=Claimant(name=article_id, kind="outlet"),
                 time=ClaimTime(value=None, basis="published", published_at=T0, marker=None, context=False),
                 negated=negated, predicate=predicate, position=0.0, group=0)


def test_the_same_words_said_and_negated_are_opposite() -> None:
    said = _claim("The Lundberg council closed the old bridge on Friday.", "close", False)
    denied = _claim("The Lundberg council has not closed the old bridge.", "close", True, "b")
    assert opposite_statements(said, denied) and opposite_statements(denied, said)


def test_a_verb_form_counts_as_its_lemma() -> None:
    """"resigned" and "resign" are one verb: the shared main verb is set aside from the words compared."""
    assert opposite_statements(_claim("The mayor of Lundberg resigned on Friday.", "resign", False),
                               _claim("The mayor of Lundberg did not resign.", "resign", True, "b"))


def test_two_statements_on_one_topic_in_other_words_are_not_opposite() -> None:
    options = _claim("The mayor of Lundberg said she is looking at all options for the council.", "look", False)
    staying = _claim("The mayor of Lundberg said she will not look for another job.", "look", True, "b")
    assert not opposite_statements(options, staying)


def test_a_negated_quotation_printed_inside_an_affirmed_sentence_is_not_opposite() -> None:
    """A longer quotation whose first clause is affirmative prints the shorter one's negation word for word:
    both outlets report the negation."""
    longer = _claim("\u201cThe bridge is safe and the dam is not at risk,\u201d the mayor said.", "be", False)
    shorter = _claim("\u201cThe dam is not at risk,\u201d the mayor said.", "be", True, "b")
    assert shorter.words <= longer.words  # the same words: only the printed negation tells them apart
    assert not opposite_statements(longer, shorter) and not opposite_statements(shorter, longer)


def test_a_quotation_cut_two_ways_is_no_conflict_end_to_end() -> None:
    extractions = extract(
        ("a", "Northern Post", T0, "\u201cThe bridge is safe and the dam is not at risk,\u201d the mayor of "
                                   "Lundberg said on Tuesday after the flood."),
        ("b", "Valley Herald", T0_HALF, "\u201cThe dam is not at risk,\u201d the mayor of Lundberg said on "
                                        "Tuesday after the flood."))
    result = compare_sources(extractions, no_duplicates(extractions))
    shared = [f for f in result["facts"] if f["independent_sources"] == 2]
    assert shared, [(f["status"], f["label"]) for f in result["facts"]]
    assert [f["status"] for f in shared] == ["corroborated"], [(f["status"], f["values"]) for f in shared]


def test_a_word_sharing_the_verbs_first_letters_is_not_the_verb() -> None:
    """Only the verb's own forms are set aside: "resident" is another word than "resign"."""
    assert not opposite_statements(_claim("The council resident did not resign.", "resign", True),
                                   _claim("The council resigned over the budget.", "resign", False, "b"))


def test_claims_sharing_nothing_but_the_verb_are_not_opposite() -> None:
    assert not opposite_statements(_claim("He did not resign.", "resign", True),
                                   _claim("She resigned.", "resign", False, "b"))


def test_a_claim_cut_short_for_display_is_not_set_against_another() -> None:
    """An excerpt ending in an ellipsis may have lost the words that decide it."""
    assert not opposite_statements(_claim("The Lundberg council closed the old bridge on Friday and \u2026", "close",
                                          False),
                                   _claim("The Lundberg council has not closed the old bridge.", "close", True, "b"))
