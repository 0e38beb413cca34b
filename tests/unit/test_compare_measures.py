"""Measures compared by what they measure (comparison.measures, comparison.measure_facts), on invented
sentences with the real extraction."""

from __future__ import annotations

import pytest

from tests.unit.compare_events import extract, no_duplicates
from workers.analysis.comparison import compare_sources
from workers.analysis.comparison.claims import Claim, build_claims
from workers.analysis.comparison.entities import MentionIndex, link
from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.comparison.independence import Independence
from workers.analysis.comparison.measure_facts import measure_drafts
from workers.analysis.comparison.measures import anchor_of, comparable, measure_quantity, rounding, verb_measure
from workers.analysis.comparison.numbers import Quantity, agree

T0 = "2024-03-05T10:00:00+00:00"
T_DAYS_LATER = "2024-03-08T09:00:00+00:00"
CRASH = ("The {} truck crashed through the barrier at the harbour of Kelby on its way to the ferry. The driver "
         "was taken to hospital.")
INQUIRY = ("The {} had been parked near the pier for an hour before the crash. An inquiry into the crash at "
           "Kelby harbour has begun.")


def _measure(value: float, unit: str, per_unit: float, *, counted: str = "elephant",
             dimension: str = "mass") -> dict:
    return {"kind": "measure", "value": value, "low": None, "high": None, "hedge": "exact",
            "text": f"{value} {unit}", "counted_lemma": counted, "event_lemma": None, "start": 0, "end": 5,
            "unit": {"name": unit, "dimension": dimension, "per_unit": per_unit}}


def test_rounding_is_five_percent_or_half_the_last_decimal() -> None:
    assert rounding(2.0) == 0.5 and rounding(8.5) == pytest.approx(0.425) and rounding(400.0) == 20.0


def test_a_figure_and_its_rounded_conversion_agree_but_different_weights_do_not() -> None:
    kilos = measure_quantity(_measure(2700.0, "kilogram", 1.0), context=False)
    pounds = measure_quantity(_measure(6000.0, "pound", 0.45359237), context=False)
    heavier = measure_quantity(_measure(7000.0, "pound", 0.45359237), context=False)
    assert kilos is not None and pounds is not None and heavier is not None
    assert agree(kilos, pounds)  # 2,700 kg is 5,952 lb, written "6,000 pounds"
    assert not agree(kilos, heavier)


def test_money_and_unanchored_measures_are_read_but_not_compared_by_slot() -> None:
    money = measure_quantity(_measure(30.0, "dollar", 1.0, dimension="money:dollar"), context=False)
    unanchored = measure_quantity(_measure(3.0, "metre", 1.0, counted="", dimension="length"), context=False)
    anchored = measure_quantity(_measure(3.0, "metre", 1.0, dimension="length"), context=False)
    assert money is not None and unanchored is not None and anchored is not None
    assert not comparable(money) and not comparable(unanchored) and comparable(anchored)


def test_the_anchor_is_the_noun_a_measure_modifies_never_its_verb() -> None:
    assert anchor_of({"counted_lemma": "adult elephant", "event_lemma": "weigh"}) == "elephant"
    assert anchor_of({"counted_lemma": "", "event_lemma": "fall"}) is None


def _compare(*articles: tuple[str, str, str, str]) -> dict:
    extractions = extract(*articles)
    return compare_sources(extractions, no_duplicates(extractions))


def _truck_facts(result: dict) -> list[dict]:
    return [f for f in result["facts"] if f["label"] == "truck — mass"]


def test_two_outlets_giving_different_weights_of_one_truck_conflict_though_their_sentences_differ() -> None:
    result = _compare(("a", "Northern Post", T0, CRASH.format("40-tonne")),
                      ("b", "Valley Herald", T_DAYS_LATER, INQUIRY.format("25-tonne truck")))
    facts = _truck_facts(result)
    assert [f["status"] for f in facts] == ["conflicting"], [(f["status"], f["label"]) for f in result["facts"]]
    assert {v["label"] for v in facts[0]["values"]} == {"40-tonne", "25-tonne"}
    measures = [n for c in facts[0]["claims"] for n in c["numbers"] if n["dimension"] == "mass"]
    assert sorted(n["value"] for n in measures) == [25000.0, 40000.0]  # the measure, in kilograms
    assert not [f for f in result["facts"] if f["status"] == "exclusive" and "tonne" in f["label"]]


def test_the_same_weight_told_in_different_sentences_is_a_corroborated_measure() -> None:
    result = _compare(("a", "Northern Post", T0, CRASH.format("40-tonne")),
                      ("b", "Valley Herald", T0, INQUIRY.format("truck of 40 tonnes")))
    facts = _truck_facts(result)
    assert [f["status"] for f in facts] == ["corroborated"], [(f["status"], f["label"]) for f in result["facts"]]
    assert facts[0]["independent_sources"] == 2


