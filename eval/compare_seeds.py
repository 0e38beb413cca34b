"""Source comparison on the five seed articles against a hand-checked gold file: precision/recall per kind.

Run: python -m eval.compare_seeds   (writes eval/out/compare_seeds.json with the full comparison result)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "gold" / "seeds_comparison.json"
OUT = ROOT / "eval" / "out"
STATUS_OF_KIND = {"conflicts": "conflicting", "corroborated": "corroborated", "exclusives": "exclusive"}


def seed_articles() -> list[dict[str, Any]]:
    """The seeds as job articles, with the manifest's ids and sources."""
    manifest = json.loads((ROOT / "seeds" / "manifest.json").read_text(encoding="utf-8"))
    return [{"id": a["id"], "source": a["source"],
             "text": (ROOT / "seeds" / a["file"]).read_text(encoding="utf-8")} for a in manifest["articles"]]


def seed_result() -> dict[str, Any]:
    """The seeds through the real stages: extraction, deduplication, comparison (a job result)."""
    from workers.analysis.comparison import compare_sources
    from workers.analysis.dedup import deduplicate
    from workers.analysis.extraction import extract_articles

    extractions = extract_articles(seed_articles())
    duplicates = deduplicate(extractions)
    comparison = compare_sources(extractions, duplicates)
    job = {"id": "seeds", "status": "succeeded",
           "articles": [{"id": e["article_id"], "source": e["source"], "status": "done"} for e in extractions]}
    return {"job": job, "articles": extractions, "duplicates": duplicates, "comparison": comparison}


def _gold_span(texts: dict[str, str], claim: dict[str, Any]) -> tuple[str, int, int]:
    """Where a gold snippet sits in the extraction's clean text."""
    text = texts[claim["article"]]
    start = text.find(claim["snippet"])
    if start < 0:
        raise ValueError(f"gold snippet not in clean text of {claim['article']}: {claim['snippet']!r}")
    return claim["article"], start, start + len(claim["snippet"])


def _overlaps(span: tuple[str, int, int], article: str, start: int, end: int) -> bool:
    return span[0] == article and min(span[2], end) > max(span[1], start)


def _matched_claims(fact: dict[str, Any], gold: dict[str, Any], texts: dict[str, str]) -> list[tuple[dict, dict]]:
    """(gold claim, predicted claim) pairs where the predicted claim's span overlaps the gold snippet."""
    pairs = []
    for claim in gold["claims"]:
        span = _gold_span(texts, claim)
        hit = next((c for c in fact["claims"] if _overlaps(span, c["article_id"], c["start"], c["end"])), None)
        if hit is not None:
            pairs.append((claim, hit))
    return pairs


