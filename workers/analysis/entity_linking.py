"""Job-level entity linking: one canonical entity per real-world thing across all articles, each merge explained."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from workers.analysis.entities import NAME_LABELS, entity_key, name_core, surname_core
from workers.analysis.union_find import UnionFind

# Label families that may be merged with each other; places are never fuzzy-matched ("Austria" vs "Australia").
LABEL_CLASS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}
FUZZY_FULL_NAME = 90.0  # rapidfuzz ratio (0-100) for two multi-word person/org names ("Muammar"/"Moammar Gadhafi")
FUZZY_SURNAME = 85.0  # for a one-word person mention against a known surname ("Gadhafi"/"Gaddafi")
MIN_FUZZY_LENGTH = 5  # short names differ by one letter too easily
_ACRONYM_RE = re.compile(r"\(([A-Z][A-Z0-9&]{1,7})\)")


@dataclass
class Node:
    """All mentions that share one label family and one normalised key."""

    key: str
    family: str
    core: str
    mentions: list[dict[str, Any]] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)


class _Union:
    """Union-find over node ids that records why each union happened."""

    def __init__(self, size: int) -> None:
        self.sets = UnionFind(range(size))
        self.reasons: dict[int, list[str]] = {}

    def find(self, i: int) -> int:
        """The representative of i's set."""
        root: int = self.sets.find(i)
        return root

    def union(self, a: int, b: int, reason: str) -> None:
        """Merge the sets of a and b, keeping the reasons on the merged set (a's first, then b's, then this one)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        merged = self.reasons.pop(ra, []) + self.reasons.pop(rb, []) + [reason]
        self.reasons[self.sets.union(ra, rb)] = merged


def _initials_match(long_form: str, acronym: str) -> bool:
    """True if the acronym's letters start the capitalised words of the long form, in order."""
    initials = "".join(w[0] for w in re.split(r"[\s\-’']+", long_form) if w[:1].isupper())
    return initials.upper().endswith(acronym.upper()) or acronym.upper() in initials.upper()


def _acronyms(extraction: dict[str, Any]) -> dict[str, str]:
    """Acronyms the article defines as "Long Name (LN)": acronym key -> long form key."""
    text = extraction.get("text") or ""
    found: dict[str, str] = {}
    for entity in extraction.get("entities") or []:
        if entity["label"] not in {"ORG", "NORP", "GPE", "FAC"}:
            continue
        match = _ACRONYM_RE.match(text, entity["end"] + 1) if text[entity["end"] : entity["end"] + 1] == " " else None
        if match and _initials_match(entity["text"], match.group(1)):
            found[entity_key(match.group(1), "ORG")] = entity_key(entity["text"], entity["label"])
    return found


def _nodes(extractions: list[dict[str, Any]]) -> tuple[list[Node], dict[str, str]]:
    """Group every named mention of the job by (label family, key); collect defined acronyms."""
    by_key: dict[tuple[str, str], Node] = {}
    acronyms: dict[str, str] = {}
    for extraction in extractions:
        acronyms.update(_acronyms(extraction))
        for entity in extraction.get("entities") or []:
            label = entity.get("label")
            if label not in NAME_LABELS or label not in LABEL_CLASS:
                continue
            key = entity.get("key") or entity_key(entity["text"], label)
            family = LABEL_CLASS[label]
            node = by_key.setdefault((family, key), Node(key, family, name_core(key)))
            node.mentions.append({**entity, "article_id": str(extraction.get("article_id", ""))})
            node.labels[label] += 1
    return list(by_key.values()), acronyms


def _ratio(a: str, b: str) -> float:
    """rapidfuzz's normalised Indel similarity, 0-100."""
    return float(fuzz.ratio(a, b))


def _merge_exact_cores(nodes: list[Node], union: _Union) -> None:
    """Same family and same core once particles, hyphens and apostrophes go ("Lashkar-e-Taiba"/"Lashkar e Taiba")."""
    first: dict[tuple[str, str], int] = {}
    for i, node in enumerate(nodes):
        slot = (node.family, node.core)
        if slot in first:
            union.union(first[slot], i, f"'{node.key}' = '{nodes[first[slot]].key}': same name without particles")
        else:
            first[slot] = i


def _merge_org_place_labels(nodes: list[Node], union: _Union) -> None:
    """The same name tagged ORG in one place and GPE/LOC in another ("the U.S." ORG, "U.S." GPE) is one thing:
    spaCy's small model flips these labels for countries and cities."""
    places = {n.core: i for i, n in enumerate(nodes) if n.family == "place"}
    for i, node in enumerate(nodes):
        j = places.get(node.core) if node.family == "org" else None
        if j is not None:
            union.union(j, i, f"'{node.key}': same name tagged ORG and {nodes[j].labels.most_common(1)[0][0]}")


def _fuzzy_candidate_pairs(nodes: list[Node]) -> list[tuple[int, int]]:
    """Pairs (i < j) of multi-word person/org nodes that could pass _merge_fuzzy_full_names' checks.

    Blocking instead of all pairs (quadratic: 2.4-9 s at 1,000 articles): a pair must share its family,
    its number of words and the first letter of its surname (checks the merge always made), and its
    lengths must be close, since rapidfuzz's ratio is 100 * (1 - Indel distance / (la + lb)) and the
    distance is at least |la - lb| (one point of slack for float rounding). Names are sorted by length
    inside a block, so each one is compared with its length window only.
    """
    blocks: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        words = len(node.core.split())
        if node.family in {"person", "org"} and words >= 2:
            blocks[(node.family, words, surname_core(node.key)[:1])].append(i)
    slack = 100.0 - FUZZY_FULL_NAME + 1.0
    pairs = []
    for members in blocks.values():
        members.sort(key=lambda i: len(nodes[i].core))
        for x, i in enumerate(members):
            short = len(nodes[i].core)
            for j in members[x + 1 :]:
                long = len(nodes[j].core)
                if 100.0 * (long - short) > slack * (long + short):
                    break
                pairs.append((min(i, j), max(i, j)))
    return sorted(pairs)


