"""A quotation another outlet printed without quotation marks: a statement or a post run as the outlet's own text.

Outlets often reprint a tweet or a company statement as running text ("A flying first for me: 4 hours into an
11 hour flight and we are turning around ..." quoted by one outlet, printed bare by another: Giveme5W1H, tuning
half). Such words are no quote in the second article, so quote matching never sees them; found here as a run
of at least MIN_RUN_WORDS words identical (folded as quotes are matched) to a quotation's own, outside the
other article's quotes. A run that long is no chance phrase: it is the words of the statement, whether the
outlet took them from the speaker or from another outlet (independence, as everywhere, says which).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.dedup.prepare import SEED_WORDS

MIN_RUN_WORDS = SEED_WORDS  # a quotation printed bare counts from the run the dedup stage calls verbatim (8)
SEED = 4  # words per lookup key (a run of MIN_RUN_WORDS holds several)
MAX_POSTING = 50  # a key found at more places than this is too common to seed from


@dataclass(frozen=True)
class Reprint:
    """Where an article prints a quotation's words without quotation marks."""

    article_id: str
    start: int
    end: int
    words: int


def _merged(spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class BareText:
    """Every article's folded words outside its quotes, indexed for runs (one index per job)."""

    def __init__(self, texts: dict[str, ArticleText], quote_spans: dict[str, list[tuple[int, int]]],
                 words_of: Callable[[str], list[tuple[str, int, int]]]) -> None:
        """`words_of`: a text's (folded word, start, end), split and folded as quotes are matched."""
        # per distinct text (wire copies are indexed once): (folded word, or None inside a quote, start, end)
        self.words: list[list[tuple[str | None, int, int]]] = []
        self.articles: list[list[str]] = []  # the articles printing each distinct text
        self.index: dict[tuple[str | None, ...], list[tuple[int, int]]] = defaultdict(list)
        seen: dict[tuple[str, tuple[tuple[int, int], ...]], int] = {}
        for article_id, article in texts.items():
            spans = tuple(sorted(quote_spans.get(article_id, [])))
            number = seen.setdefault((article.text, spans), len(self.words))
            if number < len(self.words):
                self.articles[number].append(article_id)
                continue
            words: list[tuple[str | None, int, int]] = []
            merged = _merged(spans)
            at = 0  # the first quote span that does not end before the current word
            for norm, start, end in words_of(article.text):
                while at < len(merged) and merged[at][1] <= start:
                    at += 1
                words.append((None if at < len(merged) and merged[at][0] < end else norm, start, end))
            self.words.append(words)
            self.articles.append([article_id])
            norms = [w for w, _, _ in words]
            for k in range(len(norms) - SEED + 1):
                key = tuple(norms[k:k + SEED])
                if None not in key:
                    self.index[key].append((number, k))

    def runs(self, norm: list[str], skip: set[str]) -> dict[str, Reprint]:
        """The longest bare run of the quotation's folded words in each article outside `skip`."""
        longest: dict[int, tuple[int, int]] = {}  # distinct text -> (words, first word)
        if len(norm) < MIN_RUN_WORDS:
            return {}
        reached: dict[tuple[int, int], int] = {}  # (text, diagonal k - offset) -> quote offset a run reached
        for offset in range(len(norm) - SEED + 1):
            postings = self.index.get(tuple(norm[offset:offset + SEED]), [])
            if len(postings) > MAX_POSTING:
                continue
            for number, k in postings:
                if reached.get((number, k - offset), -1) > offset:
                    continue  # inside a run already measured: a speech printed whole is walked once, not per word
                words = self.words[number]
                back = 0  # a seed too common to look up ("we will rebuild the") may open the run: extend back too
                while offset - back > 0 and k - back > 0 and words[k - back - 1][0] == norm[offset - back - 1]:
                    back += 1
                length = SEED
                while (offset + length < len(norm) and k + length < len(words)
                       and words[k + length][0] == norm[offset + length]):
                    length += 1
                reached[(number, k - offset)] = offset + length
                if back + length >= MIN_RUN_WORDS and back + length > longest.get(number, (0, 0))[0]:
                    longest[number] = (back + length, k - back)
        best: dict[str, Reprint] = {}
        for number, (length, k) in longest.items():
            words = self.words[number]
            for article_id in self.articles[number]:
                if article_id not in skip:
                    best[article_id] = Reprint(article_id, words[k][1], words[k + length - 1][2], length)
        return best
