"""Our hand-written comparison gold for Giveme5W1H events: loading, running the pipeline, locating the
gold's evidence in the clean text, and matching system facts to gold items.

Gold files: eval/gold/compare_giveme5w1h/{tune,report}/<event_id>.json (format in that folder's README).
The tuning half is what scorer weights and thresholds are fitted on; the reporting half is only scored.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from eval.dedup_data import data_root
from eval.reserved import check_gold
from tools.processes import ROOT
from workers.analysis.cleaning.normalize import normalize_text
from workers.analysis.contract import ExtractionSlot

GOLD = ROOT / "eval" / "gold" / "compare_giveme5w1h"
CACHE = ROOT / "eval" / "out" / "compare_cache"
SPLITS = ("tune", "report")
# gold items whose claims agree with each other: a corroborated fact matching one of them is right (two values
# of a conflict or an update, two sides of a dispute, a shared quote each state something two outlets share)
AGREEING_KINDS = ("corroborated", "quote", "update", "conflict", "dispute")
MIN_OVERLAP = 0.5  # a claim covers a gold evidence string when it holds half of it


def gold_files(split: str) -> list[Path]:
    """The gold files of one split, by event id."""
    return sorted((GOLD / split).glob("*.json"), key=lambda p: int(p.stem))


POOLED = GOLD / "pooled_corroborated.json"
Key = tuple[str, int, int]  # (article id, start, end) of one system claim


def pooled_judgments(event_id: int | str) -> list[tuple[bool, list[Key], list[Key]]]:
    """The pooled judgments of one event (POOLED, README "Pooled judgments"): (right, the agreeing pair's
    claim keys, every claim key of the judged fact)."""
    if not POOLED.is_file():
        return []
    out = []
    for j in json.loads(POOLED.read_text(encoding="utf-8"))["judgments"]:
        if str(j["event_id"]) == str(event_id):
            keys = [(c["article_id"], int(c["start"]), int(c["end"])) for c in j["claims"]]
            pair = [(c["article_id"], int(c["start"]), int(c["end"])) for c in j["pair"] or []]
            out.append((bool(j["right"]), pair, keys))
    return out


def pooled_verdict(fact: dict[str, Any], judgments: list[tuple[bool, list[Key], list[Key]]]) -> str:
    """'right' when the fact holds a pair judged to state one fact, 'wrong' when it is a fact judged
    wrong (the same claims), else 'unjudged' (the system changed since the judging)."""
    keys = {(c["article_id"], int(c["start"]), int(c["end"])) for c in fact["claims"]}
    if any(right and pair and set(pair) <= keys for right, pair, _ in judgments):
        return "right"
    if any(set(judged) == keys for _, _, judged in judgments):
        return "wrong"
    return "unjudged"


def load_articles(gold: dict[str, Any]) -> list[dict[str, Any]]:
    """The API-style articles of one gold event (text, source, title, published_at); an event of the judging-reserved
    ones is refused (eval/reserved.py)."""
    check_gold([item["file"] for item in gold["articles"]], data_root() / "giveme5w1h-news-cluster",
               f"comparison gold of event {gold.get('event_id')}")
    articles = []
    for item in gold["articles"]:
        raw = json.loads((data_root() / "giveme5w1h-news-cluster" / "articles" / item["file"]).read_text())
        articles.append({"id": item["id"], "source": item["source"], "text": raw["text"],
                         "title": raw.get("title") or None,
                         "published_at": item.get("published_at") or raw.get("date_publish")})
    return articles


@functools.cache
def code_version(folder: Path) -> str:
    """A hash of the analysis code outside the comparison stage (extraction and dedup outputs depend on it).

    Taken once per process, at the first extraction: a process extracts with the code it imported, so files
    edited while it runs (a long `make fit`) must not give its cached extractions the new code's name."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        if "comparison" not in path.parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def extract_event(gold: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Extractions and dedup result of one event (cached on disk per analysis-code version)."""
    from workers.analysis.dedup import deduplicate
    from workers.analysis.extraction import extract_articles

    version = code_version(ROOT / "workers" / "analysis")
    path = CACHE / f"{gold['event_id']}-{version}.json"
    if path.exists():
        cached = json.loads(path.read_text())
        return cached["extractions"], cached["duplicates"]
    extractions = cast(list[dict[str, Any]], extract_articles(load_articles(gold)))
    duplicates = cast(dict[str, Any], deduplicate(cast(list[ExtractionSlot], extractions)))
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"extractions": extractions, "duplicates": duplicates}))
    return extractions, duplicates