def test_a_measure_of_a_noun_most_sources_never_use_is_not_compared() -> None:
    """Two of five outlets weigh a crane the others never mention: not what the story is about, so its two
    weights may be of two cranes."""
    others = [(x, f"Outlet {x}", T0, CRASH.format("red")) for x in "cde"]
    result = _compare(("a", "Northern Post", T0, "The wreck was raised by a 40-tonne crane. " + CRASH.format("red")),
                      ("b", "Valley Herald", T0, "The wreck was raised by a 25-tonne crane. " + CRASH.format("red")),
                      *others)
    assert not [f for f in result["facts"] if f["label"] == "crane — mass"]
    two = _compare(("a", "Northern Post", T0, "The wreck was raised by a 40-tonne crane. " + CRASH.format("red")),
                   ("b", "Valley Herald", T0, "The wreck was raised by a 25-tonne crane. " + CRASH.format("red")))
    assert [f["status"] for f in two["facts"] if f["label"] == "crane — mass"] == ["conflicting"]


def test_measures_in_stories_of_different_days_are_not_set_against_each_other() -> None:
    result = _compare(
        ("a", "Northern Post", "2024-03-05T10:00:00+00:00",
         "A truck crashed at Kelby harbour on Monday. The 40-tonne truck hit the barrier, police said. "
         "The harbour reopened on Monday evening."),
        ("b", "Valley Herald", "2024-03-20T10:00:00+00:00",
         "Another truck crashed at Kelby harbour on Tuesday. The 25-tonne truck hit the pier, police said. "
         "The pier was closed on Tuesday afternoon."))
    assert not _truck_facts(result), [(f["status"], f["label"]) for f in result["facts"]]


def test_a_measure_without_a_noun_is_of_its_verb_unless_the_verb_is_a_copula() -> None:
    fall = measure_quantity(_measure(15.0, "foot", 0.3048, counted="", dimension="length") | {"event_lemma": "fall"},
                            context=False)
    was = measure_quantity(_measure(15.0, "foot", 0.3048, counted="", dimension="length") | {"event_lemma": "be"},
                           context=False)
    spent = measure_quantity(_measure(30.0, "dollar", 1.0, counted="", dimension="money:dollar")
                             | {"event_lemma": "spend"}, context=False)
    assert fall is not None and was is not None and spent is not None
    assert fall.event == "fall" and verb_measure(fall) and not comparable(fall)
    assert not verb_measure(was) and not verb_measure(spent)


FALL_A = ("A climber fell 10 to 12 feet into a crevasse on Mount Kelby on Sunday, rescuers said. "
          "He was flown to hospital in Brenton.")
FALL_B = ("The climber fell 40 feet into the crevasse on Mount Kelby before rescuers reached him. "
          "He is in hospital in Brenton.")


def test_two_outlets_giving_different_heights_of_one_fall_conflict() -> None:
    result = _compare(("a", "Northern Post", T0, FALL_A), ("b", "Valley Herald", T0, FALL_B))
    falls = [f for f in result["facts"] if f["label"] == "fall — length"]
    assert [f["status"] for f in falls] == ["conflicting"], [(f["status"], f["label"]) for f in result["facts"]]
    assert {v["label"] for v in falls[0]["values"]} == {"10 to 12 feet", "40 feet"}


def test_a_verbs_measures_meet_only_through_related_sentences() -> None:
    extractions = extract(("a", "Northern Post", T0, FALL_A), ("b", "Valley Herald", T0, FALL_B))
    texts = {e["article_id"]: ArticleText(e) for e in extractions}
    linked, _ = link(extractions)
    independence = Independence(texts, no_duplicates(extractions))
    claims = build_claims(extractions, texts, MentionIndex(linked), independence)
    fell = [c.index for c in claims if "fell" in c.text]
    assert len(fell) == 2
    assert measure_drafts(claims, independence, related=set()) == []
    [draft] = measure_drafts(claims, independence, related={(min(fell), max(fell))})
    assert sorted(c.index for c in draft.members) == sorted(fell) and draft.measured


def test_a_verbs_measures_that_agree_make_no_measure_fact() -> None:
    """Agreement is their sentences' business (aligned as statements); a verb's slot speaks only of a clash."""
    extractions = extract(("a", "Northern Post", T0, FALL_A.replace("10 to 12 feet", "about 40 feet")),
                          ("b", "Valley Herald", T0, FALL_B))
    texts = {e["article_id"]: ArticleText(e) for e in extractions}
    linked, _ = link(extractions)
    independence = Independence(texts, no_duplicates(extractions))
    claims = build_claims(extractions, texts, MentionIndex(linked), independence)
    fell = [c.index for c in claims if "fell" in c.text]
    assert len(fell) == 2 and all(c.measures for c in claims if "fell" in c.text)
    assert measure_drafts(claims, independence, related={(min(fell), max(fell))}) == []


