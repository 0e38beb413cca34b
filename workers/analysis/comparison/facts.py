"""Facts: aligned claims with a status a fact-checker can trust, and the evidence for it.

corroborated: two or more independent sources state it; conflicting: the same quantity or statement, same
claimant level, same time, values (hedge-aware) or polarity that cannot both be true; disputed: named
claimants disagree with each other; updated: the value changes over time (a timeline, not a conflict);
exclusive: a salient claim only one independent source makes; single: otherwise.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from workers.analysis.comparison.alignment import Link
from workers.analysis.comparison.claims import Claim
from workers.analysis.comparison.independence import Independence
from workers.analysis.comparison.numbers import Quantity
from workers.analysis.comparison.scorer import quantity_pairs

STATUS_ORDER = {"conflicting": 0, "disputed": 1, "updated": 2, "corroborated": 3, "exclusive": 4, "single": 5}
MAX_LABEL = 160


@dataclass
class Disagreement:
    """Two claims of one fact whose values (or polarity) cannot both be true."""

    a: int  # positions in the fact's member list
    b: int
    kind: str  # "conflict" | "dispute" | "update"
    reason: str


@dataclass
class FactDraft:
    """A fact being built: its claims and what was found between them."""

    members: list[Claim]
    links: list[Link] = field(default_factory=list)


def _hours_apart(a: Claim, b: Claim) -> float | None:
    """Hours between the times two claims refer to, when both are known."""
    ta, tb = a.time.published, b.time.published
    if ta is None or tb is None:
        return None
    if (ta.tzinfo is None) != (tb.tzinfo is None):
        ta, tb = ta.replace(tzinfo=None), tb.replace(tzinfo=None)
    return abs((ta - tb).total_seconds()) / 3600.0


def _kind_of(a: Claim, b: Claim, same_time_hours: float) -> tuple[str, str]:
    """Why two claims disagree: different named claimants (dispute), different times (update), else conflict."""
    if (a.claimant.kind != "outlet" and b.claimant.kind != "outlet"
            and a.claimant.identity != b.claimant.identity):
        return "dispute", f"{a.claimant.name} and {b.claimant.name} disagree"
    hours = _hours_apart(a, b)
    if (hours is not None and hours > same_time_hours) or a.time.marker or b.time.marker:
        when = f"{hours:.0f} h apart" if hours is not None else f"'{a.time.marker or b.time.marker}'"
        return "update", f"reported {when}: the value changed over time"
    return "conflict", "same time, values that cannot both be true"


def disagreements(members: list[Claim], independence: Independence, same_time_hours: float) -> list[Disagreement]:
    """Every pair of member claims that cannot both be true, classified."""
    out = []
    for i, a in enumerate(members):
        for j in range(i + 1, len(members)):
            b = members[j]
            if a.role != "event" or b.role != "event":
                continue
            if a.article_id == b.article_id and a.claimant.identity == b.claimant.identity:
                continue  # one article's own earlier and later figures: its text says which is current
            values_clash = any(not ok and not (a.quantities[x].vague or b.quantities[y].vague)
                               for x, y, ok in quantity_pairs(a, b))
            polarity_clash = (a.negated != b.negated and a.predicate is not None and a.predicate == b.predicate
                              and not a.quantities and not b.quantities)
            if not values_clash and not polarity_clash:
                continue
            kind, reason = _kind_of(a, b, same_time_hours)
            if kind == "conflict" and independence.dependent((a.article_id, a.start, a.end),
                                                             (b.article_id, b.start, b.end)):
                continue  # one copied text cannot contradict itself
            if polarity_clash and not values_clash:
                reason = f"one says it, the other denies it ({reason})"
            out.append(Disagreement(i, j, kind, reason))
    return out


def _anchor_quantity(members: list[Claim]) -> tuple[Quantity, dict[int, int]] | None:
    """The quantity most members state, and which of each member's quantities it is."""
    best: tuple[int, Quantity, dict[int, int]] | None = None
    for m, claim in enumerate(members):
        for q in claim.quantities:
            matched = {m: claim.quantities.index(q)}
            for n, other in enumerate(members):
                if n != m:
                    for x, oq in enumerate(other.quantities):
                        if q.kind == oq.kind and ((q.head and q.head == oq.head) or (q.event and q.event == oq.event)):
                            matched[n] = x
                            break
            if best is None or len(matched) > best[0]:
                best = (len(matched), q, matched)
    if best is None or (len(members) > 1 and best[0] < 2):
        return None  # no figure that two of the claims state: the fact is the statement itself
    return best[1], best[2]


