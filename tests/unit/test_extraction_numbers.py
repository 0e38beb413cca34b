"""Numeric claims: number words, hedges, counted nouns from the parse, events, and what is not a count."""

from __future__ import annotations

from typing import Any

from workers.analysis.nlp import get_nlp
from workers.analysis.numbers import find_numeric_claims


def _claims(text: str) -> list[dict[str, Any]]:
    return find_numeric_claims(get_nlp()(text))


def _only(text: str) -> dict[str, Any]:
    [claim] = _claims(text)
    return claim


def test_number_word_counts_the_noun_outside_the_entity() -> None:
    claim = _only("The prime minister escaped an assassination attempt by three armed drones in Baghdad.")
    assert (claim["value"], claim["counted"], claim["hedge"]) == (3.0, "drones", "exact")
    assert claim["low"] == claim["high"] == 3.0
    assert "three armed drones" in claim["text"]


def test_count_with_of_phrase_and_event() -> None:
    claim = _only("Seven of Prime Minister Mustafa al-Kadhimi’s security guards were wounded in the attack.")
    assert (claim["value"], claim["counted"], claim["event"], claim["event_class"]) == (
        7.0,
        "security guards",
        "wounded",
        "injured",
    )
    assert claim["counted_lemma"] == "security guard"


def test_at_least_hedge() -> None:
    claim = _only("At least seven of his security guards were injured in the attack.")
    assert (claim["hedge"], claim["low"], claim["high"]) == ("at_least", 7.0, None)
    assert claim["text"].startswith("At least seven")


def test_a_hedge_hyphenated_as_a_modifier_is_read_as_its_words() -> None:
    """"the more-than 11 million documents" is more than 11 million, not exactly 11 million."""
    claim = _only("The more-than 11 million documents date back four decades.")
    assert (claim["value"], claim["hedge"], claim["low"], claim["high"]) == (11e6, "more_than", 11e6, None)
    assert claim["text"].startswith("more-than")
    assert [c["hedge"] for c in _claims("The long-awaited 40 reports arrived on a four-day trip.")] == ["exact"]


def test_about_hedges() -> None:
    claims = _claims("He gathered a force of around 150 fighters in nearly 30 pickup trucks.")
    assert [(c["value"], c["hedge"], c["counted"]) for c in claims] == [
        (150.0, "about", "fighters"),
        (30.0, "about", "pickup trucks"),
    ]
    assert claims[0]["low"] < 150 < claims[0]["high"]


def test_vague_counts_and_fractions() -> None:
    dozens = _only("Dozens of security forces were injured.")
    assert (dozens["hedge"], dozens["low"], dozens["high"], dozens["counted"]) == ("range", 24, 99, "security forces")
    dozen = _only("A dozen soldiers arrived.")
    assert (dozen["value"], dozen["counted"]) == (12, "soldiers")
    fraction = _only("The militias lost around two-thirds of their seats.")
    assert fraction["kind"] == "proportion" and abs(fraction["value"] - 2 / 3) < 1e-3
    assert (fraction["hedge"], fraction["counted"]) == ("about", "seats")


def test_range() -> None:
    claim = _only("The attack wounded between 10 and 20 soldiers.")
    assert (claim["hedge"], claim["low"], claim["high"]) == ("range", 10.0, 20.0)


def test_counted_noun_is_inherited_within_the_sentence() -> None:
    claims = _claims("At least one protester was killed, with a further 120 injured.")
    assert [(c["value"], c["counted"], c["event_class"]) for c in claims] == [
        (1.0, "protester", "killed"),
        (120.0, "protester", "injured"),
    ]
    assert claims[1]["counted_inferred"] is True


def test_shot_down() -> None:
    claim = _only("Security forces were able to intercept and shoot down two of the drones.")
    assert (claim["value"], claim["counted"], claim["event_class"]) == (2.0, "drones", "shot down")


def _counts(text: str) -> list[dict]:
    return [c for c in _claims(text) if c["kind"] != "measure"]


def test_ages_years_dates_money_and_calibres_are_not_counts() -> None:
    assert _claims("Al-Kadhimi, 54, was Iraq’s former intelligence chief.") == []
    assert _counts("It carried a ZSU 23mm twin anti-aircraft cannon.") == []
    assert _counts("Compared to the unguided 107mm rockets, the drones are more precise.") == []
    assert _claims("The militias lost popularity in 2019 and after the Oct. 10 elections.") == []
    assert _counts("For as little as $6 per month you can help.") == []
    assert _claims("No one has claimed responsibility.") == []


# Measures and money: invented sentences.
def test_a_range_of_feet_is_a_length_with_its_verb() -> None:
    (claim,) = _claims("Rescuers said the hiker slid 10 to 12 feet down the icy slope.")
    assert claim["kind"] == "measure" and claim["number_text"] == "10 to 12 feet"
    assert (claim["low"], claim["high"], claim["hedge"]) == (10.0, 12.0, "range")
    assert claim["unit"] == {"name": "foot", "dimension": "length", "per_unit": 0.3048}
    assert claim["event"] == "slid"


