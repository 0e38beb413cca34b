"""The spaCy model is the official en_core_web_sm 3.8.0 (same figures in meta.json), not a swapped file."""

from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.language import Language

from workers.analysis.nlp import MODEL_NAME, USED_COMPONENTS, get_nlp, load_base_model

# Figures from the official en_core_web_sm 3.8.0 meta.json.
OFFICIAL = {"ents_f": 0.8433119744, "dep_las": 0.8991533598, "tag_acc": 0.972937262}


def _meta() -> dict:
    package = spacy.util.get_package_path(MODEL_NAME)
    [meta_file] = list(Path(package).glob("*/meta.json"))
    return json.loads(meta_file.read_text(encoding="utf-8"))


def test_meta_json_figures_match_the_official_model() -> None:
    meta = _meta()
    assert meta["version"] == "3.8.0"
    assert meta["lang"] == "en"
    for name, value in OFFICIAL.items():
        assert abs(meta["performance"][name] - value) < 1e-9, name


def test_pipeline_has_the_official_components() -> None:
    meta = _meta()
    assert meta["pipeline"] == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    assert "PERSON" in meta["labels"]["ner"] and "GPE" in meta["labels"]["ner"]


def test_model_is_loaded_once_with_unused_components_excluded() -> None:
    nlp: Language = get_nlp()
    assert get_nlp() is nlp
    assert load_base_model() is load_base_model()
    assert "senter" not in nlp.component_names
    assert [n for n in nlp.pipe_names if n in USED_COMPONENTS] == list(USED_COMPONENTS)
    assert "corroborate_entity_fixes" in nlp.pipe_names
