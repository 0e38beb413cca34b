"""Facts about measures: a measured slot (what is measured, in which dimension; comparison.measures) where
independent sources state values that cannot both be true at one time. The sentences holding them need not be
aligned: "The 181-kg gorilla picked the boy up" and "a 3-year-old got into the enclosure of a 450-pound
gorilla" (Cincinnati Zoo, May 2016, Giveme5W1H tuning half) say different things of one gorilla's weight."""

from __future__ import annotations

from collections import defaultdict

from workers.analysis.comparison.claims import Claim
from workers.analysis.comparison.facts import FactDraft
from workers.analysis.comparison.independence import Independence
from workers.analysis.comparison.measures import comparable, verb_measure
from workers.analysis.comparison.numbers import Quantity, agree
from workers.analysis.comparison.occasions import day_of, other_occasions
from workers.analysis.union_find import UnionFind
from workers.analysis.units import AGE


def dated_apart(a: Claim, b: Claim) -> bool:
    """True when two claims may be about different occasions: each sentence names its own, different day, or
    their articles report different occasions (occasions.other_occasions: a missile test two weeks after
    another, reported in one job, measures another missile)."""
    day_a = day_of(a.time.value) if a.time.basis == "text" else None
    day_b = day_of(b.time.value) if b.time.basis == "text" else None
    if day_a is not None and day_b is not None and day_a != day_b:
        return True
    return other_occasions(a.occasion, b.occasion)


Entry = tuple[Claim, int]  # a claim and the index of one of its measures


VERB = "verb:"  # the slot key of a verb's measures ("verb:fall"), apart from nouns' ("gorilla")


def _slots(claims: list[Claim]) -> dict[tuple[str, str], list[Entry]]:
    """Each comparable slot's measures (every one, so a sentence may give two), from claims about the story's
    own time without an update marker: a noun's measures by the noun, a verb's by the verb
    (measures.verb_measure)."""
    slots: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for claim in claims:
        if claim.role != "event" or claim.time.marker:
            continue
        for q, measure in enumerate(claim.measures):
            if measure.context:
                continue
            if comparable(measure):
                slot = (measure.dimension, measure.counted)
            elif verb_measure(measure):
                slot = (measure.dimension, VERB + str(measure.event))
            else:
                continue
            slots[slot].append((claim, q))
    return slots


def several_things(entries: list[Entry]) -> bool:
    """True when one independent report gives the slot two values that cannot both be true: it speaks of two
    things ("a 48-yard run" and, later, "a 1-yard run": a game has many runs), and values other outlets give
    may be of either."""
    by_group: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_group[entry[0].group].append(entry)
    return any(not agree(a.measures[qa], b.measures[qb]) for members in by_group.values()
               for k, (a, qa) in enumerate(members) for b, qb in members[k + 1:])


def _one_per_claim(entries: list[Entry]) -> list[Entry]:
    """The first measure of the slot each claim gives."""
    first: dict[int, Entry] = {}
    for entry in entries:
        first.setdefault(entry[0].index, entry)
    return list(first.values())


def related_parts(entries: list[Entry], related: set[tuple[int, int]]) -> list[list[Entry]]:
    """The entries joined through related sentences (pairs of claim indices, low index first), parts of two
    or more: a verb says what happened, not to what, so only sentences the scorer relates are taken to tell
    of one happening."""
    union = UnionFind()
    for k, (a, _) in enumerate(entries):
        union.find(k)
        for m, (b, _) in enumerate(entries[:k]):
            if _pair(a, b) in related:
                union.union(k, m)
    parts: dict[int, list[Entry]] = defaultdict(list)
    for k, entry in enumerate(entries):
        parts[union.find(k)].append(entry)
    return [part for part in parts.values() if len(part) > 1]


