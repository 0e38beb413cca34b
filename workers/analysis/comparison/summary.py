"""A summary a person reads in ten seconds: key agreed facts, key conflicts, who says what."""

from __future__ import annotations

from typing import Any

MAX_ITEMS = 3


def _who_says(fact: dict[str, Any]) -> str:
    """'6 (SOFREP, Overt Defense) vs 7 (Global News)' for a fact's values."""
    return " vs ".join(f"{v['label']} ({', '.join(v['sources'])})" for v in fact["values"])


def _n(count: int, noun: str) -> str:
    """'1 fact', '3 facts'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summarize(facts: list[dict[str, Any]], quotes: list[dict[str, Any]], sources: list[str]) -> dict[str, Any]:
    """Key agreed facts, key conflicts and quote drift, as short lines and as one paragraph."""
    conflicts = [f for f in facts if f["status"] == "conflicting"]
    agreed = [f for f in facts if f["status"] == "corroborated"]
    exclusives = [f for f in facts if f["status"] == "exclusive"]
    conflicts.sort(key=lambda f: (-len(f["sources"]), f["id"]))
    agreed.sort(key=lambda f: (-f["independent_sources"], f["id"]))
    agreed_lines = [f"{f['label']}: " + "; ".join(f"{v['label']} ({', '.join(v['sources'])})" for v in f["values"])
                    + f" — {f['independent_sources']} independent sources" for f in agreed[:MAX_ITEMS]]
    conflict_lines = [f"{f['label']}: {_who_says(f)}" for f in conflicts[:MAX_ITEMS]]
    drift = [q for q in quotes if q["wording_changed"]]
    drift_lines = []
    for quote in drift[:MAX_ITEMS]:
        change = next((c for c in quote["changes"] if c["from"] and c["to"]), quote["changes"][0])
        drift_lines.append(f"{quote['speaker'] or 'Unattributed'}: “{change['from']}” → “{change['to']}” "
                           f"({', '.join(quote['sources'])})")
    head = (f"{len(sources)} sources compared: {_n(len(agreed), 'fact')} corroborated, {len(conflicts)} in "
            f"conflict, {len(exclusives)} reported by one source only, "
            f"{_n(len(drift), 'quotation')} worded differently.")
    parts = [head]
    if conflict_lines:
        parts.append("Conflicts — " + "; ".join(conflict_lines) + ".")
    if agreed_lines:
        parts.append("Agreed — " + "; ".join(agreed_lines) + ".")
    if drift_lines:
        parts.append("Quote wording — " + "; ".join(drift_lines) + ".")
    return {"text": " ".join(parts), "headline": head, "agreed": agreed_lines, "conflicts": conflict_lines,
            "quote_drift": drift_lines,
            "counts": {"sources": len(sources), "corroborated": len(agreed), "conflicting": len(conflicts),
                       "exclusive": len(exclusives), "quotes_shared": len(quotes), "quotes_reworded": len(drift)}}