def test_a_slot_one_outlet_gives_two_clashing_values_is_of_several_things() -> None:
    """A match report has many runs: "a 48-yard run" and "a 1-yard run" in one outlet say so, and a third
    run in another outlet is no contradiction."""
    game = ("Kelby Rovers beat Harbour City 27-10 on Sunday. Sam Ito had a 48-yard run on the first play of the "
            "second quarter. Kelby added a touchdown on a 1-yard run by Sam Ito.")  # one player: only the count speaks
    other = ("Kelby Rovers beat Harbour City 27-10 on Sunday at Lund Park. Sam Ito scored on a 17-yard run in "
             "the third quarter.")
    result = _compare(("a", "Northern Post", T0, game), ("b", "Valley Herald", T0, other))
    assert not [f for f in result["facts"] if f["label"] == "run — length"], \
        [(f["status"], f["label"]) for f in result["facts"]]
    alone = _compare(("a", "Northern Post", T0, game.replace(" Kelby added a touchdown on a 1-yard run by Sam Ito.",
                                                           "")),
                     ("b", "Valley Herald", T0, other))
    assert [f["status"] for f in alone["facts"] if f["label"] == "run — length"] == ["conflicting"]


def test_an_outlet_stating_both_values_contradicts_neither() -> None:
    """"a 5-yard touchdown pass" against "a five-yard score in the first and an 18-yard pass": the second outlet
    gives the 5 yards too (under another noun), so its 18-yard pass is another pass, not a contradiction."""
    first = ("Kelby Rovers beat Harbour City 27-10 on Sunday. Kelby took a 10-0 lead when Sam Ito caught a 5-yard "
             "pass in the first quarter.")
    both = ("Kelby Rovers beat Harbour City 27-10 on Sunday at Lund Park. Sam Ito had a five-yard score in the "
            "first quarter and caught an 18-yard pass in the third.")
    result = _compare(("a", "Northern Post", T0, first), ("b", "Valley Herald", T0, both))
    assert not [f for f in result["facts"] if f["status"] == "conflicting"], \
        [(f["status"], f["label"]) for f in result["facts"]]
    alone = _compare(("a", "Northern Post", T0, first),
                     ("b", "Valley Herald", T0, both.replace("had a five-yard score in the first quarter and ", "")))
    assert [f["status"] for f in alone["facts"] if f["label"] == "pass — length"] == ["conflicting"]


def test_only_a_value_stated_itself_not_a_hedge_or_range_around_it_silences_a_clash() -> None:
    """"more than 30 tonnes" or "10 to 50 tonnes" of steel elsewhere in the second article do not give the first
    article's 40 tonnes; "a 40-tonne crane" does. An earlier time's measure does not either."""
    def statuses(extra: str) -> list[str]:
        result = _compare(("a", "Northern Post", T0, CRASH.format("40-tonne")),
                          ("b", "Valley Herald", T0, INQUIRY.format("25-tonne truck") + " " + extra))
        return [f["status"] for f in _truck_facts(result)]

    assert statuses("It was carrying more than 30 tonnes of steel.") == ["conflicting"]
    assert statuses("It was carrying 10 to 50 tonnes of steel.") == ["conflicting"]
    assert statuses("In 2019 a 40-tonne crane toppled at the same pier.") == ["conflicting"]
    assert statuses("A 40-tonne crane was brought in to lift it.") == []


def test_copies_of_one_story_never_conflict_with_each_other() -> None:
    extractions = extract(("a", "Northern Post", T0, CRASH.format("40-tonne")),
                          ("b", "Valley Herald", T0, INQUIRY.format("25-tonne truck")))
    copies = {"exact": [{"articles": ["a", "b"]}], "near_duplicates": [], "reused_passages": [], "groups": [],
              "independent_groups": [["a", "b"]]}  # as if one were declared a copy of the other
    result = compare_sources(extractions, copies)
    assert not _truck_facts(result), [(f["status"], f["label"]) for f in result["facts"]]
    assert [f["status"] for f in _truck_facts(_compare(("a", "Northern Post", T0, CRASH.format("40-tonne")),
                                                       ("b", "Valley Herald", T0, INQUIRY.format("25-tonne truck"))))] \
        == ["conflicting"]


def test_a_curly_apostrophe_copula_and_a_speech_verb_give_no_verb_slot() -> None:
    def slot_of(lemma: str) -> bool:
        raw = _measure(20.0, "foot", 0.3048, counted="", dimension="length") | {"event_lemma": lemma}
        quantity = measure_quantity(raw, context=False)
        assert quantity is not None
        return verb_measure(quantity)

    assert not slot_of("’s") and not slot_of("say") and slot_of("drive")


