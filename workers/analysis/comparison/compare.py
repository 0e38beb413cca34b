"""compare_sources: the comparison stage over one job's extractions and its dedup result."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from workers.analysis.comparison.alignment import align
from workers.analysis.comparison.claims import Claim, numeric_claims
from workers.analysis.comparison.entities import MentionIndex, entity_summaries, entity_variants, link
from workers.analysis.comparison.evidence import ArticleText
from workers.analysis.comparison.facts import build_fact, sort_facts
from workers.analysis.comparison.independence import Independence
from workers.analysis.comparison.profiles import source_profiles
from workers.analysis.comparison.quotes import compare_quotes
from workers.analysis.comparison.statements import harm_statements
from workers.analysis.comparison.summary import summarize

CENTRAL_SHARE = 0.5  # an entity named by at least this share of sources (and two) is central to the event


def _central_entities(entities: list[dict[str, Any]], n_sources: int) -> set[str]:
    """Entities most sources name: the event's main actors and places."""
    need = max(2, int(n_sources * CENTRAL_SHARE + 0.999))
    return {e["id"] for e in entities if len(e["sources"]) >= need}


def _statement_groups(statements: list[Claim]) -> list[list[int]]:
    """Statements grouped by subject (every statement about one person's harm is one fact)."""
    groups: dict[frozenset[str], list[int]] = defaultdict(list)
    for claim in statements:
        groups[claim.keys].append(claim.index)
    return list(groups.values())


def compare_sources(extractions: list[dict[str, Any]], duplicates: dict[str, Any]) -> dict[str, Any]:
    """Facts (corroborated / conflicting / exclusive), shared quotes, entity variants and source profiles."""
    started = time.perf_counter()
    timings: dict[str, float] = {}
    # Articles that failed extraction carry an "error" and no text: they take no part in the comparison.
    extractions = [e for e in extractions if e and e.get("article_id") and "error" not in e and "text" in e]
    texts = {e["article_id"]: ArticleText(e) for e in extractions}
    source_of = {a.article_id: a.source for a in texts.values()}
    sources = sorted(set(source_of.values()))
    independence = Independence(texts, duplicates)

    linked, linker = link(extractions)
    mentions = MentionIndex(linked)
    entities = entity_summaries(linked, source_of)
    central = _central_entities(entities, len(sources))
    timings["entities"] = time.perf_counter() - started

    mark = time.perf_counter()
    claims = numeric_claims(extractions, texts, mentions)
    groups, links, candidates = align(claims)
    statements = harm_statements(extractions, texts, mentions, first_index=len(claims))
    everything = claims + statements
    groups += _statement_groups(statements)
    group_of = {i: g for g, group in enumerate(groups) for i in group}
    links_of: dict[int, dict[tuple[int, int], Any]] = defaultdict(dict)
    for (i, j), score in links.items():
        links_of[group_of[i]][(i, j)] = score
    facts = sort_facts([build_fact(0, [everything[i] for i in group], links_of[g], independence, central)
                        for g, group in enumerate(groups)])
    for number, fact in enumerate(facts, start=1):
        fact["id"] = f"f{number}"
    timings["facts"] = time.perf_counter() - mark

    mark = time.perf_counter()
    quotes = compare_quotes(extractions, texts, mentions, independence)
    timings["quotes"] = time.perf_counter() - mark

    profiles = source_profiles(extractions, facts, quotes, independence)
    summary = summarize(facts, quotes, sources)
    timings["total"] = time.perf_counter() - started
    return {
        "sources": sources,
        "entities": entities,
        "entity_variants": entity_variants(linked, source_of),
        "facts": facts,
        "quotes": quotes,
        "profiles": profiles,
        "summary": summary,
        "stats": {"articles": len(extractions), "claims": len(claims), "statements": len(statements),
                  "candidate_pairs": candidates, "quotes_shared": len(quotes),
                  "facts": len(facts), "linker": linker,
                  "seconds": {k: round(v, 4) for k, v in timings.items()}},
    }
