"""Dedup on the Giveme5W1H clusters: precision/recall against hand labels (eval/gold/dedup_giveme5w1h.json)
and robustness (furniture added, paragraphs shuffled, ~10% of words changed), in-job and seen-before.

python -m eval.dedup_giveme5w1h [--robust-n 340]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, cast

import redis

from eval.dedup_data import ROOT, data_root, extraction, load_giveme, robustness_copy
from eval.reserved import check_gold
from shared.corpus_index import CorpusIndex
from tools.processes import RedisServer
from workers.analysis.dedup import deduplicate
from workers.stages.dedup_stage import run_dedup_stage

GOLD = ROOT / "eval" / "gold" / "dedup_giveme5w1h.json"
DUP_RELATIONS = ("near_duplicate", "containment")


def predicted_relations(result: dict[str, Any]) -> dict[frozenset[str], str]:
    """Each article pair the result mentions -> duplicate / reuse / quote_only."""
    out: dict[frozenset[str], str] = {}
    for group in result["exact"]:
        ids = group["articles"]
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                out[frozenset((a, b))] = "duplicate"
    for pair in result["near_duplicates"]:
        out[frozenset((pair["a"], pair["b"]))] = "duplicate"
    for pair in result["reused_passages"]:
        copied = any(p["kind"] != "shared_quote" for p in pair["passages"])
        out.setdefault(frozenset((pair["a"], pair["b"])), "reuse" if copied else "quote_only")
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    """Print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--robust-n", type=int, default=150, help="articles given an edited copy")
    args = parser.parse_args()
    articles = load_giveme()
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in articles:
        by_event[a["event"]].append(a)
    gold = json.loads(GOLD.read_text())["pairs"]
    check_gold([article for pair in gold for article in (pair["a"], pair["b"])],
               data_root() / "giveme5w1h-news-cluster", GOLD.name)

    t0 = time.perf_counter()
    predicted: dict[frozenset[str], str] = {}
    clean_results: dict[str, dict[str, Any]] = {}
    for event, members in by_event.items():
        result = cast(dict[str, Any], deduplicate([extraction(a["id"], a["text"], a["source"], a["published_at"])
                                                   for a in members]))
        clean_results[event] = result
        predicted.update(predicted_relations(result))
    elapsed = time.perf_counter() - t0
    print(f"Giveme5W1H: {len(articles)} articles in {len(by_event)} events, one job per event: "
          f"{elapsed:.1f} s ({len(articles) / elapsed:.0f} articles/s)")

    confusion: Counter[tuple[str, str]] = Counter()
    for g in gold:
        confusion[(g["label"], predicted.get(frozenset((g["a"], g["b"])), "none"))] += 1
    cols = ["duplicate", "reuse", "quote_only", "none"]
    print(f"\nGold pairs: {len(gold)} (labelled by reading; stratified sample, see the gold file)")
    print(f"{'gold / predicted':<18}" + "".join(f"{c:>12}" for c in cols))
    for label in ["duplicate", "partial", "quote_only", "different"]:
        print(f"{label:<18}" + "".join(f"{confusion[(label, c)]:>12}" for c in cols))

    def score(positive_gold: set[str], positive_pred: set[str]) -> tuple[float, float, float]:
        tp = sum(n for (g, p), n in confusion.items() if g in positive_gold and p in positive_pred)
        fp = sum(n for (g, p), n in confusion.items() if g not in positive_gold and p in positive_pred)
        fn = sum(n for (g, p), n in confusion.items() if g in positive_gold and p not in positive_pred)
        return prf(tp, fp, fn)

    rows = [
        ("near-duplicate (gold duplicate)", score({"duplicate"}, {"duplicate"})),
        ("copied text, any (gold dup+partial)", score({"duplicate", "partial"}, {"duplicate", "reuse"})),
        ("reused passage (gold partial)", score({"partial"}, {"reuse"})),
    ]
    print(f"\n{'detector':<40}{'precision':>10}{'recall':>8}{'F1':>7}")
    for name, (p, r, f) in rows:
        print(f"{name:<40}{p:>10.3f}{r:>8.3f}{f:>7.3f}")
    quote_ok = sum(n for (g, p), n in confusion.items() if g == "quote_only" and p in ("quote_only", "none"))
    quote_all = sum(n for (g, _), n in confusion.items() if g == "quote_only")
    print(f"gold quote-only pairs not reported as copying: {quote_ok}/{quote_all}")

    robustness(by_event, clean_results, args.robust_n)


