"""Which linked entity a speaker's words name (MentionIndex.at): the person before an organisation, before a
place, and a possessor last ("Berglund's former partner" is not Berglund when the partner is named)."""

from __future__ import annotations

import pytest

from workers.analysis.comparison.entities import MentionIndex


def _index(text: str, *mentions: tuple[str, str, str]) -> MentionIndex:
    """An index over one article "a" whose entities are (id, label, the mention's words in `text`)."""
    linked = [{"id": entity_id, "label": label, "name": words,
               "mentions": [{"article_id": "a", "start": text.index(words), "end": text.index(words) + len(words)}]}
              for entity_id, label, words in mentions]
    return MentionIndex(linked)


@pytest.mark.parametrize(("text", "speaker", "mentions", "expected"), [
    # the person before the longer place beside the name
    ("the council's chairman, Councillor Ann Berg, Conservative of Upper Lundberg County, said on Monday",
     "the council's chairman, Councillor Ann Berg, Conservative of Upper Lundberg County",
     (("person:ann-berg", "PERSON", "Ann Berg"), ("gpe:upper-lundberg-county", "GPE", "Upper Lundberg County")),
     "person:ann-berg"),
    # an organisation before a place
    ("a spokeswoman for the Lundberg Water Board in Northern Lundberg Province said",
     "a spokeswoman for the Lundberg Water Board in Northern Lundberg Province",
     (("org:lundberg-water-board", "ORG", "Lundberg Water Board"),
      ("gpe:northern-lundberg-province", "GPE", "Northern Lundberg Province")),
     "org:lundberg-water-board"),
])
def test_the_kind_of_entity_decides_before_the_length_of_its_mention(
        text: str, speaker: str, mentions: tuple[tuple[str, str, str], ...], expected: str) -> None:
    assert _index(text, *mentions).at("a", 0, len(speaker), text) == expected


def test_a_possessor_is_not_the_speaker() -> None:
    text = "Berglund\u2019s former coalition partner, the Lundberg Greens, said the talks had failed."
    speaker = "Berglund\u2019s former coalition partner, the Lundberg Greens"
    index = _index(text, ("person:berglund", "PERSON", "Berglund"), ("org:lundberg-greens", "ORG", "Lundberg Greens"))
    assert index.at("a", 0, len(speaker), text) == "org:lundberg-greens"
    straight = text.replace("\u2019", "'")  # the straight apostrophe too
    assert _index(straight, ("person:berglund", "PERSON", "Berglund"),
                  ("org:lundberg-greens", "ORG", "Lundberg Greens")).at("a", 0, len(speaker), straight) == \
        "org:lundberg-greens"


def test_a_lone_possessor_is_still_named() -> None:
    """With nothing else named, the possessor is the best the words give (as before)."""
    text = "One of Berglund's former aides said the talks had failed."
    index = _index(text, ("person:berglund", "PERSON", "Berglund"))
    assert index.at("a", 0, len("One of Berglund's former aides"), text) == "person:berglund"


def test_a_name_before_a_closing_quotation_mark_is_no_possessor() -> None:
    """After a name ending in s, a lone mark is as often a closing single quotation mark as a plural possessive:
    it is not read as one (the group keeps its rank beside a nationality)."""
    text = "\u2018We will appeal,\u2019 said the Swedish group \u2018Lundberg Friends of the Rivers\u2019 on Monday"
    speaker = "the Swedish group \u2018Lundberg Friends of the Rivers\u2019"
    at = text.index(speaker)
    index = _index(text, ("norp:swedish", "NORP", "Swedish"),
                   ("org:lundberg-friends-of-the-rivers", "ORG", "Lundberg Friends of the Rivers"))
    assert index.at("a", at, at + len(speaker), text) == "org:lundberg-friends-of-the-rivers"
