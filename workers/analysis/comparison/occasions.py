"""Which occasion an article reports: the day its own story sentences name most. A job can hold reports of two
occasions of one kind (a missile test, then another two weeks later; Giveme5W1H event 70 mixes three launches),
and one occasion's figures must not contradict the other's (a toll, a count, a measure). Statements may still
corroborate across occasions: "China opposes the launches" is one statement whichever launch prompted it."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workers.analysis.comparison.claims import Claim

# Articles whose own days lie further apart report different occasions. Follow-ups of one occasion come within
# days ("on Tuesday police named the driver" after Monday's crash), a second occasion of one kind later (a
# missile test two weeks after another). Set by that reasoning, not fitted: no tuning-half figure moves with it.
OCCASION_DAYS = 7


def day_of(value: str | None) -> date | None:
    """The calendar day of an ISO date or datetime ("2017-09-15", "2017-09-15T04:00"); None for a month, a year
    or nothing."""
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def own_day(claims: list[Claim]) -> date | None:
    """An article's own day, from its claims: the day its sentences about the story name most often (two at
    least), when they name one. Publication stamps are not used: crawled stamps can be days or years off, and the
    days a text names say which occasion it reports."""
    named: Counter[date] = Counter()
    for claim in claims:
        day = day_of(claim.time.value) if claim.time.basis == "text" and claim.role == "event" else None
        if day is not None:
            named[day] += 1
    if not named:
        return None
    day, count = named.most_common(1)[0]
    return day if count >= 2 else None


def other_occasions(a: date | None, b: date | None) -> bool:
    """True when two articles' own days (own_day) are both known and lie more than OCCASION_DAYS apart."""
    return a is not None and b is not None and abs((a - b).days) > OCCASION_DAYS


def occasions_of(days: dict[str, date | None]) -> list[tuple[date, date, list[str]]]:
    """The occasions a job's articles report, from their own days ({article id: own_day}): articles sorted by
    day, a new occasion wherever the next day lies more than OCCASION_DAYS after the one before it. Returns
    (first day, last day, article ids) per occasion, earliest first; articles with no own day are left out
    (which occasion they report is not known). The list describes the job; which figures are compared is
    other_occasions' pairwise rule, which keeps apart every two articles of different occasions and also the
    two ends of an occasion longer than OCCASION_DAYS (a story followed day by day for two weeks)."""
    out: list[tuple[date, date, list[str]]] = []
    for article, day in sorted(((a, d) for a, d in days.items() if d is not None), key=lambda t: (t[1], t[0])):
        if out and (day - out[-1][1]).days <= OCCASION_DAYS:
            first, _, articles = out[-1]
            out[-1] = (first, day, [*articles, article])
        else:
            out.append((day, day, [article]))
    return out


def minor_occasion_articles(days: dict[str, date | None], report_of: dict[str, int],
                            published: dict[str, date | None] | None = None) -> set[str]:
    """The articles that report an occasion other than the job's main one: the occasion more independent reports
    ({article id: its independent group}, every article of `days`) tell of than any other. An article that
    names no day of its own counts for the occasion within OCCASION_DAYS of its publication day (`published`),
    if one is: most reports of today's event may name no day while two retrospectives name last year's.
    Nothing is set aside when the job reports one occasion or two occasions tie (which one the job is about is
    then not known). A job about a launch that also holds articles on launches before it (Giveme5W1H tuning
    event 71: articles of 2013 and 2015 beside the 2016 launch) is about the launch most outlets report."""
    occasions = occasions_of(days)
    if len(occasions) < 2:
        return set()
    voters = [{report_of[a] for a in articles} for _, _, articles in occasions]
    for article, day in (published or {}).items():
        if days.get(article) is not None or day is None:
            continue
        for k, (first, last, _) in enumerate(occasions):
            if (first - day).days <= OCCASION_DAYS and (day - last).days <= OCCASION_DAYS:
                voters[k].add(report_of[article])
                break
    sizes = [len(v) for v in voters]
    ranked = sorted(sizes, reverse=True)
    if ranked[0] == ranked[1]:
        return set()
    main = sizes.index(ranked[0])
    return {a for k, (_, _, articles) in enumerate(occasions) if k != main for a in articles}
