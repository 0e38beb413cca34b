"""Sentence polarity as the extraction reads it (predicates.py), on invented sentences."""

from __future__ import annotations

import pytest

from workers.analysis.extraction import extract_articles


def _sentence(text: str) -> dict:
    return extract_articles([{"id": "a", "source": "x", "text": text}])[0]["sentences"][0]


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_a_quoted_negation_is_read_with_a_straight_or_a_curly_apostrophe(apostrophe: str) -> None:
    # spaCy parses the curly "n’t" of this sentence as punctuation, not as a negation
    sentence = _sentence(f"“The ferry wasn{apostrophe}t under threat, but all kinds of things could go wrong at sea,” "
                         "the harbour master said.")
    assert sentence["negated"] is True and sentence["predicate"] == "be"


def test_an_affirmative_quote_is_not_negated() -> None:
    sentence = _sentence("“The ferry was under threat, but all kinds of things could go wrong at sea,” "
                         "the harbour master said.")
    assert sentence["negated"] is False
