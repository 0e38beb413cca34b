"""clean_article: one article (plain text or HTML) to clean text, metadata, removed furniture, language."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from rapidfuzz import fuzz

from workers.analysis.cleaning.furniture import classify_lines, line_keys, reliable_context
from workers.analysis.cleaning.galleries import unwrap_gallery_lines
from workers.analysis.cleaning.html_text import extract_html, looks_like_html
from workers.analysis.cleaning.language import detect_language, language_warning
from workers.analysis.cleaning.lexicon import BYLINE
from workers.analysis.cleaning.normalize import line_fingerprint, match_key, normalize_text, paragraphs
from workers.analysis.cleaning.verdict import LineVerdict, SourceContext
from workers.analysis.errors import ArticleError

HEADLINE_MAX_WORDS = 25
TITLE_SIMILARITY = 85.0  # rapidfuzz ratio (0-100) above which a first line repeats the given title
SHORT_TEXT_WORDS = 50
# Sibling pages are extracted once per process: their lines are kept by digest (not the raw HTML itself).
LINES_CACHE_SIZE = 256
_LINES_CACHE: OrderedDict[bytes, tuple[str, ...]] = OrderedDict()


def _raw_input(article: Mapping[str, Any]) -> tuple[str, str, list[str]]:
    """(raw string, "text" | "html", warnings) of an article; ArticleError when it has neither."""
    html, text = article.get("html"), article.get("text")
    if isinstance(html, str) and html.strip():
        return html, "html", []
    if isinstance(text, str) and text.strip():
        if looks_like_html(text):
            return text, "html", ["the 'text' field holds HTML: it was extracted as HTML"]
        return text, "text", []
    raise ArticleError("empty_article", "the article has no 'text' or 'html' content")


def _headline_line(normalized: str) -> str | None:
    """The first line when it looks like a headline: short, no final period, followed by a blank line."""
    first, sep, _rest = normalized.partition("\n\n")
    if not sep or "\n" in first:
        return None
    if len(first.split()) > HEADLINE_MAX_WORDS or first.rstrip("”’\"' ").endswith((".", ":", ";", ",")):
        return None
    if BYLINE.match(first):
        return None
    return first


def _same_title(line: str, title: str) -> bool:
    """True when a line repeats the title (case, punctuation and small edits aside)."""
    return fuzz.ratio(match_key(line), match_key(title)) >= TITLE_SIMILARITY


def _title_block(line: str, title: str) -> bool:
    """True for a headline block: a first line holding the whole title plus a section label or standfirst."""
    key, title_key = match_key(line), match_key(title)
    if len(title_key.split()) < 4 or len(key) > 4 * len(title_key) or line.rstrip().endswith("."):
        return False
    return fuzz.partial_ratio(title_key, key) >= TITLE_SIMILARITY + 10


def _split_title(lines: list[str], normalized: str, given: str | None, fmt: str) -> tuple[str | None, dict | None]:
    """(title, removed entry or None); drops a first line that is the headline from the body lines."""
    first = lines[0] if lines else None
    if first is not None and given and _same_title(first, given):
        lines.pop(0)
        return given, {"text": first, "reason": "title", "signals": ["first_line", "repeats_given_title"]}
    if first is not None and given and len(lines) > 1 and _title_block(first, given):
        lines.pop(0)
        return given, {"text": first, "reason": "title", "signals": ["first_line", "contains_given_title"]}
    if given:
        return given, None
    headline = _headline_line(normalized) if fmt == "text" else None
    if headline is not None and first == headline and len(lines) > 1:
        lines.pop(0)
        return headline, {"text": headline, "reason": "title", "signals": ["first_line", "headline_shape"]}
    return None, None


def content_lines(raw: str) -> list[str]:
    """The normalised lines (paragraphs) of a raw plain text or HTML page, before furniture removal."""
    digest = _digest(raw)
    cached = _LINES_CACHE.get(digest)
    if cached is None:
        text = raw
        if looks_like_html(raw):
            extraction = extract_html(raw)
            text = extraction.text if extraction else ""
        cached = _cache_lines(raw, paragraphs(normalize_text(text)))
    else:
        _LINES_CACHE.move_to_end(digest)
    return list(cached)


def _digest(raw: str) -> bytes:
    return hashlib.blake2b(raw.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _cache_lines(raw: str, lines: list[str]) -> tuple[str, ...]:
    """Remember the content lines of a raw input (bounded, least recently used first out)."""
    cached = _LINES_CACHE[_digest(raw)] = tuple(lines)
    if len(_LINES_CACHE) > LINES_CACHE_SIZE:
        _LINES_CACHE.popitem(last=False)
    return cached


def _source_context(article: Mapping[str, Any], context: Mapping[str, Any] | None, title: str | None,
                    site_name: str | None) -> SourceContext:
    """Sibling line sets, lines seen before and the outlet's names, from the pipeline's context."""
    context = context or {}
    siblings = [frozenset(line_fingerprint(line) for line in content_lines(raw))
                for raw in context.get("sibling_texts") or () if isinstance(raw, str) and raw.strip()]
    siblings += [frozenset(keys) for keys in context.get("sibling_fingerprints") or () if keys]
    seen = context.get("seen_lines") or {}
    names = _outlet_names(str(article.get("source") or ""), site_name)
    return SourceContext(sibling_keys=siblings, seen_lines=seen, outlet_names=names, title=title)


def _outlet_names(source: str, site_name: str | None) -> list[str]:
    """Ways the outlet may name itself: its site name, its source id, the main label of its domain."""
    names = {source, source.replace("-", " ").replace("_", " "), site_name or ""}
    host = source.casefold().removeprefix("https://").removeprefix("http://").split("/")[0]
    if "." in host:
        labels = [part for part in host.split(".") if part not in {"www", "edition", "m", "amp"}]
        if len(labels) >= 2:
            names.add(labels[-2] if labels[-2] not in {"co", "com"} or len(labels) < 3 else labels[-3])
    return sorted(n for n in names if len(n) >= 2 and n.strip())


def _byline_author(verdicts: list[LineVerdict]) -> str | None:
    """The author named by a removed byline ("By Malcolm Foster"), if any."""
    for verdict in verdicts:
        match = BYLINE.match(verdict.text) if verdict.reason == "byline" else None
        if match:
            return match.group(1).strip()
    return None


def _removed_entry(verdict: LineVerdict) -> dict[str, Any]:
    """The auditable record of one removed line."""
    return {"text": verdict.text, "reason": verdict.reason, "signals": list(verdict.signals)}


def clean_article(article: dict, context: dict | None = None) -> dict:
    """Clean text of an article with its metadata, the furniture removed (and why), and its language."""
    raw, fmt, warnings = _raw_input(article)
    original = raw
    meta: dict[str, str | None] = {"title": None, "author": None, "site_name": None, "published_at": None,
                                   "url": None}
    if fmt == "html":
        extraction = extract_html(raw, url=article.get("url"))
        if extraction is None:
            raise ArticleError("no_main_text", "no main text was found in the HTML")
        raw = extraction.text
        meta = {"title": extraction.title, "author": extraction.author, "site_name": extraction.site_name,
                "published_at": extraction.published_at, "url": extraction.url}
    normalized = normalize_text(raw)
    lines = paragraphs(normalized)
    _cache_lines(original, lines)  # content_lines(original) is now free (the pipeline fingerprints them)
    given_title = normalize_text(str(article.get("title") or "")) or meta["title"]
    # A gallery caption is judged as any line. content_lines (the sibling and seen-before fingerprints) keeps the
    # whole gallery lines: a gallery two articles of one outlet embed (two CNN reports of one attack) is no
    # boilerplate of that outlet, and its captions must not meet each other as repeated lines.
    lines, gallery_chrome = unwrap_gallery_lines(lines, given_title)
    title, title_entry = _split_title(lines, normalized, given_title, fmt)
    language, _probability = detect_language("\n".join(lines))
    if (warning := language_warning(language)) is not None:
        warnings.append(warning)
    keys = line_keys(lines)  # computed once, for the context check and the scorer
    source_context, notes = reliable_context(lines, _source_context(article, context, title, meta["site_name"]),
                                             keys[0])
    warnings.extend(notes)
    verdicts = classify_lines(lines, source_context, english=language == "en", blocks=fmt == "text", keys=keys)
    kept = [v.text for v in verdicts if not v.furniture]
    if not kept and title_entry is not None and all(v.reason == "legal" for v in verdicts if v.furniture):
        # a bulletin that is its headline and nothing else ("CHICAGO — Bears fire coach John Fox after 5-11
        # season." above the agency's copyright line): the headline is its text, not a title taken from it. Not
        # when anything else was removed: a paywall or consent page is its headline and a prompt, no article
        kept, title_entry = [title_entry["text"]], None
        warnings.append("the text is the headline alone (a bulletin)")
    if not kept:
        raise ArticleError("no_main_text", "nothing is left once page furniture is removed")
    text = "\n\n".join(kept)
    if len(text.split()) < SHORT_TEXT_WORDS:
        warnings.append(f"the clean text is very short ({len(text.split())} words)")
    removed = (([title_entry] if title_entry else []) + [_removed_entry(v) for v in verdicts if v.furniture]
               + [{"text": cut, "reason": "gallery_chrome", "signals": ["gallery_chrome"]} for cut in gallery_chrome])
    if meta["author"] is None:
        meta["author"] = _byline_author(verdicts)
    return {
        "text": text,
        "removed": removed,
        "title": title,
        "author": meta["author"],
        "site_name": meta["site_name"],
        "published_at": article.get("published_at") or meta["published_at"],
        "url": article.get("url") or meta["url"],
        "input_format": fmt,
        "language": language,
        "warnings": warnings,
    }
