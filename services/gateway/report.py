"""The HTML report of a finished job, rendered from the stored result JSON (jinja2 + stdlib only).

It reads the comparison v2 contract (statuses corroborated / conflicting / disputed / updated / exclusive /
single, claimants, timelines, `independence`) and the older shape alike: a part the result lacks is left out.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from shared import reading

TEMPLATES = Path(__file__).parent / "templates"
STATUS_TEXT = {"conflicting": "conflict", "disputed": "disputed", "updated": "updated", "corroborated": "corroborated",
               "exclusive": "one outlet", "uncertain": "values differ (weak match)", "single": "one outlet (minor)"}
# The page's one script: printing opens every collapsed piece of evidence first.
PRINT_SCRIPT = ('window.addEventListener("beforeprint", function () { document.querySelectorAll("details")'
                '.forEach(function (d) { d.setAttribute("open", ""); }); });')
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'; script-src 'sha256-"
    + base64.b64encode(hashlib.sha256(PRINT_SCRIPT.encode()).digest()).decode() + "'")
JsonDict = dict[str, Any]


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """The template environment: autoescaping on for every template, undefined values render empty."""
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                              trim_blocks=True, lstrip_blocks=True)
    environment.filters["when"] = reading.when
    return environment


def _squash(text: Any) -> str:
    """Whitespace collapsed to single spaces."""
    return " ".join(str(text or "").split())


def highlight(sentence: str, span: str) -> dict[str, str]:
    """A sentence split around the span it contains: {'before', 'match', 'after'} (match empty if not found)."""
    sentence, span = _squash(sentence), _squash(span)
    at = sentence.find(span) if span else -1
    if at < 0:
        return {"before": sentence, "match": "", "after": ""}
    return {"before": sentence[:at], "match": span, "after": sentence[at + len(span):]}


def _evidence_for(articles: dict[str, JsonDict]) -> Any:
    """evidence(claim): what the page shows for one claim; offsets go only in `where` (shown on demand)."""
    def evidence(claim: JsonDict) -> JsonDict:
        start, end = claim.get("start"), claim.get("end")
        text = str((articles.get(str(claim.get("article_id"))) or {}).get("text") or "")
        if isinstance(claim.get("sentence"), str):  # the older shape: the whole sentence, the claim's words marked
            parts = highlight(claim["sentence"], claim.get("text", ""))
        else:  # v2: the claim's span, with the claimant's name marked when it lies inside
            span = text[start:end] if isinstance(start, int) and isinstance(end, int) and text else ""
            at = _claimant_offsets(claim) if span else None
            parts = (_split_at(span, *at) if at is not None
                     else highlight(span or claim.get("excerpt") or "", ""))
        return {"value": reading.claim_value(claim), "source": claim.get("source"),
                "article_id": claim.get("article_id"), "claimant": reading.claimant_name(claim),
                "claimant_kind": (claim.get("claimant") or {}).get("kind") or "outlet",
                "time": (claim.get("time") or {}).get("value"), "marker": (claim.get("time") or {}).get("marker"),
                "context": claim.get("role") == "context", "negated": claim.get("polarity") == "negated",
                "parts": parts, "sentence": _squash(parts["before"] + parts["match"] + parts["after"]),
                "where": f"{claim.get('article_id')}, characters {start}–{end}" if start is not None else ""}
    return evidence


def _claimant_offsets(claim: JsonDict) -> tuple[int, int] | None:
    """Where the claimant's words lie inside the claim's span (offsets from its start), when they do: marked by
    place, not by searching the words ("he", the pronoun that names the speaker, is also inside "the")."""
    claimant = claim.get("claimant") or {}
    start, end = claimant.get("start"), claimant.get("end")
    first, last = claim.get("start"), claim.get("end")
    if claimant.get("kind") == "outlet" or not (isinstance(start, int) and isinstance(end, int)
                                               and isinstance(first, int) and isinstance(last, int)):
        return None
    if not first <= start < end <= last:
        return None
    return start - first, end - first


def _split_at(span: str, start: int, end: int) -> dict[str, str]:
    """The span split around [start, end): {'before', 'match', 'after'}, whitespace collapsed (the spaces
    between the parts kept)."""
    before, match, after = (re.sub(r"\s+", " ", part) for part in (span[:start], span[start:end], span[end:]))
    return {"before": before.lstrip(), "match": match, "after": after.rstrip()}


def _claims(fact: JsonDict, indexes: list[Any]) -> list[JsonDict]:
    claims = fact.get("claims") or []
    return [claims[i] for i in indexes if isinstance(i, int) and 0 <= i < len(claims)]


def _conflict_card(fact: JsonDict, evidence: Any, said: str) -> JsonDict:
    """A conflicting fact: the summary's line for it, each value with who reports it and the sentences."""
    values = [{"label": v.get("label"), "sources": v.get("sources") or [],
               "evidence": [evidence(c) for c in _claims(fact, v.get("claims") or [])]}
              for v in fact.get("values") or []]
    return {"id": fact.get("id"), "label": fact.get("label"), "values": values, "line": said,
            "reasons": [c.get("reason") for c in fact.get("conflicts") or [] if c.get("reason")]}


