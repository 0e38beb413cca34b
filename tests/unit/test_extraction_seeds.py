"""The five seed articles through extract_articles / extract_article: the claims, quotes and sources we know."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workers.analysis.entity_linking import link_entities
from workers.analysis.extraction import extract_article, extract_articles

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _article(path: Path) -> dict[str, Any]:
    return {
        "id": path.stem[:3],
        "source": path.stem,
        "text": path.read_text(encoding="utf-8"),
        "published_at": "2021-11-08T09:00:00+00:00",
    }


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict[str, Any]]:
    results = extract_articles([_article(p) for p in sorted(SEEDS.glob("*.txt"))])
    return {r["article_id"]: r for r in results}


def _claim(extraction: dict[str, Any], counted: str, value: float) -> dict[str, Any]:
    return next(c for c in extraction["numeric_claims"] if c["counted"] == counted and c["value"] == value)


def test_offsets_point_into_the_clean_text(seeds: dict[str, dict[str, Any]]) -> None:
    for extraction in seeds.values():
        text = extraction["text"]
        for kind in ("entities", "quotes", "numeric_claims", "attributions", "dates"):
            for item in extraction[kind]:
                assert text[item["start"] : item["end"]] == item["text"], (kind, item)
        assert extraction["stats"]["sentences"] == len(extraction["sentences"]) > 5


def test_seed_002_counts(seeds: dict[str, dict[str, Any]]) -> None:
    guards = _claim(seeds["002"], "security guards", 7)
    assert (guards["hedge"], guards["event_class"]) == ("exact", "injured")
    drones = _claim(seeds["002"], "drones", 2)
    assert (drones["hedge"], drones["low"], drones["high"]) == ("at_least", 2, None)
    assert not any(c["value"] == 54 for c in seeds["002"]["numeric_claims"])  # "Al-Kadhimi, 54," is an age


def test_seed_000_counts(seeds: dict[str, dict[str, Any]]) -> None:
    members = _claim(seeds["000"], "members", 6)
    assert members["event_class"] == "injured"
    assert _claim(seeds["000"], "drones", 3)["hedge"] == "exact"
    # "23mm" is a calibre: a length, never a count
    assert all(c["kind"] == "measure" for c in seeds["000"]["numeric_claims"] if c["value"] == 23)


def test_seed_004_counts(seeds: dict[str, dict[str, Any]]) -> None:
    guards = _claim(seeds["004"], "security guards", 7)
    assert (guards["hedge"], guards["low"], guards["event_class"]) == ("at_least", 7, "injured")


def test_seed_quotes_have_the_right_speakers(seeds: dict[str, dict[str, Any]]) -> None:
    def speaker_of(article: str, start_of_quote: str) -> str | None:
        quote = next(q for q in seeds[article]["quotes"] if q["text"].startswith(start_of_quote))
        return quote["speaker_key"]

    assert speaker_of("000", "Thank God") == "mustafa al-kadhimi"
    assert speaker_of("002", "The blood of martyrs") == "qais al-khazali"
    assert speaker_of("002", "This apparent act of terrorism") == "ned price"
    assert speaker_of("003", "If there is anyone") == "abu ali al-askari"
    assert speaker_of("004", "Iran has nothing") == "ismail ghani"


def test_seed_attributions(seeds: dict[str, dict[str, Any]]) -> None:
    sources = {(a["source"], a["kind"]) for a in seeds["002"]["attributions"]}
    assert ("two Iraqi officials", "anonymous") in sources
    reuters = next(a for a in seeds["004"]["attributions"] if a["source"] == "the Reuters news agency")
    assert reuters["kind"] == "named" and reuters["cites_kind"] == "anonymous"


def test_linking_across_the_seeds(seeds: dict[str, dict[str, Any]]) -> None:
    linked = link_entities(list(seeds.values()))
    kadhimi = next(e for e in linked if e["key"] == "mustafa al-kadhimi")
    spellings = {v["text"] for v in kadhimi["variants"]}
    assert {"Kadhimi", "al-Khadimi", "Al-Kadhimi"} <= spellings
    assert {v["article_id"] for v in kadhimi["variants"]} == set(seeds)
    iraq = next(e for e in linked if e["key"] == "iraq")
    assert all(v["text"] != "Iran" for v in iraq["variants"])


def test_single_article_matches_the_batch(seeds: dict[str, dict[str, Any]]) -> None:
    single = extract_article(_article(sorted(SEEDS.glob("003_*.txt"))[0]))
    assert single["numeric_claims"] == seeds["003"]["numeric_claims"]
    assert single["quotes"] == seeds["003"]["quotes"]


def test_non_english_article_keeps_text_and_sentences() -> None:
    text = (
        "Der irakische Ministerpräsident hat einen Drohnenangriff auf seine Residenz in Bagdad überlebt. "
        "Sechs Leibwächter wurden nach Angaben von Sicherheitskreisen verletzt. Die Regierung sprach von "
        "einem feigen Anschlag und kündigte eine Untersuchung an."
    )
    [result] = extract_articles([{"id": "de", "source": "x", "text": text}])
    assert result["language"] != "en"
    assert result["sentences"] and result["numeric_claims"] == [] and result["quotes"] == []
    assert any("not English" in w for w in result["warnings"])


def test_failing_article_does_not_stop_the_batch() -> None:
    results = extract_articles(
        [
            {"id": "empty", "source": "x", "text": "   "},
            {"id": "ok", "source": "y", "text": "Three drones hit the base."},
        ]
    )
    assert results[0]["article_id"] == "empty" and "code" in results[0]["error"]
    assert results[1]["numeric_claims"][0]["value"] == 3
