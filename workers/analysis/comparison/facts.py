"""Facts: aligned claims with a status a fact-checker can trust, and the evidence for it.

corroborated: two or more independent sources state it; conflicting: the same quantity or statement, same
claimant level, same time, values (hedge-aware) or polarity that cannot both be true; disputed: named
claimants disagree with each other; updated: the value changes over time (a timeline, not a conflict);
exclusive: a salient claim only one independent source makes; single: otherwise.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from workers.analysis.comparison.alignment import Link
from workers.analysis.comparison.claimants import Claimant
from workers.analysis.comparison.claims import Claim
from workers.analysis.comparison.evidence import bounded
from workers.analysis.comparison.independence import Independence
from workers.analysis.comparison.numbers import Quantity, agree, comparable, same_figure, same_least_count
from workers.analysis.comparison.occasions import other_occasions
from workers.analysis.comparison.quotes import folded_words, is_negation
from workers.analysis.comparison.reprints import MIN_RUN_WORDS
from workers.analysis.comparison.timing import utc_moment

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
    """A fact being built: its claims, the links between them and, for a figure, which of each claim's
    quantities it is about (claim index -> quantity index)."""

    members: list[Claim]
    links: list[Link] = field(default_factory=list)
    quantity: dict[int, int] | None = None
    measured: bool = False  # the mapping points into each claim's measures, not its quantities

    def value_of(self, claim: Claim) -> Quantity | None:
        """The fact's quantity (or measure) as one member claim states it."""
        if self.quantity is None or claim.index not in self.quantity:
            return None
        return (claim.measures if self.measured else claim.quantities)[self.quantity[claim.index]]


_WALL_EPOCH = datetime(1970, 1, 1)


def _stamp(claim: Claim) -> tuple[float, float | None] | None:
    """The time a claim refers to as (wall-clock seconds, UTC seconds when its zone is known), None unknown."""
    when = claim.time.published
    if when is None:
        return None
    wall = (when.replace(tzinfo=None) - _WALL_EPOCH).total_seconds()  # not .timestamp(): no machine zone
    return wall, (when.timestamp() if when.tzinfo is not None else None)


def _hours_between(ta: tuple[float, float | None] | None, tb: tuple[float, float | None] | None) -> float | None:
    """Hours between two stamps; a zoned and an unzoned one are compared on the wall clock."""
    if ta is None or tb is None:
        return None
    if ta[1] is not None and tb[1] is not None:
        return abs(ta[1] - tb[1]) / 3600.0
    return abs(ta[0] - tb[0]) / 3600.0


def _apart_in_time(a: Claim, b: Claim, same_time_hours: float, hours: float | None) -> str | None:
    """Why two claims refer to different times ('20 h apart', "'so far'"), or None (`hours`: the hours
    between the times they refer to, None when unknown)."""
    if hours is not None and hours > same_time_hours:
        return f"{hours:.0f} h apart"
    marker = a.time.marker or b.time.marker
    return f"'{marker}'" if marker else None


def _figure_relation(qa: Quantity, qb: Quantity) -> tuple[bool, bool] | None:
    """For two values of one figure: (they cannot both be true, they state one figure more or less
    precisely); None when they are not set against each other (the same words, or not comparable)."""
    if qa.label == qb.label or not comparable(qa, qb):
        return None
    return not agree(qa, qb), same_least_count(qa, qb)


