"""Quotes: marks, partial quotes, quotes over paragraphs, and their speakers (appositives, pronouns, inversions)."""

from __future__ import annotations

from typing import Any

import pytest

from workers.analysis.nlp import get_nlp
from workers.analysis.quotes import find_quote_spans, find_quotes


def _quotes(text: str) -> list[dict[str, Any]]:
    return find_quotes(get_nlp()(text))


def test_curly_and_straight_marks() -> None:
    text = 'He said “calm down” and she said "no way" today.'
    assert [text[a:b] for a, b in find_quote_spans(text)] == ["calm down", "no way"]


def test_quote_over_paragraphs_is_one_quote() -> None:
    text = "“The first paragraph of the statement.\n\n“The second paragraph,” he said.\n\nNext story."
    [(start, end)] = find_quote_spans(text)
    assert text[start:end].startswith("The first paragraph")
    assert text[start:end].endswith("The second paragraph")


def test_unclosed_quote_ends_at_paragraph() -> None:
    text = "Higel said it may have “reached the ceiling of escalation.\n\nBe the first to comment"
    [(start, end)] = find_quote_spans(text)
    assert text[start:end] == "reached the ceiling of escalation."


def test_appositive_speaker() -> None:
    [quote] = _quotes(
        "Patrick Osgood, a senior analyst with the consultancy Control Risks, said on Twitter that there was "
        "“a significant prospect that the attack marks the high point of brinkmanship.”"
    )
    assert quote["speaker"] == "Patrick Osgood"
    assert quote["cue"] == "said"
    assert quote["speaker_key"] == "patrick osgood"
    assert quote["partial"] is True


def test_a_described_speaker_is_the_person_named_beside_the_description() -> None:
    """'A spokeswoman for China's Foreign Ministry, Hua Chunying, said ...': the speaker is Hua Chunying; the
    words that name her in the sentence (the mention) stay the description. A name beside a description whose
    own phrase names someone else ('the mother of the victim, Tamir Rice') is that someone's, and a group
    ('Both victims, ...') is not one person: those speakers stay the description."""
    text = "A spokeswoman for China\u2019s Foreign Ministry, Hua Chunying, said \u201cthe reports are false.\u201d"
    [quote] = _quotes(text)
    assert (quote["speaker"], quote["speaker_key"]) == ("Hua Chunying", "hua chunying")
    assert text[quote["speaker_mention_start"]:quote["speaker_mention_end"]].startswith("A spokeswoman for China")
    [alone] = _quotes("A spokeswoman, Michelle Curley, said \u201cthe gorilla was not harmed.\u201d")
    assert alone["speaker"] == "Michelle Curley"
    for described in ("The mother of the victim, Tamir Rice, said \u201che was only playing.\u201d",
                      "Both victims, John Smith and Mary Jones, said \u201cwe were lucky.\u201d"):
        [quote] = _quotes(described)
        assert quote["speaker_key"] is None and quote["speaker"] in described.split(",")[0]


def test_pronoun_speaker_resolves_to_the_person() -> None:
    text = (
        "Al-Kadhimi took to social media moments after the attack.\n\n"
        "“Thank God, I am fine and among my people,” he posted on Twitter."
    )
    [quote] = _quotes(text)
    assert quote["speaker"] == "Al-Kadhimi"
    assert quote["cue"] == "posted"
    assert "pronoun" in quote["speaker_method"]
    assert text[quote["speaker_start"] : quote["speaker_end"]] == "Al-Kadhimi"


def test_inverted_said_speaker_and_following_quote_in_paragraph() -> None:
    quotes = _quotes(
        "“The blood of martyrs is to hold you accountable,” said Qais al-Khazali, leader of the Asaib Ahl "
        "al-Haq militia. “The protesters only had one demand.”"
    )
    assert [q["speaker"] for q in quotes] == ["Qais al-Khazali", "Qais al-Khazali"]
    assert quotes[0]["cue"] == "said"
    assert quotes[0]["partial"] is False


def test_colon_introduced_quote_in_next_paragraph() -> None:
    quotes = _quotes(
        "In a statement, Mustafa al-Kadhimi denounced the attack. He continued:\n\n"
        "“I was and still am a redemption project for Iraq.”"
    )
    assert quotes[-1]["speaker"] == "Mustafa al-Kadhimi"
    assert quotes[-1]["cue"] == "continued"


