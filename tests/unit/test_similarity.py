"""The pair scorer: its features, its fitted weights and their provenance, and its behaviour."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from workers.analysis.comparison.similarity import (
    FEATURES,
    PairScorer,
    cosines_beyond,
    get_pair_scorer,
    pair_features,
    standardised,
    text_names,
    text_numbers,
)
from workers.analysis.embeddings import get_encoder

# Written for these tests (not from the seeds or a data set).
PARAPHRASE = ("Firefighters in Oregon contained the blaze after three days, officials said.",
              "Oregon officials said firefighters had the fire under control after three days.")
UNRELATED = "The company will launch its new tablet in Japan in March."


def test_weights_file_loads_with_provenance() -> None:
    scorer = get_pair_scorer()
    assert len(scorer.coef) == len(FEATURES)
    provenance = scorer.provenance
    assert {"fit_split", "report_split", "date", "held_out", "fit_pairs"} <= provenance.keys()
    assert "MSRP" in provenance["fit_split"] and "odd rows" in provenance["report_split"]
    for figures in provenance["held_out"].values():
        assert 0.5 < figures["auc"] <= 1.0
    assert 0.0 < scorer.threshold < 1.0
    assert PairScorer.from_dict(scorer.to_dict()) == scorer


def test_missing_weights_are_refused() -> None:
    data = get_pair_scorer().to_dict()
    del data["weights"]["cosine"]
    with pytest.raises(ValueError, match="cosine"):
        PairScorer.from_dict(data)


def test_probability_rises_with_cosine() -> None:
    scorer = get_pair_scorer()
    base = pair_features(*PARAPHRASE, 0.0)
    probabilities = [scorer.probability({**base, "cosine": c}) for c in np.linspace(-0.2, 1.0, 13)]
    assert all(a < b for a, b in pairwise(probabilities))


def test_numbers_agree_in_digits_or_words() -> None:
    assert text_numbers("Six sailors and 1,500 tonnes") == {6.0, 1500.0}
    same = pair_features("six people were hurt", "6 people were injured", 0.5)
    assert (same["numbers_equal"], same["numbers_differ"]) == (1.0, 0.0)
    differ = pair_features("six people were hurt", "seven people were injured", 0.5)
    assert (differ["numbers_equal"], differ["numbers_differ"]) == (0.0, 1.0)
    absent = pair_features("people were hurt", "seven people were injured", 0.5)
    assert (absent["numbers_equal"], absent["numbers_differ"]) == (0.0, 0.0)


def test_names_and_words_overlap() -> None:
    assert text_names("Officials in Oregon and Portland's mayor spoke") == {"oregon", "portland"}
    shared = pair_features(*PARAPHRASE, 0.5)
    assert shared["names_shared"] == 1.0 and shared["names_disjoint"] == 0.0
    assert shared["word_overlap"] > 0.3
    apart = pair_features("Rain fell on Paris.", "Snow fell on Berlin.", 0.5)
    assert apart["names_disjoint"] == 1.0 and apart["names_shared"] == 0.0


def test_a_paraphrase_scores_above_an_unrelated_pair() -> None:
    scorer = get_pair_scorer()
    a, b, c = get_encoder().encode([*PARAPHRASE, UNRELATED])
    same, other = scorer.probabilities([PARAPHRASE, (PARAPHRASE[0], UNRELATED)], [float(a @ b), float(a @ c)])
    assert same > scorer.threshold > other


def test_standardised_scores_are_relative_to_their_collection() -> None:
    scores = np.array([[1.0, 0.5, 0.2], [0.5, 1.0, 0.8], [0.2, 0.8, 1.0]])
    z = standardised(scores)
    off_diagonal = z[np.triu_indices(3, 1)]
    assert abs(off_diagonal.mean()) < 1e-9 and abs(off_diagonal.std() - 1.0) < 1e-9
    assert np.allclose(standardised(scores + 0.3), z)


def test_cosines_beyond_a_topic_remove_what_the_topic_explains() -> None:
    topic = np.array([1.0, 0.0, 0.0])
    # Two texts alike only through the topic, and a third that shares the second's own direction.
    vectors = np.array([[0.9, 0.436, 0.0], [0.9, 0.0, 0.436], [0.1, 0.0, 0.995]])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    beyond = cosines_beyond(vectors, 3.0 * topic)
    assert vectors[0] @ vectors[1] > 0.8 and abs(beyond[0, 1]) < 1e-6
    assert beyond[1, 2] > 0.99 and np.allclose(np.diag(beyond), 1.0)
    with pytest.raises(ValueError, match="zero"):
        cosines_beyond(vectors, np.zeros(3))
    with pytest.raises(ValueError, match="topic"):
        cosines_beyond(vectors, np.ones(2))


def test_cosines_beyond_the_question_separate_two_answers_to_it() -> None:
    question = "Why did the city close the bridge?"
    answers = ["The city closed the bridge because of cracks found in its supports.",
               "The city closed the bridge to let a marathon pass."]
    vectors, (topic,) = get_encoder().encode(answers), get_encoder().encode([question])
    assert cosines_beyond(vectors, topic)[0, 1] < float(vectors[0] @ vectors[1]) - 0.1