def _merge_fuzzy_full_names(nodes: list[Node], union: _Union) -> None:
    """Multi-word person/organisation names that differ by a spelling ("Muammar"/"Moammar Gadhafi").

    Candidate pairs come in the order of the all-pairs loop this replaces, so the merges and their
    reasons are the same.
    """
    for i, j in _fuzzy_candidate_pairs(nodes):
        a, b = nodes[i], nodes[j]
        if len(a.core) < 2 * MIN_FUZZY_LENGTH:
            continue
        score = _ratio(a.core, b.core)
        if score >= FUZZY_FULL_NAME:
            union.union(i, j, f"'{b.key}' ~ '{a.key}': rapidfuzz ratio {score / 100:.2f}")


def _merge_surnames(nodes: list[Node], union: _Union) -> None:
    """One-word person mentions join the one full name with that surname, exactly or by a close spelling;
    a surname shared by two different people is left alone."""
    owners: dict[str, set[int]] = defaultdict(set)
    for i, node in enumerate(nodes):
        if node.family == "person" and len(node.core.split()) >= 2:
            owners[surname_core(node.key)].add(union.find(i))
    persons_by_core = {n.core for n in nodes if n.family == "person"}
    by_initial: dict[str, list[str]] = defaultdict(list)  # surnames by first letter (a close spelling shares it)
    for surname in owners:
        by_initial[surname[:1]].append(surname)
    for i, node in enumerate(nodes):
        if len(node.core.split()) != 1:
            continue
        if node.family != "person" and node.core not in persons_by_core:
            continue  # a GPE/ORG mention joins a person only if the same name is tagged PERSON somewhere
        exact = owners.get(node.core, set())
        if len(exact) == 1:
            union.union(next(iter(exact)), i, f"'{node.key}' -> surname match")
            continue
        if node.family != "person" or len(node.core) < MIN_FUZZY_LENGTH or exact:
            continue
        close = [
            (score, surname)
            for surname in by_initial.get(node.core[:1], ())
            if (score := _ratio(node.core, surname)) >= FUZZY_SURNAME
        ]
        if len(close) == 1 and len(owners[close[0][1]]) == 1:
            score, surname = close[0]
            union.union(
                next(iter(owners[surname])), i, f"'{node.key}' ~ '{surname}': rapidfuzz ratio {score / 100:.2f}"
            )


def _merge_acronyms(nodes: list[Node], acronyms: dict[str, str], union: _Union) -> None:
    """An acronym the text defines ("Metropolitan Transportation Authority (MTA)") joins its long form."""
    index = {(n.family, n.key): i for i, n in enumerate(nodes)}
    for i, node in enumerate(nodes):
        long_key = acronyms.get(node.key)
        target = index.get((node.family, long_key)) if long_key else None
        if target is None and long_key:
            target = next((j for j, n in enumerate(nodes) if n.key == long_key), None)
        if target is not None:
            union.union(target, i, f"'{node.key}' = '{long_key}': acronym defined in the text")


def _canonical_name(mentions: list[dict[str, Any]]) -> str:
    """The fullest frequent spelling: multi-word names first, then frequency, then length."""
    counts = Counter(m["text"] for m in mentions)
    return max(counts, key=lambda t: (len(name_core(entity_key(t, "ORG")).split()) > 1, counts[t], len(t)))


def _slug(text: str) -> str:
    """A stable id fragment from a key."""
    return re.sub(r"[^a-z0-9]+", "-", name_core(text)).strip("-") or "entity"


def link_entities(extractions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Canonical entities across the job's extractions, with variants, mentions and the merge reasons."""
    nodes, acronyms = _nodes(extractions)
    union = _Union(len(nodes))
    _merge_exact_cores(nodes, union)
    _merge_acronyms(nodes, acronyms, union)
    _merge_org_place_labels(nodes, union)
    _merge_fuzzy_full_names(nodes, union)
    _merge_surnames(nodes, union)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        groups[union.find(i)].append(i)
    out: list[dict[str, Any]] = []
    used_ids: set[str] = set()
    for root, members in groups.items():
        mentions = [m for i in members for m in nodes[i].mentions]
        labels: Counter[str] = Counter()
        for i in members:
            labels.update(nodes[i].labels)
        name = _canonical_name(mentions)
        label = labels.most_common(1)[0][0]
        key = entity_key(name, label)
        entity_id = f"{label.lower()}:{_slug(key)}"
        while entity_id in used_ids:
            entity_id += "+"
        used_ids.add(entity_id)
        variants = Counter((m["text"], m["article_id"]) for m in mentions)
        out.append(
            {
                "id": entity_id,
                "name": name,
                "key": key,
                "label": label,
                "variants": [{"text": t, "article_id": a, "count": c} for (t, a), c in sorted(variants.items())],
                "mentions": sorted(
                    ({"article_id": m["article_id"], "start": m["start"], "end": m["end"]} for m in mentions),
                    key=lambda m: (m["article_id"], m["start"]),
                ),
                "merged_by": union.reasons.get(root, []) or ["same key"],
            }
        )
    out.sort(key=lambda e: (-len(e["mentions"]), e["id"]))
    return out