def _disagreement(a: Claim, b: Claim, qa: Quantity | None, qb: Quantity | None, same_time_hours: float,
                  relation: Callable[[Quantity, Quantity], tuple[bool, bool] | None],
                  hours: float | None) -> tuple[str, str] | None:
    """(kind, reason) when two claims of one fact cannot both hold as stated, else None.

    Figures: values that cannot both be true (hedge-aware) are a dispute between named claimants, an update
    when reported at different times, else a conflict; figures that differ but can both be true ("at least
    60" then "at least 84") are an update when reported at different times. Statements: one affirms what
    the other negates. (`relation`: _figure_relation or a cache of it; `hours`: the hours between the times
    the two refer to.)"""
    if other_occasions(a.occasion, b.occasion):
        return None  # reports of two occasions (a launch, and another weeks later) do not contradict each other
    if qa is not None and qb is not None:
        related = relation(qa, qb)
        if related is None:
            return None
        clash, one_figure = related
        when = _apart_in_time(a, b, same_time_hours, hours)
        if not clash and (when is None or one_figure):
            return None  # compatible, and either at one time or one figure more or less precisely stated
    elif (a.negated != b.negated and a.predicate is not None and a.predicate == b.predicate
          and opposite_statements(a, b)):
        when = _apart_in_time(a, b, same_time_hours, hours)
        if when is not None or hours is None:
            # A figure changes as a story develops; a statement told at two times with and without a negation
            # is, as read here (a negation anywhere in the sentence), rarely a change: on unannotated
            # Giveme5W1H events every such "update" was a negation elsewhere in one sentence ("It's not the
            # biggest rocket ...") or two ways to say one thing ("no planets had been detected beyond the Milky
            # Way" / "planets had only been detected within it"). Only a same-time clash counts, and the same
            # time must be known: undated ECB+ reports of a test's "results have not been released" and, a day
            # later, "results ... were released Wednesday" are a change, not a contradiction (read for the
            # README, not fitted).
            return None
    else:
        return None
    if when is not None:  # a developing story: officials revise figures, whoever gives them
        return "update", f"reported {when}: the value changed over time"
    if a.claimant.kind != "outlet" and b.claimant.kind != "outlet" and not a.claimant.same_party(b.claimant):
        return "dispute", f"{a.claimant.name} and {b.claimant.name} disagree"
    if hours is None:  # a report without a publication time: one time is assumed, not known
        return "conflict", "values that cannot both be true (when each was reported is not known: it may be a change)"
    return "conflict", "same time, values that cannot both be true"


# Share of the shorter statement's content words the other must hold for the two to be one statement said two
# ways round: all of up to four, all but one of five. A sentence's polarity is its main (content) verb's, so two
# sentences on one topic whose main verbs differ in polarity are two different statements unless their words are
# the same.
SAME_WORDS = 0.8
NEGATION_RUN = 3  # a run of this many words, a negation among them, printed alike: both claims state the negation


def opposite_statements(a: Claim, b: Claim) -> bool:
    """Whether two claims of opposite polarity say one thing two ways round ("the rules do not apply to civil
    unions" / "the rules apply to civil unions"), not two things on one topic.

    Read on BASIL (Fan et al. 2019: one event told by three US outlets), where every polarity clash between
    aligned sentences was one of these, never a contradiction: a quotation printed whole inside a longer one
    whose first clause sets the polarity ("I am strongly pro-life and I am not pro-gay marriage" / "I am not
    pro-gay marriage"); sentences on one topic with other words ("I'm looking at all options" / "I will not
    resign"); a negation placed elsewhere ("only applies to married couples, and not those in domestic
    partnerships" / "would not apply to domestic partnerships"). So the shorter's content words, the shared main
    verb's forms set aside ("resign" / "resigned": the caller has matched its lemma), must be the longer's
    (SAME_WORDS), some at least; and the affirmed claim must not print a run of the negated one's words with its
    negation in it (NEGATION_RUN). A claim cut short for display (an excerpt ending in an ellipsis) cannot be
    read whole, so it is not set against another."""
    if a.text.endswith("\u2026") or b.text.endswith("\u2026"):
        return False
    first, second = _beside_predicate(a), _beside_predicate(b)
    shorter, longer = sorted((first, second), key=len)
    if not shorter or len(shorter & longer) < SAME_WORDS * len(shorter):
        return False
    negated, affirmed = (a, b) if a.negated else (b, a)
    return not _prints_negation(_folded(negated), _folded(affirmed))


