"""The PolNeAR attribution scorer: one-to-one pairing by cue, then source and content judged per pair."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eval.attribution_scoring import score_attributions


@dataclass
class Gold:
    content: list[tuple[int, int]]
    cue: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)


def _ours(cue: tuple[int, int], source: tuple[int, int], content: tuple[int, int]) -> dict[str, Any]:
    return {"cue_start": cue[0], "cue_end": cue[1], "source_start": source[0], "source_end": source[1],
            "content_start": content[0], "content_end": content[1]}  # fmt: skip


def test_a_second_prediction_on_the_same_cue_is_wrong() -> None:
    gold = [Gold(content=[(20, 60)], cue=[(10, 14)], source=[(0, 9)])]
    ours = [_ours((10, 14), (0, 9), (20, 60)), _ours((10, 14), (0, 9), (20, 60))]
    scores = score_attributions([(ours, gold)])
    assert (scores["cue"]["P"], scores["cue"]["R"]) == (0.5, 1.0)


def test_source_and_content_are_judged_on_the_paired_relation() -> None:
    gold = [Gold(content=[(20, 60)], cue=[(10, 14)], source=[(0, 9)]), Gold(content=[(80, 90)], cue=[(70, 74)])]
    ours = [_ours((10, 14), (0, 5), (20, 25)), _ours((70, 74), (62, 69), (80, 90))]
    scores = score_attributions([(ours, gold)])
    assert scores["cue"]["R"] == 1.0
    assert (scores["source"]["right"], scores["source"]["gold"]) == (1, 1)  # the second names a source gold lacks
    assert scores["source"]["P"] == 0.5
    assert scores["content overlap"]["found"] == 2
    assert scores["content 0.3"]["found"] == 1  # 5 of 40 characters is under 30%
    assert scores["all"]["found"] == 1
