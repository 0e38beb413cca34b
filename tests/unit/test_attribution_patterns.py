"""Attribution patterns on small hand-written sentences: each pattern's source, cue and reported content."""

from __future__ import annotations

from typing import Any

from workers.analysis.attributions import find_attributions
from workers.analysis.nlp import get_nlp
from workers.analysis.quotes import find_quotes


def _attributions(text: str) -> list[dict[str, Any]]:
    doc = get_nlp()(text)
    return find_attributions(doc, find_quotes(doc), [])


def _one(text: str, cue: str) -> dict[str, Any]:
    """The one attribution with that cue, its content as text under the key "content_text"."""
    [found] = [a for a in _attributions(text) if a["cue"] == cue]
    return {**found, "content_text": text[found["content_start"] : found["content_end"]]}


def test_said_that_clause_is_the_content() -> None:
    found = _one("The mayor said that the bridge would reopen in May.", "said")
    assert found["source"] == "The mayor"
    assert found["content_text"] == "that the bridge would reopen in May"


def test_trailing_officials_said_is_anonymous_and_reports_the_clause_before_it() -> None:
    found = _one("The bridge will reopen in May, city officials said.", "said")
    assert (found["source"], found["kind"]) == ("city officials", "anonymous")
    assert found["content_text"] == "The bridge will reopen in May"


def test_an_inserted_cue_reports_the_clause_around_it() -> None:
    found = _one("The bridge, the mayor said on Monday, would reopen in May.", "said")
    assert found["source"] == "the mayor"
    assert found["content_text"].startswith("The bridge")
    assert found["content_text"].endswith("would reopen in May")


def test_according_to_reports_the_rest_of_the_clause() -> None:
    found = _one("According to the transport ministry, the bridge will reopen in May.", "According to")
    assert found["source"] == "the transport ministry"
    assert found["content_text"] == "the bridge will reopen in May"


def test_in_a_statement_is_not_the_content() -> None:
    found = _one("The ministry said in a statement that the border was closed.", "said")
    assert found["content_text"] == "that the border was closed"


def test_passive_agent_is_the_source() -> None:
    found = _one("Reporters were told by a spokeswoman that the talks had stalled.", "told")
    assert found["source"] == "a spokeswoman"
    assert found["content_text"] == "that the talks had stalled"


def test_relative_pronoun_source_keeps_its_words_and_names_the_person() -> None:
    text = "The vote angered Maria Lopez, who said the council had ignored residents."
    found = _one(text, "said")
    assert text[found["source_start"] : found["source_end"]] == "who"
    assert found["source"] == "Maria Lopez"
    assert found["kind"] == "named"
    assert found["content_text"] == "the council had ignored residents"


def test_a_stated_intention_with_an_infinitive() -> None:
    found = _one("The senator vowed to block the bill.", "vowed")
    assert found["source"] == "The senator"
    assert found["content_text"] == "to block the bill"


def test_called_for_reports_its_object() -> None:
    found = _one("The union called for a general strike.", "called")
    assert found["content_text"] == "for a general strike"


def test_a_finding_attributed_to_a_report() -> None:
    found = _one("A report by the watchdog found that costs had doubled since 2019.", "found")
    assert found["source"] == "A report by the watchdog"
    assert found["content_text"] == "that costs had doubled since 2019"


def test_anonymous_source_familiar_with_the_talks() -> None:
    found = _one("A source familiar with the talks said no deal was close.", "said")
    assert found["kind"] == "anonymous"
    assert found["source"].startswith("A source familiar with")
    assert found["content_text"] == "no deal was close"


def test_a_verb_that_is_itself_wanted_is_not_a_cue() -> None:
    assert [a["cue"] for a in _attributions("The company needs to tell regulators more about its plans.")] == []


def test_a_negative_subject_attributes_nothing() -> None:
    assert _attributions("Nobody said the plan was finished.") == []


def test_the_content_covers_a_quote_running_over_two_sentences() -> None:
    text = "“We will rebuild. It will take years,” the mayor said."
    found = _one(text, "said")
    assert found["source"] == "the mayor"
    assert found["content_start"] <= text.index("We will") and found["content_end"] >= text.index("years")


