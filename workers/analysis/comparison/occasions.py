"""Which occasion an article reports: the day its own story sentences name most. A job can hold reports of two
occasions of one kind (a missile test, then another two weeks later; Giveme5W1H event 70 mixes three launches),
and one occasion's figures must not contradict the other's (a toll, a count, a measure). Statements may still
corroborate across occasions: "China opposes the launches" is one statement whichever launch prompted it."""

from __future__ import annotations

from collections import Counter, defaultdict
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


def story_days(claims: list[Claim]) -> dict[str, date]:
    """Each article's own day: the day its sentences about the story name most often (two at least), when
    they name one. Publication stamps are not used: crawled stamps can be days or years off, and the days a
    text names say which occasion it reports."""
    named: dict[str, Counter[date]] = defaultdict(Counter)
    for claim in claims:
        day = day_of(claim.time.value) if claim.time.basis == "text" and claim.role == "event" else None
        if day is not None:
            named[claim.article_id][day] += 1
    out = {}
    for article_id, days in named.items():
        day, count = days.most_common(1)[0]
        if count >= 2:
            out[article_id] = day
    return out


def other_occasions(a: str, b: str, days: dict[str, date]) -> bool:
    """True when two articles' own days (story_days) lie more than OCCASION_DAYS apart."""
    day_a, day_b = days.get(a), days.get(b)
    return day_a is not None and day_b is not None and abs((day_a - day_b).days) > OCCASION_DAYS
