"""Job-level entity linking: the merges we want, each explained, and the ones we must not make."""

from __future__ import annotations

from typing import Any

from workers.analysis.entity_linking import link_entities


def _extraction(article_id: str, mentions: list[tuple[str, str]], text: str = "") -> dict[str, Any]:
    entities = []
    offset = 0
    for name, label in mentions:
        entities.append({"text": name, "label": label, "start": offset, "end": offset + len(name)})
        offset += len(name) + 1
    return {"article_id": article_id, "text": text, "entities": entities}


def _group_of(linked: list[dict[str, Any]], variant: str) -> dict[str, Any]:
    return next(e for e in linked if any(v["text"] == variant for v in e["variants"]))


def test_kadhimi_spellings_are_one_person_with_reasons() -> None:
    linked = link_entities(
        [
            _extraction("a", [("Mustafa al-Kadhimi", "PERSON"), ("Al-Kadhimi", "PERSON")]),
            _extraction("b", [("Kadhimi", "PERSON"), ("al-Khadimi", "PERSON")]),
        ]
    )
    person = _group_of(linked, "Mustafa al-Kadhimi")
    assert {v["text"] for v in person["variants"]} == {"Mustafa al-Kadhimi", "Al-Kadhimi", "Kadhimi", "al-Khadimi"}
    assert person["name"] == "Mustafa al-Kadhimi"
    assert person["label"] == "PERSON"
    assert len(person["mentions"]) == 4
    assert any("surname match" in r for r in person["merged_by"])
    assert any("rapidfuzz ratio" in r and "khadimi" in r for r in person["merged_by"])


def test_transliterations_and_apostrophes_merge() -> None:
    linked = link_entities(
        [
            _extraction("a", [("Moqtada al-Sadr", "PERSON"), ("Kata’ib Hezbollah", "ORG")]),
            _extraction("b", [("Muqtada al-Sadr", "PERSON"), ("Kataib Hezbollah", "ORG"), ("al-Sadr", "PERSON")]),
        ]
    )
    sadr = _group_of(linked, "Muqtada al-Sadr")
    assert {"Moqtada al-Sadr", "Muqtada al-Sadr", "al-Sadr"} <= {v["text"] for v in sadr["variants"]}
    assert any("rapidfuzz ratio 0.9" in r for r in sadr["merged_by"])
    kataib = _group_of(linked, "Kataib Hezbollah")
    assert {v["text"] for v in kataib["variants"]} == {"Kata’ib Hezbollah", "Kataib Hezbollah"}


def test_similar_places_and_different_groups_do_not_merge() -> None:
    linked = link_entities(
        [
            _extraction("a", [("Iraq", "GPE"), ("Iran", "GPE"), ("Hezbollah", "ORG")]),
            _extraction("b", [("Kataib Hezbollah", "ORG"), ("Austria", "GPE"), ("Australia", "GPE")]),
        ]
    )
    assert _group_of(linked, "Iraq")["id"] != _group_of(linked, "Iran")["id"]
    assert _group_of(linked, "Austria")["id"] != _group_of(linked, "Australia")["id"]
    assert _group_of(linked, "Hezbollah")["id"] != _group_of(linked, "Kataib Hezbollah")["id"]


def test_ambiguous_surname_stays_apart_and_possessive_joins() -> None:
    linked = link_entities(
        [
            _extraction("a", [("Joe Biden", "PERSON"), ("Hunter Biden", "PERSON"), ("Biden", "PERSON")]),
            _extraction("b", [("Joe Biden", "PERSON"), ("Biden’s", "PERSON")]),
        ]
    )
    assert _group_of(linked, "Joe Biden")["id"] != _group_of(linked, "Hunter Biden")["id"]
    assert _group_of(linked, "Biden")["id"] not in {_group_of(linked, n)["id"] for n in ("Joe Biden", "Hunter Biden")}
    assert _group_of(linked, "Biden’s")["id"] == _group_of(linked, "Biden")["id"]


def test_acronym_defined_in_text_joins_long_form() -> None:
    text = "Kata’ib Hezbollah (KH) threatened him. KH is considered a terrorist group."
    extraction = {
        "article_id": "a",
        "text": text,
        "entities": [
            {"text": "Kata’ib Hezbollah", "label": "ORG", "start": 0, "end": 17},
            {"text": "KH", "label": "ORG", "start": 39, "end": 41},
        ],
    }
    group = _group_of(link_entities([extraction]), "KH")
    assert {v["text"] for v in group["variants"]} == {"Kata’ib Hezbollah", "KH"}
    assert any("acronym" in r for r in group["merged_by"])


def test_person_tagged_as_place_joins_only_if_tagged_person_elsewhere() -> None:
    linked = link_entities(
        [
            _extraction("a", [("Mustafa al-Kadhimi", "PERSON"), ("Kadhimi", "GPE")]),
            _extraction("b", [("Kadhimi", "PERSON"), ("George Washington", "PERSON"), ("Washington", "GPE")]),
        ]
    )
    assert _group_of(linked, "Kadhimi")["id"] == _group_of(linked, "Mustafa al-Kadhimi")["id"]
    assert _group_of(linked, "Washington")["label"] == "GPE"
    assert _group_of(linked, "Washington")["id"] != _group_of(linked, "George Washington")["id"]


def test_same_name_tagged_org_and_place_is_one_entity() -> None:
    linked = link_entities(
        [_extraction("a", [("U.S.", "GPE"), ("the U.S.", "ORG")]), _extraction("b", [("U.S.", "GPE")])]
    )
    group = _group_of(linked, "the U.S.")
    assert group["label"] == "GPE"
    assert {v["text"] for v in group["variants"]} == {"U.S.", "the U.S."}
    assert any("same name tagged ORG and GPE" in r for r in group["merged_by"])