def test_a_hyphenated_weight_measures_the_noun_it_modifies() -> None:
    (claim,) = _claims("The 95-kg bear crossed the road twice.")
    assert (claim["value"], claim["counted"], claim["unit"]["name"]) == (95.0, "bear", "kilogram")
    (pounds,) = _claims("Bruno, a 210-pound bear, was tranquilised.")
    assert (pounds["value"], pounds["counted"], pounds["unit"]["dimension"]) == (210.0, "bear", "mass")


def test_money_after_a_currency_sign_keeps_its_hedge() -> None:
    claims = _claims("The painting sold for almost $6,000 on Tuesday, down from $10,097.58 at its last sale.")
    assert [(c["number_text"], c["value"], c["hedge"]) for c in claims] == [
        ("almost $6,000", 6000.0, "about"), ("$10,097.58", 10097.58, "exact")]
    assert {c["unit"]["dimension"] for c in claims} == {"money:dollar"}


def test_money_ranges_and_suffixes_are_one_amount() -> None:
    (rent,) = _claims("Rents of $1,000 to 1,200 a month are common.")
    assert (rent["low"], rent["high"]) == (1000.0, 1200.0)
    (fine,) = _claims("A fine of £5m was imposed.")
    assert (fine["value"], fine["unit"]["dimension"]) == (5e6, "money:sterling")
    (grant,) = _claims("The city received €5 to 6 million for the bridge.")
    assert (grant["low"], grant["high"]) == (5e6, 6e6)


def test_a_capital_letter_after_a_number_is_not_a_unit() -> None:
    assert all(c["kind"] != "measure" for c in _claims("The 5G network reached the valley."))


def test_counts_carry_no_unit() -> None:
    (claim,) = _claims("At least 84 people were killed.")
    assert claim["kind"] == "count" and claim["unit"] is None


def test_evidence_is_the_sentence() -> None:
    claim = _only("Six members of Kadhimi’s personal protection detail were wounded. Nobody else was hurt.")
    assert claim["excerpt"] == "Six members of Kadhimi’s personal protection detail were wounded."
    assert claim["sentence"] == 0
    assert claim["counted_phrase"] == "members of Kadhimi’s personal protection detail"


def test_figures_of_speech_are_not_counts() -> None:
    assert _claims("On one hand the talks failed; one thing is certain.") == []


def test_measures_names_and_modifiers_are_not_counts() -> None:
    (weight,) = _claims("It can carry more than 500 kilograms for thousands of years.")
    assert (weight["kind"], weight["hedge"], weight["value"]) == ("measure", "more_than", 500.0)
    assert _claims("The update rolls out to Pixel 2 devices and the Falcon 9 rocket.") == []
    assert _claims("He proposed a two-state solution after the Six Day War.") == []


def test_a_number_right_after_the_noun_it_modifies_labels_it() -> None:
    """A cardinal counting a noun precedes it; one after its noun is a label ('Flight 370', 'lap 48')."""
    counts = [(c["number_text"], c["counted"]) for c in _claims(
        "Flight 370 disappeared over the Indian Ocean with 239 people on board.")]
    assert counts == [("239", "people")]
    assert [c["number_text"] for c in _claims("Massa crashed on lap 48, injuring 3 marshals.")] == ["3"]
    assert [c["number_text"] for c in _claims("Police said the death toll rose to 14.")] == ["14"]
    assert _claims("A witness told outlet 12 that the truck was going fast.") == []  # "outlet" tagged PROPN
    assert [c["number_text"] for c in _claims("Nepal earthquake death toll 4,000 and rising.")] == ["4,000"]


def test_parts_of_a_set_named_elsewhere_are_marked_partitive() -> None:
    """'52 of them', 'Twenty of those injured', 'Of the 80 ... two': a part, not the whole; plain counts
    ('Dozens of people', 'four suspects') are not."""
    toll = {c["number_text"]: c["partitive"] for c in _claims(
        "At least 84 people were killed and 202 injured, 52 of them critically.")}
    assert toll == {"At least 84": False, "202": False, "52": True}
    assert _only("Twenty of those injured were children, the hospital said.")["partitive"] is True
    first = {c["number_text"]: c["partitive"] for c in _claims(
        "Of the 80 people injured, two were in critical condition, officials said.")}
    assert first == {"80": False, "two": True}
    assert _only("Dozens of people gathered outside the station.")["partitive"] is False
    suspects = {c["number_text"]: c["partitive"] for c in _claims("Three of the four suspects were arrested.")}
    assert suspects == {"Three": True, "four": False}


