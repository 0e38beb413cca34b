"""The reported content of an attribution: the clause a cue governs, or the clause an inserted cue sits in."""

from __future__ import annotations

from spacy.tokens import Span, Token

from workers.analysis.cue_frames import CLAUSE_DEPS, is_infinitive

# Complements that carry what is reported, by preference: a clause, an infinitive, then objects/prepositions
# ("called for [a ban]", "accused [him] [of lying]", "called [him] [a liar]").
_OBJECT_DEPS = frozenset({"dobj", "prep", "oprd", "attr", "dative", "acomp"})
_EDGE = " \t\n,;:.—–-"


def _complements(cue: Token, source: Span) -> list[Token]:
    """The cue's children that hold the reported content, most clausal first; the source excluded."""
    children = [c for c in cue.children if not source.start <= c.i < source.end]
    if cue.pos_ == "NOUN":  # "the claim [that ...]"; else the clause the noun phrase is part of
        return [c for c in children if c.dep_ in {"acl", "ccomp"}]
    clauses = [c for c in children if c.dep_ in CLAUSE_DEPS]
    if clauses:
        return clauses
    infinitives = [c for c in children if is_infinitive(c)]
    if infinitives or cue.dep_ == "parataxis":  # "The plan, he said on Monday, failed": the clause around
        return infinitives
    return [c for c in children if c.dep_ in _OBJECT_DEPS and c.i > cue.i]


def _around(branch: Token, sentence: Span) -> tuple[int, int] | None:
    """For a cue inserted in or attached to a clause ("The plan, he said, failed"; "according to X, ..."):
    the tokens of the clause it attaches to, minus the cue's own branch (first to last)."""
    head = branch.head
    if head == branch:
        return None
    inner = {t.i for t in branch.subtree}
    rest = [t.i for t in head.subtree if t.i not in inner and sentence.start <= t.i < sentence.end]
    return (min(rest), max(rest) + 1) if rest else None


def _outside(cue: Span, source: Span, sentence: Span) -> tuple[int, int]:
    """The longer side of the sentence outside the attribution phrase (source and cue)."""
    start, end = min(cue.start, source.start), max(cue.end, source.end)
    before, after = (sentence.start, start), (end, sentence.end)
    return before if before[1] - before[0] > after[1] - after[0] else after


def content_span(cue: Span, source: Span, sentence: Span, governs: bool = True) -> tuple[int, int]:
    """Character offsets of what the attribution reports, edges trimmed of spaces and punctuation (quote
    marks kept: a direct quote's content includes them). governs=False for a cue that attaches to the
    reported clause rather than governing it ("according to")."""
    root = cue.root
    parts = _complements(root, source) if governs else []
    if parts:
        tokens = [t.i for part in parts for t in part.subtree]
        bounds: tuple[int, int] | None = (min(tokens), max(tokens) + 1)
    else:
        bounds = _around(root, sentence)
    if bounds is None or bounds[1] <= bounds[0]:
        bounds = _outside(cue, source, sentence)
    doc = sentence.doc
    span = doc[bounds[0] : bounds[1]] if bounds[1] > bounds[0] else sentence
    text = span.text
    left = len(text) - len(text.lstrip(_EDGE))
    right = len(text.rstrip(_EDGE))
    if right <= left:
        return span.start_char, span.end_char
    return span.start_char + left, span.start_char + right
