"""Clauses of long sentences (workers/analysis/clauses.py): each a statement another outlet may make alone."""

from __future__ import annotations

from workers.analysis.clauses import sentence_clauses
from workers.analysis.nlp import get_nlp


def _clauses(text: str) -> list[tuple[str, str | None, bool]]:
    sentence = next(get_nlp()(text).sents)
    return [(text[c["start"]:c["end"]], c["predicate"], c["negated"]) for c in sentence_clauses(sentence)]


def test_a_relative_clause_keeps_its_noun_and_the_main_clause_stands_apart() -> None:
    found = _clauses("Firefighters from three neighbouring towns rescued the captain, who had steered the burning "
                     "ferry for three miles along the coast.")
    texts = [t for t, _, _ in found]
    assert ("Firefighters from three neighbouring towns rescued the captain", "rescue", False) in found
    assert any(t.startswith("the captain, who had steered the burning ferry") for t in texts)


def test_the_content_of_a_reporting_verb_is_a_clause_and_the_frame_is_not() -> None:
    found = _clauses("The regional council said on Tuesday that the bridge had not been damaged by the floods "
                     "that hit the valley last week.")
    texts = [t for t, _, _ in found]
    assert any(t.startswith("the bridge had not been damaged") for t in texts)
    assert not any(t.startswith("The regional council said") for t in texts)
    assert next(n for t, _, n in found if t.startswith("the bridge")) is True


def test_coordinated_clauses_with_their_own_subjects_are_apart() -> None:
    found = [t for t, _, _ in _clauses("The storm cut power to forty thousand homes in the east of the county, "
                                         "and the railway company cancelled every train to the coast.")]
    assert any(t.startswith("The storm cut power") for t in found)
    assert any(t.startswith("the railway company cancelled every train") for t in found)


def test_short_sentences_and_subjectless_phrases_are_not_split() -> None:
    assert _clauses("The storm cut power to forty thousand homes.") == []
    found = [t for t, _, _ in _clauses("Thousands of people gathered along the river bank on Saturday evening "
                                         "to watch the fireworks over the old harbour.")]
    assert not any(t.startswith("to watch") for t in found)
