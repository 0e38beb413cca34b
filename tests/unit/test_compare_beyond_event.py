"""Cosines beyond the event: the direction every claim of a job shares (the story they all report) is taken
out before two claims are compared, so "about the same story" no longer reads as "saying the same thing"."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from workers.analysis.comparison.alignment import Embedded, beyond_event


def _unit(*rows: list[float]) -> np.ndarray:
    matrix = np.array(rows, dtype=np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def _claims(*texts: str, parts: dict[int, list[str]] | None = None) -> Any:
    return [SimpleNamespace(index=i, text=text, parts=(parts or {}).get(i, [])) for i, text in enumerate(texts)]


SIX = _claims(*(f"claim {n}" for n in range(12)))


def _six_claims(parts: np.ndarray | None = None, owners: list[int] | None = None) -> Embedded:
    # every claim shares the first axis (the event); beyond it, claims 0 and 1 say different things, and the
    # ten others point opposite ways in pairs, so the job's other statements average to the event's axis
    rows = [[1.0, 1, 0] + [0] * 5, [1.0, 0, 1] + [0] * 5]
    for axis in range(3, 8):
        for sign in (1, -1):
            row = [1.0] + [0] * 7
            row[axis] = sign
            rows.append(row)
    sentences = _unit(*rows)
    return Embedded(sentences, parts if parts is not None else np.zeros((0, 8), dtype=np.float32), owners or [])


def test_the_shared_event_direction_is_removed() -> None:
    embedded = _six_claims()
    raw = float(embedded.sentences[0] @ embedded.sentences[1])
    sentence, part = beyond_event(SIX, embedded, [(0, 1)])[(0, 1)]
    assert raw == pytest.approx(0.5, abs=1e-6)  # half alike only because both report the event
    assert sentence == pytest.approx(0.0, abs=1e-6)
    assert part == pytest.approx(sentence)


def test_a_clause_beyond_the_event_can_match_where_the_sentence_does_not() -> None:
    # claim 0 has a clause saying what claim 1 says
    embedded = _six_claims(_unit([1.0, 0, 1] + [0] * 5), [0])
    sentence, part = beyond_event(SIX, embedded, [(0, 1)])[(0, 1)]
    assert sentence < 0.5
    assert part == pytest.approx(1.0, abs=1e-5)


def test_no_pairs_no_work() -> None:
    assert beyond_event(SIX, _six_claims(), []) == {}


def test_with_no_other_statement_the_raw_cosines_stand() -> None:
    """A wire story, its copy and one other outlet's sentence: besides the pair there is no other distinct
    sentence to tell the event by, so nothing is removed (removing the pair's own mean would set them apart)."""
    claims = _claims("Seven guards were wounded.", "Seven guards were wounded.", "Guards were hurt, seven.")
    vectors = _unit([1, 0.2, 0], [1, 0.2, 0], [1, -0.1, 0.1])
    embedded = Embedded(vectors, np.zeros((0, 3), dtype=np.float32), [])
    found = beyond_event(claims, embedded, [(0, 2), (1, 2)])
    raw = float(vectors[0] @ vectors[2])
    assert found[(0, 2)] == pytest.approx((raw, raw), abs=1e-5)
    assert found[(1, 2)] == found[(0, 2)]


def test_a_copy_with_other_clauses_is_compared_by_its_own_clauses() -> None:
    """Values are computed once per distinct text and clauses: a sentence repeated with a clause the other copy
    lacks (claim 12, claim 0's text with a clause saying what claim 1 says) gets its own part cosine."""
    base = _six_claims()
    sentences = np.vstack([base.sentences, base.sentences[:1]])
    embedded = Embedded(sentences, _unit([1.0, 0, 1] + [0] * 5), [12])
    claims = _claims(*(f"claim {n}" for n in range(12)), "claim 0", parts={12: ["says what claim 1 says"]})
    found = beyond_event(claims, embedded, [(0, 1), (1, 12)])
    assert found[(0, 1)][1] == pytest.approx(found[(0, 1)][0], abs=1e-5)  # no clause: the sentence's value
    assert found[(1, 12)][1] == pytest.approx(1.0, abs=1e-5)
