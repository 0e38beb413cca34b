"""Claim alignment into facts: same quantity of the same thing, hedges respected, statuses."""

from __future__ import annotations

from typing import Any

from tests.unit.test_compare_factories import make_extraction
from workers.analysis.comparison import compare_sources

PM = ("al-Kadhimi", "PERSON")


def mini_seeds() -> list[dict[str, Any]]:
    """Five small articles with the seeds' key disagreements (guards 6 vs 7, drones 3 vs 2)."""
    return [
        make_extraction(
            "a0", "SOFREP",
            "Prime Minister al-Kadhimi escaped unharmed from an attack by three armed drones in Baghdad. "
            "Six members of al-Kadhimi's personal protection detail were wounded. "
            "In October, five drones launched from Syria targeted the base at al-Tanf.",
            claims=[("three armed drones", 3, "exact", "armed drones", None),
                    ("Six members", 6, "exact", "members of personal protection detail", "wounded"),
                    ("five drones", 5, "exact", "drones", "launched")],
            entities=[PM, ("Baghdad", "GPE"), ("Syria", "GPE"), ("al-Tanf", "GPE")]),
        make_extraction(
            "a1", "Overt Defense",
            "Officials said al-Kadhimi was unharmed, with six guards of the residence suffering injuries "
            "in Baghdad. One protester was killed on Friday.",
            claims=[("six guards", 6, "exact", "guards", "suffering injuries"),
                    ("One protester", 1, "exact", "protester", "killed")],
            entities=[PM, ("Baghdad", "GPE")]),
        make_extraction(
            "a2", "Global News",
            "Seven of al-Kadhimi's security guards were wounded in the attack by at least two armed drones "
            "in Baghdad. One protester was killed on Friday.",
            claims=[("Seven of al-Kadhimi's security guards", 7, "exact", "security guards", "wounded"),
                    ("at least two armed drones", 2, "at_least", "armed drones", None),
                    ("One protester", 1, "exact", "protester", "killed")],
            entities=[PM, ("Baghdad", "GPE")]),
        make_extraction(
            "a3", "Defense Post",
            "The plot in Baghdad involved three explosives-laden drones, authorities said. "
            "At least one protester was killed on Friday, with 120 injured.",
            claims=[("three explosives-laden drones", 3, "exact", "explosives-laden drones", "involved"),
                    ("At least one protester", 1, "at_least", "protester", "killed")],
            entities=[PM, ("Baghdad", "GPE")]),
        make_extraction(
            "a4", "Times of Israel",
            "Al-Kadhimi suffered a minor cut. At least seven of his security guards were injured in Baghdad "
            "in the attack by two armed drones.",
            claims=[("At least seven of his security guards", 7, "at_least", "security guards", "injured"),
                    ("two armed drones", 2, "exact", "armed drones", None)],
            entities=[("Al-Kadhimi", "PERSON"), ("Baghdad", "GPE")]),
    ]


def _fact_with(result: dict[str, Any], article_id: str, text: str) -> dict[str, Any]:
    """The fact holding the claim whose text is `text` in article `article_id`."""
    for fact in result["facts"]:
        if any(c["article_id"] == article_id and c["text"] == text for c in fact["claims"]):
            return fact
    raise AssertionError(f"no fact holds {text!r} from {article_id}")


def test_wounded_guards_six_vs_seven_is_a_conflict() -> None:
    """'Six members of the protection detail' and 'seven security guards' are one fact, in conflict."""
    result = compare_sources(mini_seeds(), {})
    fact = _fact_with(result, "a0", "Six members")
    assert fact["article_ids"] == ["a0", "a1", "a2", "a4"]
    assert fact["status"] == "conflicting"
    labels = {v["label"]: v["sources"] for v in fact["values"]}
    assert labels["6"] == ["SOFREP", "Overt Defense"]
    assert set(labels) == {"6", "7", "at least 7"}
    # "at least seven" conflicts with six but not with seven.
    reasons = [c["reason"] for c in fact["conflicts"]]
    assert any("at least 7" in r and "6" in r for r in reasons)
    assert not any("at least 7" in r and r.count("7") == 2 and "6" not in r for r in reasons)


def test_drones_hedges_respected() -> None:
    """Three vs two drones conflict; 'at least two' agrees with both and is not marked in conflict."""
    result = compare_sources(mini_seeds(), {})
    fact = _fact_with(result, "a0", "three armed drones")
    assert {"a0", "a2", "a3", "a4"} <= set(fact["article_ids"])
    assert fact["status"] == "conflicting"
    hedged = next(c for c in fact["claims"] if c["article_id"] == "a2")
    assert hedged["in_conflict"] is False
    two = next(c for c in fact["claims"] if c["article_id"] == "a4")
    assert two["in_conflict"] is True


