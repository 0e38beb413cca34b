"""Attributions: named and anonymous sources, "according to", "citing", linked to the sentence's claims."""

from __future__ import annotations

from typing import Any

import pytest

from workers.analysis.attributions import find_attributions
from workers.analysis.nlp import get_nlp
from workers.analysis.numbers import find_numeric_claims
from workers.analysis.quotes import find_quotes


def _attributions(text: str) -> list[dict[str, Any]]:
    doc = get_nlp()(text)
    return find_attributions(doc, find_quotes(doc), find_numeric_claims(doc))


def test_according_to_anonymous_sources_linked_to_the_count() -> None:
    [attribution] = _attributions(
        "Six members of Kadhimi’s personal protection detail were wounded, according to security sources "
        "who spoke to the Reuters news service."
    )
    assert attribution["kind"] == "anonymous"
    assert attribution["source"].startswith("security sources")
    assert attribution["text"].startswith("according to security sources")
    assert attribution["numeric_claims"] == [0]


def test_according_to_a_named_spokesman() -> None:
    [attribution] = _attributions(
        "According to Ministry of Interior Spokesman General Saad Maan, security forces were able to shoot "
        "down two of the drones."
    )
    assert attribution["kind"] == "named"
    assert "Saad Maan" in attribution["source"]


def test_officials_said_is_anonymous() -> None:
    [attribution] = _attributions(
        "A top Iranian general visited Baghdad on Sunday, two Iraqi politicians said on Monday."
    )
    assert (attribution["source"], attribution["kind"], attribution["cue"]) == (
        "two Iraqi politicians",
        "anonymous",
        "said",
    )


def test_citing_keeps_both_the_reporter_and_the_cited_sources() -> None:
    [attribution] = _attributions(
        "Citing Iraqi security officials and sources close to the militias, the Reuters news agency reported "
        "that the drones were made in Iran."
    )
    assert attribution["source"] == "the Reuters news agency"
    assert attribution["kind"] == "named"
    assert attribution["cites"].startswith("Iraqi security officials")
    assert attribution["cites_kind"] == "anonymous"


def test_pronoun_source_is_resolved() -> None:
    attributions = _attributions(
        "Saeed Khatibzadeh condemned the attempt. He said such incidents serve the interests of invaders."
    )
    assert attributions[-1]["source"] == "Saeed Khatibzadeh"
    assert attributions[-1]["kind"] == "named"


def test_claimed_responsibility_is_not_an_attribution() -> None:
    attributions = _attributions("While no one has claimed responsibility, all signs point to proxy groups.")
    assert [a for a in attributions if a["cue"] == "claimed"] == []


def test_a_stance_verb_with_a_quoted_object_is_an_attribution() -> None:
    """Found by the cue classifier as a verb with an object ("denounced the ..."); before it, only through
    the quote's speaker (method "quote speaker (...)"). Either way: one attribution, named, linked to the quote."""
    text = "Influential Shiite cleric Muqtada al-Sadr denounced the “terrorist attack” on Sunday."
    [attribution] = _attributions(text)
    assert attribution["source_key"] == "muqtada al-sadr"
    assert attribution["kind"] == "named"
    assert attribution["quotes"] == [0]
    assert text[attribution["cue_start"] : attribution["cue_end"]] == "denounced"


def test_a_sentence_already_attributed_gets_no_second_attribution_from_its_quote() -> None:
    attributions = _attributions("Two Iraqi politicians quoted Ghani as saying: “Iran has nothing to do with this.”")
    assert [a["cue"] for a in attributions] == ["quoted"]
    assert attributions[0]["cites"] == "Ghani"


def test_a_dateline_is_not_part_of_the_source() -> None:
    """'CITY, Country — X said' / 'CITY - X said': the source is X, whichever word the parser made the
    subject; a hyphen inside a title ('Secretary-General') is not a dateline's dash."""
    sources = [a["source"] for text in (
        "VARNA, Bulgaria — Bulgarian investigators said on Monday that the bridge had been overloaded.",
        "OSLO — A spokesman for the harbour authority, Lars Berg, said the ferry had left on time.",
        "LUNDBERG - Regional governor Anna Holm said the roads would reopen.",
        "The UN Secretary-General said the talks had failed.",
    ) for a in _attributions(text)]
    assert sources == ["Bulgarian investigators", "A spokesman for the harbour authority, Lars Berg",
                       "Regional governor Anna Holm", "The UN Secretary-General"]


@pytest.mark.parametrize(("text", "source", "kind"), [
    ("Co-founder Jane Smith said the company would appeal the ruling.", "Co-founder Jane Smith", "named"),
    ("Firm co-founder Ramon Fonseca Mora told reporters that the information published is false.",
     "co-founder Ramon Fonseca Mora", "named"),
    ("President Moon Jae-in said the parade was a provocation.", "President Moon Jae-in", "named"),
    ("The vice-president of the firm said the data was stolen.", "The vice-president of the firm", "anonymous"),
])
def test_a_hyphenated_word_in_a_source_stays_whole(text: str, source: str, kind: str) -> None:
    """spaCy splits "co-founder" into three tokens and the parse may cut the source inside it."""
    [attribution] = _attributions(text)
    assert (attribution["source"], attribution["kind"]) == (source, kind)
    assert text[attribution["source_start"]:attribution["source_end"]] == source


def test_a_source_after_a_quotation_does_not_start_with_its_closing_mark() -> None:
    text = "“They were the biggest law firm in Panama,” Alemán, the chief of staff, said on Monday."
    sources = [a["source"] for a in _attributions(text)]
    assert sources and all(s.startswith("Alemán") for s in sources), sources


def test_a_stray_letter_is_no_source_but_a_capital_letter_or_a_name_ending_in_one_is() -> None:
    # "e added": a typo for "he added"; the letter names nobody, so the sentence keeps no claimant "e"
    text = ("Asked what he had seen e added that the tram was going very fast. "
            "Malcolm X said the tram was late. X said on Tuesday that it had removed the posts.")
    sources = [a["source"] for a in _attributions(text)]
    assert "e" not in sources
    assert any("Malcolm X" in s for s in sources)
    assert "X" in sources  # a capital letter is a name (the company)
