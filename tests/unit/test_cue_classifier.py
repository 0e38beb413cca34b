"""The attribution cue classifier: its fitted file, and cues it must and must not find."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from workers.analysis.attributions import _inside_quotes, cue_candidate, find_attributions
from workers.analysis.cue_classifier import (
    FEATURES,
    WEIGHTS_FILE,
    CueContext,
    load_cue_model,
    model_from_json,
)
from workers.analysis.nlp import get_nlp
from workers.analysis.numbers import find_numeric_claims
from workers.analysis.quotes import find_quotes


def _cues(text: str) -> list[str]:
    doc = get_nlp()(text)
    return [a["cue"] for a in find_attributions(doc, find_quotes(doc), find_numeric_claims(doc))]


def test_the_weights_file_matches_the_feature_list_and_says_where_it_comes_from() -> None:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES)
    assert set(data["weights"]) == set(FEATURES)
    assert 0.0 < data["threshold"] < 1.0
    assert "dev" in data["provenance"]["data"] and data["provenance"]["command"].endswith("fit_attribution_cues")
    assert data["provenance"]["cross_validation"]["cue"]["P"] >= 0.85
    model = load_cue_model()
    assert model.counts["frame"]["say|clause"][0] > 100  # "said that ..." is counted, and nearly always a cue


def test_a_weights_file_for_other_features_is_refused() -> None:
    data: dict[str, Any] = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError):
        model_from_json(data)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The senator knows that the bill will fail.", "knows"),  # a belief
        ("Clinton expects to win Florida.", "expects"),  # an expectation
        ("Trump called for a ban on the imports.", "called"),  # a stance with a preposition
        ("Trump vowed to fight the ruling.", "vowed"),  # an intention
        ("Trump has argued that trade deals hurt workers.", "argued"),
    ],
)
def test_stances_and_beliefs_are_cues(text: str, cue: str) -> None:
    assert _cues(text) == [cue]


@pytest.mark.parametrize(
    "text",
    ["Clinton visited Ohio on Monday.", "The team won the game.", "He walked to the store and bought milk."],
)
def test_verbs_of_doing_are_not_cues(text: str) -> None:
    assert _cues(text) == []


def test_the_verb_a_stance_governs_is_not_a_second_cue() -> None:
    """ "vowed to [fight]": fight is what is vowed, not an attribution of its own."""
    assert _cues("Trump vowed to fight the ruling.") == ["vowed"]


def test_the_decision_is_the_models() -> None:
    """A model that never fires leaves only the cues it does not judge ("according to")."""
    doc = get_nlp()("The senator said the bill will fail, according to aides.")
    never = dataclasses.replace(load_cue_model(), threshold=1.0 + 1e-9)
    found = find_attributions(doc, find_quotes(doc), find_numeric_claims(doc), never)
    assert [a["cue"] for a in found] == ["according to"]
    inside = _inside_quotes(doc, [])
    said = doc[2]
    source = cue_candidate(said, inside)
    assert source is not None and source.text == "senator"
    assert load_cue_model().is_cue(said, source, CueContext.for_doc(doc, inside, []))