def _prints_negation(words: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether `other` holds, word for word, a run of NEGATION_RUN words of `words` with a negation in it."""
    n = NEGATION_RUN
    runs = {other[k:k + n] for k in range(len(other) - n + 1)}
    return any(words[k:k + n] in runs for k in range(len(words) - n + 1)
               if any(is_negation(w) for w in words[k:k + n]))


def _verb_forms(lemma: str) -> frozenset[str]:
    """A verb's regular forms ("resign": resigns, resigned, resigning; "close": closes, closed, closing;
    "deny": denies, denied; "stop": stopped, stopping). Irregular forms ("said") are not among them: a claim
    keeping one is read as having one more word, which only makes the two claims less alike."""
    if len(lemma) < 3:  # "be", "do", "go": irregular, and "be" + "d" is "bed"
        return frozenset({lemma} if lemma else ())
    stems = {lemma[:-1]} if lemma.endswith("e") else {lemma, lemma + lemma[-1]}  # clos-ed; stop-ped, resign-ed
    forms = {lemma, lemma + "s", lemma + "es"} | {stem + ending for stem in stems for ending in ("ed", "ing")}
    if lemma.endswith("y") and len(lemma) > 2:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    return frozenset(forms)


def _beside_predicate(claim: Claim) -> frozenset[str]:
    """The claim's content words but its main verb's regular forms (_verb_forms of its lemma)."""
    return claim.words - _verb_forms(claim.predicate or "")


def _figure_key(quantity: Quantity) -> tuple[Any, ...]:
    """What _figure_relation reads of a value."""
    return (quantity.label, quantity.value, quantity.low, quantity.high, quantity.hedge, quantity.event,
            quantity.vague, quantity.kind)


def _value_key(draft: FactDraft, claim: Claim) -> tuple[Any, ...]:
    """Claims with one key never disagree: one figure as written, or one polarity of a statement."""
    quantity = draft.value_of(claim)
    return ("figure", quantity.label) if quantity is not None else ("statement", claim.negated)


def disagreements(draft: FactDraft, members: list[Claim], independence: Independence,
                  same_time_hours: float) -> list[Disagreement]:
    """Every pair of member claims that cannot both hold as stated, classified, in member order.

    Only claims stating different values (or polarities) are paired: a fact 300 outlets report, nearly all
    at one figure, costs the pairs across its few values, not 45,000."""
    by_value: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i, claim in enumerate(members):
        if claim.role == "event":
            by_value[_value_key(draft, claim)].append(i)
    stamps = [_stamp(claim) for claim in members]
    relations: dict[tuple[tuple[Any, ...], tuple[Any, ...]], tuple[bool, bool] | None] = {}

    def relation(qa: Quantity, qb: Quantity) -> tuple[bool, bool] | None:  # one answer per two values
        key = (_figure_key(qa), _figure_key(qb))
        if key not in relations:
            relations[key] = _figure_relation(qa, qb)
        return relations[key]

    out = []
    for first, second in itertools.combinations(by_value.values(), 2):
        for i, j in itertools.product(first, second):
            i, j = min(i, j), max(i, j)
            a, b = members[i], members[j]
            if a.article_id == b.article_id and a.claimant.identity == b.claimant.identity:
                continue  # one article's own earlier and later figures: its text says which is current
            # one article's two claims are reported at one time, whether or not the article says when
            hours = 0.0 if a.article_id == b.article_id else _hours_between(stamps[i], stamps[j])
            found = _disagreement(a, b, draft.value_of(a), draft.value_of(b), same_time_hours, relation, hours)
            if found is None:
                continue
            kind, reason = found
            if kind == "conflict" and independence.dependent((a.article_id, a.start, a.end),
                                                             (b.article_id, b.start, b.end)):
                continue  # one copied text cannot contradict itself
            if draft.quantity is None:
                reason = f"one says it, the other denies it ({reason})"
            out.append(Disagreement(i, j, kind, reason))
    out.sort(key=lambda d: (d.a, d.b))
    return out


def party_of(parties: list[list[Claimant]], claimant: Claimant) -> int:
    """The index of the party (a list of claimants, first-named first) the claimant belongs to, added as a new
    party when it is not the same party (Claimant.same_party) as every claimant of one: a bare "Lang" may be
    Miabek Lang or Peter Lang, but once it joins Miabek Lang's party, Peter Lang is not of it."""
    for k, members in enumerate(parties):
        if all(member.same_party(claimant) for member in members):
            members.append(claimant)
            return k
    parties.append([claimant])
    return len(parties) - 1


