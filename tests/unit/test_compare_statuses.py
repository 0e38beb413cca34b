"""Each status of the comparison on small hand-written articles (real extraction, real embeddings)."""

from __future__ import annotations

import pytest

from tests.unit.compare_events import BRIDGE_A, BRIDGE_B, extract, facts_with, no_duplicates
from workers.analysis.comparison import compare_sources

T0 = "2024-03-05T10:00:00+00:00"
T0_HALF = "2024-03-05T10:30:00+00:00"
T1 = "2024-03-06T08:00:00+00:00"
TOLL = "{} people were killed when the Lundberg river bridge collapsed, police said."
EVACUATED = "{} residents were evacuated from the eastern bank of the Lundberg river."


def _compare(*articles: tuple[str, str, str, str]) -> dict:
    extractions = extract(*articles)
    return compare_sources(extractions, no_duplicates(extractions))


def test_the_same_statement_in_other_words_is_corroborated_with_both_sentences() -> None:
    result = _compare(("a", "Northern Post", T0, BRIDGE_A), ("b", "Valley Herald", T0_HALF, BRIDGE_B))
    facts = [f for f in facts_with(result, "bridge", "rain") if f["status"] == "corroborated"]
    assert facts, [(f["status"], f["label"]) for f in result["facts"]]
    fact = facts[0]
    assert fact["independent_sources"] == 2 and set(fact["sources"]) == {"Northern Post", "Valley Herald"}
    texts = {e["article_id"]: e["text"] for e in extract(("a", "Northern Post", T0, BRIDGE_A),
                                                         ("b", "Valley Herald", T0_HALF, BRIDGE_B))}
    for claim in fact["claims"]:  # evidence points at the sentence in the article's clean text
        assert "bridge" in texts[claim["article_id"]][claim["start"]:claim["end"]]
    assert fact["links"] and fact["links"][0]["features"]["cosine"] > 0.5


def test_two_tolls_at_the_same_time_conflict() -> None:
    result = _compare(
        ("a", "Northern Post", T0, TOLL.format("Twelve")), ("b", "Valley Herald", T0_HALF, TOLL.format("Nine")))
    conflicts = [f for f in result["facts"] if f["status"] == "conflicting"]
    assert len(conflicts) == 1, [(f["status"], f["label"]) for f in result["facts"]]
    labels = {v["label"] for v in conflicts[0]["values"]}
    assert labels == {"12", "9"}
    assert result["summary"]["counts"]["conflicting"] == 1


def test_a_toll_that_rises_over_a_day_is_an_update_with_a_timeline() -> None:
    result = _compare(
        ("a", "Northern Post", T0, TOLL.format("Twelve")), ("b", "Valley Herald", T1, TOLL.format("Nineteen")))
    assert not [f for f in result["facts"] if f["status"] == "conflicting"]
    updated = [f for f in result["facts"] if f["status"] == "updated"]
    assert len(updated) == 1
    assert [step["value"] for step in updated[0]["timeline"]] == ["12", "19"]
    assert [step["source"] for step in updated[0]["timeline"]] == ["Northern Post", "Valley Herald"]


def test_a_sentence_giving_one_figure_two_values_sets_neither_against_another_outlet() -> None:
    """"Twelve were killed on the bridge and nine on the road" counts two things: a later "Nineteen were
    killed" is no update of either (and nothing conflicts)."""
    two = "Twelve people were killed on the Lundberg river bridge and nine people were killed on the road, police said."
    result = _compare(("a", "Northern Post", T0, two), ("b", "Valley Herald", T1, TOLL.format("Nineteen")))
    assert not [f for f in result["facts"] if f["status"] in ("updated", "conflicting", "disputed")], \
        [(f["status"], f["label"]) for f in result["facts"]]
    one = _compare(("a", "Northern Post", T0, two.replace(" and nine people were killed on the road", "")),
                   ("b", "Valley Herald", T1, TOLL.format("Nineteen")))
    assert [f["status"] for f in one["facts"] if f["status"] == "updated"] == ["updated"]


