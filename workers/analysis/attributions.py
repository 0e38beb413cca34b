"""Attributions: who a sentence's information comes from ("according to ...", "X said", "citing ...")."""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc, Span, Token

from workers.analysis.attribution_content import content_span
from workers.analysis.attribution_layout import headline_colons, signature_lines
from workers.analysis.cue_classifier import CueContext, CueModel, load_cue_model
from workers.analysis.cue_frames import frame_group
from workers.analysis.entities import entity_key, words
from workers.analysis.nlp import doc_text, entity_spans, sentences
from workers.analysis.speakers import (
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    EntityIndex,
    mention_span,
    passive_agent,
    past_dateline,
    quoted_person,
    resolve_speaker,
    spaced_dash,
    stray_letter,
    subject_of,
)

NAMED_ENTS = frozenset({"PERSON", "ORG", "GPE", "FAC"})
# Bodies that speak on the record as one identifiable institution ("the French interior ministry said").
INSTITUTION_NOUNS = words(
    "government military army police ministry pentagon embassy council court parliament committee agency "
    "department presidency administration cabinet navy coalition commission"
)
MAX_SOURCE_TOKENS = 20
# Subjects that are not a source outside a quote (the writer, the reader, a relative pronoun left unresolved).
NOT_SOURCES = frozenset({"i", "we", "you", "who", "that", "which", "what", "there", "this", "these", "those"})
_CORE_DEPS = frozenset({"compound", "poss", "nmod", "appos", "amod", "nummod", "det", "case"})


