"""A noun's attribution inside what another source says is not the sentence's claimant (claimants.claimant_of):
"X said, after Y's announcement that ..." is X's claim, whichever clause the parse hung the content on."""

from __future__ import annotations

from typing import Any

from workers.analysis.comparison.claimants import claimant_of

TEXT = ("The Lundberg Greens took aim at the mayor, saying on Sunday after Berglund's announcement that the "
        "bridge would stay closed.")


def _attribution(source: str, cue: str, frame: str, content_from: str) -> dict[str, Any]:
    """An attribution of sentence 0 as the extraction records it (offsets into TEXT)."""
    cue_start = TEXT.index(cue)
    return {"sentence": 0, "source": source, "source_start": TEXT.index(source),
            "source_end": TEXT.index(source) + len(source), "kind": "named", "cue": cue, "cue_start": cue_start,
            "cue_end": cue_start + len(cue), "frame": frame, "content_start": TEXT.index(content_from),
            "content_end": len(TEXT)}


def _extraction(*attributions: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": "a", "source": "Northern Post", "text": TEXT, "attributions": list(attributions),
            "quotes": []}


def test_an_announcement_inside_what_a_source_says_is_not_the_claimant() -> None:
    outer = _attribution("The Lundberg Greens", "saying", "other", "on Sunday")
    inner = _attribution("Berglund's", "announcement", "noun", "that the bridge")
    assert claimant_of(_extraction(outer, inner), 0, 0, len(TEXT)).name == "Northern Post"
    outer_clause = {**outer, "frame": "clause"}
    assert claimant_of(_extraction(outer_clause, inner), 0, 0, len(TEXT)).name == "The Lundberg Greens"


def test_a_noun_attribution_alone_still_names_the_claimant() -> None:
    inner = _attribution("Berglund's", "announcement", "noun", "that the bridge")
    assert claimant_of(_extraction(inner), 0, 0, len(TEXT)).name == "Berglund's"