def test_two_values_of_one_figure_that_agree_or_that_a_marker_orders_still_state_it() -> None:
    from workers.analysis.comparison.claims import build_claims
    from workers.analysis.comparison.entities import MentionIndex, link
    from workers.analysis.comparison.evidence import ArticleText
    from workers.analysis.comparison.facts import two_of_one_figure
    from workers.analysis.comparison.independence import Independence

    texts = {"two": "Twelve people were killed on the Lundberg river bridge and nine people were killed on the road.",
             "agree": "About 12 people were killed on the Lundberg river bridge, and at least 12 people were killed "
                      "in all.",
             "rose": "Police said 12 people were killed, up from nine people killed earlier."}
    extractions = extract(*[(k, k, T0, t) for k, t in texts.items()])
    articles = {e["article_id"]: ArticleText(e) for e in extractions}
    linked, _ = link(extractions)
    claims = {c.article_id: c for c in build_claims(extractions, articles, MentionIndex(linked),
                                                    Independence(articles, no_duplicates(extractions)))}
    assert all(len(claims[k].quantities) == 2 for k in texts), {k: claims[k].quantities for k in texts}
    assert two_of_one_figure(claims["two"], 0)
    assert not two_of_one_figure(claims["agree"], 0)
    assert claims["rose"].time.marker and not two_of_one_figure(claims["rose"], 0)


# Two outlets' own accounts of the attack around the figures: the comparison reads claims beyond what every
# statement of a job shares (alignment.beyond_event), and two two-line articles would have nothing else.
ATTACK_A = ("Gunmen attacked the border post at Karsk before dawn on Tuesday. The attackers fled towards the hills "
            "after an hour-long gun battle. Reinforcements arrived from the garrison town of Oda by mid-morning. "
            "The road to Karsk was closed to traffic for the rest of the day. ")
ATTACK_B = ("A border post at Karsk came under attack before dawn on Tuesday. After a gun battle that lasted about "
            "an hour, the attackers withdrew into the hills. Troops from the garrison at Oda reached the post later "
            "in the morning. Traffic on the Karsk road was stopped until evening. ")


def test_two_claimants_giving_different_figures_is_a_dispute_not_an_outlet_conflict() -> None:
    text = ("The interior ministry said six soldiers were wounded in the attack on the border post. "
            "The rebel command said three soldiers were wounded in the attack on the border post.")
    other = text.replace("on the border post", "at the border post")
    result = _compare(("a", "Northern Post", T0, ATTACK_A + text), ("b", "Valley Herald", T0_HALF, ATTACK_B + other))
    disputed = [f for f in result["facts"] if f["status"] == "disputed"]
    assert disputed, [(f["status"], f["label"]) for f in result["facts"]]
    sides = {(s["claimant"].lower(), s["value"]) for s in disputed[0]["disputes"]}
    assert ("the interior ministry", "6") in sides and ("the rebel command", "3") in sides
    assert not [f for f in result["facts"] if f["status"] == "conflicting"]


def test_a_figure_from_an_earlier_year_does_not_conflict_with_the_event() -> None:
    result = _compare(
        ("a", "Northern Post", T0, "Twelve people were killed when the Lundberg river bridge collapsed on Tuesday."),
        ("b", "Valley Herald", T0_HALF, "In 2015, forty people were killed when a river bridge collapsed in the "
                                        "same region."))
    assert not [f for f in result["facts"] if f["status"] in ("conflicting", "updated", "disputed")]
    context = [c for f in result["facts"] for c in f["claims"] if "2015" in c["excerpt"]]
    assert all(c["role"] == "context" for c in context)


def test_one_says_it_the_other_denies_it() -> None:
    result = _compare(
        ("a", "Northern Post", T0, "The mayor of Lundberg confirmed that the dam upstream was damaged by the flood."),
        ("b", "Valley Herald", T0_HALF, "The mayor of Lundberg denied that the dam upstream was damaged by the flood."))
    flagged = [f for f in result["facts"] if f["status"] in ("conflicting", "disputed")]
    assert flagged, [(f["status"], f["label"], f["values"]) for f in result["facts"]]
    assert {v["label"] for v in flagged[0]["values"]} == {"stated", "negated"}


