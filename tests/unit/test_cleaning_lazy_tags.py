"""The cleaning stage's speed-ups give the same verdicts: lazy tagging, the verb cache, regex pre-checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from workers.analysis.cleaning import furniture, lexicon, shape
from workers.analysis.cleaning.normalize import line_fingerprint, match_key, normalize_text, paragraphs
from workers.analysis.cleaning.verdict import SourceContext

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
HAND_WRITTEN = [
    "Officials said the blast hit the northern district of the city early on Sunday morning.",
    "Al-Kadhimi was unharmed.",
    "By Malcolm Foster",
    "Sign up for our newsletter",
    "Rescue workers search the rubble",
    "Rescue workers search the rubble. (AP photo/Jane Doe)",
    "Al-Kadhimi was unharmed, officials said.",
    "Read more: Al-Kadhimi was unharmed, officials said.",
    "Do you have a story? Send us your tips.",
    "Photo: Jane Doe/Getty Images",
    "Jane Doe / Reuters",
    "Contact the reporter at jane@example.com",
    "Call 0207 123 4567 for details.",
]


def _seed_lines() -> list[list[str]]:
    """The normalised lines of each seed article."""
    return [paragraphs(normalize_text(p.read_text(encoding="utf-8"))) for p in SEEDS]


def _verdicts(lines: list[str]) -> list[tuple[str, str | None, list[str]]]:
    """(text, reason, signals) of every line."""
    return [(v.text, v.reason, v.signals) for v in furniture.classify_lines(lines, SourceContext(), english=True)]


@pytest.mark.parametrize("index", range(len(SEEDS) + 1))
def test_lazy_tagging_gives_the_verdicts_of_tagging_every_line(index: int, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ([*_seed_lines(), HAND_WRITTEN])[index]
    lazy = _verdicts(lines)
    shape._VERB_CACHE.clear()
    monkeypatch.setattr(furniture, "_verbs_needed", lambda i, s, *_: shape.taggable(s))
    assert lazy and _verdicts(lines) == lazy


def test_the_lazy_tagging_cases_hold_furniture_and_sentences() -> None:
    reasons = [reason for lines in [*_seed_lines(), HAND_WRITTEN] for _t, reason, _s in _verdicts(lines)]
    assert sum(r is not None for r in reasons) >= 20 and sum(r is None for r in reasons) >= 50


def test_short_sentences_without_furniture_evidence_are_not_tagged(monkeypatch: pytest.MonkeyPatch) -> None:
    tagged: list[str] = []
    real = shape._tags

    def recording(lines: list[str]) -> list[list[str]]:
        tagged.extend(lines)
        return real(lines)

    monkeypatch.setattr(shape, "_tags", recording)
    shape._VERB_CACHE.clear()
    verdicts = furniture.classify_lines(HAND_WRITTEN, SourceContext())
    assert HAND_WRITTEN[0] not in tagged  # a short sentence, no evidence, contained in no other line
    assert "Sign up for our newsletter" in tagged and "By Malcolm Foster" in tagged
    assert {v.text: v.reason for v in verdicts}["By Malcolm Foster"] == "byline"


def test_verb_cache_tags_each_distinct_line_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    real = shape._tags

    def recording(lines: list[str]) -> list[list[str]]:
        calls.append(list(lines))
        return real(lines)

    monkeypatch.setattr(shape, "_tags", recording)
    shape._VERB_CACHE.clear()
    lines = ["Story continues below advertisement", "Story continues below advertisement", "Sign in"]
    first = shape.with_verb_features(lines, shape.untagged_shapes(lines), range(3))
    again = shape.with_verb_features(lines, shape.untagged_shapes(lines), range(3))
    assert calls == [["Story continues below advertisement", "Sign in"]]
    assert first == again and first[0].finite_verb is not None


def test_regex_prechecks_never_hide_a_match() -> None:
    lines = [line for article in _seed_lines() for line in article] + HAND_WRITTEN
    for line in lines:
        if furniture.CREDIT_LABEL_POSSIBLE.search(line) is None:
            assert lexicon.CREDIT_LABEL.search(line) is None, line
        if not any(c in line for c in furniture.CONTACT_CHARS):
            assert lexicon.CONTACT.search(line) is None, line
        any_kind = any(p.search(line) for p in lexicon.CTA_KINDS.values())
        assert furniture._ANY_CTA is not None and bool(furniture._ANY_CTA.search(line)) == any_kind, line
    # One example of each CREDIT_LABEL alternative and CONTACT alternative passes its pre-check and matches.
    for line in ("Photo: Jane Doe", "Image copyright Reuters", "The bridge at dawn. Photograph: Jane Doe",
                 "Jane Doe / Reuters"):
        assert furniture.CREDIT_LABEL_POSSIBLE.search(line) and lexicon.CREDIT_LABEL.search(line), line
    for line in ("jane@example.com", "call 0207 123 4567", "+44 20 7123 4567"):
        assert any(c in line for c in furniture.CONTACT_CHARS) and lexicon.CONTACT.search(line), line


def test_line_keys_agree_with_line_fingerprint_and_match_key() -> None:
    lines = [line for article in _seed_lines() for line in article] + HAND_WRITTEN + [
        "  Spaced\u00a0out  line ", "Zero\u200bwidth", "Café – “Déjà vu”"]
    fingerprints, keys = furniture.line_keys(lines)
    assert fingerprints == [line_fingerprint(line) for line in lines]
    assert keys == [match_key(line) for line in lines]
