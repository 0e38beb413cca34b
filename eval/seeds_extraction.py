"""Extraction on the five seed articles against a hand-checked gold file: precision and recall per kind.

Gold: eval/gold/seeds_extraction.json (read by hand; see its "_about"). Each gold item is matched to at most
one extracted item (greedy, in text order):
- numeric claim: same value (within 1e-3) and, unless the gold leaves it implicit, one of the gold head
  lemmas inside the extracted counted phrase; the hedge is scored apart among matched claims;
- quote: the extracted quote starts with the gold opening words (or contains them); the speaker is scored
  apart among matched quotes (a gold name core inside the extracted speaker key or text);
- attribution: same cue word and the gold source string inside the extracted source or phrase; named vs
  anonymous is scored apart among matched attributions. The gold counts reporting verbs, "according to" and
  "citing" only; the extractor also turns quote speakers found through stance verbs ("called it a “terrorist
  act”") into attributions, so "attributions" is scored twice: everything, and without those (reporting only);
- date: the extracted date expression contains the gold words (durations are left out on both sides); the
  normalised value (resolved against the gold's published_at for each seed) is scored apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from workers.analysis.entities import normalise_name
from workers.analysis.extraction import extract_articles

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "gold" / "seeds_extraction.json"
OUT = ROOT / "eval" / "out" / "seeds_extraction.json"


def _norm(text: str | None) -> str:
    """Lower case, curly quotes straightened, particles' hyphens kept."""
    return normalise_name(text or "")


def _claim_matches(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Same value and (unless implicit) the counted noun."""
    if abs(float(pred["value"]) - float(gold["value"])) > 1e-3:
        return False
    if gold["counted"] is None:
        return True
    counted = f"{_norm(pred.get('counted_lemma'))} {_norm(pred.get('counted'))}"
    return any(lemma in counted for lemma in gold["counted"])


def _quote_matches(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """The extracted quote starts with (or contains) the gold opening words."""
    return _norm(gold["starts"]) in _norm(pred["text"])[: len(gold["starts"]) + 40]


def _attribution_matches(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Same cue and the gold source string in the extracted source or phrase."""
    cue = _norm(pred.get("cue"))
    same_cue = cue == gold["cue"] or (gold["cue"] == "according to" and cue.startswith("according"))
    return same_cue and gold["source"] in f"{_norm(pred.get('source'))} | {_norm(pred.get('text'))}"


def _date_matches(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """The extracted date expression contains the gold words."""
    return _norm(gold["text"]) in _norm(pred["text"])


def _pair(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], match: Callable[[dict[str, Any], dict[str, Any]], bool]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """One-to-one greedy matching of gold items to extracted items."""
    used: set[int] = set()
    pairs = []
    for item in gold:
        for i, candidate in enumerate(pred):
            if i not in used and match(item, candidate):
                used.add(i)
                pairs.append((item, candidate))
                break
    return pairs


def _speaker_right(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """A gold name core inside the extracted speaker key or text."""
    said = f"{_norm(pred.get('speaker_key'))} | {_norm(pred.get('speaker'))}".replace("-", " ").replace("'", "")
    return any(name.replace("'", "") in said for name in gold["speaker"])


KINDS: dict[str, tuple[Callable[..., bool], str, Callable[[dict[str, Any], dict[str, Any]], bool]]] = {
    "numeric_claims": (_claim_matches, "hedge", lambda g, p: g["hedge"] == p["hedge"]),
    "quotes": (_quote_matches, "speaker", _speaker_right),
    "attributions": (_attribution_matches, "named/anon", lambda g, p: g["kind"] == p["kind"]),
    "attributions (reporting only)": (_attribution_matches, "named/anon", lambda g, p: g["kind"] == p["kind"]),
    "dates": (_date_matches, "value", lambda g, p: g["value"] == p["value"]),
}


def main() -> None:
    """Extract the seeds, match against the gold file and print P/R/F1 per kind."""
    gold = {k: v for k, v in json.loads(GOLD.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    paths = {p.stem[:3]: p for p in sorted((ROOT / "seeds").glob("*.txt"))}
    articles = [
        {
            "id": k,
            "source": paths[k].stem,
            "text": paths[k].read_text(encoding="utf-8"),
            "published_at": v["published_at"],
        }
        for k, v in gold.items()
    ]
    extracted = {r["article_id"]: r for r in cast(list[dict[str, Any]], extract_articles(articles))}
    for record in extracted.values():
        record["dates"] = [d for d in record["dates"] if d["kind"] == "date"]  # durations are not in the gold
        # the gold lists counted things; measures ("23mm", a calibre) are another kind, counted apart below
        record["measures"] = [c for c in record["numeric_claims"] if c["kind"] == "measure"]
        record["numeric_claims"] = [c for c in record["numeric_claims"] if c["kind"] != "measure"]
    for record in extracted.values():  # the gold's definition: reporting verbs, "according to", "citing"
        record["attributions (reporting only)"] = [
            a for a in record["attributions"] if not a["method"].startswith("quote speaker")
        ]
        for article_gold in gold.values():
            article_gold["attributions (reporting only)"] = article_gold["attributions"]
    print(f"Seeds extraction vs hand-checked gold ({len(gold)} articles, {GOLD.relative_to(ROOT)})")
    measures = [c["text"] for r in extracted.values() for c in r["measures"]]
    print(f"measures (not in the gold, which lists counts; scored apart from numeric claims): {measures}")
    print(f"{'kind':<30} {'gold':>5} {'found':>6} {'match':>6} {'P':>6} {'R':>6} {'F1':>6}   attribute accuracy")
    report: dict[str, Any] = {}
    misses: dict[str, list[Any]] = {}
    for kind, (match, attribute, right) in KINDS.items():
        n_gold = n_pred = n_match = n_right = 0
        for article_id, expected in gold.items():
            predicted = extracted[article_id][kind]
            pairs = _pair(expected[kind], predicted, match)
            n_gold, n_pred, n_match = n_gold + len(expected[kind]), n_pred + len(predicted), n_match + len(pairs)
            n_right += sum(1 for g, p in pairs if right(g, p))
            matched_gold = [id(g) for g, _ in pairs]
            matched_pred = [id(p) for _, p in pairs]
            misses.setdefault(kind, []).extend(
                [{"article": article_id, "missed": g} for g in expected[kind] if id(g) not in matched_gold]
                + [{"article": article_id, "extra": p.get("text")} for p in predicted if id(p) not in matched_pred]
                + [{"article": article_id, "wrong_" + attribute: [g, p.get("text"), p.get("speaker"), p.get("hedge"),
                    p.get("kind")]} for g, p in pairs if not right(g, p)]
            )  # fmt: skip
        p = n_match / n_pred if n_pred else 0.0
        r = n_match / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        accuracy = n_right / n_match if n_match else 0.0
        report[kind] = {"gold": n_gold, "predicted": n_pred, "matched": n_match, "P": p, "R": r, "F1": f,
                        f"{attribute}_accuracy": accuracy}  # fmt: skip
        print(f"{kind:<30} {n_gold:>5} {n_pred:>6} {n_match:>6} {p:>6.3f} {r:>6.3f} {f:>6.3f}   "
              f"{attribute} {n_right}/{n_match} = {accuracy:.3f}")  # fmt: skip
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"scores": report, "errors": misses}, indent=1, ensure_ascii=False))
    print(f"errors listed in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
