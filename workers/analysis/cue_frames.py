"""The frame of a candidate cue verb: what it governs ("said that ...", "wants to ...", "called for ...")."""

from __future__ import annotations

from spacy.tokens import Token

CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})


def is_infinitive(token: Token) -> bool:
    """An xcomp with its own "to" ("plans to run"), not a bare adjective or participle complement."""
    return token.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def cue_frame(verb: Token) -> str:
    """'clause' (a that-/reported clause: "said [that] ...", "..., he said", "the economy, he said, grew"),
    'to' (an infinitive: "vowed to fight"), 'prep:<word>' ("called for", "pointed to"), 'object' ("denied the
    report"), or 'bare'. The first that applies, in that order."""
    children = list(verb.children)
    if verb.dep_ == "parataxis" or any(c.dep_ in CLAUSE_DEPS for c in children):
        return "clause"
    if any(is_infinitive(c) for c in children):
        return "to"
    for child in children:
        if child.dep_ == "prep":
            return f"prep:{child.lower_}"
    if any(c.dep_ == "dobj" for c in children):
        return "object"
    return "bare"


def frame_group(verb: Token) -> str:
    """The frame as the cue lexicon keys it: 'clause', 'to', or 'other' (a preposition, an object, nothing)."""
    frame = cue_frame(verb)
    return frame if frame in {"clause", "to"} else "other"
