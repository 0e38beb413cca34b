"""Grouping: duplicate groups with a representative, and independent groups for counting sources once."""

from __future__ import annotations

from workers.analysis.dedup.prepare import Prepared, published_epoch


def representative(members: list[Prepared]) -> tuple[Prepared, str]:
    """The earliest published member, else the most complete (longest) one; and why it was chosen."""
    dated = [(published_epoch(m.published_at), m) for m in members]
    known = [(t, m) for t, m in dated if t is not None]
    if known:
        earliest = min(t for t, _ in known)
        tied = [m for t, m in known if t == earliest]
        if len(tied) == 1:
            return tied[0], "earliest_published"
        return max(tied, key=lambda m: len(m.text)), "earliest_published_then_longest"
    return max(members, key=lambda m: len(m.text)), "most_complete"


def earlier_of(a: Prepared, b: Prepared) -> str | None:
    """The id of the article published first, None if unknown or simultaneous."""
    ta, tb = published_epoch(a.published_at), published_epoch(b.published_at)
    if ta is None or tb is None or ta == tb:
        return None
    return a.article_id if ta < tb else b.article_id
