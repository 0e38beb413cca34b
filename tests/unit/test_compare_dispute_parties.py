"""One party named several ways is one party in a dispute: "Mr Lang" (British style, no full stop) is Miabek Lang
(read on an ECB+ report), a description beside a comma is not the name, and the summary gives each claimant's
values together. The texts below are invented."""

from __future__ import annotations

from tests.unit.test_compare_statuses import ATTACK_A, ATTACK_B, T0, T0_HALF, _compare
from workers.analysis.comparison.claimants import Claimant, short_name, surname
from workers.analysis.comparison.facts import party_of
from workers.analysis.comparison.summary import summarize
from workers.analysis.entities import entity_key


def test_a_british_title_without_its_full_stop_is_not_part_of_the_name() -> None:
    assert entity_key("Mr Lang") == entity_key("Mr. Lang") == "lang"
    assert entity_key("Dr Ana Ruiz") == "ana ruiz"
    assert entity_key("Mr", "PERSON") == "mr"  # a title alone stays what it is


def test_a_description_beside_a_comma_is_not_the_name() -> None:
    assert surname("Mr Lang, the commissioner of Karsk county in Unity state") == "lang"
    assert surname("The army's spokesman, Col. Ali Ahmed") == "ahmed"  # the description first
    assert surname("Zoo Director Thane Maynard") == "maynard"
    assert short_name("The army's spokesman, Col. Ali Ahmed") == "Col. Ali Ahmed"
    assert short_name("Ryan Lee, a former aid worker who lives in Karsk") == "Ryan Lee"


def test_a_bare_surname_joins_one_of_two_people_not_both() -> None:
    lang = Claimant("Lang", "named")
    miabek = Claimant("Miabek Lang", "named", entity="person:miabek-lang")
    peter = Claimant("Peter Lang", "named", entity="person:peter-lang")
    parties: list[list[Claimant]] = []
    assert [party_of(parties, c) for c in (lang, miabek, peter)] == [0, 0, 1]


def test_one_party_named_two_ways_is_one_party_in_the_dispute() -> None:
    a = ("Commissioner Miabek Lang said at least twelve soldiers were wounded in the attack on the border post. "
         "The rebel command said three soldiers were wounded in the attack on the border post.")
    b = ("Mr Lang, the commissioner of Karsk county, said twelve soldiers were wounded in the attack at the border "
         "post. The rebel command said three soldiers were wounded in the attack at the border post.")
    result = _compare(("a", "Northern Post", T0, ATTACK_A + a), ("b", "Valley Herald", T0_HALF, ATTACK_B + b))
    [disputed] = [f for f in result["facts"] if f["status"] == "disputed"]
    named = {side["value"]: side["claimant"] for side in disputed["disputes"]}
    assert set(named) == {"at least 12", "12", "3"}, disputed["disputes"]
    assert named["at least 12"] == named["12"] == "Commissioner Miabek Lang"  # one party, one name
    [line] = result["summary"]["disputes"]
    assert line.count("Lang") == 1 and "at least 12, 12" in line


def test_the_dispute_line_gives_each_claimant_once_by_name() -> None:
    fact = {"id": "f1", "status": "disputed", "kind": "numeric", "label": "people — killed", "values": [],
            "independent_sources": 2, "salience": 1.0,
            "disputes": [{"claimant": "Ada Lang, the commissioner of Karsk County", "value": "at least 12"},
                         {"claimant": "Rebel spokesman, Col. Omar Dane", "value": "7"},
                         {"claimant": "Ada Lang, the commissioner of Karsk County", "value": "12"},
                         {"claimant": "Ada Lang, the commissioner of Karsk County", "value": "12"}]}
    [line] = summarize([fact], [], ["Northern Post", "Valley Herald"], {})["disputes"]
    assert line == "people — killed: Ada Lang: at least 12, 12 — Col. Omar Dane: 7"
