"""clean_article end to end: HTML, titles, normalisation, language, errors, and the five seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from workers.analysis.cleaning import clean_article
from workers.analysis.errors import ArticleError

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PARAGRAPHS = [
    "Rescue teams worked through the night after the river flooded three villages in the valley on Friday.",
    "The regional governor said 14 people had been evacuated by boat and that two bridges were closed.",
    "“We have never seen the water rise this fast,” said Maria Keller, who has lived in the village for 40 years.",
    "Forecasters expect more rain over the weekend, and the army has sent two helicopters to the area.",
]
PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>Floods cut off valley villages | Valley Times</title>
<meta property="og:site_name" content="Valley Times"><meta name="author" content="Anna Berg">
<meta property="article:published_time" content="2021-11-07T10:00:00Z"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<header><a href="/subscribe">Subscribe to our newsletter</a></header>
<article><h1>Floods cut off valley villages</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens new restaurant</a></li>
<li><a href="/b">Ten tips for a better garden</a></li></ul></aside>
<footer><p>© 2021 Valley Times. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def _seed(prefix: str) -> dict:
    """A seed article as the pipeline passes it."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return {"id": prefix, "source": f"seed-{prefix}", "text": path.read_text(encoding="utf-8")}


def test_html_main_text_without_boilerplate_and_with_metadata() -> None:
    result = clean_article({"id": "h1", "source": "valley-times", "html": PAGE})
    assert result["input_format"] == "html"
    for paragraph in PARAGRAPHS:
        assert paragraph in result["text"]
    for junk in ("Subscribe", "Most read", "Celebrity chef", "All rights reserved", "Privacy"):
        assert junk not in result["text"]
    assert result["title"] == "Floods cut off valley villages"
    assert result["author"] == "Anna Berg"
    assert result["site_name"] == "Valley Times"
    assert result["published_at"] == "2021-11-07"
    assert result["language"] == "en"


def test_html_without_main_text_raises_article_error() -> None:
    empty = "<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(ArticleError) as caught:
        clean_article({"id": "h2", "source": "s", "html": empty})
    assert caught.value.code == "no_main_text"


def test_article_without_content_raises_article_error() -> None:
    with pytest.raises(ArticleError) as caught:
        clean_article({"id": "e", "source": "s", "text": "  \n "})
    assert caught.value.code == "empty_article"


def test_given_title_wins_and_a_repeated_first_line_leaves_the_body() -> None:
    text = "Floods Cut Off Valley Villages\n\n" + "\n\n".join(PARAGRAPHS)
    result = clean_article({"id": "t", "source": "s", "title": "Floods cut off valley villages", "text": text})
    assert result["title"] == "Floods cut off valley villages"
    assert result["text"] == "\n\n".join(PARAGRAPHS)
    assert result["removed"][0]["reason"] == "title"


def test_headline_shaped_first_line_becomes_the_title() -> None:
    result = clean_article({"id": "t", "source": "s", "text": "Floods Cut Off Valley Villages\n\n" + PARAGRAPHS[0]})
    assert result["title"] == "Floods Cut Off Valley Villages"
    assert result["text"] == PARAGRAPHS[0]


def test_a_first_paragraph_is_not_taken_for_a_title() -> None:
    result = clean_article({"id": "t", "source": "s", "text": "\n\n".join(PARAGRAPHS)})
    assert result["title"] is None
    assert result["text"].startswith(PARAGRAPHS[0])


def test_unicode_and_whitespace_are_normalised_but_curly_quotes_kept() -> None:
    decomposed = "Cafe\u0301 owner Jose\u0301 said\u00a0it was “calm”.\r\n\r\n\r\n\tPolice   don’t know more."
    result = clean_article({"id": "u", "source": "s", "text": decomposed})
    assert result["text"] == "Café owner José said it was “calm”.\n\nPolice don’t know more."


def test_non_english_text_gets_a_warning_not_an_error() -> None:
    german = ("Der irakische Ministerpräsident hat am Sonntag einen Drohnenangriff auf seine Residenz in Bagdad "
              "überlebt. Sechs Leibwächter wurden nach Angaben der Behörden verletzt.")
    result = clean_article({"id": "de", "source": "s", "text": german})
    assert result["language"] == "de"
    assert "language 'de' is not supported: entities, quotes and numeric claims are not extracted" in result[
        "warnings"]
    assert "Drohnenangriff" in result["text"]


def test_seed_000_captions_and_read_next_removed_heading_kept() -> None:
    result = clean_article(_seed("000"))
    removed = {e["text"] for e in result["removed"]}
    assert {"iranian drones", "Iranian drones displayed after an exercise. (AFP)", "Mercer Street tanker on fire",
            "Read Next: Iraqi Resistance Commission Vows to Expel US Troops From the Country After December 31",
            "Iraqi Resistance Commission Vows to Expel US Troops From the Country After December 31"} <= removed
    assert "A Long String of Attacks" in result["text"]
    assert "Six members of Kadhimi’s personal protection detail" in result["text"]
    assert result["title"] is None


