"""A quotation another outlet printed without quotation marks: a statement or a post run as the outlet's own text.

Outlets often reprint a tweet or a company statement as running text ("A flying first for me: 4 hours into an
11 hour flight and we are turning around ..." quoted by one outlet, printed bare by another: Giveme5W1H, tuning
half). Such words are no quote in the second article, so quote matching never sees them; found here as a run
of at least MIN_RUN_WORDS words identical (folded as quotes are matched) to a quotation's own, outside the
other article's quotes. A run that long is no chance phrase: it is the words of the statement, whether the
outlet took them from the speaker or from another outlet (independence, as everywhere, says which).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from workers.analysis.comparison.evidence import ArticleText

MIN_RUN_WORDS = 8  # words of a quotation printed bare, in order, before the print counts as the quotation
SEED = 4  # words per lookup key (a run of MIN_RUN_WORDS holds several)
MAX_POSTING = 50  # a key found at more places than this is too common to seed from
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Reprint:
    """Where an article prints a quotation's words without quotation marks."""

    article_id: str
    start: int
    end: int
    words: int


class BareText:
    """Every article's folded words outside its quotes, indexed for runs (one index per job)."""

    def __init__(self, texts: dict[str, ArticleText], quote_spans: dict[str, list[tuple[int, int]]],
                 fold: Callable[[str], str]) -> None:
        # per article: (folded word, or None inside a quote, start, end); bare punctuation is no word, as in quotes
        self.words: dict[str, list[tuple[str | None, int, int]]] = {}
        self.index: dict[tuple[str | None, ...], list[tuple[str, int]]] = defaultdict(list)
        for article_id, article in texts.items():
            spans = quote_spans.get(article_id, [])
            words: list[tuple[str | None, int, int]] = []
            for match in _WORD.finditer(article.text):
                start, end = match.span()
                if any(a < end and start < b for a, b in spans):
                    words.append((None, start, end))
                elif norm := fold(match.group()):
                    words.append((norm, start, end))
            self.words[article_id] = words
            for k in range(len(words) - SEED + 1):
                key = tuple(w for w, _, _ in words[k:k + SEED])
                if all(key):
                    self.index[key].append((article_id, k))

    def runs(self, norm: list[str], skip: set[str]) -> dict[str, Reprint]:
        """The longest bare run of the quotation's folded words in each article outside `skip`."""
        best: dict[str, Reprint] = {}
        if len(norm) < MIN_RUN_WORDS:
            return best
        for offset in range(len(norm) - SEED + 1):
            postings = self.index.get(tuple(norm[offset:offset + SEED]), [])
            if len(postings) > MAX_POSTING:
                continue
            for article_id, k in postings:
                if article_id in skip:
                    continue
                words = self.words[article_id]
                length = SEED
                while (offset + length < len(norm) and k + length < len(words)
                       and words[k + length][0] == norm[offset + length]):
                    length += 1
                if length >= MIN_RUN_WORDS and length > (best[article_id].words if article_id in best else 0):
                    best[article_id] = Reprint(article_id, words[k][1], words[k + length - 1][2], length)
        return best
