"""Entities: spaCy's known mistakes corrected, and the keys used for linking."""

from __future__ import annotations

from workers.analysis.entities import entities_of, entity_key, name_core, surname_core
from workers.analysis.nlp import get_nlp


def _ents(text: str) -> list[tuple[str, str]]:
    return [(e["text"], e["label"]) for e in entities_of(get_nlp()(text))]


def test_possessive_is_split_off() -> None:
    ents = _ents("Seven of Prime Minister Mustafa al-Kadhimi’s security guards were wounded.")
    assert ("Mustafa al-Kadhimi", "PERSON") in ents
    assert not any(text.endswith("’s") for text, _ in ents)


def test_title_is_not_part_of_the_person() -> None:
    ents = _ents("Iraqi Prime Minister Mustafa al-Kadhimi escaped unharmed from an assassination attempt.")
    assert ("Mustafa al-Kadhimi", "PERSON") in ents


def test_surname_tagged_as_place_or_org_becomes_person() -> None:
    text = (
        "Mustafa al-Kadhimi escaped unharmed. Six members of Kadhimi’s personal protection detail were wounded. "
        "The third hit al-Kadhimi’s residence."
    )
    labels = {text: label for text, label in _ents(text)}
    assert labels["Kadhimi"] == "PERSON"
    assert labels["al-Kadhimi"] == "PERSON"


def test_twitter_is_an_organisation() -> None:
    ents = _ents("“Thank God, I am fine and among my people,” he posted on Twitter.")
    assert ("Twitter", "ORG") in ents
    assert ("Twitter", "PERSON") not in ents


def test_hyphenated_particle_name_is_kept_whole() -> None:
    ents = _ents("Egypt’s former vice president Mohamed el-Baradei also condemned the bombing.")
    assert ("Mohamed el-Baradei", "PERSON") in ents


def test_contractions_are_not_entities() -> None:
    ents = _ents("However, don’t expect Iraqi Security Forces to conclude that Iran is behind this.")
    assert all(text != "n’t" for text, _ in ents)


def test_keys_normalise_quotes_possessives_titles_and_particles() -> None:
    assert entity_key("al-Kadhimi’s") == "al-kadhimi"
    assert entity_key("Prime Minister Mustafa al-Kadhimi") == "mustafa al-kadhimi"
    assert entity_key("Interior Ministry", "ORG") == "interior ministry"
    assert entity_key("the Foreign Ministry", "ORG") == "foreign ministry"
    assert name_core(entity_key("Kata’ib Hezbollah", "ORG")) == "kataib hezbollah"
    assert surname_core("mustafa al-kadhimi") == "kadhimi"
    assert entity_key("Mélanie Joly") == "melanie joly"


def test_lowercase_name_parts_stay_in_a_person() -> None:
    ents = _ents("Secretary General Ban Ki-moon called it a brazen breach.")
    assert any(text.startswith("Ban Ki") and text.endswith("moon") for text, label in ents if label == "PERSON")
