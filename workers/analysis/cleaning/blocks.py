"""Rules over runs of lines: uncredited caption runs, trailing furniture blocks, fragments between furniture."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from workers.analysis.cleaning import lexicon
from workers.analysis.cleaning.shape import LineShape
from workers.analysis.cleaning.verdict import (
    EDGE_LINES,
    LONG_WORDS,
    VOICE_SIGNALS,
    WEAK_SCORE,
    LineVerdict,
    content_words,
)

TRAILING_VOICE_SCORE = -1.5  # a line in the outlet's voice at or above this joins a trailing block
TRAILING_VOICE_MIN_FURNITURE = 3  # ... when the block below it already holds this many furniture lines
OFF_STORY_SIGNALS = ("off_topic", "standalone_question", "cta:")
CAPTION_RUN_PROSE_SHARE = 0.6  # caption runs are looked for where this share of words ends in a full stop
CAPTION_MIN_WORDS, CAPTION_MAX_WORDS = 6, 30
CAPTION_REDUNDANT_SHARE = 0.8  # ... and removed only when the prose already holds this share of its words


def mark_caption_runs(verdicts: Sequence[LineVerdict], shapes: Sequence[LineShape]) -> None:
    """Runs of 2+ sentence-long lines without a full stop, inside an article whose prose has full stops.

    Captions of picture-heavy pages (uncredited) come in such runs between paragraphs; the article's
    opening lines are skipped, where the same shape is a summary of the story. A line in a run is marked
    only when its content words are (nearly) all in the article's prose: a caption may carry a fact the
    text does not, and losing a fact is worse than keeping a caption.
    """
    total = sum(s.words for s in shapes)
    if not total or sum(s.words for s in shapes if s.final_punct) < CAPTION_RUN_PROSE_SHARE * total:
        return

    def caption_like(i: int) -> bool:
        shape = shapes[i]
        return (i >= EDGE_LINES and not verdicts[i].furniture and not shape.final_punct
                and CAPTION_MIN_WORDS <= shape.words <= CAPTION_MAX_WORDS and shape.finite_verb is not False
                and not lexicon.LIST_ITEM.match(verdicts[i].text) and "embedded_post" not in verdicts[i].signals)

    prose: Counter[str] = Counter(w for v, s in zip(verdicts, shapes, strict=True) if s.final_punct
                                  for w in content_words(v.text))
    index = 0
    while index < len(verdicts):
        end = index
        while end < len(verdicts) and caption_like(end):
            end += 1
        for i in range(index, end) if end - index >= 2 else ():
            # Only a caption whose words the article's prose already has: removing it drops no word it lacks.
            words = content_words(verdicts[i].text)
            if words and sum(1 for w in words if prose[w]) >= CAPTION_REDUNDANT_SHARE * len(words):
                verdicts[i].add("caption_run", 3.0)
        index = max(end, index + 1)


def _joins_trailing_block(verdict: LineVerdict, furniture_so_far: int) -> bool:
    """True when a line may belong to a block of furniture that ends the article."""
    if "embedded_post" in verdict.signals:  # a quoted tweet speaks as "we" and "you": it is a source
        return False
    voice = any(s.startswith(VOICE_SIGNALS) for s in verdict.signals)
    if verdict.furniture or (verdict.score >= WEAK_SCORE and (verdict.has_evidence() or voice)):
        return True
    # The outlet talking about itself (a pitch, a teaser question) joins even when it reads like a sentence:
    # in its own voice, off the story's topic, and above a substantial block only (a column's last line
    # may say "we" before a lone "Read or Share" link; a live blog's entry may say "you" and name the outlet).
    off_story = any(s.startswith(OFF_STORY_SIGNALS) for s in verdict.signals)
    return (voice and off_story and verdict.score >= TRAILING_VOICE_SCORE
            and furniture_so_far >= TRAILING_VOICE_MIN_FURNITURE)


def _is_fragment(verdict: LineVerdict, shape: LineShape) -> bool:
    """A line that does not read as article prose: no final punctuation, or weak furniture evidence."""
    if shape.words >= LONG_WORDS or "embedded_post" in verdict.signals:
        return False
    return not shape.final_punct or (verdict.score >= WEAK_SCORE and verdict.has_evidence())


def absorb_blocks(verdicts: Sequence[LineVerdict], shapes: Sequence[LineShape]) -> None:
    """Lines inside a trailing furniture block, or runs of fragments between furniture lines, join them."""
    run: list[LineVerdict] = []
    for verdict in reversed(verdicts):
        if not _joins_trailing_block(verdict, sum(v.furniture for v in run)):
            break
        run.append(verdict)
    if sum(v.furniture for v in run) >= 2:
        for verdict in run:
            if not verdict.furniture:
                verdict.signals.append("in_trailing_furniture_block")
                verdict.reason = "furniture_block"
    bounds = [i for i, v in enumerate(verdicts) if v.furniture]
    ends = [*bounds[1:], len(verdicts)] if bounds else []
    for start, end in zip(bounds, ends, strict=True):
        between = range(start + 1, end)
        if not between or not all(_is_fragment(verdicts[i], shapes[i]) for i in between):
            continue
        for index in between:
            verdicts[index].signals.append("between_furniture_lines")
            verdicts[index].reason = "furniture_block"