def _core_tokens(head: Token) -> list[Token]:
    """The head of a source and what names it (compounds, possessors, "from/of X"), not relative clauses."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in _CORE_DEPS or (child.dep_ == "prep" and child.lower_ in {"from", "of", "for", "with", "at"}):
            tokens.extend(child.subtree)
    return tokens


def _is_institution(head: Token) -> bool:
    """ "the French military", "the government", "China's Foreign Ministry": one identifiable on-record body."""
    definite = any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "some", "any"} for c in head.children)
    return head.lemma_.lower() in INSTITUTION_NOUNS and definite and head.tag_ != "NNS"


def classify_source(head: Token) -> str:
    """'named' if the source names a person, organisation, state or one definite institution; else 'anonymous'
    (unnamed officials, sources, analysts, reports)."""
    named = any(t.ent_type_ in NAMED_ENTS for t in _core_tokens(head)) or _is_institution(head)
    return "named" if named else "anonymous"


# Words a hyphen joins without spaces ("co-founder", "vice-president", "Moon Jae-in") are split into three
# tokens by spaCy's English tokenizer, and the small model's parse often cuts a source inside them ("Co-founder
# Jane Smith said" gets "Co" as its subject; "President Moon Jae-in said", "President Moon Jae"). At most this
# many tokens of the joined word's own subtree are taken in beyond the hyphen.
MAX_HYPHEN_REACH = 4


def _glued(doc: Doc, i: int) -> bool:
    """doc[i] is a hyphen written between two words without spaces ("co-founder", "Jae-in")."""
    return (0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_
            and doc[i - 1].is_alpha and doc[i + 1].is_alpha)


def _past_hyphen(head: Token) -> Token:
    """The word a source hangs from when the parser took the first part of a hyphenated word for it ("Co" of
    "Co-founder Jane Smith said", whose last part "founder" is a compound of "Smith"); else the head itself."""
    doc, i = head.doc, head.i
    while i + 2 < len(doc) and _glued(doc, i + 1):
        i += 2
    last = doc[i]
    moved = False
    while last.dep_ == "compound" and last.head.i > last.i:
        last, moved = last.head, True
    return last if moved else head


def _source_span(head: Token) -> Span:
    """The source as written: the head's subtree (with appositives and clauses), capped in length, whole
    hyphenated words kept whole, no quotation mark or other punctuation at either end."""
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i + 1
    while right > left + 1 and doc[right - 1].is_punct:
        right -= 1
    if right - left > MAX_SOURCE_TOKENS:
        core = _core_tokens(head)
        left, right = min(t.i for t in core), max(t.i for t in core) + 1
    # A spaced dash before the head ends a dateline the parser attached to the subject ("SAN JOSE, Costa Rica
    # — Costa Rican investigators said"); "Secretary-General" has no spaces around its hyphen.
    dashes = [t.i for t in doc[left:head.i] if spaced_dash(t)]
    if dashes:
        left = dashes[-1] + 1
    while left >= 2 and _glued(doc, left - 1):
        left = max(min(left - 2, doc[left - 2].left_edge.i), left - 2 - MAX_HYPHEN_REACH)
    while right + 1 < len(doc) and _glued(doc, right):
        right = min(max(right + 2, doc[right + 1].right_edge.i + 1), right + 2 + MAX_HYPHEN_REACH)
    # a closing quotation mark before the name ('...,” Alemán, the chief of staff, said') is the quote's
    while left < right - 1 and (doc[left].is_punct or doc[left].is_quote) and doc[left].text not in {"(", "["}:
        left += 1
    while right > left + 1 and doc[right - 1].is_punct:
        right -= 1
    return doc[left:right]


def _inside_quotes(doc: Doc, spans: list[tuple[int, int]]) -> list[bool]:
    """For each token, whether it lies inside one of the quotation spans (one pass over sorted spans)."""
    inside = [False] * len(doc)
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            inside[span.start : span.end] = [True] * len(span)
    return inside


def _entity_key_at(token: Token) -> str | None:
    """The entity key of the entity containing the token, if any."""
    ents = [e for e in entity_spans(token.doc) if e.start <= token.i < e.end]
    return entity_key(ents[0].text, ents[0].label_) if ents else None


def _record(
    head: Token, cue_span: Span, sentence: Span, n: int, index: EntityIndex, method: str, frame: str
) -> dict[str, Any]:
    """One attribution: its phrase, its source (resolved if a pronoun), kind, cue and reported content."""
    doc = head.doc
    head = _past_hyphen(past_dateline(head))
    source = _source_span(head)
    kind = classify_source(head)
    source_text, source_key = source.text, None
    if head.lower_ in RELATIVE_PRONOUNS:  # "Smith, who said ...": the words are "who", the source is Smith
        named = head.head.head
        source_text, kind = mention_span(named).text, classify_source(named)
        source_key = _entity_key_at(named) if kind == "named" else None
    elif head.lower_ in PERSON_PRONOUNS or head.lower_ in {"it", "they"}:
        resolved = resolve_speaker(head, index, method)
        source_text, source_key = resolved.text, resolved.key
        kind = "named" if resolved.key else "anonymous"
    elif kind == "named":
        source_key = _entity_key_at(head)
    start = min(source.start, cue_span.start)
    end = max(source.end, cue_span.end)
    phrase = doc[start:end]
    content_start, content_end = content_span(cue_span, source, sentence, governs=method != "according to")
    return {
        "text": phrase.text,
        "start": phrase.start_char,
        "end": phrase.end_char,
        "source": source_text,
        "source_start": source.start_char,
        "source_end": source.end_char,
        "source_key": source_key,
        "kind": kind,
        "cue": cue_span.text,
        "cue_start": cue_span.start_char,
        "cue_end": cue_span.end_char,
        "method": method,
        "frame": frame,
        "sentence": n,
        "content_start": content_start,
        "content_end": content_end,
    }


def _cited(verb: Token) -> Token | None:
    """For "Citing X, Reuters reported" or "X quoted Y as saying", the cited X/Y."""
    for child in verb.children:
        if child.dep_ in {"advcl", "prep"} and child.lemma_.lower() == "cite":
            for obj in child.children:
                if obj.dep_ == "dobj":
                    return obj
        if child.dep_ == "dobj" and verb.lemma_.lower() == "quote":
            return child
    return None


def _cites_for(verb: Token) -> bool:
    """ "Citing X, Reuters reported": the citing is kept on the report as `cites`, not as its own attribution."""
    return verb.lemma_.lower() == "cite" and verb.dep_ in {"advcl", "prep"} and _cited(verb.head) is not None


def noun_source(noun: Token, inside: list[bool]) -> Token | None:
    """Whose statement a cue noun is: its possessor ("Trump's claim that ...", "her plan") or a named
    body compounded with it ("a New York Times report"); None otherwise or inside a quote."""
    for child in noun.children:
        if inside[child.i]:
            continue
        if child.dep_ == "poss" and child.lower_ not in {"my", "our", "your"}:
            return child
        if child.dep_ == "compound" and child.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
            return child
    return None


def verb_source(verb: Token, inside: list[bool]) -> Token | None:
    """The source of a cue verb: a passive's agent ("was told by X"), else its active subject, the head of a
    relative clause for "who"/"that" ("Smith, who said ..."), the subject of the verb a gerund hangs from
    ("He pitched himself by [telling] them that ..."); None if it is inside a quote or not a source. A verb
    embedded in another's report ("said they would [reveal] ...", "needs to [tell]") has a source too: PolNeAR
    counts some as attributions of their own, and the cue classifier weighs that ("embedded")."""
    agent = passive_agent(verb)
    if agent is not None:
        return agent
    subject = subject_of(verb)
    if (subject is None and verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB"
            and quoted_person(verb) is None):  # "X quoted Y as [saying]" is Y's: the "quoted" cue cites Y
        subject = subject_of(verb.head.head)
    if subject is None or subject.dep_ != "nsubj" or inside[subject.i]:
        return None
    if subject.lower_ in RELATIVE_PRONOUNS:
        return subject if subject.head.dep_ == "relcl" and not inside[subject.head.head.i] else None
    return None if subject.lower_ in NOT_SOURCES or stray_letter(subject) or _negative(subject) else subject


def _negative(subject: Token) -> bool:
    """ "No one has claimed ...", "nobody said": a negative subject attributes nothing to anyone."""
    return subject.lower_ in {"nobody", "none"} or any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _linked(items: list[dict[str, Any]], start: int, end: int, sentence: int) -> list[int]:
    """Indices of quotes/claims in the attribution's sentence, or a quote ending right before it."""
    linked = []
    for i, item in enumerate(items):
        if (
            item["sentence"] == sentence
            or (item["start"] < end and item["end"] > start)
            or (0 <= start - item["end"] <= 3 and "\n" not in item.get("text", "")[-1:])
        ):
            linked.append(i)
    return linked


