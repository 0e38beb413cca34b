"""Facts: aligned claims with their values, sources, evidence and a status (corroborated, conflicting, ...)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from workers.analysis.comparison.alignment import SPECIFIC_EVENTS, PairScore
from workers.analysis.comparison.claims import Claim
from workers.analysis.comparison.independence import Independence
from workers.analysis.comparison.numbers import intervals_compatible
from workers.analysis.comparison.statements import statements_compatible

STATUS_ORDER = {"conflicting": 0, "corroborated": 1, "exclusive": 2, "uncertain": 3, "single": 4}
# A value disagreement is reported as a conflict when both claims are salient: in the lead of their article
# or naming a decisive event (killed, wounded, shot down...). Elsewhere (background paragraphs, box scores)
# the same counted noun is too often a different quantity: the fact is "uncertain" (values differ, weakly
# aligned). Measured on Giveme5W1H: most value disagreements outside these were different quantities.
LEAD_SHARE = 0.25
LEAD_SENTENCES = 3
NOTABLE_POSITION = 0.5  # a lone claim in the first half of its article, about a central entity, is notable


def claims_agree(a: Claim, b: Claim) -> bool:
    """True when two aligned claims can both be true (hedge-aware numbers, or statement polarities)."""
    if a.kind == "numeric":
        return intervals_compatible(a.interval, b.interval)
    return statements_compatible(a.value, b.value)


def build_fact(number: int, members: list[Claim], links: dict[tuple[int, int], PairScore],
               independence: Independence, central_entities: set[str]) -> dict[str, Any]:
    """One fact record from its aligned claims and the alignment links between them."""
    members = sorted(members, key=lambda c: (c.article_id, c.evidence["start"]))
    position = {claim.index: k for k, claim in enumerate(members)}
    spans = [(c.article_id, c.evidence["start"], c.evidence["end"]) for c in members]
    components = independence.components(spans)
    component_of = {i: k for k, comp in enumerate(components) for i in comp}
    conflicts: list[dict[str, Any]] = []
    for i, a in enumerate(members):
        for j in range(i + 1, len(members)):
            b = members[j]
            if not claims_agree(a, b):
                conflicts.append({"a": i, "b": j, "reason": f"{a.label} ({a.source}) vs {b.label} ({b.source})",
                                  "independent": component_of[i] != component_of[j]})
    for conflict in conflicts:
        conflict["salient"] = _salient(members[conflict["a"]]) and _salient(members[conflict["b"]])
    in_conflict = {k for c in conflicts for k in (c["a"], c["b"])}
    values: dict[str, dict[str, Any]] = {}
    for k, claim in enumerate(members):
        entry = values.setdefault(claim.label, {"label": claim.label, "claims": [], "sources": [],
                                                "article_ids": []})
        entry["claims"].append(k)
        if claim.source not in entry["sources"]:
            entry["sources"].append(claim.source)
        entry["article_ids"].append(claim.article_id)
    independent_sources = len(components)
    notable = _notable(members, central_entities)
    if any(c["salient"] for c in conflicts):
        status = "conflicting"
    elif conflicts:
        status = "uncertain"
    elif independent_sources >= 2:
        status = "corroborated"
    else:
        status = "exclusive" if notable else "single"
    claim_rows = []
    for k, claim in enumerate(members):
        row = {**claim.evidence, "value": claim.value, "value_label": claim.label, "counted": claim.counted,
               "event": claim.event, "independent_group": component_of[k], "in_conflict": k in in_conflict}
        claim_rows.append(row)
    fact_links = [{"a": position[i], "b": position[j], "score": s.score, "counted": s.counted, "event": s.event,
                   "context": s.context, "entities": s.entities}
                  for (i, j), s in links.items()]
    first = members[0]
    return {
        "id": f"f{number}", "kind": first.kind, "label": _label(members),
        "counted": Counter(c.counted.lower() for c in members).most_common(1)[0][0],
        "event": _common_event(members), "status": status, "notable": notable,
        "independent_sources": independent_sources,
        "sources": sorted({c.source for c in members}), "article_ids": sorted({c.article_id for c in members}),
        "values": list(values.values()), "claims": claim_rows, "conflicts": conflicts, "links": fact_links,
    }


def _salient(claim: Claim) -> bool:
    """In the lead of its article, or about a decisive event: a place where a disagreement matters."""
    in_lead = claim.position <= LEAD_SHARE or claim.sentence_index < LEAD_SENTENCES
    return in_lead or claim.event_class in SPECIFIC_EVENTS or claim.kind == "statement"


def _notable(members: list[Claim], central_entities: set[str]) -> bool:
    """Worth reporting even from one source: a casualty/decisive event, or early and about the main actors."""
    if any(c.event_class in SPECIFIC_EVENTS for c in members):
        return True
    return any(c.position <= NOTABLE_POSITION and c.entities & central_entities for c in members)


def _common_event(members: list[Claim]) -> str | None:
    """The event word most claims use, if any does."""
    events = Counter((c.event or "").lower() for c in members if c.event)
    return events.most_common(1)[0][0] if events else None


EVENT_LABELS = {"injure": "wounded/injured", "kill": "killed", "shoot_down": "shot down", "arrest": "arrested",
                "evacuate": "evacuated", "rescue": "rescued", "missing": "missing"}


def _label(members: list[Claim]) -> str:
    """A short human label: 'security guards — wounded/injured', 'al-Kadhimi — harmed?'."""
    if members[0].kind == "statement":
        names = Counter(c.counted for c in members).most_common()
        return f"{max((n for n, _ in names[:2]), key=len)} — harmed?"
    counted = Counter(c.counted.lower() for c in members).most_common(1)[0][0]
    classes = Counter(c.event_class for c in members if c.event_class in EVENT_LABELS)
    event = EVENT_LABELS[classes.most_common(1)[0][0]] if classes else _common_event(members)
    return f"{counted} — {event}" if event else counted


def sort_facts(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Conflicts first, then corroborated facts, then exclusives; wider coverage first within each."""
    facts.sort(key=lambda f: (STATUS_ORDER.get(f["status"], 9), -f["independent_sources"], -len(f["sources"]),
                              f["label"]))
    return facts
