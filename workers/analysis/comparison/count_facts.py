"""Facts about counts of what happened (people killed, injured, arrested, evacuated): one figure two or more
independent sources state alike, wherever it stands in their articles.

Sentences are aligned as wholes, so a toll said in passing in a sentence about something else ("from his
window on the 32nd floor he unleashed a barrage of gunfire that killed 59 people") is aligned with that
something else, not with another outlet's "At least 59 are dead" (Las Vegas shooting, Oct. 2017, Giveme5W1H
tuning half): the toll both state never meets. A count of one event class, of one counted noun, agreed by
independent sources on one occasion is a fact of its own, as measures are (comparison.measure_facts).
Only the value most independent sources agree on makes such a fact here: counts that differ may be of
different incidents of a story (two attacks, a subset, a past attack recalled) that only aligned sentences
can tell apart, so they stay with their sentences' facts, which say whether a toll changed or conflicts.
"""

from __future__ import annotations

from collections import defaultdict

from workers.analysis.comparison.claims import Claim
from workers.analysis.comparison.facts import FactDraft, two_of_one_figure
from workers.analysis.comparison.independence import Independence
from workers.analysis.comparison.measure_facts import Entry, split_by_occasion
from workers.analysis.comparison.numbers import intervals_compatible
from workers.analysis.numbers import EVENT_CLASSES

_CLASSES = frozenset(EVENT_CLASSES.values())


def _countable(claim: Claim, q: int) -> bool:
    quantity = claim.quantities[q]
    return (quantity.kind == "count" and not quantity.vague and not quantity.context and not quantity.part
            and quantity.event in _CLASSES and not two_of_one_figure(claim, q))


def _slots(claims: list[Claim]) -> dict[tuple[str, str, str], list[Entry]]:
    """Each (event class, counted noun, holder) slot's counts, one per claim, from claims about the story's own time
    without an update marker. A count without its noun ("at least 59 are dead") joins its event's one
    counted noun when the job names only one for that event, and stays out otherwise."""
    entries = [(claim, q) for claim in claims if claim.role == "event" and not claim.time.marker
               for q in range(len(claim.quantities)) if _countable(claim, q)]
    heads: dict[str, set[str]] = defaultdict(set)
    for claim, q in entries:
        if claim.quantities[q].head:
            heads[str(claim.quantities[q].event)].add(claim.quantities[q].head)
    slots: dict[tuple[str, str, str], list[Entry]] = defaultdict(list)
    seen: set[tuple[int, str, str]] = set()
    for claim, q in entries:
        quantity = claim.quantities[q]
        event = str(quantity.event)
        head = quantity.head or (next(iter(heads[event])) if len(heads[event]) == 1 else "")
        if head and (claim.index, event, head) not in seen:  # one count of a slot per claim
            seen.add((claim.index, event, head))
            # two named holders' counts are two figures ("Turkey arrested 12", "Greece arrested 12")
            slots[(event, head, quantity.holder)].append((claim, q))
    # a count naming no holder ("At least 59 are dead") is one of the one holder the job names for it ("he
    # unleashed a barrage of gunfire that killed 59 people"), and stays apart when it names two or more
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event, head, holder in slots:
        if holder:
            holders[(event, head)].append(holder)
    for (event, head), named in holders.items():
        if len(named) == 1 and (event, head, "") in slots:
            slots[(event, head, named[0])].extend(slots.pop((event, head, "")))
    return slots


def _agreeing_sets(occasion: list[Entry]) -> list[list[Entry]]:
    """The occasion's counts in sets whose values can all be true together: exact values first, each joining
    the first set it agrees with every member of (so "14" and "15" never share one); then hedged values ("at
    least 14", which agrees with both), each joining the largest set it agrees with every member of. Entries
    are taken by value, then article and offset, so the sets do not depend on the order of the articles."""
    ordered = sorted(occasion, key=lambda e: (e[0].quantities[e[1]].hedge != "exact", e[0].quantities[e[1]].value,
                                              e[0].article_id, e[0].start))
    sets: list[list[Entry]] = []
    common: list[tuple[float, float]] = []  # each set's common interval: on a line, intervals that meet two by
    for entry in ordered:                    # two all share one point (Helly), so one test stands for all pairs
        value = entry[0].quantities[entry[1]]
        low, high = value.interval
        fits = [n for n, shared in enumerate(common) if intervals_compatible((low, high), shared)]
        home = (fits[0] if fits else None) if value.hedge == "exact" else max(fits, key=lambda n: len(sets[n]),
                                                                               default=None)
        if home is None:
            sets.append([entry])
            common.append((low, high))
        else:
            sets[home].append(entry)
            common[home] = (max(common[home][0], low), min(common[home][1], high))
    return sets


def count_drafts(claims: list[Claim], independence: Independence, group_of: dict[int, int]) -> list[FactDraft]:
    """For each slot and occasion, a draft of the value more independent sources state than any other
    (hedge-aware: "at least 59" and "59" are one value), when two or more do and no aligned group (group_of:
    claim index -> group) already holds it from all of them. Other values of the slot (an earlier toll, a figure
    of another incident the story recalls: "New York immigrant center: 13 dead" in a list of past shootings) are
    left to their sentences' facts."""
    drafts = []
    for entries in _slots(claims).values():
        for occasion in split_by_occasion(entries):
            counted = sorted(((_reports(s, independence), s) for s in _agreeing_sets(occasion)), key=lambda t: -t[0])
            if not counted or counted[0][0] < 2 or (len(counted) > 1 and counted[1][0] == counted[0][0]):
                continue
            reports, agreeing = counted[0]
            by_group: dict[int, list[Entry]] = defaultdict(list)
            for entry in agreeing:
                by_group[group_of[entry[0].index]].append(entry)
            if any(_reports(held, independence) == reports for held in by_group.values()):
                continue  # the sentences stating it were aligned: their fact already shows the agreement
            first: dict[str, Entry] = {}  # one statement per article: an article repeating its toll (a caption
            for claim, q in sorted(agreeing, key=lambda e: e[0].start):  # under each photo) says it once
                first.setdefault(claim.article_id, (claim, q))
            best = list(first.values())
            drafts.append(FactDraft([claim for claim, _ in best], [], {claim.index: q for claim, q in best}))
    return drafts


def _reports(entries: list[Entry], independence: Independence) -> int:
    """How many independent reports the entries' claims are."""
    return independence.count([(c.article_id, c.start, c.end) for c, _ in entries])
