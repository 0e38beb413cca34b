"""Page-furniture removal on small hand-written articles: each kind, look-alikes, and real short sentences."""

from __future__ import annotations

from workers.analysis.cleaning import clean_article, line_fingerprint

BODY = [
    "Officials said the blast hit the northern district of the city early on Sunday morning.",
    "Police closed the main road and said at least four people were taken to hospital.",
    "Al-Kadhimi was unharmed.",
    "The interior ministry said an investigation into the attack had begun on Monday.",
    "Witnesses described hearing two loud explosions shortly after midnight near the bridge.",
]


def _clean(lines: list[str], context: dict | None = None) -> dict:
    """clean_article over lines joined as paragraphs."""
    return clean_article({"id": "a1", "source": "example-news", "text": "\n\n".join(lines)}, context)


def _removed(result: dict) -> dict[str, str]:
    """Removed line -> reason."""
    return {entry["text"]: entry["reason"] for entry in result["removed"]}


def _with(*furniture: str, at: int = 2) -> list[str]:
    """The body with furniture lines inserted at one position."""
    return BODY[:at] + list(furniture) + BODY[at:]


def test_video_prompt_and_its_repeated_title_are_removed() -> None:
    result = _clean(_with("Click to play video: 'Mayor survives drone attack'", "Mayor survives drone attack"))
    removed = _removed(result)
    assert removed["Click to play video: 'Mayor survives drone attack'"] == "video_prompt"
    assert removed["Mayor survives drone attack"] == "repeated_headline"
    assert "Mayor survives" not in result["text"]


def test_watch_label_is_removed() -> None:
    removed = _removed(_clean(_with("WATCH: Mayor survives drone attack – Nov 7, 2021")))
    assert removed == {"WATCH: Mayor survives drone attack – Nov 7, 2021": "video_prompt"}


def test_story_continues_below_advertisement_is_removed_even_once() -> None:
    result = _clean(_with("Story continues below advertisement"))
    assert _removed(result) == {"Story continues below advertisement": "advertisement"}


def test_read_more_and_read_next_with_repeated_headline_are_removed() -> None:
    lines = _with("Read more: 35 dead after attack in the capital", "City Council Votes to Close the Bridge",
                  "Read Next: City Council Votes to Close the Bridge")
    removed = _removed(_clean(lines))
    assert removed["Read more: 35 dead after attack in the capital"] == "related_link"
    assert removed["Read Next: City Council Votes to Close the Bridge"] == "related_link"
    assert removed["City Council Votes to Close the Bridge"] == "repeated_headline"


def test_photo_captions_with_credits_are_removed() -> None:
    lines = _with("Rescue workers search the rubble of the building in the city. (AP photo/Jane Doe)",
                  "bridge damage", "The damaged bridge seen from the river. (AFP)",
                  "The mayor speaks to reporters at city hall on Monday. (John Smith/Pool/Reuters)")
    removed = _removed(_clean(lines))
    assert set(removed.values()) == {"caption"}
    assert len(removed) == 4


def test_comment_prompts_at_the_end_are_removed() -> None:
    lines = [*BODY, "Be the first to comment", "Leave a Reply", "Your email address will not be published."]
    result = _clean(lines)
    assert set(_removed(result)) == {"Be the first to comment", "Leave a Reply",
                                     "Your email address will not be published."}
    assert result["text"].endswith("near the bridge.")


def test_newsletter_sponsored_and_credit_lines_are_removed() -> None:
    lines = [*_with("Sign up for our daily newsletter to get the latest news in your inbox."),
             "Associated Press writer Jane Doe in Cairo contributed.", "Sponsored content"]
    removed = _removed(_clean(lines))
    assert removed["Sign up for our daily newsletter to get the latest news in your inbox."] == "newsletter"
    assert removed["Associated Press writer Jane Doe in Cairo contributed."] == "credit"
    assert removed["Sponsored content"] == "sponsored"


def test_membership_pitch_block_at_the_end_is_removed() -> None:
    pitch = ["Do you like our reporting?", "learn more", "Already a member? Sign in to stop watching",
             "We rely on readers like you. Unlike other outlets, we have not imposed a paywall.",
             "join our organization", "Already a member? Sign in to stop watching"]
    result = _clean(BODY + pitch)
    assert set(_removed(result)) == set(pitch)
    assert result["text"] == "\n\n".join(BODY)


def test_real_short_sentences_and_headings_are_kept() -> None:
    lines = _with("A Long String of Attacks", "He continued:", "“We are safe,” he said.", "Nobody was hurt.")
    result = _clean(lines)
    assert result["removed"] == []
    for line in ("A Long String of Attacks", "Al-Kadhimi was unharmed.", "Nobody was hurt.", "He continued:"):
        assert line in result["text"]


def test_every_removed_line_lists_its_signals() -> None:
    result = _clean(_with("Story continues below advertisement"))
    assert result["removed"][0]["signals"]
    assert any(s.startswith("cta:") for s in result["removed"][0]["signals"])


def test_repetition_inside_the_article_adds_to_the_score_of_furniture() -> None:
    ad = "Story continues below advertisement"
    result = _clean([*BODY[:2], ad, *BODY[2:4], ad, *BODY[4:]])
    entries = [e for e in result["removed"] if e["text"] == ad]
    assert len(entries) == 2
    assert "repeated_in_article(x2)" in entries[0]["signals"]