Span = tuple[str, int, int]


def _locate(text: str, evidence: str) -> list[tuple[int, int]]:
    """Every place a gold evidence string sits in an article's clean text (whitespace differences allowed):
    an article that states a sentence twice (a quotation in the lede and again in the body) states it at
    either place. The evidence is normalised as the article's text was (the gold copied the raw text: a soft
    hyphen inside "Park Geun-hye" is not in the clean text)."""
    words = normalize_text(evidence).split()
    if not words:
        return []
    return [(m.start(), m.end()) for m in re.finditer(r"\s+".join(re.escape(part) for part in words), text)]


@dataclass
class Item:
    """One gold item: its kind, id, and evidence spans grouped (by value / side, or one group)."""

    kind: str
    id: str
    groups: list[list[Span]]
    missing: int = 0  # evidence strings not found in the clean text (cleaning removed them)
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def spans(self) -> list[Span]:
        return [s for g in self.groups for s in g]


def gold_items(gold: dict[str, Any], extractions: list[dict[str, Any]]) -> list[Item]:
    """Every gold item with its evidence located in the clean texts."""
    texts = {e["article_id"]: e.get("text") or "" for e in extractions}
    items: list[Item] = []

    def spans_of(evidence: dict[str, str]) -> tuple[list[Span], int]:
        found, missing = [], 0
        for article, string in evidence.items():
            where = _locate(texts.get(article, ""), string)
            if not where:
                missing += 1
            found += [(article, *at) for at in where]
        return found, missing

    for kind, key, sub in (("corroborated", "corroborated", None), ("quote", "quotes", None),
                           ("trap", "traps", None), ("conflict", "conflicts", "values"),
                           ("update", "updates", "values"), ("dispute", "disputes", "sides")):
        for raw in gold.get(key) or []:
            groups, missing = [], 0
            parts = raw[sub] if sub else [raw]
            for part in parts:
                spans, lost = spans_of(part["evidence"])
                groups.append(spans)
                missing += lost
            items.append(Item(kind, raw["id"], groups, missing, raw))
    for raw in gold.get("exclusives") or []:
        spans, missing = spans_of({raw["article"]: raw["evidence"]})
        items.append(Item("exclusive", raw["id"], [spans], missing, raw))
    return items


def covers(claim: dict[str, Any], span: Span) -> bool:
    """True when a system claim holds at least MIN_OVERLAP of a gold evidence span (or the reverse)."""
    article, start, end = span
    if claim["article_id"] != article:
        return False
    overlap = min(end, claim["end"]) - max(start, claim["start"])
    return overlap > 0 and overlap >= MIN_OVERLAP * min(end - start, claim["end"] - claim["start"])


def copy_group(gold: dict[str, Any]) -> dict[str, int]:
    """Each gold article's copy group (articles the annotator found to be one story count once)."""
    group = {a["id"]: n for n, a in enumerate(gold["articles"])}
    for members in gold.get("copies") or []:
        for member in members[1:]:
            group[member] = group[members[0]]
    return group


def independent_hits(fact: dict[str, Any], spans: list[Span], group: dict[str, int]) -> set[int]:
    """The gold copy groups in which the fact's claims cover one of the spans."""
    return {group.get(s[0], -1) for s in spans if any(covers(c, s) for c in fact["claims"])}


def quote_matches(quote: dict[str, Any], item: Item, group: dict[str, int]) -> bool:
    """Whether a system quotation (its variants as claims) is the gold's shared quote: two independent
    articles of it, or, when the gold's evidence lies in one copy group (the same quotation in a syndicated
    story's copies: listed by the gold, "no evidence of independence"), two of its articles."""
    if len({group.get(s[0], -1) for s in item.spans}) >= 2:
        return fact_matches(quote, item, group)
    return len({s[0] for s in item.spans if any(covers(c, s) for c in quote["claims"])}) >= 2


def fact_matches(fact: dict[str, Any], item: Item, group: dict[str, int]) -> bool:
    """Whether a system fact is the gold item: two independent articles of it (corroborated, quote), two of
    its values / sides (conflict, update, dispute), or its one span (exclusive, trap)."""
    if item.kind in ("corroborated", "quote"):
        return len(independent_hits(fact, item.spans, group)) >= 2
    if item.kind in ("conflict", "update", "dispute"):
        hit = [g for g in item.groups if any(covers(c, s) for c in fact["claims"] for s in g)]
        return len(hit) >= 2
    return any(covers(c, s) for c in fact["claims"] for s in item.spans)