def test_frame_says_what_the_cue_governs() -> None:
    text = "The senator vowed to block the bill. Her office said that it would fail. The union called for a strike."
    frames = {a["cue"]: a["frame"] for a in _attributions(text)}
    assert frames == {"vowed": "to", "said": "clause", "called": "other"}


def test_an_owned_noun_with_a_that_clause_is_a_cue_noun() -> None:
    found = _one("Critics rejected the governor's claim that the budget was balanced.", "claim")
    assert (found["source"], found["frame"]) == ("the governor's", "noun")
    assert found["content_text"] == "that the budget was balanced"


def test_a_relative_clause_on_an_owned_noun_is_not_a_cue() -> None:
    assert [a for a in _attributions("The council approved the mayor's plan that the engineers drew up.")
            if a["cue"] == "plan"] == []


def test_a_signature_line_after_a_quote_names_its_speaker() -> None:
    text = "Readers wrote in.\n“The bus never comes on time.” ― Dana Whitfield\n“I walk instead.” ― Omar Beck\n"
    signed = [a for a in _attributions(text) if a["method"] == "signature line"]
    assert [a["source"] for a in signed] == ["Dana Whitfield", "Omar Beck"]
    assert text[signed[0]["content_start"] : signed[0]["content_end"]] == "“The bus never comes on time.”"


def test_a_signature_line_alone_signs_the_paragraph_above() -> None:
    text = "Letters.\n\nThe new park has made our street quieter and safer.\n― Lena Park\n"
    [signed] = [a for a in _attributions(text) if a["method"] == "signature line"]
    assert signed["source"] == "Lena Park"
    content = text[signed["content_start"] : signed["content_end"]]
    assert content == "The new park has made our street quieter and safer."


def test_a_dash_inside_a_sentence_is_not_a_signature() -> None:
    text = "The council voted on Tuesday ― Mayor Ruiz abstaining\n"
    assert [a for a in _attributions(text) if a["method"] == "signature line"] == []


def test_a_headline_naming_its_speaker_before_a_colon() -> None:
    text = "Governor Alvarez: State Will Cut Bus Fares Next Year\nThe governor spoke on Monday.\n"
    [found] = [a for a in _attributions(text) if a["method"] == "headline colon"]
    assert found["source"] == "Governor Alvarez"
    assert text[found["content_start"] : found["content_end"]] == "State Will Cut Bus Fares Next Year"


def test_a_desk_label_before_a_colon_is_not_a_speaker() -> None:
    text = "Correction: An earlier version of this story misstated the date of the vote.\n"
    assert [a for a in _attributions(text) if a["method"] == "headline colon"] == []


def test_a_section_label_before_a_colon_is_not_a_speaker() -> None:
    """A kicker or a section label names no one: only a label naming a person or an organisation of the text, or
    one opening several lines (a transcript's speakers), speaks."""
    for label in ("Translation", "MISTAKE OF THE DAY", "The Latest"):
        text = f"{label}: The ferry will not sail before the storm has passed.\nThe harbour was closed.\n"
        assert [a for a in _attributions(text) if a["method"] == "headline colon"] == [], label
    text = ("Review: The new ferry will change how the islanders travel.\n"
            "A study by the Harvard Business Review looked at island ferries.\n")
    assert [a for a in _attributions(text) if a["method"] == "headline colon"] == []  # a word of a name is not it


def test_a_name_with_an_apostrophe_speaks_before_a_colon() -> None:
    text = ("O'Rourke: Texas Will Vote for the New Bridge\nBeto O'Rourke spoke in El Paso. "
            "Mr. O'Rourke said the vote would be close.\n")
    [found] = [a for a in _attributions(text) if a["method"] == "headline colon"]
    assert found["source"] == "O'Rourke"


def test_the_speakers_of_an_interview_transcript_are_the_labels_opening_its_lines() -> None:
    text = ("HOST: What did you see on the promenade?\n"
            "GUEST: The truck came very fast and people ran towards the beach.\n"
            "HOST: Where are you now?\n"
            "GUEST: We are in a hotel near the station and we are safe.\n")
    found = [a["source"] for a in _attributions(text) if a["method"] == "headline colon"]
    assert sorted(found) == ["GUEST", "GUEST", "HOST", "HOST"]