def _dispute_card(fact: JsonDict, evidence: Any, said: str) -> JsonDict:
    """A disputed fact: the summary's line for it, each side's claimant and value, the sentences under it."""
    sides = [{"claimant": d.get("claimant"), "value": d.get("value"),
              "evidence": [evidence(c) for c in _claims(fact, d.get("claims") or [])]}
             for d in fact.get("disputes") or []]
    return {"id": fact.get("id"), "label": fact.get("label"), "sides": sides, "line": said}


def _timeline_card(fact: JsonDict, evidence: Any, said: str) -> JsonDict:
    """An updated fact: the summary's line for it (one step per run of one value), then every report in time
    order."""
    entries = [{"time": t.get("time"), "value": t.get("value"), "source": t.get("source"),
                "evidence": [evidence(c) for c in _claims(fact, [t.get("claim")])]} for t in reading.timeline(fact)]
    return {"id": fact.get("id"), "label": fact.get("label"), "entries": entries, "line": said}


def _side_by_side(fact: JsonDict, evidence: Any, account: JsonDict) -> JsonDict:
    """A fact with one sentence per outlet, to read next to each other."""
    seen: dict[str, JsonDict] = {}
    for claim in fact.get("claims") or []:
        seen.setdefault(str(claim.get("source")), evidence(claim))
    return {"id": fact.get("id"), "label": fact.get("label"), "kind": fact.get("kind"),
            "independent": reading.independent_count(fact, account), "sources": fact.get("sources") or [],
            "evidence": list(seen.values()), "salience": fact.get("salience"),
            "one_claimant": fact.get("one_claimant")}


def _matrix(facts: list[JsonDict], sources: list[str], evidence: Any, account: JsonDict) -> list[JsonDict]:
    """Every compared fact (not the minor single-outlet ones) with one cell per outlet."""
    rows = []
    for fact in facts:
        if fact.get("status") == "single":
            continue
        cells: list[JsonDict] = []
        for source in sources:
            claims = [c for c in fact.get("claims") or [] if c.get("source") == source]
            if not claims:
                cells.append({"state": "absent", "values": "", "evidence": []})
                continue
            conflicted = [bool(c.get("in_conflict")) for c in claims]
            state = "conflict" if fact.get("status") in ("conflicting", "disputed") or all(conflicted) else (
                "mixed" if any(conflicted) else "agree")
            values = ", ".join(dict.fromkeys(reading.claim_value(c) or "✓" for c in claims))
            cells.append({"state": state, "values": values, "evidence": [evidence(c) for c in claims]})
        rows.append({"id": fact.get("id"), "label": fact.get("label"), "status": fact.get("status"),
                     "status_text": STATUS_TEXT.get(str(fact.get("status")), fact.get("status")),
                     "independent": reading.independent_count(fact, account), "cells": cells})
    return rows


def _passages(duplicates: JsonDict, articles: dict[str, JsonDict]) -> list[JsonDict]:
    """Near duplicates and reused passages with both sides' text cut from the articles."""
    def side(article_id: str, start: Any, end: Any) -> str:
        text = (articles.get(article_id) or {}).get("text") or ""
        return _squash(text[start:end]) if isinstance(start, int) and isinstance(end, int) else ""

    def source(article_id: str) -> str:
        return str((articles.get(article_id) or {}).get("source") or article_id)

    pairs = []
    for kind, records in (("near duplicate", duplicates.get("near_duplicates") or []),
                          ("reused passages", duplicates.get("reused_passages") or [])):
        for record in records:
            if not isinstance(record, dict):
                continue
            a, b = str(record.get("a", "")), str(record.get("b", ""))
            passages = [{"kind": p.get("kind", ""), "a_text": side(a, p.get("a_start"), p.get("a_end")),
                         "b_text": side(b, p.get("b_start"), p.get("b_end"))}
                        for p in record.get("passages") or [] if isinstance(p, dict)]
            pairs.append({"kind": record.get("relation") or kind, "a_source": source(a), "b_source": source(b),
                          "passages": [p for p in passages if p["a_text"] or p["b_text"]]})
    return pairs