def two_of_one_figure(claim: Claim, q: int) -> bool:
    """True when the claim gives the figure of its q-th quantity another value that cannot also be true, and
    no update marker says one replaced the other ("the toll rose to 59 from 50")."""
    if claim.time.marker:
        return False
    quantity = claim.quantities[q]
    return any(k != q and not other.context and same_figure(quantity, other) and not agree(quantity, other)
               for k, other in enumerate(claim.quantities))


def quantity_drafts(members: list[Claim], links: list[Link]) -> list[FactDraft]:
    """The figures a group of aligned claims states: corresponding quantities joined across claims (one per
    claim), each a draft touching two or more articles, largest first.

    A figure keeps one event: a quantity whose event is unknown joins a figure only where it corresponds
    to the figure's first quantity, so "people" cannot chain "people killed" to "people injured". A sentence
    giving one figure two values that cannot both be true ("67 sent from Microsoft, 63 sent from Amazon email
    accounts": King County prosecutors' records, via Newsweek, an unannotated Giveme5W1H event) counts
    several things: neither value joins a figure."""
    nodes = [(c, q) for c in members for q in range(len(c.quantities))
             if not c.time.context and not c.quantities[q].context and not two_of_one_figure(c, q)]
    nodes.sort(key=lambda node: node[0].quantities[node[1]].event is None)  # quantities with an event first
    figures: list[tuple[Quantity, dict[int, int]]] = []
    for claim, q in nodes:
        quantity = claim.quantities[q]
        for first, mapping in figures:
            if claim.index not in mapping and same_figure(first, quantity):
                mapping[claim.index] = q
                break
        else:
            figures.append((quantity, {claim.index: q}))
    by_claim = {c.index: c for c in members}
    drafts = []
    for _, mapping in figures:
        claims = [by_claim[i] for i in mapping]
        if len({c.article_id for c in claims}) >= 2:
            ids = set(mapping)
            drafts.append(FactDraft(claims, [lk for lk in links if lk.a in ids and lk.b in ids], mapping))
    drafts.sort(key=lambda d: -len(d.members))
    return drafts


def _label(draft: FactDraft, members: list[Claim]) -> str:
    """'people — killed' for a figure, else the representative claim's words."""
    if draft.quantity is not None:  # the most specific wording of what is counted ("tanker ship", not "ship")
        stated = [q for q in (draft.value_of(c) for c in members) if q is not None]
        quantity = max(stated, key=lambda q: (len(q.counted.split()), bool(q.event)), default=None)
        if quantity is not None and quantity.dimension:  # a measure: what it measures (or what happened), and in what
            return f"{quantity.counted or quantity.event} — {quantity.dimension}"
        if quantity is not None and (quantity.counted or quantity.event):
            return " — ".join(p for p in (quantity.counted, quantity.event) if p)
    return bounded(representative(draft, members).text, MAX_LABEL)


def representative(draft: FactDraft, members: list[Claim]) -> Claim:
    """The member whose links to other reports' members are strongest in sum: the sentence most of the fact's
    sources agree with, not merely the first published. A chained member ("The release of the Panama Papers is
    a very big deal." in a fact about who leaked the files, unannotated Giveme5W1H event 65) holds one weak link;
    the fact's own statement holds several strong ones. The first published wins a tie (and a fact without
    links: a figure's or a toll's)."""
    strength: dict[int, float] = defaultdict(float)
    group = {c.index: c.group for c in members}  # copies of one story do not vouch for each other
    for link in draft.links:
        if link.a in group and link.b in group and group[link.a] != group[link.b]:
            strength[link.a] += link.score
            strength[link.b] += link.score
    return max(members, key=lambda c: strength[c.index]) if strength else members[0]


def _value_label(draft: FactDraft, claim: Claim) -> str:
    """The value a claim states of the fact's figure, as written; its polarity when it states none: "stated", or
    "negated" for a negation as much as a denial ("I will never forget this day" denies nothing, and a value
    "denied" beside it read as if someone had)."""
    quantity = draft.value_of(claim)
    return quantity.label if quantity is not None else ("negated" if claim.negated else "stated")


