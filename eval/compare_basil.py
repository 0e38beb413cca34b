"""What the comparison reports on events outside our gold: BASIL's 100 events, each told by Fox News, The New
York Times and HuffPost (Fan et al., EMNLP 2019; ../shared/data/basil). No scorer weight or threshold was fitted
on them.

BASIL has no gold for the comparison, so this prints no accuracy. It prints what a fact-checker would have
to read, so that a false alarm is seen: every conflicting, disputed and updated fact with its claims, and the
count of each status. The 6 conflicts and disputes reported before the statement rule
of facts.opposite_statements (2026-12-07) were all read, and all were wrong: a quotation cut two ways, two
statements on one topic, a negation placed elsewhere.

Run: python -m eval.compare_basil [-q]   (-q: the counts only)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, cast

from eval.compare_gold import CACHE, _code_version
from eval.dedup_data import data_root
from tools.processes import ROOT
from workers.analysis.contract import Duplicates, ExtractionSlot

FLAGGED = ("conflicting", "disputed", "updated")


def triplets(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """The job articles of each BASIL event (triplet id -> its three articles), text as paragraphs of sentences."""
    out: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(folder.glob("articles/*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        source = str(record["source"]).lower()
        text = "\n\n".join(" ".join(sentences) for sentences in record["body-paragraphs"])
        out.setdefault(record["triplet-uuid"], []).append({
            "id": f"{path.stem.rsplit('_', 1)[-1]}-{source}", "source": source, "title": record.get("title"),
            "text": text, "published_at": record.get("date") or None})
    return out


def extracted(triplet: str, articles: list[dict[str, Any]], version: str) -> tuple[list[dict[str, Any]], Any]:
    """Extractions and dedup result of one event, cached per analysis-code version."""
    path = CACHE / f"basil-{triplet}-{version}.json"
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


def _show(triplet: str, fact: dict[str, Any], texts: dict[str, str]) -> None:
    """One flagged fact: its status, label, values, why, and each claim's sentence with its claimant."""
    print(f"  {triplet[:8]} {fact['status']} ({fact['kind']}): {fact['label'][:110]}")
    print(f"      values: {[v['label'] for v in fact['values']]}; "
          f"why: {'; '.join(c['reason'] for c in fact['conflicts'][:2])}")
    for claim in fact["claims"]:
        sentence = " ".join(texts[claim["article_id"]][claim["start"]:claim["end"]].split())
        print(f"      {claim['source']:>4} [{claim['claimant']['name'][:30]}] {sentence[:150]}")


def main() -> int:
    """Compare each BASIL event and print the statuses, and every flagged fact for reading."""
    folder = data_root() / "basil"
    if not folder.exists():
        print(f"BASIL not found at {folder} (set CORROBORATE_DATA)", file=sys.stderr)
        return 1
    from workers.analysis.comparison import compare_sources

    quiet = "-q" in sys.argv
    version = _code_version(ROOT / "workers" / "analysis")
    statuses: Counter[str] = Counter()
    flagged = []
    events = triplets(folder)
    for triplet, articles in events.items():
        extractions, duplicates = extracted(triplet, articles, version)
        result = cast(dict[str, Any], compare_sources(cast(list[ExtractionSlot], extractions),
                                                      cast(Duplicates, duplicates)))
        texts = {e["article_id"]: str(e.get("text") or "") for e in extractions}
        for fact in result["facts"]:
            statuses[fact["status"]] += 1
            if fact["status"] in FLAGGED:
                flagged.append((triplet, fact, texts))
    print(f"BASIL: {len(events)} events, {sum(len(a) for a in events.values())} articles (Fox News, The New York "
          "Times, HuffPost); no gold, so no accuracy: what a reader would be shown")
    order = ("corroborated", "conflicting", "disputed", "updated", "exclusive", "single")
    print("facts by status: " + ", ".join(f"{status} {statuses[status]}" for status in order))
    print(f"conflicting, disputed and updated facts to read: {len(flagged)}")
    if not quiet:
        for triplet, fact, texts in flagged:
            _show(triplet, fact, texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