def _from_quotes(
    doc: Doc, quotes: list[dict[str, Any]], found: list[dict[str, Any]], sent_starts: list[int]
) -> list[dict[str, Any]]:
    """Quotes whose speaker came from a cue not covered above ("called it a “terrorist act”", a colon, a
    dash after the quote) are attributions too: the quoted words come from the speaker."""
    covered = [(a["cue_start"], a["cue_end"]) for a in found]
    attributed_sentences = {a["sentence"] for a in found}
    text = doc_text(doc)
    extra: list[dict[str, Any]] = []
    for quote in quotes:
        cue_start, cue_end = quote.get("cue_start"), quote.get("cue_end")
        if quote["speaker"] is None or cue_start is None or cue_end is None:
            continue
        sentence = max(0, bisect.bisect_right(sent_starts, cue_start) - 1)
        if sentence in attributed_sentences or any(a < cue_end and cue_start < b for a, b in covered):
            continue
        covered.append((cue_start, cue_end))
        source_start, source_end = quote["speaker_mention_start"], quote["speaker_mention_end"]
        start, end = min(cue_start, source_start), max(cue_end, source_end)
        if end - start > 200:
            start, end = cue_start, cue_end
        extra.append(
            {
                "text": text[start:end],
                "start": start,
                "end": end,
                "source": quote["speaker"],
                "source_start": source_start,
                "source_end": source_end,
                "source_key": quote["speaker_key"],
                "kind": "named" if quote["speaker_key"] else "anonymous",
                "cue": quote["cue"],
                "cue_start": cue_start,
                "cue_end": cue_end,
                "method": f"quote speaker ({quote['speaker_method']})",
                "frame": "quote",
                "sentence": sentence,
                "content_start": quote["content_start"],
                "content_end": quote["content_end"],
            }
        )
    return extra