def build_view(result: JsonDict) -> JsonDict:
    """Everything the template shows, computed from the job result."""
    comparison = result.get("comparison") or {}
    articles = {str(a.get("article_id")): a for a in result.get("articles") or [] if isinstance(a, dict)}
    evidence = _evidence_for(articles)
    rows = reading.outlets(result)
    independence = reading.independence(result)
    group_of = {a: g for g in independence["joined"] for a in g["articles"]}
    for row in rows:
        group = group_of.get(row["article_id"])
        row["counted_with"] = [s for s in group["sources"] if s != row["source"]] if group else []
        row["relation"] = reading.RELATIONS.get(group["relation"], group["relation"]) if group else ""
    occasions = [o for o in comparison.get("occasions") or [] if isinstance(o, dict)]
    notices = reading.not_analysed(rows)
    if len(occasions) > 1:  # several occasions in one job: say which article reports which, before anything else
        occasion_of = {str(a): _days(o) for o in occasions for a in o.get("articles") or []}
        for row in rows:
            row["occasion"] = occasion_of.get(row["article_id"], "")
        notices.append(f"These articles report {len(occasions)} different occasions ("
                       + "; ".join(_days(o) for o in occasions)
                       + "): figures of different occasions are not set against each other, and a statement "
                         "agreed across them may describe two events.")
    compared = [r["source"] for r in rows if r["analysed"]]
    sources = list(dict.fromkeys(compared + [s for s in comparison.get("sources") or [] if s not in compared]))
    facts = [f for f in comparison.get("facts") or [] if isinstance(f, dict)]
    grouped = reading.facts_by_status(result)
    raw_summary = comparison.get("summary")
    summary: JsonDict = raw_summary if isinstance(raw_summary, dict) else {}

    def said(fact: JsonDict) -> str:  # each card's line in the job summary's words: one wording for every reader
        return reading.said(result, fact)

    exclusives = [_side_by_side(f, evidence, independence)
                  for f in reading.exclusives_worth_reading(result, limit=len(facts))]
    job = result.get("job") or {}
    return {
        "job": job, "title": reading.story_title(result) or "How the outlets report this story",
        "outlets": rows, "notices": notices, "compared": len(set(compared)),
        "independence": independence, "summary": summary or {}, "counts": reading.status_counts(result),
        "has_facts": "facts" in comparison, "status_text": STATUS_TEXT,
        "conflicts": [_conflict_card(f, evidence, said(f)) for f in grouped.get("conflicting", [])],
        "disputes": [_dispute_card(f, evidence, said(f)) for f in grouped.get("disputed", [])],
        "updates": [_timeline_card(f, evidence, said(f)) for f in grouped.get("updated", [])],
        "corroborated": [_side_by_side(f, evidence, independence) for f in grouped.get("corroborated", [])],
        "exclusives": exclusives[:8], "more_exclusives": exclusives[8:],
        "quotes": comparison.get("quotes") or [], "variants": comparison.get("entity_variants") or [],
        "profiles": comparison.get("profiles") or [], "sources": sources,
        "matrix": _matrix(facts, sources, evidence, independence),
        "passages": _passages(result.get("duplicates") or {}, articles), "print_script": PRINT_SCRIPT,
        "relations": reading.RELATIONS,
    }


def _days(occasion: JsonDict) -> str:
    """An occasion's days: '2017-09-15', or '2016-02-07 to 2016-02-09'."""
    first, last = str(occasion.get("first_day") or "?"), str(occasion.get("last_day") or "?")
    return first if first == last else f"{first} to {last}"


def render_report(result: JsonDict) -> str:
    """The job result as one self-contained HTML page (no external resources; all text escaped)."""
    return _environment().get_template("report.html").render(**build_view(result))
