"""Comparison accuracy on our Giveme5W1H gold: conflicts, disputes, updates, corroborated facts (statements
included), exclusives, traps and shared quotes — tuning half and reporting half printed apart.

The scorer weights and thresholds were fitted on the tuning half only (eval.fit_claim_scorer); the reporting
half's figures are the ones to quote. `python -m eval.compare_giveme5w1h [tune|report]`.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from typing import Any, cast

from eval.compare_gold import (
    AGREEING_KINDS,
    SPLITS,
    Item,
    copy_group,
    covers,
    extract_event,
    fact_matches,
    gold_files,
    gold_items,
    pooled_judgments,
    pooled_verdict,
    quote_matches,
)

Compare = Callable[[list[dict[str, Any]], dict[str, Any]], dict[str, Any]]


def _default_compare() -> Compare:
    from workers.analysis.comparison import compare_sources

    return cast(Compare, compare_sources)


def score_event(gold: dict[str, Any], comparison: dict[str, Any], extractions: list[dict[str, Any]],
                tally: Counter[str], details: list[str] | None = None) -> None:
    """Add one event's hits and misses to the tally."""
    items = gold_items(gold, extractions)
    group = copy_group(gold)
    judgments = pooled_judgments(gold["event_id"])
    facts = comparison["facts"]
    by_kind: dict[str, list[Item]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
        tally[f"evidence_missing_{item.kind}"] += item.missing

    def matched(fact: dict[str, Any], kinds: tuple[str, ...]) -> bool:
        return any(fact_matches(fact, item, group) for kind in kinds for item in by_kind.get(kind, []))

    status_of = {"conflicting": "conflict", "disputed": "dispute", "updated": "update",
                 "corroborated": "corroborated", "exclusive": "exclusive"}
    for fact in facts:
        kind = status_of.get(fact["status"])
        if kind is None:
            continue
        tally[f"sys_{kind}"] += 1
        # a statement two outlets share is also right when the gold lists it as a shared quote, or as one
        # value of a figure that changed or conflicts (those claims do agree with each other)
        right_kinds = AGREEING_KINDS if kind == "corroborated" else (kind,)
        if matched(fact, right_kinds):
            tally[f"sys_{kind}_right"] += 1
            if kind == "corroborated":
                # how many of a right fact's claims say what the gold item says (a chained fact holds others)
                spans = [s for k in right_kinds for item in by_kind.get(k, []) if fact_matches(fact, item, group)
                         for s in item.spans]
                tally["members_of_right_corroborated"] += len(fact["claims"])
                tally["members_in_gold_evidence"] += sum(1 for c in fact["claims"] if any(covers(c, s) for s in spans))
        else:
            if kind == "corroborated":
                tally[f"sys_corroborated_pooled_{pooled_verdict(fact, judgments)}"] += 1
            if details is not None:
                details.append(f"  {gold['event_id']} wrong {fact['status']}: {fact['label'][:100]}")
        if kind in ("conflict", "dispute", "update") and matched(fact, ("trap",)):
            tally[f"sys_{kind}_with_trap"] += 1
        if kind == "conflict" and matched(fact, ("update",)):
            tally["sys_conflict_is_update"] += 1
        if kind == "exclusive" and matched(fact, AGREEING_KINDS):
            tally["sys_exclusive_reported_elsewhere"] += 1
    multi = [f for f in facts if f["independent_sources"] >= 2]
    for kind, statuses in (("conflict", ("conflicting",)), ("dispute", ("disputed",)), ("update", ("updated",)),
                           ("corroborated", ("corroborated",)), ("exclusive", ("exclusive",))):
        for item in by_kind.get(kind, []):
            tally[f"gold_{kind}"] += 1
            if any(f["status"] in statuses and fact_matches(f, item, group) for f in facts):
                tally[f"gold_{kind}_found"] += 1
            elif kind == "corroborated" and any(fact_matches(f, item, group) for f in multi):
                tally["gold_corroborated_found_other_status"] += 1
            elif details is not None and kind != "exclusive":
                details.append(f"  {gold['event_id']} missed {kind} {item.id}: "
                               f"{str(item.raw.get('claim') or item.raw.get('quantity') or item.raw.get('what'))[:90]}")
    for item in by_kind.get("quote", []):
        tally["gold_quote"] += 1
        for quote in comparison.get("quotes") or []:
            pseudo = {"claims": quote["variants"]}
            if quote_matches(pseudo, item, group):
                tally["gold_quote_found"] += 1
                if bool(item.raw.get("drift")) == bool(quote.get("wording_changed")):
                    tally["gold_quote_drift_right"] += 1
                break


def run_split(split: str, compare: Compare | None = None, details: list[str] | None = None,
              quotes: bool = True) -> Counter[str]:
    """The tally over every gold event of one split."""
    import json

    compare = compare or _default_compare()
    tally: Counter[str] = Counter()
    for path in gold_files(split):
        gold = json.loads(path.read_text())
        extractions, duplicates = extract_event(gold)
        tally["events"] += 1
        tally["articles"] += len(extractions)
        score_event(gold, compare(extractions, duplicates), extractions, tally, details)
    return tally


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.2f} ({num}/{den})" if den else "n/a (0/0)"


