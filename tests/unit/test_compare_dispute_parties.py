"""One party named several ways is one side of a dispute: "Mr Lang" (British style, no full stop) is Miabek Lang,
a description after a comma is not the name, and the summary gives each claimant's values together. Invented
texts."""

from __future__ import annotations

from tests.unit.test_compare_statuses import ATTACK_A, ATTACK_B, T0, T0_HALF, _compare
from workers.analysis.comparison.claimants import surname
from workers.analysis.comparison.summary import summarize
from workers.analysis.entities import entity_key


def test_a_british_title_without_its_full_stop_is_not_part_of_the_name() -> None:
    assert entity_key("Mr Lang") == entity_key("Mr. Lang") == "lang"
    assert entity_key("Dr Ana Ruiz") == "ana ruiz"
    assert entity_key("Mr", "PERSON") == "mr"  # a title alone stays what it is


def test_a_description_after_a_comma_is_not_the_surname() -> None:
    assert surname("Mr Lang, the commissioner of Pariang county in Unity state") == "lang"
    assert surname("Zoo Director Thane Maynard") == "maynard"


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
            "disputes": [{"claimant": "Miabek Lang, the commissioner of Pariang County", "value": "at least 12"},
                         {"claimant": "Salva Kiir", "value": "7"},
                         {"claimant": "Miabek Lang, the commissioner of Pariang County", "value": "12"}]}
    [line] = summarize([fact], [], ["BBC", "NYT"], {})["disputes"]
    assert line == "people — killed: Miabek Lang: at least 12, 12 — Salva Kiir: 7"
