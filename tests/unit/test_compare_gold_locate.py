"""The comparison gold's evidence strings are found wherever an article states them."""

from __future__ import annotations

from eval.compare_gold import _locate


def test_every_place_an_article_states_the_evidence_whitespace_aside() -> None:
    text = "“We let them down,” she said. Later:  We let them\ndown, she repeated."
    assert _locate(text, "We let them down") == [(1, 17), (38, 54)]
    assert _locate(text, "nowhere in it") == []
    assert _locate(text, "  ") == []


def test_evidence_copied_with_a_soft_hyphen_is_found_in_the_clean_text() -> None:
    # the gold copied the raw text; the article's clean text lost its invisible characters (cleaning.normalize)
    clean = "Both President Park Geun-hye and Prime Minister Abe called meetings."
    assert _locate(clean, "President Park \u00adGeun-hye and Prime Minister") == [(5, 47)]
    assert _locate(clean, "\u00ad") == []  # nothing left to find once normalised