def figures(tally: Counter[str]) -> dict[str, float]:
    """The headline figures of a tally, as numbers (for fitting)."""
    def r(a: str, b: str) -> float:
        return tally[a] / tally[b] if tally[b] else 0.0
    return {"conflict_p": r("sys_conflict_right", "sys_conflict"),
            "conflict_r": r("gold_conflict_found", "gold_conflict"),
            "corroborated_p": r("sys_corroborated_right", "sys_corroborated"),
            "corroborated_r": r("gold_corroborated_found", "gold_corroborated"),
            "exclusive_p": r("sys_exclusive_right", "sys_exclusive"),
            "exclusive_alone": 1 - r("sys_exclusive_reported_elsewhere", "sys_exclusive"),
            "exclusive_r": r("gold_exclusive_found", "gold_exclusive")}


def report(split: str, tally: Counter[str]) -> None:
    """Print one split's figures."""
    t = tally
    print(f"\n--- {split} half: {t['events']} events, {t['articles']} articles ---")
    print(f"conflicts      P {_ratio(t['sys_conflict_right'], t['sys_conflict'])}  "
          f"R {_ratio(t['gold_conflict_found'], t['gold_conflict'])}   (target P >= 0.8, R >= 0.7)")
    print(f"  conflicts that are gold updates: {t['sys_conflict_is_update']} (target 0); "
          f"conflicts/updates/disputes holding a trap: "
          f"{t['sys_conflict_with_trap'] + t['sys_update_with_trap'] + t['sys_dispute_with_trap']}")
    print(f"disputes       P {_ratio(t['sys_dispute_right'], t['sys_dispute'])}  "
          f"R {_ratio(t['gold_dispute_found'], t['gold_dispute'])}")
    print(f"updates        P {_ratio(t['sys_update_right'], t['sys_update'])}  "
          f"R {_ratio(t['gold_update_found'], t['gold_update'])}")
    print(f"corroborated   P {_ratio(t['sys_corroborated_right'], t['sys_corroborated'])}  "
          f"R {_ratio(t['gold_corroborated_found'], t['gold_corroborated'])}   (target P >= 0.85, R >= 0.6); "
          f"found under another multi-source status: {t['gold_corroborated_found_other_status']}")
    pooled = t["sys_corroborated_right"] + t["sys_corroborated_pooled_right"]
    print(f"  with pooled judgments of the facts the gold does not list (README): P "
          f"{_ratio(pooled, t['sys_corroborated'])}; judged wrong {t['sys_corroborated_pooled_wrong']}, "
          f"not judged (counted wrong) {t['sys_corroborated_pooled_unjudged']}")
    print(f"  claims of right corroborated facts inside the matched gold items' evidence: "
          f"{_ratio(t['members_in_gold_evidence'], t['members_of_right_corroborated'])} (the rest are chained in, "
          f"or state it in an article the gold did not list: a lower bound on member precision)")
    print(f"exclusives     P {_ratio(t['sys_exclusive_right'], t['sys_exclusive'])}  "
          f"R {_ratio(t['gold_exclusive_found'], t['gold_exclusive'])}   (target P >= 0.8); "
          f"not reported by another source per gold (the held-out measure): "
          f"{_ratio(t['sys_exclusive'] - t['sys_exclusive_reported_elsewhere'], t['sys_exclusive'])}")
    print(f"shared quotes  found {_ratio(t['gold_quote_found'], t['gold_quote'])}, "
          f"drift judged right {_ratio(t['gold_quote_drift_right'], t['gold_quote_found'])}")
    lost = sum(v for k, v in t.items() if k.startswith("evidence_missing_"))
    print(f"gold evidence strings not in the clean text (removed by cleaning): {lost}")


def main() -> int:
    """Score both halves (or the one named) and print the figures."""
    splits = [a for a in sys.argv[1:] if a in SPLITS] or list(SPLITS)
    verbose = "-v" in sys.argv
    from workers.analysis.comparison.scorer import load_scorer

    print("Comparison on Giveme5W1H events, gold written by reading the texts (eval/gold/compare_giveme5w1h).")
    print(f"Scorer and thresholds: {load_scorer().provenance}")
    for split in splits:
        details: list[str] = []
        tally = run_split(split, details=details if verbose and split == "tune" else None)
        report(split, tally)
        for line in details:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
