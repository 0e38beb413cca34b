"""Claims from different articles aligned into facts: blocking, pair scores, constrained greedy clustering.

Blocking: claims meet only when they share what is counted (head noun or synonym class). A block too big
to compare all pairs (many events mixed in one job) is split by its claims' entities and rarest context
words, and sub-blocks that are still too big are dropped (block purging), so the number of scored pairs
stays linear in the number of claims and the whole stage is dominated by sorting the pairs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from workers.analysis.comparison.claims import Claim
from workers.analysis.comparison.independence import UnionFind
from workers.analysis.comparison.numbers import intervals_compatible
from workers.analysis.comparison.textual import context_similarity

MAX_BLOCK = 40  # claims per block compared all-pairs
SECONDARY_KEYS = 4  # rarest context words per claim used to split an oversized block
ALIGN_THRESHOLD = 0.55
# Merging two groups whose values disagree (a conflict in the making) needs more: the average score over all
# cross pairs, not the single best link, so a conflict never rests on a chain of loose links.
CONFLICT_MERGE_THRESHOLD = 0.58
# Events that pin down what happened: two different ones are never the same fact.
SPECIFIC_EVENTS = frozenset({"injure", "kill", "shoot_down", "arrest", "evacuate", "rescue", "missing", "hit"})


@dataclass(frozen=True)
class PairScore:
    """Why two claims were (or were not) put in one fact."""

    score: float
    counted: float
    event: float
    context: float
    entities: float


# Events that count a part of a larger whole (drones shot down / drones that hit, of all drones launched): a
# claim naming one is never the same fact as a claim naming no event.
SUBSET_EVENTS = frozenset({"shoot_down", "hit", "arrest", "evacuate", "rescue", "missing"})


def events_clash(a: str | None, b: str | None) -> bool:
    """True when the claims name distinct events (wounded vs killed, shot down vs none): never one fact."""
    if a == b:
        return False
    if a is None or b is None:
        return (a or b) in SUBSET_EVENTS
    return a in SPECIFIC_EVENTS or b in SPECIFIC_EVENTS


def score_pair(a: Claim, b: Claim) -> PairScore:
    """How likely two claims report the same quantity of the same thing (0..1) and its parts."""
    if a.kind != b.kind or events_clash(a.event_class, b.event_class):
        return PairScore(0.0, 0.0, 0.0, 0.0, 0.0)
    shared = a.keys & b.keys
    if any(k.startswith("w:") for k in shared):
        counted = 1.0
    elif shared:
        counted = 0.85
    else:
        return PairScore(0.0, 0.0, 0.0, 0.0, 0.0)
    if a.event_class is None and b.event_class is None:
        event = 0.6
    elif a.event_class is None or b.event_class is None:
        # One names a decisive event the other does not ("one drone struck" vs "three drones"): weak evidence.
        specific = a.event_class in SPECIFIC_EVENTS or b.event_class in SPECIFIC_EVENTS
        event = 0.3 if specific else 0.5
    else:
        event = 1.0 if a.event_class == b.event_class else 0.3
    context = context_similarity(a.context, b.context)
    union = a.entities | b.entities
    entities = len(a.entities & b.entities) / len(union) if union else 0.3
    score = 0.30 * counted + 0.20 * event + 0.35 * context + 0.15 * entities
    return PairScore(round(score, 4), counted, event, round(context, 4), round(entities, 4))


def candidate_pairs(claims: list[Claim]) -> set[tuple[int, int]]:
    """Pairs of claims from different articles that share a block (see module docstring)."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for claim in claims:
        for key in claim.keys:
            blocks[f"{claim.kind}|{key}"].append(claim.index)
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        if len(members) <= MAX_BLOCK:
            _add_all_pairs(pairs, members, claims)
            continue
        for sub in _split_block(key, members, claims).values():
            if len(sub) <= MAX_BLOCK:
                _add_all_pairs(pairs, sub, claims)
    return pairs


