"""Grouping: duplicate groups with a representative, and independent groups for counting sources once."""

from __future__ import annotations

from collections.abc import Iterable

from workers.analysis.dedup.prepare import Prepared, published_epoch


class UnionFind:
    """Disjoint sets over string ids (hand-written: a dozen lines, no library needed)."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        """The set representative of x (with path halving)."""
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        """Merge the sets of a and b."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def sets(self, order: list[str]) -> list[list[str]]:
        """The sets, each in the given order, ordered by their first member."""
        out: dict[str, list[str]] = {}
        for x in order:
            out.setdefault(self.find(x), []).append(x)
        return list(out.values())


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