def _values(draft: FactDraft, members: list[Claim]) -> list[dict[str, Any]]:
    """Members grouped by the value they state (figures), or by polarity (statements). A vague word is one value
    however it is capitalised ("Dozens injured ..." / "... injuring dozens"), labelled as first written."""
    groups: dict[str, list[int]] = defaultdict(list)
    labels: dict[str, str] = {}
    for m, claim in enumerate(members):
        if draft.quantity is None or draft.value_of(claim) is not None:  # a figure's fact lists its values only
            label = _value_label(draft, claim)
            quantity = draft.value_of(claim)
            key = label.casefold() if quantity is not None and quantity.vague else label
            labels.setdefault(key, label)
            groups[key].append(m)
    return [{"label": labels[key], "claims": ids, "sources": sorted({members[i].source for i in ids}),
             "claimants": sorted({members[i].claimant.name for i in ids})} for key, ids in groups.items()]


def _one_per_value_pair(found: list[Disagreement], draft: FactDraft, members: list[Claim]) -> list[Disagreement]:
    """The first disagreement of each kind between each two values (or polarities): which claims state each
    value is in the fact's `values`, so one pair stands for all, and a fact that 300 outlets report at three
    values lists three pairs, not tens of thousands."""
    kept: dict[tuple[frozenset[str], str], Disagreement] = {}
    for d in found:
        values = frozenset((_value_label(draft, members[d.a]), _value_label(draft, members[d.b])))
        kept.setdefault((values, d.kind), d)
    return list(kept.values())


def _rising_over_time(draft: FactDraft, members: list[Claim], same_time_hours: float) -> bool:
    """True when a figure's reports, ordered by time, never go down and span more than the same-time window:
    how a developing story's toll reads (each outlet's stamp is only roughly when its figure was current)."""
    if draft.quantity is None:
        return False
    points = []
    for claim in members:
        quantity = draft.value_of(claim)
        if quantity is None or quantity.vague or claim.role != "event" or claim.time.published is None:
            continue
        points.append((claim.time.published.replace(tzinfo=None), quantity.low if quantity.low is not None
                       else quantity.value))
    if len(points) < 2 or len({v for _, v in points}) < 2:
        return False
    points.sort()
    if (points[-1][0] - points[0][0]).total_seconds() / 3600.0 <= same_time_hours:
        return False
    return all(later >= earlier for (_, earlier), (_, later) in itertools.pairwise(points))


def has_disagreement(draft: FactDraft, independence: Independence, same_time_hours: float) -> bool:
    """True when some two claims of the draft cannot both hold as stated."""
    return bool(disagreements(draft, draft.members, independence, same_time_hours))


