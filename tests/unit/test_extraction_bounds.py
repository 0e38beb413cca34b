"""Bounded cost per article: text without full stops is cut for the parser, claims carry bounded excerpts,
and the output grows linearly with the input."""

from __future__ import annotations

import json

from workers.analysis.extraction import extract_article
from workers.analysis.nlp import EXCERPT_CHARS, MAX_SENTENCE_TOKENS, excerpt, get_nlp, sentences

CLAUSE = "officials said 12 people were injured and 3 were killed in the attack, according to police, and "


def unpunctuated(words: int) -> str:
    """A text of about `words` words with commas but no full stop."""
    repeats = words // len(CLAUSE.split()) + 1
    return " ".join((CLAUSE * repeats).split()[:words])


def test_no_sentence_is_longer_than_the_limit() -> None:
    doc = get_nlp()(unpunctuated(3000))
    lengths = [len(s) for s in sentences(doc)]
    assert max(lengths) <= MAX_SENTENCE_TOKENS
    assert len(lengths) >= 3000 // MAX_SENTENCE_TOKENS


def test_long_runs_are_cut_after_a_clause_mark() -> None:
    doc = get_nlp()(unpunctuated(1000))
    cut_after = [doc[s.start - 1].text for s in sentences(doc)[1:]]
    assert cut_after.count(",") >= len(cut_after) - 1


def test_ordinary_sentences_are_not_cut() -> None:
    text = "The minister said on Sunday that two drones were shot down near the airport. " * 30
    doc = get_nlp()(text)
    assert all(s.text.strip().endswith(".") for s in sentences(doc))


def test_output_grows_linearly_with_unpunctuated_input() -> None:
    small, large = (len(json.dumps(extract_article({"id": "a", "source": "s", "text": unpunctuated(n)})))
                    for n in (1000, 4000))
    assert large < 5 * small  # four times the words: about four times the output, not sixteen


def test_claims_carry_a_bounded_excerpt_not_their_sentence() -> None:
    record = extract_article({"id": "a", "source": "s", "text": unpunctuated(2000)})
    claims = record["numeric_claims"]
    assert claims and all("evidence" not in c for c in claims)
    assert all(len(c["excerpt"]) <= EXCERPT_CHARS for c in claims)
    assert all(c["number_text"] in c["excerpt"] for c in claims)


def test_excerpt_keeps_short_sentences_whole_and_centres_long_ones() -> None:
    text = "a" * 1000 + " KEY " + "b" * 1000
    assert excerpt("short one.", 0, 10, 0, 5) == "short one."
    cut = excerpt(text, 0, len(text), 1001, 1004)
    assert len(cut) == EXCERPT_CHARS and "KEY" in cut and cut.startswith("…") and cut.endswith("…")
    start = excerpt(text, 0, len(text), 0, 3)
    assert start.startswith("aaa") and start.endswith("…") and len(start) <= EXCERPT_CHARS