def test_quoted_as_saying_names_the_quoted_person() -> None:
    [quote] = _quotes("Two Iraqi politicians quoted Ghani as saying: “Iran has nothing to do with this attack.”")
    assert quote["speaker"] == "Ghani"


def test_partial_quote_after_stance_verb() -> None:
    [quote] = _quotes("Influential Shiite cleric Muqtada al-Sadr denounced the “terrorist attack,” on Sunday.")
    assert quote["text"] == "terrorist attack"
    assert quote["speaker"] == "Muqtada al-Sadr"
    assert quote["partial"] is True


def test_dash_attribution_after_the_quote() -> None:
    [quote] = _quotes("“He represents our greatest shame.” ― Pamela Padilla\nNext line.")
    assert quote["speaker"] == "Pamela Padilla"
    assert quote["speaker_method"] == "dash attribution"


def test_quote_paragraph_continues_the_previous_speaker() -> None:
    quotes = _quotes(
        "Debra Steger sees a rising tendency to blame foreigners.\n\n"
        "“People are blaming it all on immigrants,” she told AFP.\n\n"
        "“They want to blame it on something that is coming from outside.”"
    )
    assert [q["speaker"] for q in quotes] == ["Debra Steger", "Debra Steger"]
    assert quotes[1]["speaker_mention_start"] == quotes[0]["speaker_mention_start"]


def test_mixed_straight_and_curly_marks_close_the_quote() -> None:
    text = '"Oz has a huge bully pulpit,” said David Gorski, a professor of surgery. “He can’t dispense with facts.”'
    quotes = _quotes(text)
    assert [q["text"] for q in quotes] == ["Oz has a huge bully pulpit", "He can’t dispense with facts."]
    assert [q["speaker"] for q in quotes] == ["David Gorski", "David Gorski"]


def test_the_statement_refers_back_to_its_author() -> None:
    quotes = _quotes(
        "“Terrorism has no place in the democratic process,” Mélanie Joly, Canada’s foreign minister, said in a "
        "statement.\n\n“Now is a time for all politicians to demonstrate leadership,” the statement added."
    )
    assert [q["speaker_key"] for q in quotes] == ["melanie joly", "melanie joly"]


def test_content_clause_around_a_partial_quote() -> None:
    text = "Sen. Bill Hagerty said a response to “Iran’s aggression” should involve ending the talks."
    [quote] = _quotes(text)
    assert quote["text"] == "Iran’s aggression"
    assert text[quote["content_start"] : quote["content_end"]].startswith("a response to")
    assert text[quote["content_start"] : quote["content_end"]].endswith("ending the talks")



def test_curly_single_marks_quote_in_british_style() -> None:
    """‘...’ quotes (Daily Mail, BBC style) are quotes with their speaker; the apostrophe of "didn’t" or
    "Nice’s" never closes one, ‘90s opens none, a one-word scare quote is left alone, and single marks inside a
    double-quoted quote stay part of it."""
    text = ("‘We are in utter shock and disbelief,’ her sister said on Sunday. The trains ‘bumped into each "
            "other’ but didn’t derail near Nice’s station. In the ‘90s it was ‘cool’. “He told me ‘no way’ "
            "twice,” the driver said.")
    spans = [text[a:b] for a, b in find_quote_spans(text)]
    assert spans == ["We are in utter shock and disbelief", "bumped into each other", "He told me ‘no way’ twice"]
    quotes = find_quotes(get_nlp()(text))
    assert quotes[0]["text"] == "We are in utter shock and disbelief"
    assert quotes[0]["speaker"] == "her sister"


def test_straight_single_marks_quote_in_british_tabloid_style() -> None:
    """'...' quotes (the Daily Mail's, the Sun's) with their speaker: the apostrophe of "don't" or "zoo's"
    never closes one, a plural possessive ("the players' union") inside a quote does not end it, '90s opens
    none, and a mark after the quote's last comma closes it."""
    text = ("'It could have been very bad, and we don't take that lightly,' the zoo's director said on Monday. "
            "He said the players' union was 'not consulted at all' before the vote. In the '90s it was 'cool'. "
            "'The players' coach was never told,' she added.")
    spans = [text[a:b] for a, b in find_quote_spans(text)]
    assert spans == ["It could have been very bad, and we don't take that lightly", "not consulted at all",
                     "The players' coach was never told"]
    quotes = find_quotes(get_nlp()(text))
    assert quotes[0]["speaker"] == "the zoo's director"


