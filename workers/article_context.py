"""What one article's extraction may know about its neighbours: same-source siblings in the job, and
lines its source has repeated in the client's earlier jobs (page-furniture signals)."""

from __future__ import annotations

import json
import time
from typing import Any

from shared.job_store import JobStore
from shared.metrics import STAGE_DURATION
from shared.settings import get_settings
from workers.furniture_memory import MAX_LINE_CHARS, FurnitureMemory

JsonDict = dict[str, Any]


def extract_with_context(store: JobStore, job_id: str, article: JsonDict) -> JsonDict:
    """Run the extraction of one article with its context (fetching its page first if it gave only a URL)."""
    from workers.analysis.extraction import extract_article

    if needs_fetch(article):
        article = fetch_body(store, job_id, article)
    return extract_article(article, build_context(store, job_id, article))


def needs_fetch(article: JsonDict) -> bool:
    """An article given only as a URL: no text, no html."""
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


def build_context(store: JobStore, job_id: str, article: JsonDict) -> JsonDict:
    """{"sibling_texts": raw bodies of the job's other articles of the same source,
    "seen_lines": line fingerprint -> count in the client's earlier articles of that source}."""
    meta = store.get_meta(job_id) or {}
    source = article["source"].strip().lower()
    siblings = [a["id"] for a in json.loads(meta.get("articles") or "[]")
                if a["source"].strip().lower() == source and a["id"] != article["id"]]
    sibling_texts = []
    for sibling_id in siblings:
        sibling = store.get_input(job_id, sibling_id)
        if sibling is not None:
            sibling_texts.append(sibling.get("text") or sibling.get("html") or "")
    memory = FurnitureMemory(store.redis, get_settings().job_ttl_seconds)
    return {"sibling_texts": sibling_texts, "seen_lines": memory.seen_lines(meta.get("client", ""), source)}


def remember_source_lines(store: JobStore, job_id: str) -> None:
    """Once per job, count each article's short lines for its source (read by later jobs)."""
    from workers.analysis.cleaning import content_lines, line_fingerprint

    if not store.claim(job_id, "furniture-memory"):
        return
    meta = store.get_meta(job_id) or {}
    memory = FurnitureMemory(store.redis, get_settings().job_ttl_seconds)
    extracted = store.extracted_ids(job_id)
    for article_id, article in store.inputs(job_id).items():
        if article_id not in extracted:
            continue
        body = article.get("text") or article.get("html") or ""
        fingerprints = {line_fingerprint(line) for line in content_lines(body)
                        if 0 < len(line.strip()) <= MAX_LINE_CHARS}
        memory.record(meta.get("client", ""), article["source"], fingerprints)
