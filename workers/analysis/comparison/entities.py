"""Canonical entities for the job (from the entity-linking stage) and their spellings per source."""

from __future__ import annotations

import bisect
import importlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

LinkFunction = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
_PREFIX = re.compile(r"^(?:the|al|el)[-\s]+", re.IGNORECASE)


def _link_function() -> LinkFunction | None:
    """`workers.analysis.entity_linking.link_entities`, or None while that module does not exist yet."""
    try:
        module = importlib.import_module("workers.analysis.entity_linking")
    except ImportError:
        return None
    function = getattr(module, "link_entities", None)
    return function if callable(function) else None


def fallback_key(text: str) -> str:
    """A crude entity key: lower case, 's and leading al-/the- removed (used only without entity linking)."""
    text = text.replace("’", "'").strip().lower().removesuffix("'s")
    return _PREFIX.sub("", text)


def fallback_link(extractions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group entity mentions by their extraction key, in the entity-linking output shape."""
    grouped: dict[str, dict[str, Any]] = {}
    for extraction in extractions:
        for entity in extraction.get("entities") or []:
            key = entity.get("key") or fallback_key(entity["text"])
            record = grouped.setdefault(key, {"id": f"e:{key}", "name": entity["text"], "label": entity["label"],
                                              "variants": Counter(), "mentions": [], "merged_by": ["key"]})
            record["variants"][(entity["text"], extraction["article_id"])] += 1
            record["mentions"].append({"article_id": extraction["article_id"], "start": entity["start"],
                                       "end": entity["end"]})
    out = []
    for record in grouped.values():
        variants = record.pop("variants")
        record["variants"] = [{"text": t, "article_id": a, "count": c} for (t, a), c in variants.items()]
        out.append(record)
    return out


def link(extractions: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str]:
    """Canonical entities for the job and which linker made them ('entity_linking' or 'fallback')."""
    function = _link_function()
    if function is None:
        return fallback_link(extractions), "fallback"
    return function(extractions), "entity_linking"


# Which kind of entity a speaker's words name first (lower first): a person, then an organisation or a group,
# then anything else (a place, a work, a possessor).
SPEAKER_KINDS = {"PERSON": 0, "ORG": 1, "NORP": 1}
OTHER_KIND = 2


def _possessive(text: str, end: int) -> bool:
    """Whether the mention ending at `end` is followed by a possessive 's ("Berglund's", "Berglund\u2019s"). The
    bare apostrophe of a plural ("the Joneses'") is left out: after a name it is as often a closing single
    quotation mark."""
    return text[end:end + 2] in ("'s", "\u2019s")


class MentionIndex:
    """Finds the canonical entities mentioned inside a character span of an article."""

    def __init__(self, linked: list[dict[str, Any]]) -> None:
        by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for entity in linked:
            for mention in entity.get("mentions") or []:
                by_article[mention["article_id"]].append((mention["start"], mention["end"], entity["id"]))
        self.starts: dict[str, list[int]] = {}
        self.mentions: dict[str, list[tuple[int, int, str]]] = {}
        for article_id, mentions in by_article.items():
            mentions.sort()
            self.mentions[article_id] = mentions
            self.starts[article_id] = [m[0] for m in mentions]
        self.label = {entity["id"]: entity.get("label") for entity in linked}
        self.name = {entity["id"]: entity.get("name") for entity in linked}

    def in_span(self, article_id: str, start: int, end: int) -> list[str]:
        """Canonical entity ids of mentions that start inside [start, end), in text order."""
        starts = self.starts.get(article_id)
        if not starts:
            return []
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end)
        return [m[2] for m in self.mentions[article_id][first:last] if m[1] <= end]

    def at(self, article_id: str, start: int, end: int, text: str = "") -> str | None:
        """The party a speaker's words [start, end) name: of the canonical entities mentioned there, a person
        before an organisation or group, before anything else (a place), then the one overlapping most. A
        speaker's description names places and parties beside the person ("the committee's chairman,
        Representative Trey Gowdy, Republican of South Carolina", BASIL), and the longest mention in it may be the
        place's. A mention in the possessive ("Merkel's former coalition partner", "one of Mr. Paddock's
        ex-wives") names whose the speaker is, not the speaker: it ranks last, with the places, and is the
        speaker's entity only when nothing else is named (`text`: the article's text, where the possessive is
        read; without it none is)."""
        best: tuple[int, int] | None = None
        found = None
        starts = self.starts.get(article_id) or []
        first = max(bisect.bisect_left(starts, start) - 3, 0)
        for m_start, m_end, entity_id in self.mentions.get(article_id, [])[first:first + 8]:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap <= 0:
                continue
            kind = OTHER_KIND if _possessive(text, m_end) else \
                SPEAKER_KINDS.get(str(self.label.get(entity_id) or ""), OTHER_KIND)
            rank = (-kind, overlap)
            if best is None or rank > best:
                best, found = rank, entity_id
        return found


def entity_summaries(linked: list[dict[str, Any]], source_of: dict[str, str]) -> list[dict[str, Any]]:
    """Canonical entities with how many articles and sources mention them, most widely reported first."""
    out = []
    for entity in linked:
        articles = sorted({m["article_id"] for m in entity.get("mentions") or []})
        sources = sorted({source_of.get(a, a) for a in articles})
        out.append({"id": entity["id"], "name": entity.get("name"), "label": entity.get("label"),
                    "mentions": len(entity.get("mentions") or []), "article_ids": articles, "sources": sources,
                    "merged_by": entity.get("merged_by") or []})
    out.sort(key=lambda e: (-len(e["sources"]), -e["mentions"], str(e["name"])))
    return out


def entity_variants(linked: list[dict[str, Any]], source_of: dict[str, str]) -> list[dict[str, Any]]:
    """Entities spelled differently across sources: each spelling with the sources (and counts) using it."""
    out = []
    for entity in linked:
        # Spellings that differ only in case or a leading "the" are one spelling (shown as its commonest form).
        spellings: dict[str, dict[str, Any]] = {}
        for variant in entity.get("variants") or []:
            text = " ".join(str(variant["text"]).split())
            record = spellings.setdefault(_fold(text), {"forms": Counter(), "sources": Counter(),
                                                        "article_ids": set()})
            count = int(variant.get("count", 1))
            record["forms"][text] += count
            record["sources"][source_of.get(variant["article_id"], variant["article_id"])] += count
            record["article_ids"].add(variant["article_id"])
        for record in spellings.values():
            record["text"] = record.pop("forms").most_common(1)[0][0]
        all_sources = {s for r in spellings.values() for s in r["sources"]}
        if len(all_sources) < 2 or len(spellings) < 2:
            continue
        rows = [{"text": r["text"], "sources": dict(sorted(r["sources"].items())),
                 "article_ids": sorted(r["article_ids"])} for r in spellings.values()]
        rows.sort(key=lambda r: (-sum(r["sources"].values()), r["text"]))
        out.append({"entity_id": entity["id"], "name": entity.get("name"), "label": entity.get("label"),
                    "spellings": rows, "distinct": len(spellings),
                    "sources": sorted(all_sources)})
    out.sort(key=lambda e: (-len(e["sources"]), -e["distinct"], str(e["name"])))
    return out


def _fold(text: str) -> str:
    """A spelling with case and curly quotes folded away, so 'Al-Assad' and 'al-Assad' count as one."""
    folded = text.replace("’", "'").casefold().removesuffix("'s")
    return folded.removeprefix("the ")
