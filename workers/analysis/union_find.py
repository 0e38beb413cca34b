"""Disjoint sets (union-find): the one implementation the dedup, linking and comparison stages share."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any


class UnionFind:
    """Disjoint sets over hashable items (path halving, union by size); an item is added when first seen.

    Which member is a set's representative is an implementation detail: callers group by it, never show it.
    Hand-written: a dozen lines, no library needed.
    """

    def __init__(self, items: Iterable[Hashable] = ()) -> None:
        self.parent: dict[Any, Any] = {}
        self.size: dict[Any, int] = {}
        for item in items:
            self.find(item)

    def find(self, item: Any) -> Any:
        """The representative of item's set (item is added if new)."""
        parent = self.parent
        if item not in parent:
            parent[item] = item
            self.size[item] = 1
            return item
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: Any, b: Any) -> Any:
        """Merge the sets of a and b; returns the new representative."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return ra

    def sets(self, order: Iterable[Any]) -> list[list[Any]]:
        """The sets of the given items, each in the given order, ordered by their first member."""
        out: dict[Any, list[Any]] = {}
        for item in order:
            out.setdefault(self.find(item), []).append(item)
        return list(out.values())
