"""The same quotation across articles, with a word-level diff of the variants."""

from __future__ import annotations

from tests.unit.test_compare_factories import make_extraction
from workers.analysis.comparison import compare_sources
from workers.analysis.comparison.quotes import diff_variant, word_tokens

SADR_A = "return Iraq to a state of chaos to be controlled by non-state forces."
SADR_B = ("state of chaos to be controlled by non-governmental forces, so that Iraq lives under the pain of "
          "riots, violence and terrorism")


def _articles() -> list[dict]:
    return [
        make_extraction("a0", "SOFREP", f"Instead, al-Sadr said the forces aimed to “{SADR_A}”",
                        quotes=[(SADR_A, "al-Sadr")], entities=[("al-Sadr", "PERSON")]),
        make_extraction("a1", "Overt Defense", f"Moqtada Al-Sadr described it as an attempt to return Iraq to a "
                        f"“{SADR_B}”. Biden called it a “terrorist attack” on Sunday.",
                        quotes=[(SADR_B, "Moqtada Al-Sadr"), ("terrorist attack", "Biden")],
                        entities=[("Moqtada Al-Sadr", "PERSON"), ("Biden", "PERSON")]),
        make_extraction("a2", "Global News", "Al-Sadr denounced the “terrorist attack,” he said.",
                        quotes=[("terrorist attack,", "Al-Sadr")], entities=[("Al-Sadr", "PERSON")]),
    ]


def test_sadr_quote_variants_are_grouped_and_the_changed_word_flagged() -> None:
    """'non-state forces' vs 'non-governmental forces': one quotation, wording changed, evidence kept."""
    quotes = compare_sources(_articles(), {})["quotes"]
    sadr = next(q for q in quotes if "a0" in q["article_ids"])
    assert sadr["article_ids"] == ["a0", "a1"]
    assert sadr["wording_changed"] is True
    assert {"op": "replace", "from": "non-governmental", "to": "non-state"} in sadr["changes"]
    variant = next(v for v in sadr["variants"] if v["article_id"] == "a0")
    assert variant["text"] == SADR_A
    assert "al-Sadr said" in variant["sentence"]


def test_short_quotes_of_different_speakers_are_not_merged() -> None:
    """'terrorist attack' said by Biden and by al-Sadr are different quotations (and too short anyway)."""
    quotes = compare_sources(_articles(), {})["quotes"]
    assert not any({"a1", "a2"} <= set(q["article_ids"]) and "terrorist" in q["reference"] for q in quotes)


def test_diff_marks_partial_quotes_as_outside_not_changed() -> None:
    """Words only one outlet quoted (beyond the shared stretch) are 'outside', inner swaps are 'changed'."""
    reference = word_tokens(SADR_B)
    variant = word_tokens(SADR_A)
    segments, changes = diff_variant(reference, variant)
    ops = {s["text"]: s["op"] for s in segments}
    assert ops["return Iraq to a"] == "outside"
    assert ops["non-state"] == "changed"
    assert ops["state of chaos to be controlled by"] == "equal"
    assert changes == [{"op": "replace", "from": "non-governmental", "to": "non-state"}]


def test_identical_quotes_have_no_changes() -> None:
    """Punctuation and case differences are not wording changes."""
    segments, changes = diff_variant(word_tokens("Calm and restraint from everyone."),
                                     word_tokens("calm and restraint from everyone"))
    assert changes == []
    assert [s["op"] for s in segments] == ["equal"]
