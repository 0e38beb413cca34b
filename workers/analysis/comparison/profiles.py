"""Per-source profiles: coverage of the event's facts, exclusives, conflicts, attribution, furniture, reuse."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from workers.analysis.comparison.independence import Independence

EVENT_STATUSES = frozenset({"corroborated", "conflicting", "disputed", "updated", "exclusive"})


def _merged_length(spans: list[tuple[int, int]]) -> int:
    """Characters covered by possibly overlapping spans."""
    total, current_start, current_end = 0, None, None
    for start, end in sorted(spans):
        if current_end is None or start > current_end:
            if current_end is not None and current_start is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None and current_start is not None:
        total += current_end - current_start
    return total


def source_profiles(extractions: list[dict[str, Any]], facts: list[dict[str, Any]], quotes: list[dict[str, Any]],
                    independence: Independence) -> list[dict[str, Any]]:
    """One profile per source (an outlet with several articles gets one profile over all of them)."""
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for extraction in extractions:
        by_source[extraction.get("source") or extraction["article_id"]].append(extraction)
    source_of = {e["article_id"]: e.get("source") or e["article_id"] for e in extractions}
    event_facts = [f for f in facts if f["status"] in EVENT_STATUSES]
    # Indexes built once, so each profile costs what its own source reports, not the whole job.
    facts_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fact in event_facts:
        for source in fact["sources"]:
            facts_of[source].append(fact)
    quotes_of: Counter[str] = Counter(s for q in quotes for s in q["sources"])
    group_members: dict[int, set[str]] = defaultdict(set)
    for article_id in source_of:
        group_members[independence.group_of(article_id)].add(article_id)
    reused_of: dict[str, list[tuple[str, list[tuple[int, int]]]]] = defaultdict(list)
    for (article, other), spans in independence.reused.items():
        reused_of[article].append((other, spans))
    profiles: list[dict[str, Any]] = []
    for source, articles in by_source.items():
        ids = {a["article_id"] for a in articles}
        reported = facts_of[source]
        exclusives = [f["id"] for f in reported if f["status"] == "exclusive" and f["sources"] == [source]]
        conflicts = []
        for fact in reported:
            if fact["status"] not in ("conflicting", "disputed"):
                continue
            own = [k for k, c in enumerate(fact["claims"]) if c["source"] == source]
            against = _against(fact, source, set(own))
            if against:
                conflicts.append({"fact_id": fact["id"], "label": fact["label"],
                                  "value": ", ".join(sorted({v["label"] for v in fact["values"]
                                                             if set(v["claims"]) & set(own)})),
                                  "against": against})
        named = sum(1 for a in articles for x in a.get("attributions") or [] if x.get("kind") == "named")
        anonymous = sum(1 for a in articles for x in a.get("attributions") or [] if x.get("kind") == "anonymous")
        text_chars = sum(len(a.get("text") or "") for a in articles)
        removed_chars = sum(len(r.get("text") or "") for a in articles for r in a.get("removed") or [])
        reused_spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        reused_from: set[str] = set()
        for article in ids:
            for other, spans in reused_of[article]:
                if other not in ids:
                    reused_spans[article].extend(spans)
                    reused_from.add(source_of.get(other, other))
        reused_chars = sum(_merged_length(spans) for spans in reused_spans.values())
        copies = sorted({source_of[o] for a in ids for o in group_members[independence.group_of(a)]
                         if o not in ids})
        shared_quotes = quotes_of[source]
        profiles.append({
            "source": source, "article_ids": sorted(ids),
            "facts_reported": len(reported), "facts_total": len(event_facts),
            "fact_share": round(len(reported) / len(event_facts), 3) if event_facts else 0.0,
            "corroborated": sum(1 for f in reported if f["status"] == "corroborated"),
            "exclusives": exclusives, "conflicts": conflicts,
            "attributions": {"named": named, "anonymous": anonymous,
                             "anonymous_share": round(anonymous / (named + anonymous), 3)
                             if named + anonymous else 0.0},
            "quotes": sum(len(a.get("quotes") or []) for a in articles), "quotes_shared": shared_quotes,
            "words": sum(int((a.get("stats") or {}).get("words", len((a.get("text") or "").split())))
                         for a in articles),
            "furniture_share": round(removed_chars / (removed_chars + text_chars), 3)
            if removed_chars + text_chars else 0.0,
            "reused_share": round(reused_chars / text_chars, 3) if text_chars else 0.0,
            "reused_with": sorted(reused_from), "copies_of": copies,
        })
    profiles.sort(key=lambda p: (-int(p["facts_reported"]), str(p["source"])))
    return profiles


def _against(fact: dict[str, Any], source: str, own: set[int]) -> list[str]:
    """The other sources stating a value that clashes with one of this source's: the fact lists one
    disagreeing pair per two values (facts._one_per_value_pair), and `values` says who states each."""
    value_of = {m: v["label"] for v in fact["values"] for m in v["claims"]}
    clashing = {frozenset((value_of.get(c["a"]), value_of.get(c["b"]))) for c in fact["conflicts"]}
    mine = {value_of.get(m) for m in own}
    return sorted({claim["source"] for m, claim in enumerate(fact["claims"])
                   if claim["source"] != source and m not in own
                   and any(frozenset((label, value_of.get(m))) in clashing for label in mine)})
