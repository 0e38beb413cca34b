"""The HTML report of a finished job, rendered from the stored result JSON (jinja2 + stdlib only)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"
STATUS_TEXT = {"conflicting": "conflict", "corroborated": "corroborated", "exclusive": "one source",
               "uncertain": "values differ (weak match)", "single": "one source (minor)"}


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """The template environment: autoescaping on for every template, undefined values render empty."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                       trim_blocks=True, lstrip_blocks=True)


def _squash(text: str) -> str:
    """Whitespace collapsed to single spaces."""
    return " ".join(str(text or "").split())


def highlight(sentence: str, span: str) -> dict[str, str]:
    """A sentence split around the span it contains: {'before', 'match', 'after'} (match empty if not found)."""
    sentence, span = _squash(sentence), _squash(span)
    at = sentence.find(span) if span else -1
    if at < 0:
        return {"before": sentence, "match": "", "after": ""}
    return {"before": sentence[:at], "match": span, "after": sentence[at + len(span):]}


def _evidence(claim: dict[str, Any]) -> dict[str, Any]:
    """What a cell or a conflict line shows for one claim: value, where, and the sentence with the span."""
    return {"value": claim.get("value_label", ""), "article_id": claim.get("article_id"),
            "source": claim.get("source"), "start": claim.get("start"), "end": claim.get("end"),
            "sentence": _squash(claim.get("sentence", "")), "parts": highlight(claim.get("sentence", ""),
                                                                                 claim.get("text", ""))}


def _matrix(facts: list[dict[str, Any]], sources: list[str], show_single: bool) -> list[dict[str, Any]]:
    """Fact rows with one cell per source: absent, agree, conflict or mixed, with the evidence."""
    rows = []
    for fact in facts:
        if fact.get("status") == "single" and not show_single:
            continue
        cells: list[dict[str, Any]] = []
        for source in sources:
            claims = [c for c in fact.get("claims", []) if c.get("source") == source]
            if not claims:
                cells.append({"state": "absent", "values": "", "evidence": []})
                continue
            conflicted = [bool(c.get("in_conflict")) for c in claims]
            state = "conflict" if all(conflicted) else "mixed" if any(conflicted) else "agree"
            values = ", ".join(dict.fromkeys(c.get("value_label", "") for c in claims))
            cells.append({"state": state, "values": values, "evidence": [_evidence(c) for c in claims]})
        rows.append({"id": fact.get("id"), "label": fact.get("label"), "status": fact.get("status"),
                     "status_text": STATUS_TEXT.get(fact.get("status", ""), fact.get("status")),
                     "independent": fact.get("independent_sources", 0), "cells": cells})
    return rows


def _conflicts(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Conflicting facts with each value, who reports it and the evidence sentences."""
    out = []
    for fact in facts:
        if fact.get("status") != "conflicting":
            continue
        claims = fact.get("claims", [])
        values = [{"label": v.get("label"), "sources": v.get("sources", []),
                   "evidence": [_evidence(claims[k]) for k in v.get("claims", []) if k < len(claims)]}
                  for v in fact.get("values", [])]
        out.append({"id": fact.get("id"), "label": fact.get("label"), "values": values,
                    "reasons": [c.get("reason") for c in fact.get("conflicts", [])]})
    return out


def _duplicates(duplicates: dict[str, Any], articles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Near duplicates and reused passages with both sides' text cut from the articles."""
    def side(article_id: str, start: Any, end: Any) -> str:
        text = (articles.get(article_id) or {}).get("text") or ""
        if isinstance(start, int) and isinstance(end, int):
            return _squash(text[start:end])
        return ""

    def source(article_id: str) -> str:
        return str((articles.get(article_id) or {}).get("source") or article_id)

    pairs = []
    for kind, records in (("near duplicate", duplicates.get("near_duplicates") or []),
                          ("reused passages", duplicates.get("reused_passages") or [])):
        for record in records:
            if not isinstance(record, dict):
                continue
            a, b = str(record.get("a", "")), str(record.get("b", ""))
            passages = [{"kind": p.get("kind", ""), "words": p.get("words"), "score": p.get("score"),
                         "a_text": side(a, p.get("a_start"), p.get("a_end")),
                         "b_text": side(b, p.get("b_start"), p.get("b_end"))}
                        for p in record.get("passages") or [] if isinstance(p, dict)]
            similarity = record.get("similarity") or {}
            pairs.append({"kind": record.get("relation") or kind, "a": a, "b": b, "a_source": source(a),
                          "b_source": source(b), "score": similarity.get("score")
                          if isinstance(similarity, dict) else similarity,
                          "earlier": record.get("earlier"), "passages": passages})
    exact = [[source(a) for a in group.get("articles", [])] for group in duplicates.get("exact") or []
             if isinstance(group, dict)]
    groups = [[source(a) for a in group] for group in duplicates.get("independent_groups") or [] if len(group) > 1]
    return {"pairs": pairs, "exact": exact, "independent_groups": groups}


def build_view(result: dict[str, Any], show_single: bool = False) -> dict[str, Any]:
    """Everything the template shows, computed from the job result."""
    comparison = result.get("comparison") or {}
    extractions = [a for a in result.get("articles") or [] if isinstance(a, dict)]
    articles = {str(a.get("article_id")): a for a in extractions}
    sources = list(dict.fromkeys(str(a.get("source") or a.get("article_id")) for a in extractions))
    for source in comparison.get("sources") or []:
        if source not in sources:
            sources.append(source)
    facts = comparison.get("facts") or []
    summary = comparison.get("summary") or {}
    if isinstance(summary, str):
        summary = {"text": summary}
    job = result.get("job") or {}
    failed = [a for a in job.get("articles") or [] if isinstance(a, dict) and a.get("status") == "failed"]
    counts = {status: sum(1 for f in facts if f.get("status") == status)
              for status in ("conflicting", "corroborated", "exclusive", "single")}
    return {
        "job": job, "sources": sources, "summary": summary, "counts": counts,
        "matrix": _matrix(facts, sources, show_single), "conflicts": _conflicts(facts),
        "exclusives": [f for f in facts if f.get("status") == "exclusive"],
        "quotes": comparison.get("quotes") or [], "variants": comparison.get("entity_variants") or [],
        "profiles": comparison.get("profiles") or [],
        "duplicates": _duplicates(result.get("duplicates") or {}, articles),
        "articles": [{"id": a.get("article_id"), "source": a.get("source"), "title": a.get("title"),
                      "url": a.get("url"), "words": (a.get("stats") or {}).get("words"),
                      "removed": len(a.get("removed") or [])} for a in extractions],
        "failed": failed, "evidence": _evidence,
    }


def render_report(result: dict[str, Any], nonce: str = "") -> str:
    """The job result as one self-contained HTML page (no external resources; all text escaped); `nonce`
    is the Content-Security-Policy nonce of its one inline script."""
    return _environment().get_template("report.html").render(**build_view(result), script_nonce=nonce)
