"""Which reports are independent: copies of one story, or a passage one outlet took from another, count once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.contract import Duplicates
from workers.analysis.dates import parse_published
from workers.analysis.dedup.prepare import SEED_WORDS
from workers.analysis.tokens import tokenize
from workers.analysis.union_find import UnionFind

Span = tuple[str, int, int]  # (article_id, start, end)


class Independence:
    """Answers 'how many independent reports back this?' from what the dedup stage computed.

    The partition is dedup's `independent_groups` (articles that are copies as wholes: exact or near
    duplicates). An article that contains another, or shares passages with it, stays its own source: only
    its claims inside the copied passages (dedup's `passages` of its near-duplicate and reused pairs) depend
    on the other article. So a round-up quoting two wires does not chain the two wires into one source.
    One outlet's own articles are one source; its reprint of another outlet's story belongs to that story's
    copy group only.
    """

    def __init__(self, article_ids: Iterable[str], duplicates: Duplicates | Mapping[str, Any] | None,
                 sources: Mapping[str, str] | None = None, published: Mapping[str, str | None] | None = None,
                 texts: Mapping[str, ArticleText] | None = None) -> None:
        duplicates = duplicates or {}
        ids = list(article_ids)
        union = UnionFind(ids)
        relation_of: dict[str, str] = {}
        exact_sets = [frozenset(g["articles"]) for g in duplicates.get("exact") or []]
        for members in duplicates.get("independent_groups") or []:
            for other in members[1:]:
                union.union(members[0], other)
            if len(members) > 1:
                whole = frozenset(members)
                relation_of[members[0]] = "exact" if any(whole <= e for e in exact_sets) else "near_duplicate"
        # One outlet is one source: its two articles on a story do not corroborate each other. An article that
        # is a later copy of another outlet's (a wire story the outlet reprinted) speaks for the copy's origin,
        # not the outlet: joining it to the outlet's own reporting would chain the wire and the outlet into one
        # source (a tabloid's AP reprint beside its own story on the same flight, Giveme5W1H tuning event 14).
        syndicated = _reprints(union, sources or {}, published or {})
        first_of: dict[str, str] = {}
        for article_id, source in (sources or {}).items():
            if article_id in syndicated:
                continue
            if source in first_of:
                union.union(first_of[source], article_id)
            else:
                first_of.setdefault(source, article_id)
        self.group: dict[str, int] = {}
        self.relation: dict[int, str] = {}
        order = list(dict.fromkeys([*(m for g in duplicates.get("independent_groups") or [] for m in g), *ids,
                                    *(sources or {})]))
        for number, members in enumerate(union.sets(order)):
            for member in members:
                self.group[member] = number
            if len(members) > 1:
                kinds = [relation_of[m] for m in members if m in relation_of]
                self.relation[number] = kinds[0] if kinds else "same_outlet"
        # Copied passages, indexed by (article, other article): spans in article that came from / went to other.
        self.reused: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self.links: list[dict[str, Any]] = []
        pairs = [*(duplicates.get("reused_passages") or []), *(duplicates.get("near_duplicates") or [])]
        for pair in pairs:
            a, b = pair["a"], pair["b"]
            copied = 0
            passages = [p for p in pair.get("passages") or []
                        if p.get("kind") != "shared_quote"]  # two outlets quoting one statement is not copying
            if len(passages) == 1 and _lone_paraphrase(passages[0], a, b, texts or {}):
                passages = []
            for passage in passages:
                self.reused.setdefault((a, b), []).append((passage["a_start"], passage["a_end"]))
                self.reused.setdefault((b, a), []).append((passage["b_start"], passage["b_end"]))
                copied += 1
            if copied and self.group_of(a) != self.group_of(b):
                self.links.append({"a": a, "b": b, "relation": pair.get("relation", "partial"), "passages": copied})
        self.partners: dict[str, set[str]] = {}  # article -> the articles it shares a copied passage with
        for a, b in self.reused:
            self.partners.setdefault(a, set()).add(b)

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
        """Indexes of spans grouped into independent reports (each inner list counts once).

        The spans `dependent` would join, found without trying every pair: one copy group's spans meet
        through the group, two articles' spans through the passages the two share."""
        union = UnionFind(range(len(spans)))
        first_in_group: dict[int, int] = {}
        by_article: dict[str, list[int]] = {}
        for i, (article, _, _) in enumerate(spans):
            union.union(first_in_group.setdefault(self.group_of(article), i), i)
            by_article.setdefault(article, []).append(i)
        for article in by_article:
            for other in self.partners.get(article, set()) & by_article.keys():
                if other < article:
                    continue
                inside = [i for i in by_article[article] if self.in_reused(spans[i], other)]
                across = [j for j in by_article[other] if self.in_reused(spans[j], article)]
                if inside and across:  # every span of one side inside depends on every span of the other
                    for k in inside + across:
                        union.union(inside[0], k)
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


def _lone_paraphrase(passage: Mapping[str, Any], a: str, b: str, texts: Mapping[str, ArticleText]) -> bool:
    """True for a reworded passage of one sentence on each side, when it is all two articles share: two
    reporters word one announcement alike ("Valls said France would observe three days of national mourning"
    / "Valls says the country will observe three days of national mourning"), which is what corroboration
    is, while copying shows as several sentences taken or as a verbatim run (one of SEED_WORDS words or more,
    what the dedup stage calls verbatim, even inside a sentence reworded around it). Unknown texts or
    sentences: not lone."""
    if passage.get("wording") != "reworded" or not texts.get(a) or not texts.get(b):
        return False
    spans = ((texts[a], passage["a_start"], passage["a_end"]), (texts[b], passage["b_start"], passage["b_end"]))
    if any(not article.sentence_starts or any(start < s < end for s in article.sentence_starts)
           for article, start, end in spans):
        return False
    words = [[t.norm for t in tokenize(article.text[start:end])] for article, start, end in spans]  # as dedup
    return not _shared_run(words[0], words[1], SEED_WORDS)


def _shared_run(x: list[str], y: list[str], length: int) -> bool:
    """True when two word lists share `length` words in a row (one shared n-gram: linear in their lengths, so a
    "sentence" of a whole unpunctuated article costs no more than reading it)."""
    grams = {tuple(x[k:k + length]) for k in range(len(x) - length + 1)}
    return any(tuple(y[k:k + length]) in grams for k in range(len(y) - length + 1))


def _reprints(union: UnionFind, sources: Mapping[str, str], published: Mapping[str, str | None]) -> set[str]:
    """Articles whose copy group holds another outlet's article published before them: reprints. Without
    publication times nothing is a reprint (an outlet's articles then stay one source, the cautious count)."""
    times = {a: _naive(parse_published(published.get(a))) for a in sources}
    members: dict[Any, list[str]] = {}
    for article_id in sources:
        members.setdefault(union.find(article_id), []).append(article_id)
    out = set()
    for group in members.values():
        for article_id in group:
            mine = times[article_id]
            if mine is None:
                continue
            earlier = [t for o in group if sources[o] != sources[article_id] and (t := times[o]) is not None]
            if any(t < mine for t in earlier):
                out.add(article_id)
    return out


def _naive(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=None) if moment is not None else None