def _fact_matches(fact: dict[str, Any], gold: dict[str, Any], texts: dict[str, str]) -> bool:
    """A predicted fact is a gold fact when it holds at least half of the gold claims (two, if gold has two+)."""
    matched = len(_matched_claims(fact, gold, texts))
    need = max(min(2, len(gold["claims"])), (len(gold["claims"]) + 1) // 2)
    return matched >= need


def score_facts(result: dict[str, Any], gold: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Precision / recall per kind (conflicts, corroborated, exclusives), plus value and independence checks."""
    texts = {a["article_id"]: a["text"] for a in result["articles"]}
    facts = result["comparison"]["facts"]
    ignored = {f["id"] for f in facts if any(_fact_matches(f, g, texts) for g in gold["ignore"])
               and not any(_fact_matches(f, g, texts) for kind in STATUS_OF_KIND for g in gold[kind])}
    scores: dict[str, dict[str, float]] = {}
    for kind, status in STATUS_OF_KIND.items():
        predicted = [f for f in facts if f["status"] == status and f["id"] not in ignored]
        true_positive = [f for f in predicted if any(_fact_matches(f, g, texts) for g in gold[kind])]
        found = [g for g in gold[kind] if any(_fact_matches(f, g, texts) for f in predicted)]
        value_hits = value_total = 0
        for g in found:
            fact = next(f for f in predicted if _fact_matches(f, g, texts))
            for gold_claim, claim in _matched_claims(fact, g, texts):
                value_total += 1
                position = fact["claims"].index(claim)
                labels = {v["label"] for v in fact["values"] if position in v["claims"]}
                value_hits += gold_claim["value"] in labels
        independence = [next(f for f in predicted if _fact_matches(f, g, texts))["independent_sources"]
                        == g["independent"] for g in found if "independent" in g]
        scores[kind] = {
            "predicted": len(predicted), "gold": len(gold[kind]), "true_positive": len(true_positive),
            "precision": len(true_positive) / len(predicted) if predicted else 1.0,
            "recall": len(found) / len(gold[kind]) if gold[kind] else 1.0,
            "value_accuracy": value_hits / value_total if value_total else float("nan"),
            "independence_accuracy": sum(independence) / len(independence) if independence else float("nan"),
        }
    return scores


def score_quotes(result: dict[str, Any], gold: dict[str, Any], include_hard: bool) -> dict[str, float]:
    """Quote groups: precision over predicted groups, recall over gold groups, wording-flag accuracy."""
    texts = {a["article_id"]: a["text"] for a in result["articles"]}
    wanted = [q for q in gold["quotes"] if include_hard or not q.get("hard")]
    predicted = result["comparison"]["quotes"]

    def matches(group: dict[str, Any], gold_quote: dict[str, Any]) -> bool:
        if len(group["article_ids"]) != len(gold_quote["variants"]):
            return False
        for variant in gold_quote["variants"]:
            span = _gold_span(texts, variant)
            if not any(_overlaps(span, v["article_id"], v["start"], v["end"]) for v in group["variants"]):
                return False
        return True

    true_positive = [p for p in predicted if any(matches(p, g) for g in gold["quotes"])]
    found = [(g, next(p for p in predicted if matches(p, g))) for g in wanted
             if any(matches(p, g) for p in predicted)]
    flags = [p["wording_changed"] == g["changed"] for g, p in found]
    return {"predicted": len(predicted), "gold": len(wanted), "true_positive": len(true_positive),
            "precision": len(true_positive) / len(predicted) if predicted else 1.0,
            "recall": len(found) / len(wanted) if wanted else 1.0,
            "wording_flag_accuracy": sum(flags) / len(flags) if flags else float("nan")}


def score_variants(result: dict[str, Any], gold: dict[str, Any]) -> dict[str, float]:
    """Entity spellings: share of gold spelling sets found together in one predicted entity row."""
    rows = [{s["text"].casefold() for s in v["spellings"]} for v in result["comparison"]["entity_variants"]]
    found = [g for g in gold["entity_variants"] if any({s.casefold() for s in g["spellings"]} <= r for r in rows)]
    return {"gold": len(gold["entity_variants"]), "found": len(found),
            "recall": len(found) / len(gold["entity_variants"])}


def main() -> None:
    """Run the seeds through the stages and print precision/recall per kind."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    result = seed_result()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "compare_seeds.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    facts = score_facts(result, gold)
    print("Source comparison on the 5 seeds vs eval/gold/seeds_comparison.json")
    print(f"{'kind':<14}{'pred':>6}{'gold':>6}{'TP':>5}{'precision':>11}{'recall':>8}{'values':>8}{'indep':>7}")
    for kind, s in facts.items():
        print(f"{kind:<14}{s['predicted']:>6}{s['gold']:>6}{s['true_positive']:>5}{s['precision']:>11.2f}"
              f"{s['recall']:>8.2f}{s['value_accuracy']:>8.2f}{s['independence_accuracy']:>7.2f}")
    for label, hard in (("quotes", False), ("quotes+hard", True)):
        q = score_quotes(result, gold, include_hard=hard)
        print(f"{label:<14}{q['predicted']:>6}{q['gold']:>6}{q['true_positive']:>5}{q['precision']:>11.2f}"
              f"{q['recall']:>8.2f}   wording-flag accuracy {q['wording_flag_accuracy']:.2f}")
    v = score_variants(result, gold)
    print(f"{'spellings':<14}{'':>6}{v['gold']:>6}{v['found']:>5}{'':>11}{v['recall']:>8.2f}")
    print(f"(values = share of matched gold claims whose value label is right; indep = corroborated facts with "
          f"the right number of independent sources; linker: {result['comparison']['stats']['linker']})")
    print("Summary:", result["comparison"]["summary"]["text"])


if __name__ == "__main__":
    main()
