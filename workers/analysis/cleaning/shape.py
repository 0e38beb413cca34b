"""Sentence shape of a line: length, final punctuation, capitalisation, finite verb, imperative start."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Penn Treebank tags of finite verbs and modals (spaCy's English tagger uses them in `tag_`).
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Only the start of a long line is tagged: its shape is clear by then and tagging stays cheap.
TAGGED_CHARS = 300
TAGGED_MAX_WORDS = 20
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_TRAILING_CLOSERS = "”’\"')]»* "
_FINAL_PUNCT = ".!?…:;"


@dataclass(frozen=True)
class LineShape:
    """Shape features of one line (verb fields are None when the language has no tagger here)."""

    words: int
    final_punct: bool
    question: bool
    lowercase_start: bool
    upper_start: bool
    headline_case: bool
    finite_verb: bool | None
    imperative: bool | None


def _ends_with_punct(line: str) -> bool:
    """True when a line ends like a sentence, closing quotes and brackets aside."""
    stripped = line.rstrip(_TRAILING_CLOSERS)
    if line.rstrip().endswith(")") and not stripped.endswith(tuple(_FINAL_PUNCT)):
        return False
    return stripped.endswith(tuple(_FINAL_PUNCT))


def _headline_case(words: list[str]) -> bool:
    """True when most longer words are capitalised, as in headlines and section titles."""
    long_words = [w for w in words if len(w) > 3]
    if len(long_words) < 2:
        return False
    return sum(w[0].isupper() for w in long_words) >= 0.75 * len(long_words)


def _tags(lines: Sequence[str]) -> list[list[str]]:
    """Fine-grained POS tags of the start of each line, from the shared spaCy model (tagger only)."""
    from workers.analysis.nlp import load_base_model

    nlp = load_base_model()
    unused = [name for name in nlp.pipe_names if name not in ("tok2vec", "tagger")]
    with nlp.select_pipes(disable=unused):
        return [[token.tag_ for token in doc] for doc in nlp.pipe(line[:TAGGED_CHARS] for line in lines)]


def line_shapes(lines: Sequence[str], tag: bool) -> list[LineShape]:
    """Shape features of each line; `tag` runs the English tagger for the verb features.

    Lines of TAGGED_MAX_WORDS words or more are not tagged (their verb fields stay None, "unknown"): a
    paragraph that long is judged by its punctuation, and tagging was two thirds of the cleaning time.
    """
    words_per_line = [_WORD.findall(line) for line in lines]
    to_tag = [i for i, words in enumerate(words_per_line) if len(words) < TAGGED_MAX_WORDS] if tag else []
    tags: list[list[str] | None] = [None] * len(lines)
    for index, tagged in zip(to_tag, _tags([lines[i] for i in to_tag]) if to_tag else [], strict=True):
        tags[index] = tagged
    shapes = []
    for line, line_tags, words in zip(lines, tags, words_per_line, strict=True):
        first = line.lstrip("“‘\"'([«- ")[:1]
        finite = None if line_tags is None else any(t in FINITE_VERB_TAGS for t in line_tags)
        imperative = None if line_tags is None else bool(line_tags) and line_tags[0] == "VB"
        shapes.append(
            LineShape(
                words=len(words),
                final_punct=_ends_with_punct(line),
                question=line.rstrip(_TRAILING_CLOSERS).endswith("?"),
                lowercase_start=first.islower(),
                upper_start=first.isupper() or first.isdigit() or line[:1] in "“‘\"'",
                headline_case=_headline_case(words),
                finite_verb=finite,
                imperative=imperative,
            )
        )
    return shapes