def test_repetition_alone_does_not_remove_lines_of_a_list() -> None:
    lines = [*BODY[:2], "Meal 1", "Two eggs and a slice of toast.", "Meal 2", "A bowl of rice with beans.",
             "Meal 3", "Grilled fish with potatoes.", *BODY[2:], "Meal 1"]
    result = _clean(lines)
    assert "Meal 2" in result["text"]
    assert result["text"].count("Meal 1") == 2


def test_a_line_shared_with_sibling_articles_is_removed_but_shared_sentences_are_kept() -> None:
    sibling = "\n\n".join(["Another story about the council.", "Daily Briefing Partners", BODY[3]])
    lines = _with("Daily Briefing Partners")
    plain = _clean(lines)
    assert "Daily Briefing Partners" in plain["text"]
    with_sibling = _clean(lines, {"sibling_texts": [sibling, sibling]})
    assert "Daily Briefing Partners" in _removed(with_sibling)
    assert BODY[3] in with_sibling["text"]
    assert "Al-Kadhimi was unharmed." in with_sibling["text"]


def test_seen_lines_from_earlier_articles_count_as_evidence() -> None:
    lines = _with("Daily Briefing Partners")
    seen = {line_fingerprint("Daily Briefing Partners"): 5, line_fingerprint(BODY[0]): 5}
    result = _clean(lines, {"seen_lines": seen})
    assert "Daily Briefing Partners" in _removed(result)
    assert BODY[0] in result["text"]


def test_line_fingerprint_is_stable_and_normalised() -> None:
    assert line_fingerprint("Story continues below advertisement") == line_fingerprint(
        "  STORY continues   below advertisement. ")
    assert line_fingerprint("Story continues") != line_fingerprint("Story continues below advertisement")
    assert len(line_fingerprint("x")) == 16


def test_captions_led_by_a_credit_and_galleries_are_removed() -> None:
    lines = _with("Getty Images The damaged bridge seen from the river on Sunday",
                  "AP:Associated Press Rescue teams worked through the night",
                  "Jim Smith/WireImage via Getty Images", "3/12 4 May 2021 Flood water in the square PA")
    removed = _removed(_clean(lines))
    assert len(removed) == 4
    assert set(removed.values()) == {"caption"}


def test_copyright_and_separator_lines_at_the_end_are_removed() -> None:
    lines = [*BODY, "___", "Copyright 2018 The Associated Press. All rights reserved. This material may not be "
             "published, broadcast, rewritten or redistributed."]
    result = _clean(lines)
    assert result["text"] == "\n\n".join(BODY)
    assert {e["reason"] for e in result["removed"]} == {"separator", "legal"}


def test_how_to_lines_that_address_the_reader_are_kept() -> None:
    lines = _with("Drink water within 30 minutes after your workout", "Check your tyres before you leave")
    assert _clean(lines)["removed"] == []


def test_quoted_tweets_and_transcript_speakers_are_kept() -> None:
    tweet = "We are safe and thank you all for your support — City Police (@citypolice) May 4, 2021"
    speaker = "ARI SHAPIRO, HOST:"
    lines = [*BODY[:2], speaker, "What happened tonight?", *BODY[2:], tweet, "Read more: Floods in the north",
             "Sponsored content"]
    seen = {line_fingerprint(speaker): 9}
    result = _clean(lines, {"seen_lines": seen})
    assert tweet in result["text"]
    assert speaker in result["text"]
    assert set(_removed(result)) == {"Read more: Floods in the north", "Sponsored content"}


def test_a_copy_of_the_article_seen_before_or_as_a_sibling_does_not_remove_its_lines() -> None:
    lines = _with("A Long String of Attacks", "Story continues below advertisement")
    plain = _clean(lines)
    seen = {line_fingerprint(line): 1 for line in lines}
    resubmitted = _clean(lines, {"seen_lines": seen, "sibling_texts": ["\n\n".join(lines)]})
    assert resubmitted["text"] == plain["text"]
    assert "A Long String of Attacks" in resubmitted["text"]
    assert len(resubmitted["warnings"]) == 2


def test_a_line_wholly_in_brackets_is_removed_but_edited_quotations_are_kept() -> None:
    """An inline link to another story or an editor's note is set in brackets; a quotation with a word put in
    brackets by the writer is the story's text."""
    link = "[How a second drone attack on the capital was planned]"
    note = "[Editor's note: This story has been updated with the interior ministry's statement.]"
    edited = "[The mayor] said the city would rebuild the bridge [within a year]."
    edited_end = "[The mayor] said the city would rebuild the bridge within [a year]"
    update = "[Update: Police said on Monday that a second man had been charged over the drone attack.]"
    result = _clean(_with(link, note, edited, edited_end, update))
    removed = _removed(result)
    assert link in removed and note in removed
    for kept in (edited, edited_end, update):
        assert kept not in removed and kept in result["text"], removed.get(kept)
    at_end = _clean([*BODY, "[Update: Police said six people died and a 24-year-old man was charged with murder.]"])
    assert not at_end["removed"], at_end["removed"]  # an update or a correction carries facts
