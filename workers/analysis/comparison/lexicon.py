"""Words normalised for matching: content tokens (no stopwords, no numbers) in a light singular form.

Hand-written on purpose: the comparison stage compares many sentence pairs and must not re-run spaCy over
the texts; meaning (synonyms, paraphrase) is the sentence embeddings' job, not a word list's.
"""

from __future__ import annotations

import re
from functools import lru_cache

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
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

# Irregular plurals; the regular ones are handled by rule in `singular`.
_IRREGULAR = {"men": "man", "women": "woman", "children": "child", "people": "people", "police": "police",
              "feet": "foot", "teeth": "tooth", "mice": "mouse", "data": "data", "media": "media",
              "news": "news", "series": "series", "species": "species", "troops": "troop"}


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """A light singular form of an English noun (guards -> guard, casualties -> casualty)."""
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