def test_a_count_that_continues_a_part_is_a_part_too() -> None:
    """'20 of those injured were taken to one hospital and 31 to another': 31 is a part, not the toll."""
    parts = {c["number_text"]: c["partitive"] for c in _claims(
        "Eight people were seriously injured, 20 of those injured were taken to the county hospital and 31 to "
        "the city hospital.")}
    assert parts == {"Eight": False, "20": True, "31": True}
    plain = {c["number_text"]: c["partitive"] for c in _claims(
        "At least one protester was killed, with a further 120 injured.")}
    assert plain == {"At least one": False, "120": False}


def test_numbers_after_a_number_sign_are_identifiers() -> None:
    """'No. 18', '#3', 'number 7' name things; a capitalised word right before a sign is part of the name."""
    found = [c["value"] for c in _claims("The port barred four ships, among them the Aurora Star No. 18 "
                                         "and Billions No. 9, and the team ranked #3 lost 2 players.")]
    assert found == [4.0, 2.0]
    assert [c["value"] for c in _claims("Number 7 buses were cancelled and 12 buses were late.")] == [12.0]


def test_a_copula_gives_its_complement_as_the_event() -> None:
    """A counted subject with no verb of its own: what the copula says of it is what happened."""
    first = _claims("At least 59 are dead and two soldiers were among the dead.")
    assert [(c["value"], c["event_class"]) for c in first] == [(59.0, "killed"), (2.0, "killed")]
    events = [c["event"] for c in _claims("Forty-two people were in critical condition, and a further 18 "
                                          "people are thought to be in a critical condition.")]
    assert events == ["condition", "condition"]


def test_a_measure_and_a_count_carry_their_verbs_lemma() -> None:
    from workers.analysis.extraction import extract_articles

    text = "The climber fell 30 feet into a crevasse. Rescuers said four hikers were injured in the storm."
    claims = extract_articles([{"id": "a", "source": "x", "text": text}])[0]["numeric_claims"]
    lemmas = {c["text"]: c["event_lemma"] for c in claims}
    assert lemmas.get("30 feet") == "fall" and lemmas.get("four hikers") == "injure", lemmas


def test_an_age_is_a_measure_of_who_or_what_it_describes() -> None:
    (boy,) = _claims("A 4-year-old boy climbed over the railing.")
    assert (boy["text"], boy["value"], boy["counted"], boy["unit"]) == \
        ("4-year-old", 4.0, "boy", {"name": "year", "dimension": "age", "per_unit": 1.0})
    (words,) = _claims("A four-year-old girl was rescued from the river.")
    assert (words["value"], words["counted"]) == (4.0, "girl")
    (copula,) = _claims("The elephant was 52 years old when it died.")
    assert (copula["value"], copula["counted"], copula["unit"]["dimension"]) == (52.0, "elephant", "age")
    (months,) = _claims("An 18-month-old calf was born in the spring.")
    assert (months["value"], months["counted"], months["unit"]["name"]) == (18.0, "calf", "month")
    (bare,) = _claims("A 3-year-old got into the enclosure.")
    assert (bare["value"], bare["counted"], bare["event"]) == (3.0, "", None)  # of no noun, never of a verb


def test_ranges_of_ages_are_not_read_as_ages_but_a_list_of_people_is() -> None:
    assert not [c for c in _claims("The 20- to 30-year-olds voted in large numbers.") if c["kind"] == "measure"]
    (daughter,) = _claims("He leaves his wife and 4-year-old daughter.")
    assert (daughter["value"], daughter["counted"], daughter["unit"]["dimension"]) == (4.0, "daughter", "age")


def test_a_breakdown_of_a_toll_is_parts_a_stat_line_is_not() -> None:
    """"two women and one man died" breaks a toll down: "two women" is a part, not the toll another outlet gives
    as "Three died"; "11 points, 11 rebounds" lists different things, none a part of another."""
    parts = {c["text"]: c["partitive"] for c in _claims(
        "Police said two women and one man died at a branch of the bank. Three people died in the fire.")}
    assert parts["two women"] and not parts["Three people"]
    stats = {c["text"]: c["partitive"] for c in _claims("Lena Marsh had 11 points, 11 rebounds and six blocked "
                                                         "shots.")}
    assert not any(stats.values()), stats


def test_a_telephone_number_someone_calls_is_not_a_count() -> None:
    """"Called 911" is the emergency number, not 911 of something (ECB+ report of a deputy's shooting, where it
    was set against "3 p.m." as a conflict); a number of people or calls is still a count."""
    assert _claims("A neighbour called 911 to report the shooting.") == []
    assert _claims("Police said a woman dialled 999 after the crash.") == []
    assert _claims("Residents were urged to call 101 instead.") == []
    assert _claims("She texted 999 from the car.") == []
    assert _claims("Call 999 or 101 if you see him.") == []
    assert [c["value"] for c in _claims("Of the 300 households, the agency phoned 300.")] == [300.0, 300.0]
    assert _only("Police called 12 witnesses to the inquiry.")["counted"] == "witnesses"
    assert _only("The hotline took 300 calls on Monday.")["counted"] == "calls"