def central_nouns(claims: list[Claim], independence: Independence) -> set[str]:
    """Nouns that at least half of the job's independent sources (two at least) use: what the story is about."""
    groups: dict[str, set[int]] = defaultdict(set)
    for claim in claims:
        for word in claim.words:
            groups[word].add(claim.group)
    sources = len({claim.group for claim in claims})
    need = max(2, (sources + 1) // 2)
    return {word for word, members in groups.items() if len(members) >= need}


def _when(claim: Claim) -> tuple[object, object]:
    """All dated_apart reads of a claim: the day its sentence names, and its article's own day."""
    return (day_of(claim.time.value) if claim.time.basis == "text" else None), claim.occasion


def split_by_occasion(entries: list[Entry]) -> list[list[Entry]]:
    """The slot's measures split by occasion: an entry joins the first group none of whose members it is
    dated apart from (each group is asked once per distinct day and occasion among its members, so a slot
    300 outlets report costs a few checks per entry, not 300)."""
    occasions: list[tuple[list[Entry], dict[tuple[object, object], Claim]]] = []
    for entry in entries:
        home = next((group for group in occasions
                     if not any(dated_apart(entry[0], other) for other in group[1].values())), None)
        if home is None:
            occasions.append(([entry], {_when(entry[0]): entry[0]}))
        else:
            home[0].append(entry)
            home[1].setdefault(_when(entry[0]), entry[0])
    return [members for members, _ in occasions]


Stated = dict[tuple[str, str], list[Quantity]]  # (article, dimension) -> the article's own-time measures


def stated_measures(claims: list[Claim]) -> Stated:
    """Every measure each article states about the story's own time, by dimension (those of other nouns
    included; an earlier time's are left out: "in 2019 a 40-tonne crane toppled" says nothing of today's)."""
    stated: Stated = defaultdict(list)
    for claim in claims:
        for measure in claim.measures:
            if not measure.context:
                stated[(claim.article_id, measure.dimension)].append(measure)
    return stated


def states_also(article_id: str, measure: Quantity, stated: Stated) -> bool:
    """Whether the article states, somewhere, the measure's value itself: a bounded value of the same dimension
    lying within the measure's interval. A hedge or a range that merely overlaps it ("more than 30 tonnes",
    "10 to 50 tonnes" against "40-tonne") does not give that value, and a wide one would otherwise silence
    every clash."""
    low, high = measure.interval
    return any(low <= own.interval[0] and own.interval[1] <= high
               for own in stated.get((article_id, measure.dimension), ()))


def _clash(a: Entry, b: Entry, independence: Independence, stated: Stated) -> bool:
    """Two independent reports of one slot whose values cannot both be true, neither report stating the
    other's value itself (`stated`: stated_measures): an outlet that writes both figures contradicts neither.
    "Roethlisberger connected with Justin Hunter on a 5-yard touchdown pass" against "connecting with Justin
    Hunter for a five-yard score in the first and an 18-yard pass" (unannotated Giveme5W1H event 13): the
    second outlet gives the 5 yards too, under another noun; the 18-yard pass is another pass."""
    (ca, qa), (cb, qb) = a, b
    ma, mb = ca.measures[qa], cb.measures[qb]
    if ca.article_id == cb.article_id or agree(ma, mb):
        return False
    if independence.dependent((ca.article_id, ca.start, ca.end), (cb.article_id, cb.start, cb.end)):
        return False
    return not (states_also(cb.article_id, ma, stated) or states_also(ca.article_id, mb, stated))


# Named things whose difference says two sentences speak of two instances of one noun (a player, a team, a town)
ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def other_actors(a: Claim, b: Claim, central: set[str]) -> bool:
    """True when both sentences name people, organisations or places, none in common, and one of them is not
    what the story is about (`central`: entities most sources name): "Pittsburgh added a 36-yard field goal" and
    "Jake Elliott made a 48-yard field goal to put his Philadelphia Eagles ahead" (a roundup's other game;
    unannotated Giveme5W1H event 13) are two kicks, while "a 450-pound gorilla at the Cincinnati Zoo" and "the
    gorilla named Harambe" name the story's own zoo and gorilla."""
    named_a = {e for e, label in a.entity_labels.items() if label in ACTORS}
    named_b = {e for e, label in b.entity_labels.items() if label in ACTORS}
    return bool(named_a and named_b and not named_a & named_b and (named_a | named_b) - central)


def _any_clash(entries: list[Entry], independence: Independence, stated: Stated,
               related: set[tuple[int, int]] | None = None, central: set[str] | None = None) -> bool:
    """Whether two of the entries clash (two whose claims `related` joins directly, when given; never two about
    other actors, when `central` is given: other_actors); only entries stating different values are paired
    (one value stated by all is no clash, and costs nothing)."""
    by_value: dict[tuple[object, ...], list[Entry]] = defaultdict(list)
    for claim, q in entries:
        measure = claim.measures[q]
        by_value[(measure.interval, measure.vague)].append((claim, q))
    values = list(by_value.values())
    return any(_clash(a, b, independence, stated) and (related is None or _pair(a[0], b[0]) in related)
               and (central is None or not other_actors(a[0], b[0], central))
               for k, first in enumerate(values) for second in values[k + 1:] for a in first for b in second)


def _all_agree(entries: list[Entry]) -> bool:
    """Whether every two of the entries' values can both be true (each distinct value compared once): values
    that differ but were not set against each other (other_actors) make no agreement either."""
    values = list({(m.interval, m.vague): m for m in (claim.measures[q] for claim, q in entries)}.values())
    return all(agree(a, b) for k, a in enumerate(values) for b in values[k + 1:])


def _pair(a: Claim, b: Claim) -> tuple[int, int]:
    """The two claims' indices, low first (the form of `related`)."""
    return min(a.index, b.index), max(a.index, b.index)


def measure_drafts(claims: list[Claim], independence: Independence,
                   related: set[tuple[int, int]] | None = None, central: set[str] | None = None) -> list[FactDraft]:
    """For each slot and each occasion of it: a draft when two independent sources state values that cannot
    both be true of a noun the story is about (central_nouns: "a 6-foot man" in one corner of a story may be
    another man than "a 5-foot man"), or when two or more independent sources state values that agree ("the
    40-tonne truck" / "a truck of 40 tonnes": one value twice is evidence enough of one thing). Claims about an
    earlier time or carrying an update marker ("so far") take no part. A verb's measures make a draft only
    when two sentences `related` joins directly clash (with the sentences related to them: related_parts): two
    outlets saying the boy "fell 10 to 12 feet" and "fell 15ft" (none without `related`). A slot one report
    gives two clashing values of makes no draft (several_things); two values clash only between sentences not
    about other actors (other_actors, given the job's `central` entities). Ages make agreeing drafts only (AGE)."""
    central = central_nouns(claims, independence)
    stated = stated_measures(claims)
    drafts = []
    for (dimension, noun), entries in _slots(claims).items():
        if noun.startswith(VERB):
            for part in related_parts(entries, related or set()):
                for occasion in split_by_occasion(part):
                    if several_things(occasion):
                        continue
                    occasion = _one_per_claim(occasion)
                    if _any_clash(occasion, independence, stated, related or set(), central):
                        drafts.append(FactDraft([claim for claim, _ in occasion], [],
                                                {claim.index: q for claim, q in occasion}, measured=True))
            continue
        for occasion in split_by_occasion(entries):
            if several_things(occasion):
                continue
            occasion = _one_per_claim(occasion)
            clashing = _any_clash(occasion, independence, stated, central=central)
            if clashing and (noun not in central or dimension == AGE):
                continue  # an age agrees, never clashes: "a 23-year-old man was shot" and "police arrested a
                # 45-year-old man" are two men, and nothing here tells one man of a story from another
            reports = independence.count([(c.article_id, c.start, c.end) for c, _ in occasion])
            if clashing or (_all_agree(occasion) and reports >= 2):
                drafts.append(FactDraft([claim for claim, _ in occasion], [],
                                        {claim.index: q for claim, q in occasion}, measured=True))
    return drafts
