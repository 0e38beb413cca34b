"""Sentence shape of a line: length, final punctuation, capitalisation, finite verb, imperative start."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

# Penn Treebank tags of finite verbs and modals (spaCy's English tagger uses them in `tag_`).
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Only the start of a long line is tagged: its shape is clear by then and tagging stays cheap.
TAGGED_CHARS = 300
TAGGED_MAX_WORDS = 20
# Verb features of recently tagged lines, by exact text (per process, bounded).
VERB_CACHE_SIZE = 4096
_VERB_CACHE: OrderedDict[str, tuple[bool, bool]] = OrderedDict()
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_TRAILING_CLOSERS = "”’\"')]»* "
_FINAL_PUNCT = ".!?…:;"


@dataclass(frozen=True)
class LineShape:
    """Shape features of one line (verb fields are None when the line was not tagged)."""

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
    """Fine-grained POS tags of the start of each line, from the extraction's own pipeline (tagger only), so a
    worker process holds one copy of the model."""
    from workers.analysis.nlp import get_nlp

    nlp = get_nlp()
    unused = [name for name in nlp.pipe_names if name not in ("tok2vec", "tagger")]
    with nlp.select_pipes(disable=unused):
        return [[token.tag_ for token in doc] for doc in nlp.pipe(line[:TAGGED_CHARS] for line in lines)]


def taggable(shape: LineShape) -> bool:
    """True for a line short enough to get verb features (longer ones are judged by punctuation alone)."""
    return shape.words < TAGGED_MAX_WORDS


def untagged_shapes(lines: Sequence[str]) -> list[LineShape]:
    """Shape features of each line without the tagger (verb fields None: "unknown")."""
    shapes = []
    for line in lines:
        words = _WORD.findall(line)
        first = line.lstrip("“‘\"'([«- ")[:1]
        shapes.append(
            LineShape(
                words=len(words),
                final_punct=_ends_with_punct(line),
                question=line.rstrip(_TRAILING_CLOSERS).endswith("?"),
                lowercase_start=first.islower(),
                upper_start=first.isupper() or first.isdigit() or line[:1] in "“‘\"'",
                headline_case=_headline_case(words),
                finite_verb=None,
                imperative=None,
            )
        )
    return shapes


def with_verb_features(lines: Sequence[str], shapes: Sequence[LineShape], indices: Iterable[int]) -> list[LineShape]:
    """The shapes with finite-verb and imperative features for the given lines (one tagger pass over them).

    Lines of TAGGED_MAX_WORDS words or more are never tagged (their verb fields stay None): a paragraph
    that long is judged by its punctuation. Lines already tagged are left as they are.
    """
    to_tag = sorted({i for i in indices if taggable(shapes[i]) and shapes[i].finite_verb is None})
    verbs = _verb_features([lines[i] for i in to_tag])
    out = list(shapes)
    for index in to_tag:
        finite, imperative = verbs[lines[index]]
        out[index] = replace(shapes[index], finite_verb=finite, imperative=imperative)
    return out


def _verb_features(lines: Sequence[str]) -> dict[str, tuple[bool, bool]]:
    """(finite verb, imperative start) of each distinct line, tagging only lines not in the cache.

    Furniture lines repeat ("Story continues below advertisement" six times in one seed, the same
    prompts in every article of an outlet), and they are most of the lines that need the tagger.
    Hand-written LRU rather than functools.lru_cache: lines are tagged in one batch, not one call each.
    """
    found: dict[str, tuple[bool, bool]] = {}
    missing: list[str] = []
    for line in lines:
        cached = _VERB_CACHE.get(line)
        if cached is not None:
            _VERB_CACHE.move_to_end(line)
            found[line] = cached
        elif line not in found and line not in missing:
            missing.append(line)
    for line, tags in zip(missing, _tags(missing) if missing else [], strict=True):
        found[line] = (any(t in FINITE_VERB_TAGS for t in tags), bool(tags) and tags[0] == "VB")
        _VERB_CACHE[line] = found[line]
        if len(_VERB_CACHE) > VERB_CACHE_SIZE:
            _VERB_CACHE.popitem(last=False)
    return found


def line_shapes(lines: Sequence[str], tag: bool) -> list[LineShape]:
    """Shape features of each line; `tag` runs the English tagger for the verb features of every short line."""
    shapes = untagged_shapes(lines)
    return with_verb_features(lines, shapes, range(len(lines))) if tag else shapes
