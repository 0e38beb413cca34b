"""Which reports are independent: copies of one story, or a passage one outlet took from another, count once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from workers.analysis.union_find import UnionFind

Span = tuple[str, int, int]  # (article_id, start, end)


def _span_of(item: Any) -> Span | None:
    """A (article_id, start, end) read from a dict that names an article and offsets into it."""
    if not isinstance(item, dict):
        return None
    article = item.get("article_id", item.get("article", item.get("id")))
    start, end = item.get("start"), item.get("end")
    if isinstance(article, str) and isinstance(start, int) and isinstance(end, int):
        return (article, start, end)
    return None


def _span_pairs(passage: dict[str, Any]) -> Iterator[tuple[Span, Span]]:
    """The (span in one article, span in the other) pairs one reused-passage record describes.

    Tolerant of the two shapes a dedup stage is likely to give: nested {"a": {...}, "b": {...}} / a list of
    spans, or flat keys (article_a, a_start, a_end, article_b, b_start, b_end).
    """
    nested = [s for s in (_span_of(v) for v in passage.values()) if s is not None]
    for value in passage.values():
        if isinstance(value, list):
            nested.extend(s for s in (_span_of(v) for v in value) if s is not None)
    if len(nested) >= 2:
        for other in nested[1:]:
            if other[0] != nested[0][0]:
                yield nested[0], other
        return
    if passage.get("kind") == "shared_quote":  # two outlets quoting one statement is not copying
        return
    flat_a = passage.get("article_a", passage.get("a_id", passage.get("a")))
    flat_b = passage.get("article_b", passage.get("b_id", passage.get("b")))
    if isinstance(flat_a, str) and isinstance(flat_b, str) and "a_start" in passage and "b_start" in passage:
        yield ((flat_a, int(passage["a_start"]), int(passage["a_end"])),
               (flat_b, int(passage["b_start"]), int(passage["b_end"])))
    for key in ("passages", "matches", "evidence"):
        for inner in passage.get(key) or []:
            if isinstance(inner, dict):
                merged = {**{k: v for k, v in passage.items() if k not in ("passages", "matches", "evidence")},
                          **inner}
                yield from _span_pairs(merged)


class Independence:
    """Answers 'how many independent reports back this?' from the dedup stage's pairs and passages.

    Whole articles are joined only when they are copies as wholes (exact or near duplicates, both sides
    mostly shared). An article that contains another, or shares passages with it, stays its own source:
    only its claims inside the copied passages depend on the other article. So a round-up quoting two wires
    does not chain the two wires into one source.
    """

    def __init__(self, article_ids: Iterable[str], duplicates: Mapping[str, Any] | None) -> None:
        duplicates = duplicates or {}
        self.group: dict[str, int] = {}
        self.relation: dict[int, str] = {}
        union = UnionFind()
        ids = list(article_ids)
        for article_id in ids:
            union.find(article_id)
        joined_by: dict[str, str] = {}
        for group in duplicates.get("exact") or []:
            members = _pair_members(group)
            for other in members[1:]:
                union.union(members[0], other)
                joined_by[members[0]] = joined_by[other] = "exact"
        for pair in duplicates.get("near_duplicates") or []:
            if isinstance(pair, dict) and pair.get("relation", "near_duplicate") == "near_duplicate":
                members = _pair_members(pair)
                for other in members[1:]:
                    union.union(members[0], other)
                    for member in (members[0], other):
                        joined_by.setdefault(member, "near_duplicate")
        if not any(key in duplicates for key in ("exact", "near_duplicates")):
            for group in duplicates.get("independent_groups") or []:  # only groups given: take them as wholes
                members = [m for m in group if isinstance(m, str)]
                for other in members[1:]:
                    union.union(members[0], other)
                    joined_by[members[0]] = joined_by[other] = "near_duplicate"
        roots: dict[Any, int] = {}
        for article_id in ids:
            self.group[article_id] = roots.setdefault(union.find(article_id), len(roots))
        for article_id, relation in joined_by.items():
            if article_id in self.group:
                self.relation[self.group[article_id]] = relation
        # Copied passages, indexed by (article, other article): spans in article that came from / went to other.
        self.reused: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self.links: list[dict[str, Any]] = []
        for passage in [*(duplicates.get("reused_passages") or []), *(duplicates.get("near_duplicates") or [])]:
            if not isinstance(passage, dict):
                continue
            copied = 0
            for (a, a_start, a_end), (b, b_start, b_end) in _span_pairs(passage):
                self.reused.setdefault((a, b), []).append((a_start, a_end))
                self.reused.setdefault((b, a), []).append((b_start, b_end))
                copied += 1
            members = _pair_members(passage)
            if copied and len(members) == 2 and self.group.get(members[0]) != self.group.get(members[1]):
                self.links.append({"a": members[0], "b": members[1],
                                   "relation": passage.get("relation", "partial"), "passages": copied})

    def group_of(self, article_id: str) -> int:
        """The independent group an article belongs to (articles the dedup stage never saw stand alone)."""
        if article_id not in self.group:
            self.group[article_id] = max(self.group.values(), default=-1) + 1
        return self.group[article_id]

    def in_reused(self, span: Span, other_article: str) -> bool:
        """True when a span lies (mostly) inside a passage its article shares with other_article."""
        article, start, end = span
        length = max(end - start, 1)
        for r_start, r_end in self.reused.get((article, other_article), []):
            if min(end, r_end) - max(start, r_start) >= 0.5 * length:
                return True
        return False

    def dependent(self, a: Span, b: Span) -> bool:
        """True when two reports are not independent: same copy group or both inside a shared passage."""
        if a[0] == b[0] or self.group_of(a[0]) == self.group_of(b[0]):
            return True
        return self.in_reused(a, b[0]) and self.in_reused(b, a[0])

    def components(self, spans: list[Span]) -> list[list[int]]:
        """Indexes of spans grouped into independent reports (each inner list counts once)."""
        union = UnionFind()
        for i in range(len(spans)):
            union.find(i)
            for j in range(i):
                if self.dependent(spans[i], spans[j]):
                    union.union(i, j)
        groups: dict[Any, list[int]] = {}
        for i in range(len(spans)):
            groups.setdefault(union.find(i), []).append(i)
        return list(groups.values())

    def count(self, spans: list[Span]) -> int:
        """How many independent reports a list of evidence spans amounts to."""
        return len(self.components(spans))

    def account(self, source_of: dict[str, str], duplicates: Mapping[str, Any] | None) -> dict[str, Any]:
        """The one account of independence the result, the summary and the report all use."""
        representative = {}
        for group in (duplicates or {}).get("groups") or []:
            for member in group.get("articles") or []:
                representative[member] = group.get("representative")
        members: dict[int, list[str]] = {}
        for article_id in source_of:
            members.setdefault(self.group_of(article_id), []).append(article_id)
        groups = []
        for number, (group, ids) in enumerate(sorted(members.items())):
            ids.sort()
            groups.append({"id": number, "articles": ids, "sources": sorted({source_of[i] for i in ids}),
                           "relation": self.relation.get(group, "alone") if len(ids) > 1 else "alone",
                           "representative": representative.get(ids[0]) or ids[0]})
        return {"groups": groups, "independent_sources": len(groups),
                "shared_passages": [link for link in self.links if link["a"] in source_of and link["b"] in source_of]}


def _pair_members(pair: Any) -> list[str]:
    """Article ids named by a duplicate-pair record (a list of ids or a dict with a/b ids)."""
    if isinstance(pair, list | tuple):
        return [m for m in pair if isinstance(m, str)]
    if not isinstance(pair, dict):
        return []
    members = []
    for key in ("a", "b", "article_a", "article_b", "articles", "ids", "members"):
        value = pair.get(key)
        if isinstance(value, str):
            members.append(value)
        elif isinstance(value, dict) and isinstance(value.get("article_id"), str):
            members.append(value["article_id"])
        elif isinstance(value, list):
            members.extend(m for m in value if isinstance(m, str))
    return members