def test_a_statement_told_with_and_without_a_negation_a_day_apart_is_no_update() -> None:
    """A figure changes as a story develops; a sentence's negation read a day later is no change of a
    statement (and, told at different times, no same-time conflict either)."""
    said = "The mayor of Lundberg said that the dam upstream was damaged by the flood."
    denied = "The mayor of Lundberg said that the dam upstream was not damaged by the flood."
    later = _compare(("a", "Northern Post", T0, said), ("b", "Valley Herald", T1, denied))
    assert not [f for f in later["facts"] if f["status"] in ("updated", "conflicting", "disputed")], \
        [(f["status"], f["label"]) for f in later["facts"]]
    same_time = _compare(("a", "Northern Post", T0, said), ("b", "Valley Herald", T0_HALF, denied))
    assert [f["status"] for f in same_time["facts"] if f["status"] in ("conflicting", "disputed")]


def test_a_salient_claim_only_one_source_makes_is_exclusive() -> None:
    extra = ("Lundberg's mayor Anna Berglund said 300 residents of the eastern bank were evacuated overnight. ")
    result = _compare(("a", "Northern Post", T0, extra + BRIDGE_A), ("b", "Valley Herald", T0_HALF, BRIDGE_B))
    exclusive = [f for f in facts_with(result, "evacuated") if f["status"] == "exclusive"]
    assert exclusive and exclusive[0]["sources"] == ["Northern Post"]
    assert not [f for f in facts_with(result, "inspected") if f["status"] == "corroborated"]


def test_vague_quantities_keep_their_words_and_never_conflict() -> None:
    result = _compare(
        ("a", "Northern Post", T0, EVACUATED.format("Hundreds of")),
        ("b", "Valley Herald", T0_HALF, EVACUATED.format("About 300")))
    facts = facts_with(result, "evacuated")
    assert facts and not [f for f in facts if f["status"] == "conflicting"]
    numbers = [n for f in facts for c in f["claims"] for n in c["numbers"]]
    assert any(n["label"] == "Hundreds" and n["vague"] for n in numbers)


def test_copies_of_one_wire_story_count_once() -> None:
    extractions = extract(("a", "Wire", T0, BRIDGE_A), ("b", "Reprint", T0_HALF, BRIDGE_A))
    duplicates = {"exact": [{"articles": ["a", "b"], "normalised_sha1": "x"}], "near_duplicates": [],
                  "reused_passages": [], "groups": [], "independent_groups": [["a", "b"]]}
    result = compare_sources(extractions, duplicates)
    assert not [f for f in result["facts"] if f["status"] == "corroborated"]
    assert result["independence"]["independent_sources"] == 1
    assert result["independence"]["groups"][0]["relation"] == "exact"
    assert result["summary"]["counts"]["independent_sources"] == 1


def test_failed_articles_and_empty_jobs_are_handled() -> None:
    failed = {"article_id": "x", "source": "Broken", "error": {"code": "no_main_text", "message": "no text"}}
    assert compare_sources([failed], {})["facts"] == []
    assert compare_sources([], {})["summary"]["counts"]["sources"] == 0


def test_a_figure_from_an_earlier_month_does_not_conflict_with_the_event() -> None:
    result = _compare(
        ("a", "Northern Post", T0, TOLL.format("Twelve")),
        ("b", "Valley Herald", T0_HALF, "In February, forty people were killed when a river bridge collapsed, "
                                        "police said."))
    assert not [f for f in result["facts"] if f["status"] in ("conflicting", "updated", "disputed")]


