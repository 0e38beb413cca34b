"""A readable, terminal-width summary of a job result (used by `make demo`)."""

from __future__ import annotations

import textwrap
from typing import Any


def short(text: str, width: int = 70) -> str:
    """One line, cut with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_summary(result: dict[str, Any]) -> None:
    """Articles, furniture removed, duplicates, entities by source, and the comparison's headlines."""
    articles = result.get("articles", [])
    _articles(articles, result.get("job", {}))
    _furniture(articles)
    _duplicates(result.get("duplicates") or {}, articles)
    comparison = result.get("comparison") or {}
    _entities(comparison, articles)
    _comparison(comparison)


def _articles(articles: list[dict[str, Any]], job: dict[str, Any]) -> None:
    print("ARTICLES")
    print(f"  {'source':<22} {'words':>6} {'removed':>8} {'quotes':>7} {'numbers':>8}  title")
    for a in articles:
        stats = a.get("stats", {})
        print(f"  {short(a.get('source', ''), 22):<22} {stats.get('words', 0):>6} {len(a.get('removed', [])):>8} "
              f"{len(a.get('quotes', [])):>7} {len(a.get('numeric_claims', [])):>8}  {short(a.get('title') or '', 48)}")
    for article in job.get("articles", []):
        if article.get("status") == "failed":
            print(f"  FAILED {article['id']}: {article.get('error')}")


def _furniture(articles: list[dict[str, Any]]) -> None:
    print("\nPAGE FURNITURE REMOVED (every removed line is listed in the result under 'removed')")
    for a in articles:
        removed = a.get("removed", [])
        if not removed:
            continue
        print(f"  {a.get('source')}: {len(removed)} lines")
        for line in removed[:4]:
            print(f"    - {short(line.get('text', ''), 60):<62} [{line.get('reason', '')}]")
        if len(removed) > 4:
            print(f"    … and {len(removed) - 4} more")


def _duplicates(dups: dict[str, Any], articles: list[dict[str, Any]]) -> None:
    source_of = {a["article_id"]: a.get("source", a["article_id"]) for a in articles}
    print("\nDUPLICATES AND REUSED TEXT")
    print(f"  exact duplicate groups: {len(dups.get('exact', []))}   "
          f"near-duplicate pairs: {len(dups.get('near_duplicates', []))}   "
          f"reused passages: {len(dups.get('reused_passages', []))}   "
          f"seen in earlier jobs: {len(dups.get('seen_before', []))}")
    for pair in dups.get("near_duplicates", [])[:5]:
        a, b = pair.get("a") or pair.get("article_a"), pair.get("b") or pair.get("article_b")
        print(f"  near duplicate: {source_of.get(a, a)} ~ {source_of.get(b, b)} "
              f"(similarity {pair.get('similarity', 0):.2f})")
    for pair in dups.get("reused_passages", [])[:6]:
        a, b = pair.get("a"), pair.get("b")
        kinds = ", ".join(f"{kind} ×{n}" for kind, n in sorted(pair.get("kinds", {}).items()))
        print(f"  {source_of.get(a, a)} ↔ {source_of.get(b, b)}: {len(pair.get('passages', []))} passage(s) "
              f"({kinds})")
        for passage in pair.get("passages", [])[:2]:
            excerpt = short(passage.get("excerpt", ""), 64)
            print(f"      {passage.get('kind', ''):<13} {passage.get('wording', ''):<9} “{excerpt}”")


def _entities(comparison: dict[str, Any], articles: list[dict[str, Any]]) -> None:
    entities = comparison.get("entities") or []
    if not entities:
        return
    sources = [a.get("source", "") for a in articles]
    print("\nENTITIES BY SOURCE (canonical entities; ✓ mentioned, · not mentioned)")
    header = "".join(f"{short(s, 9):>10}" for s in sources)
    print(f"  {'entity':<30}{header}")
    ranked = sorted(entities, key=lambda e: (-len(e.get("sources", [])), e.get("name", "")))
    for entity in ranked[:15]:
        present = set(entity.get("sources", []))
        cells = "".join(f"{'✓' if s in present else '·':>10}" for s in sources)
        print(f"  {short(entity.get('name', ''), 30):<30}{cells}")


def _comparison(comparison: dict[str, Any]) -> None:
    summary = comparison.get("summary")
    if isinstance(summary, dict):
        summary = summary.get("text") or "\n".join(str(v) for v in summary.values())
    facts = comparison.get("facts") or []
    if facts:
        counts: dict[str, int] = {}
        for fact in facts:
            counts[fact.get("status", "?")] = counts.get(fact.get("status", "?"), 0) + 1
        print("\nFACTS: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
    if summary:
        print("\nSUMMARY")
        for line in str(summary).splitlines():
            print(textwrap.fill(line, width=100, initial_indent="  ", subsequent_indent="    "))
