"""Words for matching, in one place: tokens with offsets, normalised forms, content words and stopword lists.

Hand-written on purpose: the dedup and comparison stages compare many spans and must not re-run spaCy over
the texts; meaning (synonyms, paraphrase) is the sentence embeddings' job, not a word list's. Each stage keeps
the form it was tuned with: dedup matches `tokenize` norms (casefolded, NFKC, dots dropped), the comparison
matches `content_words` (no stopwords or numbers, light singular), furniture scoring uses spaCy's list.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# --- Tokens with offsets (dedup) -----------------------------------------------------------------------

# A word: letters/digits with inner dots, apostrophes or hyphens ("U.S", "Jong-un", "France’s").
_TOKEN = re.compile(r"\w+(?:[.'’\-]\w+)*")


class Token(NamedTuple):
    """One normalised word and its character span in the clean text."""

    norm: str
    start: int
    end: int


def normalise_word(word: str) -> str:
    """Casefold, NFKC, unify apostrophes and drop dots (so "U.S." and "US" match)."""
    word = unicodedata.normalize("NFKC", word).casefold().replace("’", "'")
    return word.replace(".", "")


_NORM_CACHE: dict[str, str] = {}


def tokenize(text: str) -> list[Token]:
    """Word tokens of a text with their offsets (end exclusive)."""
    cache = _NORM_CACHE
    if len(cache) > 500_000:
        cache.clear()
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        norm = cache.get(word)
        if norm is None:
            norm = cache[word] = normalise_word(word)
        out.append(Token(norm, m.start(), m.end()))
    return out


def normalised_text(tokens: list[Token]) -> str:
    """The text reduced to its normalised words (what exact-duplicate detection compares)."""
    return " ".join(t.norm for t in tokens)


# --- Content words (comparison) ------------------------------------------------------------------------

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")

_STOPWORDS_TEXT = """
a about above after again against all also am an and any are as at be been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
once only or other our ours out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours said says say told according one two three four five
six seven eight nine ten least around nearly almost several many dozens sunday monday tuesday wednesday
thursday friday saturday
"""
# The comparison's stopwords: function words, reporting verbs, small number words, vague quantities, weekdays.
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

# Irregular plurals; the regular ones are handled by rule in `singular`.
_IRREGULAR = {"men": "man", "women": "woman", "children": "child", "people": "people", "police": "police",
              "feet": "foot", "teeth": "tooth", "mice": "mouse", "data": "data", "media": "media",
              "news": "news", "series": "series", "species": "species", "troops": "troop"}


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """A light singular form of an English noun (ships -> ship, casualties -> casualty)."""
    word = word.lower().strip("’'")
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-cased word tokens (hyphenated words stay whole, curly apostrophes kept)."""
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def content_words(text: str) -> list[str]:
    """Lower-cased singular content words: no stopwords, no numbers, no possessive 's."""
    out = []
    for word in words(text):
        word = word.removesuffix("'s")
        if word in STOPWORDS or word[0].isdigit():
            continue
        out.append(singular(word))
    return out


# --- spaCy's English stop words (dedup's same-story cosine, furniture scoring) --------------------------

REPORTING_WORDS = frozenset({"said", "says", "say", "told"})


@lru_cache(maxsize=1)
def spacy_stopwords() -> frozenset[str]:
    """spaCy's English stop words (its lexicon's list, no model needed; imported on first use)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def prose_stopwords() -> frozenset[str]:
    """spaCy's stop words plus the reporting verbs every article uses."""
    return spacy_stopwords() | REPORTING_WORDS