def test_different_counts_of_one_noun_in_loosely_related_sentences_stay_apart() -> None:
    """'two crew members' of the crashed plane and 'four members' of a family killed in another crash share a
    counted noun and are about the same kind of thing, but they are not one figure: no conflict, no fact."""
    result = _compare(
        ("a", "Northern Post", T0, "Aboard the plane were nine passengers and two flight crew members, the "
                                   "airline said in a statement."),
        ("b", "Valley Herald", T0_HALF, "Four members of a family from Lundberg died when their seaplane crashed "
                                        "into a river on New Year's Eve."))
    joined = [f for f in result["facts"] if {"a", "b"} <= set(f["article_ids"])]
    assert joined == [], [(f["status"], f["label"]) for f in joined]


def test_a_dateless_sentence_goes_on_about_the_earlier_time_of_its_paragraph() -> None:
    """'In 2015 a bridge collapsed ... Forty people were killed.': the second sentence names no time but
    continues a paragraph about 2015, so its toll is context, not a conflict with today's; in a paragraph of
    its own it is the story's own claim again."""
    today = ("a", "Northern Post", T0, "Twelve people were killed when the Lundberg river bridge collapsed on "
                                       "Tuesday.")
    background = ("In 2015 a river bridge collapsed in the same region after a week of storms.{}Forty people "
                  "were killed when the bridge collapsed.")
    result = _compare(today, ("b", "Valley Herald", T0_HALF, background.format(" ")))
    assert not [f for f in result["facts"] if f["status"] in ("conflicting", "updated", "disputed")]
    forty = [c for f in result["facts"] for c in f["claims"] if c["excerpt"].startswith("Forty")]
    assert forty and all(c["role"] == "context" for c in forty)
    apart = _compare(today, ("b", "Valley Herald", T0_HALF, background.format("\n\n")))
    forty = [c for f in apart["facts"] for c in f["claims"] if c["excerpt"].startswith("Forty")]
    assert forty and all(c["role"] == "event" for c in forty)


def _values_set_against(result: dict) -> list[tuple[str, str, list]]:
    """(status, label, values) of every conflicting, disputed or updated fact."""
    return [(f["status"], f["label"], f["values"]) for f in result["facts"]
            if f["status"] in ("conflicting", "disputed", "updated")]


@pytest.mark.parametrize(("first", "second"), [
    # '12 people killed' and 'two pilots killed' count the same dead under two nouns, one a subset of the
    # other: the sentences may be aligned, but their values are never set against each other
    ("The charter plane crash near Lundberg killed 12 people on Sunday, the aviation authority said.",
     "Two pilots were killed when the charter plane crashed near Lundberg on Sunday, the aviation authority said."),
    # 'ten ships blacklisted' and 'six ships' merely named by another outlet count ships, but not one event
    ("The harbour council blacklisted ten ships from the Lundberg port on Monday over the oil transfers.",
     "There were six ships from the Lundberg port on the harbour council's list on Monday over the oil transfers."),
], ids=["subset-noun", "bare-count"])
def test_counts_of_different_things_are_not_set_against_each_other(first: str, second: str) -> None:
    result = _compare(("a", "Northern Post", T0, first), ("b", "Valley Herald", T0_HALF, second))
    assert _values_set_against(result) == []


def test_same_figure_needs_one_counted_noun() -> None:
    from workers.analysis.comparison.numbers import Quantity, corresponds, same_figure

    people = Quantity("12", 12, 12, 12, "exact", "people", "killed", False, "count", 0, 2)
    pilots = Quantity("2", 2, 2, 2, "exact", "pilot", "killed", False, "count", 0, 3)
    implicit = Quantity("at least 12", 12, 12, None, "at_least", "", "killed", False, "count", 0, 2)
    assert corresponds(people, pilots) and not same_figure(people, pilots)
    assert same_figure(people, implicit) and same_figure(people, people)


