"""The corroborated facts a pooled judge should look at: those the hand-written gold does not match and no pooled
judgment covers yet (eval/gold/compare_giveme5w1h/POOLED.md). Writes eval/out/pool_unmatched.json, one record per
fact with its claims (article, copy group, offsets, text), for a judge who follows POOLED.md's rule; the
judgments then join `pooled_corroborated.json`. Not part of `make eval` (it has no main()).

Run: python -m eval.pool_unmatched
"""

from __future__ import annotations

import json
from typing import Any, cast

from eval.compare_gold import (
    AGREEING_KINDS,
    SPLITS,
    copy_group,
    extract_event,
    fact_matches,
    gold_files,
    gold_items,
    pooled_judgments,
    pooled_verdict,
)
from tools.processes import ROOT

OUT = ROOT / "eval" / "out" / "pool_unmatched.json"


def unmatched(split: str) -> list[dict[str, Any]]:
    """The split's corroborated facts that neither the gold nor a pooled judgment covers."""
    from workers.analysis.comparison import compare_sources

    out = []
    for path in gold_files(split):
        gold = json.loads(path.read_text())
        extractions, duplicates = extract_event(gold)
        comparison = cast(dict[str, Any], compare_sources(cast(Any, extractions), cast(Any, duplicates)))
        items, group = gold_items(gold, extractions), copy_group(gold)
        judgments = pooled_judgments(gold["event_id"])
        texts = {e["article_id"]: e["text"] for e in extractions if "text" in e}
        for fact in comparison["facts"]:
            if fact["status"] != "corroborated" or any(fact_matches(fact, item, group) for item in items
                                                       if item.kind in AGREEING_KINDS):
                continue
            if pooled_verdict(fact, judgments) != "unjudged":
                continue
            out.append({"split": split, "event_id": gold["event_id"], "event": gold["event"], "label": fact["label"],
                        "claims": [{"article_id": c["article_id"], "source": c["source"],
                                    "copy_group": group.get(c["article_id"]), "start": c["start"], "end": c["end"],
                                    "text": " ".join(texts[c["article_id"]][c["start"]:c["end"]].split())}
                                   for c in fact["claims"]]})
    return out


def run() -> None:
    """Write the facts still to judge, both halves, and say how many."""
    facts = [f for split in SPLITS for f in unmatched(split)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(facts, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"{len(facts)} corroborated facts to judge written to {OUT}")


if __name__ == "__main__":
    run()