def _label(members: list[Claim], anchor: Quantity | None) -> str:
    """'people killed' for a figure, else the representative claim's words."""
    if anchor is not None and len(members) > 1 and (anchor.counted or anchor.event):
        return " — ".join(p for p in (anchor.counted, anchor.event) if p)
    text = members[0].text
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1].rsplit(" ", 1)[0] + "…"


def _values(members: list[Claim], anchor: tuple[Quantity, dict[int, int]] | None) -> list[dict[str, Any]]:
    """Members grouped by the value they state (numbers), or by polarity (statements)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for m, claim in enumerate(members):
        if anchor is not None and m in anchor[1]:
            groups[claim.quantities[anchor[1][m]].label].append(m)
        elif anchor is None:
            groups["denied" if claim.negated else "stated"].append(m)
    return [{"label": label, "claims": ids, "sources": sorted({members[i].source for i in ids}),
             "claimants": sorted({members[i].claimant.name for i in ids})} for label, ids in groups.items()]


def build_fact(draft: FactDraft, independence: Independence, salience: float, exclusive: bool,
               same_time_hours: float) -> dict[str, Any]:
    """The public record of one fact."""
    members = sorted(draft.members, key=lambda c: (c.time.published_at or "", c.article_id, c.start))
    position = {c.index: k for k, c in enumerate(members)}
    spans = [(c.article_id, c.start, c.end) for c in members]
    components = independence.components(spans)
    component_of = {i: k for k, comp in enumerate(components) for i in comp}
    found = disagreements(members, independence, same_time_hours)
    kinds = Counter(d.kind for d in found)
    independent = len(components)
    if kinds["conflict"]:
        status = "conflicting"
    elif kinds["dispute"]:
        status = "disputed"
    elif kinds["update"]:
        status = "updated"
    elif independent >= 2:
        status = "corroborated"
    else:
        status = "exclusive" if exclusive else "single"
    anchor = _anchor_quantity(members)
    claims = []
    for k, claim in enumerate(members):
        record = claim.evidence()
        record["independent_group"] = component_of[k]
        claims.append(record)
    timeline = []
    if status == "updated" and anchor is not None:
        for m in sorted(anchor[1], key=lambda m: members[m].time.published_at or ""):
            claim = members[m]
            timeline.append({"time": claim.time.published_at or claim.time.value,
                             "value": claim.quantities[anchor[1][m]].label, "source": claim.source, "claim": m})
    disputes = []
    if status == "disputed":
        sides: dict[str, dict[str, Any]] = {}
        for d in found:
            if d.kind != "dispute":
                continue
            for m in (d.a, d.b):
                claim = members[m]
                value = (claim.quantities[anchor[1][m]].label if anchor is not None and m in anchor[1]
                         else ("denies" if claim.negated else "states"))
                side = sides.setdefault(f"{claim.claimant.identity}|{value}",
                                        {"claimant": claim.claimant.name, "value": value, "claims": []})
                if m not in side["claims"]:
                    side["claims"].append(m)
        disputes = list(sides.values())
    return {
        "id": "", "kind": "numeric" if anchor is not None else "statement",
        "label": _label(members, anchor[0] if anchor else None), "status": status,
        "salience": round(salience, 3), "independent_sources": independent,
        "sources": sorted({c.source for c in members}), "article_ids": sorted({c.article_id for c in members}),
        "claims": claims, "values": _values(members, anchor),
        "conflicts": [{"a": d.a, "b": d.b, "kind": d.kind, "reason": d.reason} for d in found],
        "disputes": disputes, "timeline": timeline,
        "links": [{"a": position[link.a], "b": position[link.b], "score": round(link.score, 3),
                   "features": {k: round(v, 3) for k, v in link.features.items()}}
                  for link in draft.links if link.a in position and link.b in position],
    }


def sort_facts(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Conflicts first, then disputes, updates, corroborated, exclusive, single; within, most sources first."""
    return sorted(facts, key=lambda f: (STATUS_ORDER[f["status"]], -f["independent_sources"], -f["salience"],
                                        f["label"]))
