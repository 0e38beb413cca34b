"""Facts about measures: a measured slot (what is measured, in which dimension; comparison.measures) where
independent sources state values that cannot both be true at one time. The sentences holding them need not be
aligned: "The 181-kg gorilla picked the boy up" and "a 3-year-old got into the enclosure of a 450-pound
gorilla" (Cincinnati Zoo, May 2016, Giveme5W1H tuning half) say different things of one gorilla's weight."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from workers.analysis.comparison.claims import Claim
from workers.analysis.comparison.facts import FactDraft
from workers.analysis.comparison.independence import Independence
from workers.analysis.comparison.measures import comparable
from workers.analysis.comparison.numbers import agree

# Two days whose stories may be one: a report dated "Saturday" and one "Sunday" across a night or time zones.
STORY_DAY_SLACK = 1


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def story_days(claims: list[Claim]) -> dict[str, date]:
    """Each article's own day: the day its sentences about the story name most often (two at least), when
    they name one. Publication stamps are not used: a measure is not a running total (comparison.measures),
    and crawled stamps can be days or years off; the days a text names say which occasion it reports."""
    named: dict[str, Counter[date]] = defaultdict(Counter)
    for claim in claims:
        day = _day(claim.time.value) if claim.time.basis == "text" and claim.role == "event" else None
        if day is not None:
            named[claim.article_id][day] += 1
    out = {}
    for article_id, days in named.items():
        day, count = days.most_common(1)[0]
        if count >= 2:
            out[article_id] = day
    return out


def dated_apart(a: Claim, b: Claim, days: dict[str, date]) -> bool:
    """True when two claims may be about different occasions: each sentence names its own, different day, or
    their articles' own days (story_days) lie more than STORY_DAY_SLACK apart — a missile test two weeks
    after another, reported in one job, measures another missile."""
    day_a = _day(a.time.value) if a.time.basis == "text" else None
    day_b = _day(b.time.value) if b.time.basis == "text" else None
    if day_a is not None and day_b is not None and day_a != day_b:
        return True
    story_a, story_b = days.get(a.article_id), days.get(b.article_id)
    return story_a is not None and story_b is not None and abs((story_a - story_b).days) > STORY_DAY_SLACK


def measure_drafts(claims: list[Claim], independence: Independence) -> list[FactDraft]:
    """One draft per measured slot where two independent sources state values that cannot both be true of one
    time (its members: those claims and every other claim of the slot not dated apart from them), or where
    two or more independent sources of one occasion state values that agree ("two kilometers" / "2
    kilometers" driven). Claims about an earlier time or carrying an update marker ("so far") take no part."""
    slots: dict[tuple[str, str], list[tuple[Claim, int]]] = defaultdict(list)
    days = story_days(claims)
    for claim in claims:
        if claim.role != "event" or claim.time.marker:
            continue
        seen: set[tuple[str, str]] = set()
        for q, measure in enumerate(claim.measures):
            slot = (measure.dimension, measure.counted)
            if comparable(measure) and not measure.context and slot not in seen:
                seen.add(slot)
                slots[slot].append((claim, q))
    drafts = []
    for entries in slots.values():
        if len({claim.article_id for claim, _ in entries}) < 2:
            continue
        clashing: set[int] = set()
        for i, (a, qa) in enumerate(entries):
            for j in range(i + 1, len(entries)):
                b, qb = entries[j]
                if (a.article_id != b.article_id and not dated_apart(a, b, days)
                        and not agree(a.measures[qa], b.measures[qb])
                        and not independence.dependent((a.article_id, a.start, a.end),
                                                       (b.article_id, b.start, b.end))):
                    clashing |= {i, j}
        if not clashing:
            # no clash: the measure is corroborated when independent sources of one occasion state it
            if (all(not dated_apart(a, b, days) for k, (a, _) in enumerate(entries) for b, _ in entries[k + 1:])
                    and independence.count([(c.article_id, c.start, c.end) for c, _ in entries]) >= 2):
                drafts.append(FactDraft([claim for claim, _ in entries], [],
                                        {claim.index: q for claim, q in entries}, measured=True))
            continue
        members = [entry for k, entry in enumerate(entries) if k in clashing or all(
            not dated_apart(entry[0], entries[j][0], days) for j in clashing)]
        drafts.append(FactDraft([claim for claim, _ in members], [], {claim.index: q for claim, q in members},
                                measured=True))
    return drafts