def _cover_quotes(record: dict[str, Any], quotes: list[dict[str, Any]]) -> None:
    """Widen the content to the whole of every quote it overlaps (a quote that runs on past the sentence) and
    to the quotes that continue it in the paragraph with the same speaker ('“A,” he said. “B.”')."""
    start, end = record["content_start"], record["content_end"]
    last = None
    for i in record["quotes"]:
        quote = quotes[i]
        if quote["start"] <= end and quote["end"] >= start:
            start, end, last = min(start, quote["content_start"]), max(end, quote["content_end"]), i
    while last is not None and last + 1 < len(quotes):
        following = quotes[last + 1]
        same_cue = following["cue_start"] == record["cue_start"]
        if following["speaker_method"] != "previous quote in paragraph" or not same_cue:
            break
        end, last = max(end, following["content_end"]), last + 1
    record["content_start"], record["content_end"] = start, end


def cue_candidate(token: Token, inside: list[bool]) -> Token | None:
    """The source of a token that may be a cue, for the cue classifier to judge: a noun's owner ("Trump's
    claim"), a verb's source ("Trump vowed"; not the "citing" of "Citing X, Reuters reported"); else None.
    A word must start with a letter: the parser tags the dash of a signature line ("― Ana Ruiz") as a verb,
    and signature_lines reads those."""
    if not token.text[:1].isalpha():
        return None
    if token.pos_ == "NOUN":
        return noun_source(token, inside)
    if token.pos_ == "VERB" and not _cites_for(token):
        return verb_source(token, inside)
    return None


def find_attributions(
    doc: Doc, quotes: list[dict[str, Any]], numeric_claims: list[dict[str, Any]], model: CueModel | None = None
) -> list[dict[str, Any]]:
    """Every attribution in the doc, linked to the quotes and numeric claims of its sentence (`model`: the cue
    classifier, the fitted one of cue_classifier.json unless given)."""
    model = model or load_cue_model()
    quote_spans = [(q["start"], q["end"]) for q in quotes]
    index = EntityIndex.for_doc(doc, quote_spans)
    inside = _inside_quotes(doc, quote_spans)
    context = CueContext.for_doc(doc, inside, quotes)
    found: list[dict[str, Any]] = []
    for n, sent in enumerate(sentences(doc)):
        for token in sent:
            if inside[token.i]:
                continue
            if token.lower_ == "according":
                for to in token.children:
                    objs = [c for c in to.children if c.dep_ == "pobj"]
                    if to.lower_ == "to" and objs:
                        according = doc[token.i : to.i + 1]
                        found.append(_record(objs[0], according, sent, n, index, "according to", "clause"))
            else:
                source = cue_candidate(token, inside)
                if source is None or not model.is_cue(token, source, context):
                    continue
                cue = doc[token.i : token.i + 1]
                if token.pos_ == "NOUN":
                    found.append(_record(source, cue, sent, n, index, "cue noun", "noun"))
                    continue
                record = _record(source, cue, sent, n, index, "reporting verb", frame_group(token))
                cited = _cited(token)
                if cited is not None:
                    cited_span = _source_span(cited)
                    record["cites"] = cited_span.text
                    record["cites_kind"] = classify_source(cited)
                found.append(record)
    found.extend(signature_lines(doc))
    found.extend(headline_colons(doc))
    sents = sentences(doc)
    found.extend(_from_quotes(doc, quotes, found, [s.start_char for s in sents]))
    for record in found:
        sent = sents[record["sentence"]]
        record["quotes"] = _linked(quotes, sent.start_char, sent.end_char, record["sentence"])
        _cover_quotes(record, quotes)
        record["numeric_claims"] = [i for i, c in enumerate(numeric_claims) if c["sentence"] == record["sentence"]]
    return found