def build_fact(draft: FactDraft, independence: Independence, salience: float, exclusive: bool,
               same_time_hours: float) -> dict[str, Any]:
    """The public record of one fact."""
    if draft.measured:  # measures are not running totals: reports days apart refer to one time (measures.py)
        same_time_hours = math.inf
    members = sorted(draft.members, key=lambda c: (c.time.published_at or "", c.article_id, c.start))
    position = {c.index: k for k, c in enumerate(members)}
    spans = [(c.article_id, c.start, c.end) for c in members]
    components = independence.components(spans)
    component_of = {i: k for k, comp in enumerate(components) for i in comp}
    found = disagreements(draft, members, independence, same_time_hours)
    kinds = Counter(d.kind for d in found)
    independent = len(components)
    if found and _rising_over_time(draft, members, same_time_hours):
        status = "updated"
        found = [Disagreement(d.a, d.b, "update", "the figure rose as the story developed") for d in found]
    elif kinds["conflict"]:
        status = "conflicting"
    elif kinds["dispute"]:
        status = "disputed"
    elif kinds["update"]:
        status = "updated"
    elif independent >= 2:
        status = "corroborated"
    else:
        status = "exclusive" if exclusive else "single"
    claims = []
    for k, claim in enumerate(members):
        record = claim.evidence()
        record["independent_group"] = component_of[k]
        measure = draft.value_of(claim) if draft.measured else None
        if measure is not None:  # the measure the fact is about: claims' numbers otherwise hold counts only
            record["numbers"] = [*record["numbers"], measure.as_dict()]
        claims.append(record)
    timeline = []
    if status == "updated":
        for m, claim in enumerate(members):
            timeline.append({"time": claim.time.published_at or claim.time.value,
                             "value": _value_label(draft, claim), "source": claim.source, "claim": m})
        # by time, a report whose time is unknown last (it cannot open the timeline)
        instant = [utc_moment(str(step["time"]) if step["time"] else None) for step in timeline]
        timeline = [step for _, step in sorted(zip(instant, timeline, strict=True),
                                               key=lambda pair: (pair[0] is None, pair[0] or datetime.min))]
    disputes: list[dict[str, Any]] = []
    if status == "disputed":
        sides: dict[tuple[int, str], dict[str, Any]] = {}
        parties: list[list[Claimant]] = []  # outlets name one person several ways ("Mr Lang", "Miabek Lang")
        for d in found:
            if d.kind != "dispute":
                continue
            for m in (d.a, d.b):
                claim = members[m]
                quantity = draft.value_of(claim)
                value = quantity.label if quantity is not None else ("denies" if claim.negated else "states")
                party = party_of(parties, claim.claimant)
                side = sides.setdefault((party, value), {"claimant": parties[party][0].name, "value": value,
                                                         "claims": []})
                if m not in side["claims"]:
                    side["claims"].append(m)
        disputes = list(sides.values())
    return {
        "id": "", "kind": "numeric" if draft.quantity is not None else "statement",
        "label": _label(draft, members), "status": status,
        "salience": round(salience, 3), "independent_sources": independent,
        "sources": sorted({c.source for c in members}), "article_ids": sorted({c.article_id for c in members}),
        "claims": claims, "values": _values(draft, members),
        "conflicts": [{"a": d.a, "b": d.b, "kind": d.kind, "reason": d.reason}
                      for d in _one_per_value_pair(found, draft, members)],
        "disputes": disputes, "timeline": timeline, "one_claimant": one_claimant(members),
        "links": [{"a": position[link.a], "b": position[link.b], "score": round(link.score, 3),
                   "features": {k: round(v, 3) for k, v in link.features.items()}}
                  for link in draft.links if link.a in position and link.b in position],
    }


MOSTLY_QUOTED = 0.5  # share of a claim inside quotation marks from which its words are a quotation's


def _folded(claim: Claim) -> tuple[str, ...]:
    return tuple(word for word, _, _ in folded_words(claim.text))


def _prints(words: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether `other` holds `words` whole, in order (at least MIN_RUN_WORDS of them)."""
    n = len(words)
    return n >= MIN_RUN_WORDS and any(other[k:k + n] == words for k in range(len(other) - n + 1))


def one_claimant(members: list[Claim]) -> str | None:
    """The one party every claim of a fact is attributed to ("Maynard said", "according to Thane Maynard"),
    when there is one; else None (a claim in an outlet's own voice, an unnamed source, or two parties).

    Outlets that agree on what one person or body said corroborate the saying, not the thing said: a
    fact-checker traces such a fact to that one origin (a zoo director's news conference, a ministry's
    statement). A claim in an outlet's own voice whose words, whole and in order (MIN_RUN_WORDS or more), a
    claim of the fact attributed to a named party gives mostly inside quotation marks (MOSTLY_QUOTED) prints
    that party's words without saying so (a post or a statement run as text: reprints.py); it is theirs.
    Words another outlet gives in indirect speech ("the mayor said the bridge had been closed") are no
    quotation: an outlet may state the same plain fact alike.
    The name is the form most claims give (the longer on a tie)."""
    named = [c for c in members if c.claimant.kind == "named"]
    if len(members) < 2 or not named:
        return None
    if not all(a.claimant.same_party(b.claimant) for k, a in enumerate(named) for b in named[k + 1:]):
        return None
    said = [_folded(c) for c in named if c.quote_share >= MOSTLY_QUOTED]
    if any(c.claimant.kind != "outlet" or not any(_prints(_folded(c), words) for words in said)
           for c in members if c.claimant.kind != "named"):
        return None
    names = Counter(c.claimant.name for c in named)
    return max(names, key=lambda name: (names[name], len(name)))


def sort_facts(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Conflicts first, then disputes, updates, corroborated, exclusive, single; within, most sources first."""
    return sorted(facts, key=lambda f: (STATUS_ORDER[f["status"]], -f["independent_sources"], -f["salience"],
                                        f["label"]))