def robustness(by_event: dict[str, list[dict[str, Any]]], clean: dict[str, dict[str, Any]], n: int) -> None:
    """Edited copies must be found (in-job and seen-before); other same-event articles must not match them."""
    rng = random.Random(5)
    chosen = rng.sample([a for members in by_event.values() for a in members],
                        min(n, sum(map(len, by_event.values()))))
    chosen_ids = {a["id"] for a in chosen}
    found = linked_elsewhere = 0
    copies: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event, members in by_event.items():
        dup_of: dict[str, set[str]] = defaultdict(set)
        for pair in clean[event]["near_duplicates"]:
            dup_of[pair["a"]].add(pair["b"])
            dup_of[pair["b"]].add(pair["a"])
        for g in clean[event]["exact"]:
            for a in g["articles"]:
                dup_of[a] |= set(g["articles"]) - {a}
        for original in [a for a in members if a["id"] in chosen_ids]:
            copy_text = robustness_copy(original["text"], rng)
            copies[event].append({"id": "copy-" + original["id"], "of": original["id"], "text": copy_text,
                                  "dups": dup_of[original["id"]]})
            job = [extraction(a["id"], a["text"], a["source"]) for a in members]
            job.append(extraction("copy", copy_text, "copy.example"))
            result = deduplicate(job)
            partners = {p["a"] if p["b"] == "copy" else p["b"] for p in result["near_duplicates"]
                        if "copy" in (p["a"], p["b"])}
            found += original["id"] in partners
            linked_elsewhere += len(partners - {original["id"]} - dup_of[original["id"]])
    total = len(chosen)
    print(f"\nRobustness ({total} articles; copy = 3 furniture lines added, paragraphs shuffled, ~10% words "
          f"changed):")
    print(f"  in-job: copy found as near-duplicate of its original {found}/{total} = {found / total:.3f}; "
          f"copy linked to other same-event articles that are not duplicates of the original: {linked_elsewhere}")
    seen_before(by_event, copies)


def seen_before(by_event: dict[str, list[dict[str, Any]]], copies: dict[str, list[dict[str, Any]]]) -> None:
    """Job 1 = every event's originals, job 2 = the copies; through the corpus index on a private Redis."""
    with tempfile.TemporaryDirectory() as tmp:
        server = RedisServer(Path(tmp)).start()
        try:
            client = redis.Redis.from_url(server.url)
            originals = [extraction(a["id"], a["text"], a["source"]) for m in by_event.values() for a in m]
            first = run_dedup_stage(CorpusIndex(client, 3600), client_id="eval", job_id="originals",
                                    extractions=originals,
                                    options={"check_seen_before": True, "remember": True})
            memory = int(client.info("memory")["used_memory"])
            all_copies = [c for cs in copies.values() for c in cs]
            t0 = time.perf_counter()
            second = run_dedup_stage(CorpusIndex(client, 3600), client_id="eval", job_id="copies",
                                     extractions=[extraction(c["id"], c["text"]) for c in all_copies],
                                     options={"check_seen_before": True, "remember": False})
            elapsed = time.perf_counter() - t0
            client.close()
        finally:
            server.stop()
    hits: dict[str, set[str]] = defaultdict(set)
    for s in second["seen_before"]:
        if s["relation"] in DUP_RELATIONS:
            hits[s["article_id"]].add(s["earlier_article_id"])
    found = sum(1 for c in all_copies if c["of"] in hits[c["id"]])
    wrong = sum(len(hits[c["id"]] - {c["of"]} - c["dups"]) for c in all_copies)
    dup_hits = [s for s in second["seen_before"] if s["relation"] in DUP_RELATIONS]
    evidence = [s for s in dup_hits if s["passages"]]
    print(f"  seen-before (corpus index, {len(originals)} originals indexed, {first['index']['bytes_per_article']} "
          f"bytes/article of payload, Redis used_memory {memory / 1e6:.1f} MB in all):")
    print(f"    copy matched to its original in an earlier job {found}/{len(all_copies)} = "
          f"{found / len(all_copies):.3f}; other articles reported as duplicates: {wrong}; "
          f"matches with passage evidence {len(evidence)}/{len(dup_hits)}; "
          f"stage time for the copies job {elapsed:.1f} s")


if __name__ == "__main__":
    main()