def test_one_figure_stated_more_precisely_later_is_not_an_update() -> None:
    """'more than 50 taken to hospital' then '51 taken to hospital' a day later: compatible, and the same
    smallest count — one figure, not a changed one (a rising floor, 'at least 50' then '59', is an update)."""
    text = "After the tram derailed in Lundberg, {} people were taken to hospital, the ambulance service said."
    result = _compare(("a", "Northern Post", T0, text.format("more than 50")),
                      ("b", "Valley Herald", T1, text.format("51")))
    assert _values_set_against(result) == []
    assert any(f["status"] == "corroborated" and {"a", "b"} <= set(f["article_ids"]) for f in result["facts"])
    rising = _compare(("a", "Northern Post", T0, text.format("at least 50")), ("b", "Valley Herald", T1,
                                                                               text.format("59")))
    assert [status for status, _, _ in _values_set_against(rising)] == ["updated"]


def test_a_corroborated_figure_never_lists_values_that_disagree() -> None:
    """'three boosters' (no event) and 'two boosters landed' cannot be set against each other (no one named
    event), and so they are not one figure corroborated at 3 and at 2 either: their sentences stay a statement
    (shaped on the public Falcon Heavy launch reports of February 2018)."""
    result = _compare(
        ("a", "Northern Post", T0, "The heavy rocket's launch from Cape Canaveral involved the use of three boosters, "
                                   "the company said on Tuesday."),
        ("b", "Valley Herald", T0_HALF, "Two boosters landed back at Cape Canaveral after the heavy rocket's launch, "
                                        "the company said on Tuesday."))
    numeric = [f for f in result["facts"] if f["status"] == "corroborated" and f["kind"] == "numeric"]
    assert all(len(f["values"]) == 1 for f in numeric), [(f["label"], f["values"]) for f in numeric]


def test_one_person_named_two_ways_giving_two_figures_is_a_conflict_not_a_dispute() -> None:
    first = "Defence minister Ilse Varga said six soldiers were wounded in the attack on the border post."
    second = "Varga said three soldiers were wounded in the attack at the border post."
    result = _compare(("a", "Northern Post", T0, ATTACK_A + first), ("b", "Valley Herald", T0_HALF, ATTACK_B + second))
    assert not [f for f in result["facts"] if f["status"] == "disputed"], [
        (f["status"], f["label"]) for f in result["facts"]]
    conflicts = [f for f in result["facts"] if f["status"] == "conflicting"]
    assert conflicts and {v["label"] for v in conflicts[0]["values"]} == {"6", "3"}


MONDAY_COLLAPSE = ("The Lundberg river bridge collapsed on Monday morning. Twelve people were killed when the "
                   "Lundberg river bridge collapsed on Monday, police said. Divers searched the river on Monday night.")


def test_figures_of_two_occasions_weeks_apart_neither_conflict_nor_update() -> None:
    """Two collapses of the same bridge three weeks apart, each article about its own: their tolls are two
    occasions' figures, not one figure that changed."""
    second = ("The rebuilt Lundberg river bridge collapsed on Monday morning. Nine people were killed when the "
              "Lundberg river bridge collapsed on Monday, police said. Divers searched the river on Monday night.")
    result = _compare(("a", "Northern Post", "2024-03-05T10:00:00+00:00", MONDAY_COLLAPSE),
                      ("b", "Valley Herald", "2024-03-26T10:00:00+00:00", second))
    assert not [f for f in result["facts"] if f["status"] in ("conflicting", "updated", "disputed")], [
        (f["status"], f["label"]) for f in result["facts"]]
    # nor does one toll corroborate the other: "Twelve ... killed" and "Nine ... killed" are two facts
    assert not [f for f in result["facts"] if f["status"] == "corroborated"
                and {"Twelve", "Nine"} <= {c["excerpt"].split()[0] for c in f["claims"]}]
    # and the result says the job holds two occasions, in its own field and in the headline
    assert [(o["first_day"], o["articles"]) for o in result["occasions"]] == [("2024-03-04", ["a"]),
                                                                              ("2024-03-25", ["b"])]
    assert result["summary"]["counts"]["occasions"] == 2
    assert "2 occasions (2024-03-04: 1 article; 2024-03-25: 1 article)" in result["summary"]["headline"]


