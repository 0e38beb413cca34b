"""A summary a person reads in ten seconds: conflicts and disputes with their claimants, updates as
timelines, what independent sources agree on, and how quotations drift."""

from __future__ import annotations

from typing import Any

from workers.analysis.comparison.evidence import bounded

MAX_ITEMS = 3
MAX_CLAIM = 140


def _n(count: int, noun: str) -> str:
    """'1 fact', '3 facts'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _short(text: str) -> str:
    return bounded(text, MAX_CLAIM)


def _who_says(fact: dict[str, Any]) -> str:
    """'6 (Reuters, AP) vs 7 (BBC)' for a fact's values."""
    return " vs ".join(f"{v['label']} ({', '.join(v['sources'])})" for v in fact["values"])


def _dispute(fact: dict[str, Any]) -> str:
    """'police: 2 — organisers: denies' for a dispute's sides."""
    return " — ".join(f"{side['claimant']}: {side['value']}" for side in fact["disputes"])


def _timeline(fact: dict[str, Any]) -> str:
    """'20 (CNN, 07:10) → at least 58 (NYT, 2017-10-03)'."""
    steps = []
    for step in fact["timeline"]:
        when = (step["time"] or "")[:16].replace("T", " ")
        steps.append(f"{step['value']} ({step['source']}{', ' + when if when else ''})")
    return " → ".join(steps)


def summarize(facts: list[dict[str, Any]], quotes: list[dict[str, Any]], sources: list[str],
              independence: dict[str, Any], occasions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Key conflicts, disputes, updates, agreed facts and quote drift, as short lines and one paragraph; when
    the articles report several occasions (compare: Comparison.occasions), the headline says so."""
    by_status: dict[str, list[dict[str, Any]]] = {}
    for fact in facts:
        by_status.setdefault(fact["status"], []).append(fact)
    conflicts = by_status.get("conflicting", [])
    disputed = by_status.get("disputed", [])
    updated = by_status.get("updated", [])
    agreed = sorted(by_status.get("corroborated", []), key=lambda f: (-f["independent_sources"], -f["salience"]))
    exclusives = by_status.get("exclusive", [])
    conflict_lines = [f"{f['label']}: {_who_says(f)}" for f in conflicts[:MAX_ITEMS]]
    dispute_lines = [f"{_short(f['label'])}: {_dispute(f)}" for f in disputed[:MAX_ITEMS]]
    update_lines = [f"{f['label']}: {_timeline(f)}" for f in updated[:MAX_ITEMS]]
    agreed_lines = [f"{_short(f['label'])} — {f['independent_sources']} independent sources"
                    + (f", all on the word of {f['one_claimant']}" if f.get("one_claimant") else "")
                    for f in agreed[:MAX_ITEMS]]
    drift = [q for q in quotes if q["wording_changed"]]
    drift_lines = []
    for quote in drift[:MAX_ITEMS]:
        key = [c for c in quote["changes"] if c["key"]]
        change = next((c for c in key if c["from"] and c["to"]), key[0])
        drift_lines.append(f"{quote['speaker'] or 'Unattributed'}: {_drift(quote, change)}")
    independent = int(independence.get("independent_sources", len(sources)))
    head = (f"{_n(len(sources), 'source')} compared ({independent} independent): "
            f"{_n(len(agreed), 'fact')} corroborated, {len(conflicts)} in conflict, {len(disputed)} disputed, "
            f"{len(updated)} updated over time, {len(exclusives)} reported by one source only, "
            f"{_n(len(drift), 'quotation')} worded differently.")
    occasions = occasions or []
    if len(occasions) > 1:
        head += (f" The articles report {len(occasions)} occasions ("
                 + "; ".join(f"{_days(o)}: {_n(len(o['articles']), 'article')}" for o in occasions)
                 + "): figures of different occasions are not set against each other.")
    parts = [head]
    for title, lines in (("Conflicts", conflict_lines), ("Disputes", dispute_lines), ("Updates", update_lines),
                         ("Agreed", agreed_lines), ("Quote wording", drift_lines)):
        if lines:
            parts.append(f"{title} — " + "; ".join(lines) + ".")
    return {"text": " ".join(parts), "headline": head, "agreed": agreed_lines, "conflicts": conflict_lines,
            "disputes": dispute_lines, "updates": update_lines, "quote_drift": drift_lines,
            "counts": {"sources": len(sources), "independent_sources": independent,
                       "corroborated": len(agreed), "conflicting": len(conflicts), "disputed": len(disputed),
                       "updated": len(updated), "exclusive": len(exclusives), "quotes_shared": len(quotes),
                       "quotes_reworded": len(drift), "occasions": len(occasions)}}


def _drift(quote: dict[str, Any], change: dict[str, Any]) -> str:
    """How a quotation's wording changed, with who printed what: '“@michaelsheen” (www.eonline.com) →
    “Michael Sheen and” (www.thesun.co.uk)' (a tweet as posted and The Sun's version of it, unannotated
    Giveme5W1H event 56): the reference's words and outlet, then the words and outlets of the variants that
    change them, not every outlet that printed the quotation; words one outlet leaves out or adds inside the
    quotation; and, for one said in other words (joined by meaning), the two wordings side by side, since a word
    diff of a paraphrase shows nothing a reader can use."""
    reference = next((v for v in quote["variants"] if v.get("is_reference")), None)
    where = f" ({reference['source']})" if reference else ""
    changed = [v for v in quote["variants"] if not v.get("is_reference")
               and any(c["from"] == change["from"] and c["to"] == change["to"] for c in v["changes"])]
    outlets = ", ".join(sorted({v["source"] for v in changed})) or ", ".join(quote["sources"])
    if quote.get("match") == "meaning" and reference is not None and changed and _reworded(changed[0]):
        variant = changed[0]["quote"]
        same = ", ".join(sorted({v["source"] for v in changed if v["quote"] == variant}))
        return f"reworded: “{_short(reference['quote'])}”{where} / “{_short(variant)}” ({same})"
    if not change["to"]:
        return f"“{change['from']}”{where} left out ({outlets})"
    if not change["from"]:
        return f"“{change['to']}” added ({outlets})"
    return f"“{change['from']}”{where} → “{change['to']}” ({outlets})"


def _reworded(variant: dict[str, Any]) -> bool:
    """True when fewer than half of a variant's words are the reference's (a paraphrase, not an edit)."""
    words = [len(segment["text"].split()) for segment in variant.get("segments") or []]
    equal = sum(n for n, segment in zip(words, variant.get("segments") or [], strict=True) if segment["op"] == "equal")
    return equal < sum(words) / 2


def _days(occasion: dict[str, Any]) -> str:
    """'2017-09-15', or '2016-02-07 to 2016-02-09'."""
    first, last = occasion["first_day"], occasion["last_day"]
    return first if first == last else f"{first} to {last}"