def _fall_claims(*texts: str) -> tuple[list[Claim], Independence, list[int]]:
    extractions = extract(*[(chr(97 + k), f"Outlet {k}", T0, text) for k, text in enumerate(texts)])
    texts_by_id = {e["article_id"]: ArticleText(e) for e in extractions}
    linked, _ = link(extractions)
    independence = Independence(texts_by_id, no_duplicates(extractions))
    claims = build_claims(extractions, texts_by_id, MentionIndex(linked), independence)
    return claims, independence, [c.index for c in claims if "fell" in c.text]


def test_a_verbs_clash_needs_two_sentences_related_directly_not_through_a_third() -> None:
    claims, independence, (a, b, c) = _fall_claims(
        FALL_A, FALL_B.replace("40 feet", "more than 10 feet"), FALL_B)
    chain = {(min(a, b), max(a, b)), (min(b, c), max(b, c))}  # 10-12 ft ~ more than 10 ft ~ 40 ft
    assert measure_drafts(claims, independence, related=chain) == []
    assert len(measure_drafts(claims, independence, related=chain | {(min(a, c), max(a, c))})) == 1


def test_one_report_giving_a_verb_two_clashing_values_makes_no_fact() -> None:
    both = FALL_A.replace("He was flown", "He fell 40 feet, a witness said later. He was flown")
    claims, independence, fell = _fall_claims(both, FALL_B)
    related = {(min(x, y), max(x, y)) for x in fell for y in fell if x != y}
    assert measure_drafts(claims, independence, related=related) == []


def test_measures_of_one_noun_beside_other_actors_are_two_things() -> None:
    """A roundup's "48-yard field goal" of another game does not contradict the story's "36-yard field goal":
    the two sentences name different teams and players, and the roundup's are not what the story is about."""
    story = ("Kelby Rovers beat Harbour City 20-6 on Sunday at Lund Park. Kelby Rovers added a 36-yard field goal on "
             "the next drive to lead 20-0. Harbour City scored late.")
    roundup = ("Kelby Rovers beat Harbour City 20-6 on Sunday. Elsewhere, Tom Ade made a 48-yard field goal to put "
               "the Orsa Lions ahead against the Brenton Bears.")
    result = _compare(("a", "Northern Post", T0, story), ("b", "Valley Herald", T0, roundup))
    kicks = [f for f in result["facts"] if f["label"].endswith("— length")]
    assert not [f for f in kicks if f["status"] == "conflicting"], [(f["status"], f["label"]) for f in kicks]
    same_game = roundup.replace("Elsewhere, Tom Ade made a 48-yard field goal to put the Orsa Lions ahead against the "
                                "Brenton Bears.", "Kelby Rovers made a 48-yard field goal in the second quarter.")
    again = _compare(("a", "Northern Post", T0, story), ("b", "Valley Herald", T0, same_game))
    assert [f["status"] for f in again["facts"] if f["label"].endswith("— length")] == ["conflicting"]


SHOT = "Police said a {} man was shot dead outside a bar in Kelby late on Friday. Officers closed the road."
ARREST = "Police arrested a {} man after the fatal shooting outside a bar in Kelby on Friday night."


def test_ages_of_one_noun_never_conflict_a_story_has_many_men() -> None:
    """A victim and a suspect are both "a man": ages agree or say nothing, and are never set against each other."""
    result = _compare(("a", "Northern Post", T0, SHOT.format("23-year-old")),
                      ("b", "Valley Herald", T0, ARREST.format("45-year-old")))
    assert not [f for f in result["facts"] if f["status"] in {"conflicting", "disputed", "updated"}], \
        [(f["status"], f["label"]) for f in result["facts"]]


def _age(value: float, unit: str = "year", per_unit: float = 1.0, counted: str = "boy") -> dict:
    return _measure(value, unit, per_unit, counted=counted, dimension="age")


def test_an_age_is_a_whole_number_of_its_units() -> None:
    """A "4-year-old" is 4 to not quite 5: an 18-month-old is a 1-year-old, a 59-month-old is no 5-year-old,
    and 4 and 3 years cannot both be true of one boy (no rounding slack as for weights)."""
    def quantity(raw: dict) -> Quantity:
        found = measure_quantity(raw, False)
        assert found is not None
        return found
    assert agree(quantity(_age(18, "month", 1 / 12)), quantity(_age(1)))
    assert not agree(quantity(_age(59, "month", 1 / 12)), quantity(_age(5)))
    assert not agree(quantity(_age(4)), quantity(_age(3)))
    assert agree(quantity(_age(4)), quantity(_age(4)))
    under_five = quantity({**_age(5), "hedge": "less_than", "high": 5.0})
    assert under_five.high is not None and under_five.high < 5.0  # "under 5 years old": not to the end of the 5th