def test_the_passive_subject_of_a_cue_is_what_is_described_not_who_speaks() -> None:
    # invented sentences
    (quote,) = _quotes('The aftermath has been described as "chaos beyond anything we have seen".')
    assert quote["speaker"] is None
    (active,) = _quotes('A volunteer described the aftermath as "chaos beyond anything we have seen".')
    assert active["speaker"] == "A volunteer"


def test_quoted_as_saying_keeps_its_passive_subject_as_the_speaker() -> None:
    (quote,) = _quotes('"We will rebuild the bridge soon," Smith was quoted as saying.')
    assert quote["speaker"] == "Smith"


def test_a_pronoun_goes_to_a_name_the_tagger_missed_here_but_tagged_elsewhere_in_the_article() -> None:
    """After a bullet the small model tags no "Hollande" (it does tag "Francois Hollande" above), and "he"
    went to the PERSON one line further back. Public names, as in the July 2016 Nice coverage."""
    text = ("French President Francois Hollande spoke on Friday. Hillary Clinton called for greater "
            "intelligence gathering.\n\n"
            "• Hollande said security measures will be increased and the state of emergency will be extended "
            "by three months. \"France is hurting, but it is strong,\" he said.")
    [quote] = _quotes(text)
    assert quote["speaker"] == "Hollande" and quote["speaker_method"].endswith("+pronoun")


def test_an_untagged_name_counts_as_a_person_only_as_the_subject_of_speech_and_never_if_tagged_otherwise() -> None:
    from workers.analysis.nlp import entity_spans
    from workers.analysis.speakers import _untagged_people

    intro = ("French President Francois Hollande spoke on Friday. Hillary Clinton called for greater intelligence "
             "gathering.\n\n")
    speaks = get_nlp()(intro + "• Hollande said security measures will be increased. \"France is strong,\" he said.")
    assert [s.text for s in _untagged_people(speaks, entity_spans(speaks), [])] == ["Hollande"]
    wants = get_nlp()(intro + "• Hollande wants security measures to be increased. \"France is strong,\" he said.")
    assert _untagged_people(wants, entity_spans(wants), []) == []  # the subject of a verb that reports nothing
    org = get_nlp()("Elon Musk founded the company. The Musk Foundation gave money. • Musk said the rocket was ready.")
    assert _untagged_people(org, entity_spans(org), []) == []  # "Musk" is also an organisation's word in this article


@pytest.mark.parametrize("rest", [
    "has accused producer Tom Reyes of bullying her and called the shoot of “Night Harbor” a turning point",  # cue
    "left the “Night Harbor” set in a neck brace",  # no cue: the sentence's subject
])
def test_a_partial_quote_in_a_sentence_after_a_dateline_is_not_the_datelines(rest: str) -> None:
    """The parser makes the dateline the subject ("NEW YORK — Actress Ada Lind ..."): the speaker is the person
    after the spaced dash, as for attributions."""
    [quote] = _quotes(f"NEW YORK — Actress Ada Lind, in long-awaited remarks, {rest}.")
    assert quote["speaker"] is not None and "Lind" in quote["speaker"], quote["speaker"]


def test_a_straight_single_mark_after_a_question_mark_lets_the_trailing_cue_name_the_speaker() -> None:
    """British style: '... before I leave?' the mayor tweeted. The trailing cue names the speaker, not the
    author of the last quote two paragraphs up."""
    text = ("Jones called it 'the best day of my life'.\n\n"
            "The mayor, a lifelong fan of the rival club, congratulated the team anyway.\n\n"
            "'We did it. Want to come to City Hall before I leave?' the mayor tweeted.\n\nFans cheered.")
    quotes = _quotes(text)
    assert [q["speaker"] for q in quotes] == ["Jones", "the mayor"]


def test_a_cue_in_the_next_paragraph_does_not_claim_the_quote_that_ends_this_one() -> None:
    """A quote closing its paragraph belongs to that paragraph's speaker; "The council said ..." opening the
    next paragraph starts another statement."""
    text = ("“We will rebuild the bridge,” the engineer said. “It will take a year.”\n\n"
            "The council said on Monday that the funding had been approved.")
    quotes = _quotes(text)
    assert [q["speaker"] for q in quotes] == ["the engineer", "the engineer"]


def test_a_stray_letter_is_not_the_speaker() -> None:
    [quote] = _quotes('Asked what he had seen, "It was terrible," e said.')
    assert quote["speaker"] != "e"