def test_reports_days_apart_of_one_occasion_are_one_occasion() -> None:
    """Two articles whose story days are three days apart report one occasion: listed once, no headline note."""
    later = ("Divers searched the Lundberg river again on Thursday morning. Police named the victims of the bridge "
             "collapse on Thursday. The bridge will stay closed, officials said on Thursday.")
    result = _compare(("a", "Northern Post", "2024-03-05T10:00:00+00:00", MONDAY_COLLAPSE),
                      ("b", "Valley Herald", "2024-03-08T10:00:00+00:00", later))
    assert [(o["first_day"], o["last_day"], o["articles"]) for o in result["occasions"]] == [
        ("2024-03-04", "2024-03-07", ["a", "b"])]
    assert result["summary"]["counts"]["occasions"] == 1
    assert "occasions" not in result["summary"]["headline"]


def test_a_conflict_many_outlets_report_lists_one_pair_per_two_values_and_every_outlet_against() -> None:
    """Six outlets, three per value: the fact names one disagreeing pair for the two values (its `values`
    say who states each), and each outlet's profile still lists the three outlets on the other side."""
    outlets = [("a", "Northern Post", "Twelve"), ("b", "Valley Herald", "Nine"), ("c", "Coast News", "Twelve"),
               ("d", "Island Post", "Nine"), ("e", "Harbour Times", "Twelve"), ("f", "Evening Sun", "Nine")]
    result = _compare(*((k, source, T0, TOLL.format(value)) for k, source, value in outlets))
    conflicts = [f for f in result["facts"] if f["status"] == "conflicting"]
    assert len(conflicts) == 1, [(f["status"], f["label"]) for f in result["facts"]]
    assert len(conflicts[0]["conflicts"]) == 1
    assert {v["label"] for v in conflicts[0]["values"]} == {"12", "9"}
    profile = next(p for p in result["profiles"] if p["source"] == "Northern Post")
    assert profile["conflicts"][0]["against"] == ["Evening Sun", "Island Post", "Valley Herald"]


def test_a_fact_every_outlet_attributes_to_one_party_names_that_one_claimant() -> None:
    """Outlets agreeing on what the mayor said corroborate the saying: the fact names its one origin. Told in
    an outlet's own voice by one of them, or by two parties, it has none."""
    mayor_a = "The mayor of Lundberg, Anna Voss, said the bridge had been closed to lorries since January."
    mayor_b = "The bridge had been closed to lorries since January, Lundberg mayor Anna Voss said."
    own_b = "The bridge had been closed to lorries since January."
    other_b = "The bridge had been closed to lorries since January, the county engineer Tom Reyes said."

    def corroborated(second: str) -> dict:
        result = _compare(("a", "Northern Post", T0, BRIDGE_A + " " + mayor_a),
                          ("b", "Valley Herald", T0_HALF, BRIDGE_B + " " + second))
        [fact] = [f for f in facts_with(result, "lorries") if f["status"] == "corroborated"]
        return fact

    fact = corroborated(mayor_b)
    assert fact["one_claimant"] is not None and "Voss" in fact["one_claimant"]
    assert corroborated(own_b)["one_claimant"] is None  # the words of indirect speech: no quotation
    assert corroborated(other_b)["one_claimant"] is None


def test_an_outlet_printing_a_named_partys_quoted_words_as_its_own_text_prints_that_partys_words() -> None:
    """A post or a statement run as an outlet's own text ("reprints") is still its author's: one claimant."""
    quoted = ("“The bridge will stay closed to lorries until the inspectors have finished their work,” "
              "Lundberg mayor Anna Voss said.")
    bare = "The bridge will stay closed to lorries until the inspectors have finished their work."
    result = _compare(("a", "Northern Post", T0, BRIDGE_A + " " + quoted),
                      ("b", "Valley Herald", T0_HALF, BRIDGE_B + " " + bare))
    [fact] = [f for f in facts_with(result, "inspectors") if f["status"] == "corroborated"]
    assert {c["claimant"]["kind"] for c in fact["claims"]} == {"named", "outlet"}
    assert fact["one_claimant"] is not None and "Voss" in fact["one_claimant"]
