"""Attributions carried by layout rather than by a verb: a signature line under a paragraph ("― Ana Ruiz") and
a headline that names its speaker before a colon ("Pence: Flowers Won't Be at Debate")."""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.tokens import Doc, Span, Token

from workers.analysis.entities import entity_key, words
from workers.analysis.nlp import doc_text, sentences

SIGNATURE_DASHES = frozenset({"―", "—", "–", "--"})
MAX_NAME_TOKENS = 5
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Headline labels before a colon that are the desk's, not a speaker's ("Correction: ...", "Watch: ...").
DESK_LABELS = words("correction corrections update updated editor note watch video photo photos read related breaking")


def _name_tokens(tokens: list[Token]) -> bool:
    """A short run of capitalised words with no verb: what a name (or "Poll") looks like in a headline."""
    return (
        0 < len(tokens) <= MAX_NAME_TOKENS
        and all(t.text[:1].isupper() or t.text in {".", "-", "'s", "’s"} for t in tokens)
        and not any(t.pos_ in {"VERB", "AUX"} for t in tokens)
        and not any(t.lower_ in DESK_LABELS for t in tokens)
    )


def _names_a_party(tokens: list[Token], labels: Counter[str], surnames: set[str], organisations: set[str]) -> bool:
    """A headline label that speaks: a person the text names somewhere, by the last word of the name (a title may
    come first: "Governor Alvarez:"; the small model often misses a name at a line's start before a colon:
    "Pence: Gennifer Flowers Won't Be at Debate", PolNeAR dev), or an organisation's whole name as the text
    tags it ("Politifact:"), or a label of two or more letters opening two or more lines, as an interview
    transcript's speakers do ("SHAPIRO: ...", "WALT: ..."). A section label or a kicker does not ("Translation:",
    "Disclaimer:", "MISTAKE OF THE RACE:", "Review:", unannotated Giveme5W1H events; "The Latest:", PolNeAR dev),
    nor a place ("MOSCOW:" opens a dispatch). `labels`: how many lines each label opens; `surnames`, the last
    words of the text's PERSON names; `organisations`, its ORG names (all lower-cased)."""
    words = [t.lower_ for t in tokens if not t.is_punct]
    label = " ".join(t.text for t in tokens)
    return bool(words) and (words[-1] in surnames or " ".join(words) in organisations
                            or (labels[label] >= 2 and sum(c.isalpha() for c in label) >= 2))


def _record(source: Span, cue: Token, content: tuple[int, int], sentence: int, method: str) -> dict[str, Any]:
    """One layout attribution in the contract's shape (frame 'clause': the content is a statement)."""
    named = [t for t in source if t.ent_type_ in NAMED_LABELS]
    start, end = min(source.start_char, cue.idx), max(source.end_char, cue.idx + len(cue.text))
    text = doc_text(source.doc)
    return {
        "text": text[start:end],
        "start": start,
        "end": end,
        "source": source.text,
        "source_start": source.start_char,
        "source_end": source.end_char,
        "source_key": entity_key(source.text, named[0].ent_type_) if named else None,
        "kind": "named" if named else "anonymous",
        "cue": cue.text,
        "cue_start": cue.idx,
        "cue_end": cue.idx + len(cue.text),
        "method": method,
        "frame": "clause",
        "sentence": sentence,
        "content_start": content[0],
        "content_end": content[1],
    }


def _previous_paragraph(text: str, line_start: int) -> tuple[int, int] | None:
    """The stripped bounds of the nearest non-blank line before line_start."""
    end = line_start
    while end > 0:
        start = text.rfind("\n", 0, end - 1) + 1
        line = text[start:end]
        if line.strip():
            left = start + len(line) - len(line.lstrip())
            return left, start + len(line.rstrip())
        end = start
    return None


def _sentence_index(doc: Doc, token: Token) -> int:
    """Index of the sentence holding the token."""
    return next(n for n, sent in enumerate(sentences(doc)) if sent.start <= token.i < sent.end)


def signature_lines(doc: Doc) -> list[dict[str, Any]]:
    """A dash and a name closing a line ('“...” ― Ana Ruiz'), or alone on a line under a paragraph: the words
    before it on the line, else the paragraph above, are Ana Ruiz's (testimonials, letters, epigraphs)."""
    text = doc_text(doc)
    found = []
    for dash in doc:
        if dash.text not in SIGNATURE_DASHES:
            continue
        line_start = text.rfind("\n", 0, dash.idx) + 1
        line_end = text.find("\n", dash.idx)
        line_end = len(text) if line_end < 0 else line_end
        span = doc.char_span(dash.idx + len(dash.text), line_end, alignment_mode="contract")
        name = [t for t in span or [] if not t.is_space]
        while name and name[-1].is_punct:
            name.pop()
        if not _name_tokens(name) or any(t.is_punct and t.text not in {".", "-"} for t in name):
            continue
        before = text[line_start : dash.idx].rstrip()
        if before and before[-1] not in '”"’.!?':
            continue
        left = line_start + len(text[line_start : dash.idx]) - len(text[line_start : dash.idx].lstrip())
        content = (left, line_start + len(before)) if before else _previous_paragraph(text, line_start)
        if content is None:
            continue
        source = doc[name[0].i : name[-1].i + 1]
        found.append(_record(source, dash, content, _sentence_index(doc, dash), "signature line"))
    return found


def headline_colons(doc: Doc) -> list[dict[str, Any]]:
    """ "Pence: Flowers Won't Be at Debate": a line opening with a name and a colon, then a clause with a verb
    (the content runs to the line's end: the parser may cut a headline into several sentences)."""
    text = doc_text(doc)
    opened: list[tuple[int, list[Token], list[Token]]] = []
    for n, sent in enumerate(sentences(doc)):
        tokens = [t for t in sent if not t.is_space]
        colon = next((i for i, t in enumerate(tokens[: MAX_NAME_TOKENS + 1]) if t.text == ":"), None)
        if colon is None or text[text.rfind("\n", 0, tokens[0].idx) + 1 : tokens[0].idx].strip():
            continue
        opened.append((n, tokens[:colon], tokens[colon:]))
    labels = Counter(" ".join(t.text for t in name) for _, name, _ in opened)
    surnames = {words[-1] for ent in doc.ents if ent.label_ == "PERSON"
                for words in [[t.lower_ for t in ent if not t.is_punct]] if words}
    organisations = {" ".join(t.lower_ for t in ent if not t.is_punct) for ent in doc.ents if ent.label_ == "ORG"}
    found = []
    for n, name, (colon_token, *_) in opened:
        line_end = text.find("\n", colon_token.idx)
        after = doc.char_span(colon_token.idx + 1, len(text) if line_end < 0 else line_end, alignment_mode="contract")
        rest = [t for t in after or [] if not t.is_space]  # to the line's end, whatever sentences the parser cut
        if not (rest and _name_tokens(name) and _names_a_party(name, labels, surnames, organisations)
                and any(t.pos_ in {"VERB", "AUX"} for t in rest)):
            continue
        content = (rest[0].idx, rest[-1].idx + len(rest[-1].text))
        found.append(_record(doc[name[0].i : name[-1].i + 1], colon_token, content, n, "headline colon"))
    return found
