"""Main text and metadata from HTML with trafilatura, tuned on the ScrapingHub benchmark (eval/html_extraction).

Measured there (181 pages, F1 over 4-token shingles; `python -m eval.html_extraction`):
`trafilatura.extract` defaults 0.953; include_comments=False 0.960; + favor_precision 0.964;
+ favor_recall 0.959; fast (no fallback) 0.962; deduplicate 0.951 (its cache is process-wide, so it
also drops paragraphs seen in *earlier* pages: never use it in a worker); include_tables=False 0.957.
Kept: favor_precision with fallbacks, checked against a favor_recall run (see `_choose`), 0.971;
clean_article adds title and furniture removal on top: 0.973 (P 0.975, R 0.971).

Parsing is trafilatura's own lxml HTMLParser (no huge_tree, comments and processing instructions
removed); lxml's HTML parser never fetches anything over the network, and trafilatura only downloads
when asked for a URL, which we never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import trafilatura

# Larger pages are refused rather than parsed (trafilatura's own download limit is 20 MB).
MAX_HTML_CHARS = 5_000_000
# Fewer words than this is a menu or a link list that trafilatura kept, not an article's main text.
MIN_MAIN_TEXT_WORDS = 10
# Options shared by every run: no reader comments, keep tables (dropping them cost recall: 0.957).
BASE_OPTIONS: dict[str, Any] = {"include_comments": False, "include_tables": True, "deduplicate": False}
HTML_OPTIONS: dict[str, Any] = {**BASE_OPTIONS, "favor_precision": True, "checked_against": "favor_recall"}
# A precision run shorter than this share of the recall run lost the article (seen: 260 vs 3,267 chars).
MIN_SHARE_OF_RECALL = 0.25
# A precision run longer than this multiple of the recall run came from a fallback extractor that took
# the whole page (seen: 3,933 vs 894 chars; gold 878).
MAX_MULTIPLE_OF_RECALL = 1.5
_HTML_TAG = re.compile(r"<(?:!doctype|html|head|body|div|p|article|span|meta|title|br|a)\b", re.IGNORECASE)


@dataclass(frozen=True)
class HtmlExtraction:
    """What trafilatura found in one page."""

    text: str
    title: str | None
    author: str | None
    site_name: str | None
    published_at: str | None
    url: str | None
    strategy: str


def looks_like_html(raw: str) -> bool:
    """True when a string is markup rather than plain text (several HTML tags near its start)."""
    head = raw[:5000]
    return len(_HTML_TAG.findall(head)) >= 2 or head.lstrip().lower().startswith(("<!doctype", "<html"))


def _run(html: str, url: str | None, **options: Any) -> Any:
    """One trafilatura run with metadata (a Document, or None when it finds no main text)."""
    return trafilatura.bare_extraction(html, url=url, with_metadata=True, **BASE_OPTIONS, **options)


def _text(document: Any) -> str:
    """The text of a trafilatura Document ("" for None)."""
    return (getattr(document, "text", None) or "") if document is not None else ""


def _choose(html: str, url: str | None) -> tuple[Any, Any, str]:
    """(document for text, document for metadata, strategy name): precision run checked against recall."""
    precise = _run(html, url, favor_precision=True)
    recall = _run(html, url, favor_recall=True, fast=True)
    precise_len, recall_len = len(_text(precise)), len(_text(recall))
    if recall_len and precise_len < MIN_SHARE_OF_RECALL * recall_len:
        return recall, recall, "favor_recall (precision run lost the article)"
    if recall_len and precise_len > MAX_MULTIPLE_OF_RECALL * recall_len:
        precise_fast = _run(html, url, favor_precision=True, fast=True)
        if len(_text(precise_fast)) >= MIN_SHARE_OF_RECALL * recall_len:
            return precise_fast, precise, "favor_precision without fallback (fallback took the page)"
        return recall, precise, "favor_recall (fallback took the page)"
    if precise is None:
        return recall, recall, "favor_recall"
    return precise, precise, "favor_precision"


def _clean_meta(value: Any) -> str | None:
    """A metadata string, or None when trafilatura found nothing."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def extract_html(html: str, url: str | None = None) -> HtmlExtraction | None:
    """Main text and metadata of an HTML page, or None when it has no main text."""
    if len(html) > MAX_HTML_CHARS or not html.strip():
        return None
    text_doc, meta_doc, strategy = _choose(html, url)
    text = _text(text_doc).strip()
    if len(text.split()) < MIN_MAIN_TEXT_WORDS:
        return None
    return HtmlExtraction(
        text=text,
        title=_clean_meta(getattr(meta_doc, "title", None)),
        author=_clean_meta(getattr(meta_doc, "author", None)),
        site_name=_clean_meta(getattr(meta_doc, "sitename", None)),
        published_at=_clean_meta(getattr(meta_doc, "date", None)),
        url=_clean_meta(getattr(meta_doc, "url", None)) or url,
        strategy=strategy,
    )