def test_seed_002_video_prompts_ads_credit_and_sponsored_removed() -> None:
    result = clean_article(_seed("002"))
    text = result["text"]
    for furniture in ("Click to play video", "Story continues below advertisement", "WATCH:", "Read more:",
                      "Sponsored content", "Associated Press writers",
                      "\n\nIraqi prime minister survives exploding drone assassination attempt\n\n"):
        assert furniture not in text
    assert "Al-Kadhimi was unharmed." in text
    assert "“Cowardly rocket and drone attacks don’t build homelands" in text
    assert text.endswith("for challenging the state’s authority.")


def test_seed_003_comment_prompts_removed() -> None:
    result = clean_article(_seed("003"))
    assert result["text"].endswith("may have “reached the ceiling of escalation.")
    assert [e["reason"] for e in result["removed"]].count("comment_prompt") == 3


def test_seed_004_captions_and_membership_pitch_removed() -> None:
    result = clean_article(_seed("004"))
    text = result["text"]
    assert "(AP photo/Hadi Mizban)" not in text
    assert "(Eliot Blondet/Pools/AFP)" not in text
    for pitch in ("Hebrew", "Already a member", "join our organization", "paywall", "learn more"):
        assert pitch not in text
    assert text.endswith("both the US and Iran.")
    assert "At least seven of his security guards were injured" in text


def test_seed_001_loses_only_its_title() -> None:
    result = clean_article(_seed("001"))
    assert [e["reason"] for e in result["removed"]] == ["title"]
    assert result["title"] == "Iraqi Prime Minister Survives Drone Assassination Attempt"


def test_html_furniture_inside_the_article_body_is_removed() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + "<p>Story continues below advertisement</p>" + "".join(
        f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    page = PAGE.replace("".join(f"<p>{p}</p>" for p in PARAGRAPHS), body)
    result = clean_article({"id": "h3", "source": "valley-times", "html": page})
    assert "Story continues" not in result["text"]
    assert [e["reason"] for e in result["removed"]] == ["title", "advertisement"]  # the <h1> repeats the title
    assert result["text"].count("\n\n") == len(PARAGRAPHS) - 1


def test_too_little_text_gives_undetermined_language_and_warnings() -> None:
    result = clean_article({"id": "s", "source": "s", "text": "Ok."})
    assert result["language"] == "und"
    assert any("could not be determined" in w for w in result["warnings"])
    assert any("very short" in w for w in result["warnings"])


def test_a_byline_becomes_the_author_and_prose_starting_with_by_stays() -> None:
    text = "By Malcolm Foster\n\n" + "\n\n".join(PARAGRAPHS) + "\n\nBy Sunday, the toll had risen to 12."
    result = clean_article({"id": "b", "source": "s", "text": text})
    assert result["author"] == "Malcolm Foster"
    assert result["title"] is None
    assert [e["reason"] for e in result["removed"]] == ["byline"]
    assert result["text"].endswith("By Sunday, the toll had risen to 12.")


def test_content_lines_of_text_and_html_and_the_cache_returns_copies() -> None:
    from workers.analysis.cleaning import content_lines

    lines = content_lines(PAGE)
    assert lines[-len(PARAGRAPHS):] == PARAGRAPHS
    lines.clear()
    assert content_lines(PAGE)[-1] == PARAGRAPHS[-1]
    assert content_lines("One line.\r\n\r\nTwo  lines.") == ["One line.", "Two lines."]


def test_a_bulletin_that_is_only_its_headline_keeps_it_as_text() -> None:
    cleaned = clean_article({"id": "b", "source": "example.com", "title": "Harbour bridge closed after crash",
                             "text": "PORTSMOUTH — Harbour bridge closed after crash.\n\n"
                                     "Copyright 2018 The Associated Press. All rights reserved."})
    assert cleaned["text"] == "PORTSMOUTH — Harbour bridge closed after crash."
    assert all(entry["reason"] != "title" for entry in cleaned["removed"])
    assert "the text is the headline alone (a bulletin)" in cleaned["warnings"]


def test_a_paywall_page_is_no_bulletin() -> None:
    with pytest.raises(ArticleError) as error:
        clean_article({"id": "p", "source": "example.com", "title": "Harbour bridge closed after crash",
                       "text": "Harbour bridge closed after crash\n\nSubscribe to read the full story. "
                               "Already a subscriber? Log in."})
    assert error.value.code == "no_main_text"
