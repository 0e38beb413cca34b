"""Scoring attributions against PolNeAR relations: cue, source and content, each as precision and recall.

A predicted attribution and a gold relation are paired one to one through their cues: the prediction's cue
(`cue_start`/`cue_end`) must share at least one character with the gold Cue span. Each prediction takes the
unpaired gold relation with a shared cue whose content (then source) it overlaps most; a second prediction on
the same cue finds nothing left and counts as wrong. Then, over every prediction (P) and every gold relation (R):

- cue: the prediction is paired;
- source: paired, the gold relation has a Source span and ours (`source_start`/`source_end`, the words as written,
  "he" rather than the resolved name) overlaps it; recall is over gold relations with a Source (a prediction
  paired with a source-less gold relation counts against precision: we named a source the text does not give);
- content: paired and our reported clause (`content_start`/`content_end`) overlaps the gold Content span by at
  least 30% of the longer of the two (GenderGapTracker's rule; "overlap" = one shared character is printed too);
- all: cue, source (or no gold Source) and content (30%) together: what a claimant for a claim needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

Spans = list[tuple[int, int]]
PARTS = ("cue", "source", "content overlap", "content 0.3", "all")


class GoldRelation(Protocol):
    """What the scorer reads of a gold relation."""

    content: Spans
    source: Spans
    cue: Spans


@dataclass
class Tally:
    """Right predictions, predictions, found gold relations, gold relations (for one part)."""

    right: int = 0
    predicted: int = 0
    found: int = 0
    gold: int = 0

    def figures(self) -> dict[str, float]:
        """P, R, F1 and the counts."""
        p = self.right / self.predicted if self.predicted else 0.0
        r = self.found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"P": p, "R": r, "F1": f, "right": self.right, "predicted": self.predicted, "found": self.found,
                "gold": self.gold}  # fmt: skip


def shared(a: Spans, b: Spans) -> int:
    """Characters two span lists share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def length(spans: Spans) -> int:
    """Characters a span list covers."""
    return sum(e - s for s, e in spans)


def _content_ok(pred: Spans, gold: Spans) -> bool:
    """Our content overlaps the gold one by >= 30% of the longer span."""
    return shared(pred, gold) >= 0.3 * max(length(pred), length(gold), 1)


def pair(attributions: list[dict[str, Any]], relations: Sequence[GoldRelation]) -> list[int | None]:
    """For each prediction, the index of the gold relation it is paired with (one to one, by cue), or None."""
    taken: set[int] = set()
    paired: list[int | None] = []
    for item in attributions:
        cue = [(item["cue_start"], item["cue_end"])]
        content = [(item["content_start"], item["content_end"])]
        source = [(item["source_start"], item["source_end"])]
        hits = [i for i, r in enumerate(relations) if i not in taken and shared(cue, r.cue) > 0]
        if not hits:
            paired.append(None)
            continue
        best = max(hits, key=lambda i: (shared(content, relations[i].content), shared(source, relations[i].source)))
        taken.add(best)
        paired.append(best)
    return paired


def score_attributions(
    docs: Sequence[tuple[list[dict[str, Any]], Sequence[GoldRelation]]],
) -> dict[str, dict[str, float]]:
    """P/R/F1 per part (cue, source, content overlap, content 0.3, all) over the docs."""
    tallies = {part: Tally() for part in PARTS}
    for attributions, relations in docs:
        for part in PARTS:
            tallies[part].predicted += len(attributions)
            tallies[part].gold += len(relations) if part != "source" else sum(1 for r in relations if r.source)
        for item, index in zip(attributions, pair(attributions, relations), strict=True):
            if index is None:
                continue
            gold = relations[index]
            content = [(item["content_start"], item["content_end"])]
            source_ok = bool(gold.source) and shared([(item["source_start"], item["source_end"])], gold.source) > 0
            right = {
                "cue": True,
                "source": source_ok,
                "content overlap": shared(content, gold.content) > 0,
                "content 0.3": _content_ok(content, gold.content),
            }
            right["all"] = (source_ok or not gold.source) and right["content 0.3"]
            for part, ok in right.items():
                tallies[part].right += ok
                tallies[part].found += ok
    return {part: tally.figures() for part, tally in tallies.items()}


def cue_precision_by_frame(
    docs: Sequence[tuple[list[dict[str, Any]], Sequence[GoldRelation]]],
) -> dict[str, tuple[int, float]]:
    """For each attribution `frame` (clause, to, other, noun, quote): predictions and their cue precision."""
    counts: dict[str, list[int]] = {}
    for attributions, relations in docs:
        for item, index in zip(attributions, pair(attributions, relations), strict=True):
            tally = counts.setdefault(str(item.get("frame")), [0, 0])
            tally[0] += 1
            tally[1] += index is not None
    return {frame: (n, right / n) for frame, (n, right) in sorted(counts.items())}