def test_other_event_stays_apart() -> None:
    """Five drones at al-Tanf in October are not the three drones in Baghdad (one claim per article)."""
    result = compare_sources(mini_seeds(), {})
    five = _fact_with(result, "a0", "five drones")
    three = _fact_with(result, "a0", "three armed drones")
    assert five["id"] != three["id"]
    assert five["article_ids"] == ["a0"]


def test_killed_protester_corroborated_with_hedge() -> None:
    """One protester killed (a1, a2) and 'at least one' (a3): corroborated by three independent sources."""
    result = compare_sources(mini_seeds(), {})
    fact = _fact_with(result, "a1", "One protester")
    assert fact["status"] == "corroborated"
    assert fact["independent_sources"] == 3
    evidence = next(c for c in fact["claims"] if c["article_id"] == "a3")
    assert evidence["sentence"].startswith("At least one protester was killed")
    assert mini_seeds()[3]["text"][evidence["start"]:evidence["end"]] == "At least one protester"


def test_wounded_and_killed_never_align() -> None:
    """Different specific events (wounded vs killed) keep claims apart even with the same counted noun."""
    articles = [
        make_extraction("x", "X", "Three soldiers were killed in Kabul.",
                        claims=[("Three soldiers", 3, "exact", "soldiers", "killed")], entities=[("Kabul", "GPE")]),
        make_extraction("y", "Y", "Three soldiers were wounded in Kabul.",
                        claims=[("Three soldiers", 3, "exact", "soldiers", "wounded")], entities=[("Kabul", "GPE")]),
    ]
    facts = compare_sources(articles, {})["facts"]
    assert len([f for f in facts if f["kind"] == "numeric"]) == 2


def test_unharmed_vs_minor_cut_is_a_statement_conflict() -> None:
    """'al-Kadhimi was unharmed' vs 'Al-Kadhimi suffered a minor cut': a conflict about one person."""
    result = compare_sources(mini_seeds(), {})
    fact = next(f for f in result["facts"] if f["kind"] == "statement")
    assert fact["status"] == "conflicting"
    by_value = {v["label"]: set(v["article_ids"]) for v in fact["values"]}
    assert by_value["unharmed"] == {"a0", "a1"}
    assert by_value["harmed"] == {"a4"}
    # The guards' injuries in a1 and a2 are not about the prime minister.
    assert "a2" not in fact["article_ids"]


def test_profiles_and_summary_name_the_conflict() -> None:
    """Profiles count conflicts per source; the summary text names the conflicting values."""
    result = compare_sources(mini_seeds(), {})
    profile = next(p for p in result["profiles"] if p["source"] == "SOFREP")
    assert any("Global News" in c["against"] for c in profile["conflicts"])
    assert 0 < profile["fact_share"] <= 1
    assert "6 (SOFREP, Overt Defense)" in result["summary"]["text"]


def test_disagreement_in_background_paragraphs_is_uncertain_not_a_conflict() -> None:
    """Different values deep in the articles, with no decisive event, are flagged 'uncertain' only."""
    filler = " ".join(f"Sentence {k} says nothing about numbers here." for k in range(12))
    articles = [
        make_extraction("x", "X", f"{filler} The Cubs played three games in Chicago last year.",
                        claims=[("three games", 3, "exact", "games", "played")], entities=[("Chicago", "GPE")]),
        make_extraction("y", "Y", f"{filler} The Cubs played seven games in Chicago last year.",
                        claims=[("seven games", 7, "exact", "games", "played")], entities=[("Chicago", "GPE")]),
    ]
    fact = next(f for f in compare_sources(articles, {})["facts"] if f["kind"] == "numeric")
    assert fact["article_ids"] == ["x", "y"]
    assert fact["status"] == "uncertain"
    assert fact["conflicts"][0]["salient"] is False


def test_failed_articles_and_empty_jobs_are_handled() -> None:
    """Extractions that carry an error are skipped; an empty job yields an empty comparison, not an error."""
    failed = {"article_id": "bad", "source": "Bad", "error": {"code": "no_text", "message": "empty"}}
    result = compare_sources([failed, *mini_seeds()[:2]], {})
    assert result["stats"]["articles"] == 2
    assert "Bad" not in result["sources"]
    empty = compare_sources([], {})
    assert empty["facts"] == [] and empty["quotes"] == [] and empty["summary"]["counts"]["sources"] == 0
