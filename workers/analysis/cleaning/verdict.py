"""A line's furniture verdict: its score, the signals behind it, and what counts as evidence."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from workers.analysis.tokens import prose_stopwords

FURNITURE_SCORE = 4.0  # a line at or above this is furniture
WEAK_SCORE = 1.5  # a line at or above this joins a block of furniture around it
SHORT_WORDS = 8
LONG_WORDS = 20
EDGE_LINES = 3
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Signals that are evidence of furniture in themselves. Shape alone never removes a line; neither does
# repetition inside the article (lists, tables and recipes repeat their own lines) nor the outlet's voice
# ("you", "we": how-to pieces and transcripts speak so) - those only add to the score, and the voice
# lets a line join a trailing block of furniture (VOICE_SIGNALS).
EVIDENCE_PREFIXES = (
    "cta:", "mostly_call_to_action", "label_prefix", "caption_credit", "credit_label", "credit_prefix",
    "contributor_credit", "byline", "interface_words", "no_words", "contact_details", "shared_with_siblings",
    "seen_in_earlier_articles", "repeats_furniture_line", "caption_header", "caption_run", "bracketed_aside",
)
VOICE_SIGNALS = ("cta:", "addresses_reader", "outlet_voice", "names_the_outlet", "standalone_question")


@dataclass
class LineVerdict:
    """The decision on one line, with the signals that led to it."""

    text: str
    score: float = 0.0
    signals: list[str] = field(default_factory=list)
    reason: str | None = None

    @property
    def furniture(self) -> bool:
        """True when the line is removed."""
        return self.reason is not None

    def add(self, signal: str, weight: float) -> None:
        """Record a signal and its weight."""
        self.signals.append(signal)
        self.score += weight

    def has_evidence(self) -> bool:
        """True when some signal beyond sentence shape points at furniture."""
        return any(s.startswith(EVIDENCE_PREFIXES) for s in self.signals)


@dataclass(frozen=True)
class SourceContext:
    """What is known about the article's source: sibling lines, lines seen before, its names."""

    sibling_keys: Sequence[frozenset[str]] = ()
    seen_lines: Mapping[str, int] = field(default_factory=dict)
    outlet_names: Sequence[str] = ()
    title: str | None = None


def content_words(text: str) -> set[str]:
    """Lower-cased words of three or more letters that are not stopwords."""
    stop = prose_stopwords()
    return {w for w in (m.casefold() for m in _CONTENT_WORD.findall(text)) if w not in stop}


def reason_of(verdict: LineVerdict) -> str:
    """The furniture kind a removed line is reported under."""
    order = (("byline", "byline"), ("contributor_credit", "credit"), ("caption_credit", "caption"),
             ("credit_label", "caption"), ("credit_label:gallery_counter", "caption"),
             ("credit_prefix", "caption"), ("no_words", "separator"), ("interface_words", "interface_label"),
             ("caption_header", "caption"), ("caption_run", "caption"), ("repeats_furniture_line", "repeated_headline"))
    for signal, reason in order:
        if signal in verdict.signals:
            return reason
    kinds = [s.split(":", 1)[1] for s in verdict.signals if s.startswith("cta:")]
    if kinds:
        return kinds[0]
    if "label_prefix" in verdict.signals:
        label = verdict.text.split(":", 1)[0].casefold()
        return "video_prompt" if any(w in label for w in ("watch", "video")) else "related_link"
    if any(s.startswith(("repeated_in_article", "shared_with", "seen_in")) for s in verdict.signals):
        return "repeated_boilerplate"
    return "furniture"


def decide(verdicts: Sequence[LineVerdict]) -> None:
    """Mark lines at or above the furniture score that carry evidence beyond shape."""
    for verdict in verdicts:
        if verdict.reason is None and verdict.score >= FURNITURE_SCORE and verdict.has_evidence():
            verdict.reason = reason_of(verdict)
