"""What the comparison reports on events outside our gold (BASIL, ECB+): no gold for the comparison there, so no
accuracy, but what a fact-checker would be shown, so that a false alarm is seen and read. Shared by
eval.compare_basil and eval.compare_ecbplus. No scorer weight or threshold is fitted on these events."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, cast

from eval.compare_gold import CACHE, code_version
from tools.processes import ROOT
from workers.analysis.contract import Duplicates, ExtractionSlot

FLAGGED = ("conflicting", "disputed", "updated")
ORDER = ("corroborated", "conflicting", "disputed", "updated", "exclusive", "single")


def extracted(name: str, event: str, articles: list[dict[str, Any]], version: str) -> tuple[list[dict[str, Any]], Any]:
    """Extractions and dedup result of one event of a data set, cached per analysis-code version."""
    path = CACHE / f"{name}-{event}-{version}.json"
    if path.exists():
        cached = json.loads(path.read_text())
        return cached["extractions"], cached["duplicates"]
    from workers.analysis.dedup import deduplicate
    from workers.analysis.extraction import extract_articles

    extractions = cast(list[dict[str, Any]], extract_articles(articles))
    duplicates = deduplicate(cast(list[ExtractionSlot], extractions))
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"extractions": extractions, "duplicates": duplicates}))
    return extractions, duplicates


def show(event: str, fact: dict[str, Any], texts: dict[str, str]) -> None:
    """One flagged fact: its status, label, values, why, and each claim's sentence with its claimant."""
    print(f"  {event[:12]} {fact['status']} ({fact['kind']}): {fact['label'][:110]}")
    print(f"      values: {[v['label'] for v in fact['values']]}; "
          f"why: {'; '.join(c['reason'] for c in fact['conflicts'][:2])}")
    for claim in fact["claims"]:
        sentence = " ".join(texts[claim["article_id"]][claim["start"]:claim["end"]].split())
        print(f"      {claim['source'][:22]:>22} [{claim['claimant']['name'][:30]}] {sentence[:150]}")


def report(name: str, events: dict[str, list[dict[str, Any]]], quiet: bool) -> Counter[str]:
    """Compare each event (event id -> its job articles), print the count of each status and, unless quiet,
    every flagged fact for reading. Returns the counts (with "articles_dated": articles that carry a
    publication time once extracted)."""
    from workers.analysis.comparison import compare_sources

    version = code_version(ROOT / "workers" / "analysis")
    statuses: Counter[str] = Counter()
    flagged = []
    for event, articles in events.items():
        extractions, duplicates = extracted(name, event, articles, version)
        result = cast(dict[str, Any], compare_sources(cast(list[ExtractionSlot], extractions),
                                                      cast(Duplicates, duplicates)))
        statuses["articles_dated"] += sum(1 for e in extractions if e.get("published_at"))
        texts = {e["article_id"]: str(e.get("text") or "") for e in extractions}
        for fact in result["facts"]:
            statuses[fact["status"]] += 1
            if fact["status"] in FLAGGED:
                flagged.append((event, fact, texts))
    print("facts by status: " + ", ".join(f"{status} {statuses[status]}" for status in ORDER))
    print(f"conflicting, disputed and updated facts to read: {len(flagged)}")
    if not quiet:
        for event, fact, texts in flagged:
            show(event, fact, texts)
    return statuses
