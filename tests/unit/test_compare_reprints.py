"""Bare prints of a quotation's words (comparison.reprints.BareText) on invented texts."""

from __future__ import annotations

from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.comparison.quotes import folded_words
from workers.analysis.comparison.reprints import MIN_RUN_WORDS, BareText


def _fold(word: str) -> str:
    return next(norm for norm, _, _ in folded_words(word))


def _texts(**texts: str) -> dict[str, ArticleText]:
    return {k: ArticleText({"article_id": k, "text": v, "sentences": []}) for k, v in texts.items()}


def test_a_speech_printed_whole_is_one_run_and_a_part_of_it_a_shorter_one() -> None:
    """A long quotation printed whole in one article and in part in another: each gets its longest run, even
    when the quotation repeats its own phrases (runs on one diagonal are walked once)."""
    speech = " ".join(f"we will rebuild the bridge at pier {n} and the road beside it" for n in range(300))
    words = [_fold(w) for w in speech.split()]
    part = " ".join(speech.split()[40:60])
    texts = _texts(a=f"The minister said: “{speech}.”", b=f"Full text. {speech}. End.", c=f"Excerpt: {part} (more)")
    quote_start = texts["a"].text.index("“") + 1
    bare = BareText(texts, {"a": [(quote_start, quote_start + len(speech))]}, folded_words)
    runs = bare.runs(words, {"a"})
    assert runs["b"].words == len(words)
    assert texts["b"].text[runs["b"].start:runs["b"].end].rstrip(".") == speech  # a token keeps its full stop
    assert runs["c"].words == 20
    assert bare.runs(words, {"a", "b", "c"}) == {}


def test_a_run_shorter_than_the_minimum_or_inside_quotes_is_no_print() -> None:
    quote = "the council will meet again on Friday to decide what happens next with the plan"
    short = " ".join(quote.split()[: MIN_RUN_WORDS - 1])
    texts = _texts(a=f"“{quote}”", b=f"Officials said {short} today.", c=f"He repeated: “{quote}”")
    spans = {"a": [(1, 1 + len(quote))], "c": [(14, 14 + len(quote))]}
    bare = BareText(texts, spans, folded_words)
    assert bare.runs([_fold(w) for w in quote.split()], {"a"}) == {}


def test_a_closing_mark_run_into_the_next_word_splits_bare_text_as_it_splits_quotes() -> None:
    """"said.’I" is two words in a quote, so it is two words in bare text too, and the run goes on through it."""
    quote = "We were told to wait. I waited for hours and nobody came to help us at all"
    printed = "She posted that they were told to wait.’I waited for hours and nobody came to help us at all."
    texts = _texts(a=f"“{quote}”", b=printed)
    runs = BareText(texts, {"a": [(1, 1 + len(quote))]}, folded_words).runs(
        [norm for norm, _, _ in folded_words(quote)], {"a"})
    assert runs["b"].words == len(quote.split()) - 1  # all but "We"
