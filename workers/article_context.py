"""What one article's extraction may know about its neighbours: same-source siblings in the job, and
lines its source has repeated in the client's earlier jobs (page-furniture signals).

Each article's content lines are fingerprinted once per job and kept in the job store: sibling tasks and
the furniture memory at finalize read the fingerprints instead of re-reading and re-extracting every
sibling's raw HTML (which made a job quadratic in its articles per outlet).
"""

from __future__ import annotations

import time
from typing import Any, cast

from shared.furniture_memory import MAX_LINE_CHARS
from shared.job_meta import JobMeta
from shared.job_store import JobStore
from shared.metrics import STAGE_DURATION
from shared.settings import get_settings

JsonDict = dict[str, Any]


def extract_with_context(store: JobStore, job_id: str, article: JsonDict) -> JsonDict:
    """Run the extraction of one article with its context (fetching its page first if it gave only a URL);
    keep its line fingerprints for the others."""
    from workers.analysis.extraction import extract_article

    if needs_fetch(article):
        article = fetch_body(store, job_id, article)
    meta = store.get_meta(job_id)
    context = build_context(store, meta, article) if meta is not None else {}
    extraction = cast(JsonDict, extract_article(article, context))
    if not store.line_fingerprints(job_id, [article["id"]]):
        # the cleaning has just split this article into lines: fingerprinting them is a cache hit
        store.save_line_fingerprints(job_id, article["id"], fingerprint_lines(article))
    return extraction


def needs_fetch(article: JsonDict) -> bool:
    """An article given only as a URL (no text, no html) whose page has not been fetched yet."""
    return "text" not in article and "html" not in article and bool(article.get("url"))


def fetch_body(store: JobStore, job_id: str, article: JsonDict) -> JsonDict:
    """Fetch the article's URL (workers/fetch.py) and keep the page as its body in the job's inputs."""
    from workers.fetch import FetchPolicy, fetch_page

    started = time.monotonic()
    try:
        page = fetch_page(article["url"], FetchPolicy.from_settings(get_settings()))
    finally:
        store.metrics.observe(STAGE_DURATION, {"stage": "fetch"}, time.monotonic() - started)
    fetched = {**article, page.kind: page.body, "fetched": page.describe()}
    store.replace_input(job_id, article["id"], fetched)
    return fetched


def build_context(store: JobStore, meta: JobMeta, article: JsonDict) -> JsonDict:
    """{"sibling_fingerprints": line fingerprints of the job's other articles of the same source,
    "seen_lines": line fingerprint -> count in the client's earlier articles of that source}."""
    source = article["source"].strip().lower()
    same_source = [a.id for a in meta.articles if a.source.strip().lower() == source]
    at = same_source.index(article["id"]) if article["id"] in same_source else 0
    # the siblings after this article first: tasks running side by side fingerprint different pages
    siblings = [a for a in same_source[at + 1:] + same_source[:at] if a != article["id"]]
    lines = article_lines(store, meta.id, siblings)
    return {"sibling_fingerprints": [lines[s]["fingerprints"] for s in siblings if s in lines],
            "seen_lines": store.furniture.seen_lines(meta.client, source)}


def article_lines(store: JobStore, job_id: str, article_ids: list[str]) -> dict[str, JsonDict]:
    """The stored line fingerprints of those articles, computing (and storing) any not stored yet."""
    found = store.line_fingerprints(job_id, article_ids)
    for article_id in article_ids:
        if article_id not in found:  # another task may have stored it meanwhile
            found.update(store.line_fingerprints(job_id, [article_id]))
        if article_id in found:
            continue
        article = store.get_input(job_id, article_id)
        if article is None or needs_fetch(article):  # a page not fetched yet has no lines to fingerprint
            continue
        found[article_id] = fingerprint_lines(article)
        store.save_line_fingerprints(job_id, article_id, found[article_id])
    return found


def fingerprint_lines(article: JsonDict) -> JsonDict:
    """{"fingerprints": of every content line, "short": of those short enough to be page furniture}."""
    from workers.analysis.cleaning import content_lines, line_fingerprint

    body = article.get("html") or article.get("text") or ""
    lines = [(line_fingerprint(line), len(line.strip())) for line in content_lines(body)]
    return {"fingerprints": [fp for fp, _ in lines],
            "short": sorted({fp for fp, chars in lines if 0 < chars <= MAX_LINE_CHARS})}


def remember_source_lines(store: JobStore, job_id: str) -> None:
    """Once per job, count each extracted article's short lines for its source (read by later jobs)."""
    if not store.claim(job_id, "furniture-memory"):
        return
    meta = store.get_meta(job_id)
    if meta is None:
        return
    extracted = store.extracted_ids(job_id)
    articles = [a for a in meta.articles if a.id in extracted]
    lines = article_lines(store, job_id, [a.id for a in articles])
    for article in articles:
        if article.id in lines:
            store.furniture.record(meta.client, article.source, set(lines[article.id]["short"]))