def _split_block(key: str, members: list[int], claims: list[Claim]) -> dict[str, list[int]]:
    """Sub-blocks of an oversized block keyed by shared entities and each claim's rarest context words."""
    frequency: Counter[str] = Counter()
    for index in members:
        frequency.update(claims[index].context_words)
    sub: dict[str, list[int]] = defaultdict(list)
    for index in members:
        claim = claims[index]
        for entity in claim.entities:
            sub[f"e:{entity}"].append(index)
        rare = sorted((w for w in claim.context_words if frequency[w] > 1), key=lambda w: (frequency[w], w))
        for word in rare[:SECONDARY_KEYS]:
            sub[f"t:{word}"].append(index)
    return sub


def _add_all_pairs(pairs: set[tuple[int, int]], members: Iterable[int], claims: list[Claim]) -> None:
    """Every cross-article pair within one block."""
    ordered = sorted(set(members))
    for position, i in enumerate(ordered):
        article = claims[i].article_id
        for j in ordered[position + 1:]:
            if claims[j].article_id != article:
                pairs.add((i, j))


def _groups_clash(a: set[str], b: set[str]) -> bool:
    """True when any event named in one group clashes with one named in the other."""
    return any(events_clash(None if x == "none" else x, None if y == "none" else y) for x in a for y in b)


MAX_CROSS_PAIRS = 64  # cross pairs averaged when two big groups meet (the first ones, deterministic)


def _conflict_merge_allowed(left: list[int], right: list[int], claims: list[Claim],
                            known: dict[tuple[int, int], float]) -> bool:
    """True unless merging would create a value conflict that the average cross-pair score does not carry."""
    if not any(not intervals_compatible(claims[i].interval, claims[j].interval) for i in left for j in right):
        return True
    scores = []
    for i in left:
        for j in right:
            key = (min(i, j), max(i, j))
            if key not in known:
                known[key] = score_pair(claims[key[0]], claims[key[1]]).score
            scores.append(known[key])
            if len(scores) >= MAX_CROSS_PAIRS:
                break
        if len(scores) >= MAX_CROSS_PAIRS:
            break
    return sum(scores) / len(scores) >= CONFLICT_MERGE_THRESHOLD


def align(claims: list[Claim], threshold: float = ALIGN_THRESHOLD
          ) -> tuple[list[list[int]], dict[tuple[int, int], PairScore], int]:
    """Claims grouped into facts (lists of claim indexes) and the scores of the links that made them.

    Greedy agglomeration from the best-scored pair down; two groups merge only if they share no article
    (one article reports one value per fact) and name no clashing events. Also returns how many candidate
    pairs blocking produced (the work done).
    """
    scored = []
    candidates = candidate_pairs(claims)
    known: dict[tuple[int, int], float] = {}
    for i, j in candidates:
        pair = score_pair(claims[i], claims[j])
        known[(min(i, j), max(i, j))] = pair.score
        if pair.score >= threshold:
            scored.append((pair.score, i, j, pair))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    union = UnionFind()
    articles: dict[int, set[str]] = {c.index: {c.article_id} for c in claims}
    events: dict[int, set[str]] = {c.index: {c.event_class or "none"} for c in claims}
    members: dict[int, list[int]] = {c.index: [c.index] for c in claims}
    refused: set[tuple[int, int, int, int]] = set()
    for claim in claims:
        union.find(claim.index)
    links: dict[tuple[int, int], PairScore] = {}
    for _, i, j, pair in scored:
        ri, rj = union.find(i), union.find(j)
        if ri == rj:
            links[(i, j)] = pair
            continue
        if articles[ri] & articles[rj] or _groups_clash(events[ri], events[rj]):
            continue
        # A refused merge stays refused while neither group changes: remember it by roots and sizes.
        attempt = (ri, rj, len(members[ri]), len(members[rj]))
        if attempt in refused:
            continue
        if not _conflict_merge_allowed(members[ri], members[rj], claims, known):
            refused.add(attempt)
            continue
        root = union.union(ri, rj)
        other = rj if root == ri else ri
        articles[root] |= articles.pop(other)
        events[root] |= events.pop(other)
        members[root] = members[ri] + members[rj] if root == ri else members[rj] + members[ri]
        members.pop(other)
        links[(i, j)] = pair
    groups: dict[int, list[int]] = defaultdict(list)
    for claim in claims:
        groups[union.find(claim.index)].append(claim.index)
    return list(groups.values()), links, len(candidates)
