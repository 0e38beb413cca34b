"""The sentence encoder: installed model files, unit vectors, meaning over wording, caching, per-process sessions."""

from __future__ import annotations

import os
import pickle

import numpy as np
import pytest

from workers.analysis import model_files
from workers.analysis.embeddings import DIMENSIONS, SentenceEncoder, get_encoder

# Written for these tests (not from the seeds or a data set).
PARAPHRASE = ("The central bank raised interest rates by half a percentage point on Wednesday.",
              "On Wednesday the central bank increased its key rate by 0.5 percentage points.")
UNRELATED = "The museum will reopen its sculpture garden to visitors next spring."


def test_installed_files_are_the_pinned_ones() -> None:
    assert model_files.sha256_of(model_files.source_onnx_path()) == model_files.ONNX_SHA256
    assert model_files.sha256_of(model_files.tokenizer_path()) == model_files.TOKENIZER_SHA256
    assert model_files.sha256_of(model_files.encoder_model_path()) == model_files.ENCODER_MODEL_SHA256


def test_the_quantised_model_the_encoder_runs_keeps_the_shipped_models_meaning() -> None:
    texts = [*PARAPHRASE, UNRELATED, "Rescuers pulled two survivors from the rubble late on Tuesday."]
    shipped = SentenceEncoder(model_files.source_onnx_path()).encode(texts)
    built = get_encoder().encode(texts)
    assert model_files.encoder_model_path() != model_files.source_onnx_path()
    assert np.all((shipped * built).sum(axis=1) > 0.97)  # the same vectors, up to quantisation noise
    assert not np.allclose(shipped, built, atol=1e-4)  # and not the same file run twice


def test_vectors_are_unit_length_float32() -> None:
    vectors = get_encoder().encode([*PARAPHRASE, UNRELATED, ""])
    assert vectors.shape == (4, DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert get_encoder().encode([]).shape == (0, DIMENSIONS)


def test_a_paraphrase_is_closer_than_an_unrelated_sentence() -> None:
    a, b, c = get_encoder().encode([*PARAPHRASE, UNRELATED])
    assert float(a @ b) > 0.6
    assert float(a @ b) > float(a @ c) + 0.4
    assert float(b @ c) < 0.3


def test_duplicates_are_encoded_once_and_agree_with_a_separate_call() -> None:
    encoder = get_encoder()
    vectors = encoder.encode([PARAPHRASE[0], UNRELATED, PARAPHRASE[0]])
    assert np.array_equal(vectors[0], vectors[2])
    alone = encoder.encode([PARAPHRASE[0]])
    assert np.allclose(alone[0], vectors[0], atol=1e-5)


def test_sorting_batches_by_length_does_not_change_the_vectors() -> None:
    texts = [UNRELATED, "Short one.", *PARAPHRASE, "word " * 40]
    ordered = SentenceEncoder(batch_size=2, sort_by_length=True).encode(texts)
    unordered = SentenceEncoder(batch_size=2, sort_by_length=False).encode(texts)
    assert np.allclose(ordered, unordered, atol=1e-5)


def test_long_texts_are_truncated_to_the_token_limit() -> None:
    encoder = SentenceEncoder(max_tokens=16)
    assert encoder.token_counts(["word " * 100, "Two words."]) == [16, 5]
    long_text = "The vote was delayed. " + "More detail follows here. " * 30
    assert np.allclose(encoder.encode([long_text])[0], encoder.encode([long_text + " And even more."])[0],
                       atol=1e-6)


@pytest.mark.parametrize("kwargs", [{"threads": 0}, {"max_tokens": 1}, {"max_tokens": 600}, {"batch_size": 0}])
def test_bad_settings_are_refused(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        SentenceEncoder(**kwargs)


def test_a_forked_child_builds_its_own_session_and_gets_the_same_vectors() -> None:
    parent_encoder = get_encoder()
    expected = parent_encoder.encode(list(PARAPHRASE))
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: report, then leave without running pytest's teardown
        os.close(read_end)
        try:
            child_encoder = get_encoder()
            payload = pickle.dumps((child_encoder is parent_encoder, child_encoder is get_encoder(),
                                    child_encoder.encode(list(PARAPHRASE))))
            os.write(write_end, payload)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        inherited, cached, vectors = pickle.loads(pipe.read())
    os.waitpid(pid, 0)
    assert not inherited
    assert cached
    assert np.allclose(vectors, expected, atol=1e-6)
    assert get_encoder() is parent_encoder


def test_clauses_are_pooled_from_their_sentences_run() -> None:
    """A clause's vector comes from the sentence's token states: same sentence vector as encode(), a clause
    vector close to the clause encoded alone and closer to its own paraphrase than to the other clause; a part
    that is not a substring is encoded on its own."""
    clause_a, clause_b = PARAPHRASE[0].rstrip("."), UNRELATED.rstrip(".")
    sentence = f"{clause_a}, and {clause_b[0].lower()}{clause_b[1:]}."
    encoder = get_encoder()
    vectors, parts = encoder.encode_with_parts([sentence, UNRELATED], [[clause_a, clause_b[1:], "not in it"], []])
    assert np.allclose(vectors, encoder.encode([sentence, UNRELATED]), atol=1e-5)
    assert [p.shape for p in parts] == [(3, DIMENSIONS), (0, DIMENSIONS)]
    assert np.allclose(np.linalg.norm(parts[0], axis=1), 1.0, atol=1e-5)
    alone_a, paraphrase = encoder.encode([clause_a, PARAPHRASE[1]])
    assert float(parts[0][0] @ alone_a) > 0.8
    assert float(parts[0][0] @ paraphrase) > float(parts[0][1] @ paraphrase) + 0.3
    assert np.allclose(parts[0][2], encoder.encode(["not in it"])[0], atol=1e-5)
