"""A summary a person reads in ten seconds: conflicts and disputes with their claimants, updates as
timelines, what independent sources agree on, and how quotations drift."""

from __future__ import annotations

from typing import Any

from workers.analysis.comparison.claimants import short_name
from workers.analysis.comparison.evidence import bounded
from workers.analysis.comparison.timing import utc_moment

MAX_ITEMS = 3
MAX_CLAIM = 140
MAX_OUTLETS = 3  # outlets named for one value or one step of a timeline; the rest are counted
MAX_VALUES = 4  # values of a conflict named in its line; the rest are counted


def _n(count: int, noun: str) -> str:
    """'1 fact', '3 facts'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _short(text: str) -> str:
    return bounded(text, MAX_CLAIM)


def _outlets(names: list[str]) -> str:
    """'Reuters, AP, BBC' or, past MAX_OUTLETS, 'Reuters, AP, BBC and 4 more'."""
    shown = ", ".join(names[:MAX_OUTLETS])
    return shown + (f" and {len(names) - MAX_OUTLETS} more" if len(names) > MAX_OUTLETS else "")


def _who_says(fact: dict[str, Any]) -> str:
    """'6 (Reuters, AP) vs 7 (BBC)' for a fact's values: the MAX_VALUES values most outlets give, in the fact's
    order, then how many others there are (the fact lists them all)."""
    values = fact["values"]
    shown = sorted(sorted(range(len(values)), key=lambda k: -len(values[k]["sources"]))[:MAX_VALUES])
    line = " vs ".join(f"{values[k]['label']} ({_outlets(values[k]['sources'])})" for k in shown)
    return line + (f" and {_n(len(values) - len(shown), 'other value')}" if len(values) > len(shown) else "")


def _dispute(fact: dict[str, Any]) -> str:
    """'police: 2 — organisers: denies' for a dispute's sides, one claimant's values together ("Miabek Lang: at
    least 12, 12"), each claimant by its name without the description beside it (claimants.short_name: "Ryan
    Boyette, a former aid worker who lives in Sudan ..." is Ryan Boyette; the fact keeps the whole)."""
    said: dict[str, dict[str, str]] = {}  # party -> value folded -> value as first written
    for side in fact["disputes"]:
        said.setdefault(short_name(side["claimant"]), {}).setdefault(side["value"].casefold(), side["value"])
    return " — ".join(f"{name}: {', '.join(values.values())}" for name, values in said.items())


def _timeline(fact: dict[str, Any]) -> str:
    """'20 (CNN, 07:10) → at least 58 (NYT, 2017-10-03)'. Reports in a row giving one value are one step with
    their outlets and the span of their times: seven outlets' "about 350" then one "40" is two steps, not
    eight (the fact's `timeline` keeps every report)."""
    runs: list[tuple[str, list[str], list[str]]] = []  # (value, outlets, times)
    for step in fact["timeline"]:  # oldest first (facts.build_fact orders it)
        when = _clock(step["time"])
        if runs and runs[-1][0].casefold() == step["value"].casefold() and bool(runs[-1][2]) == bool(when):
            # one value however capitalised ("Dozens" / "dozens"), dated with dated
            runs[-1][1].append(step["source"])
            runs[-1][2].extend([when] if when else [])
        else:
            runs.append((step["value"], [step["source"]], [when] if when else []))
    steps = []
    for value, outlets, times in runs:
        who = _outlets(list(dict.fromkeys(outlets)))
        when = _span(times[0], times[-1]) if times else ""
        if not when and any(step["time"] for step in fact["timeline"]):
            when = "time unknown"  # an undated report, placed after the dated ones
        steps.append(f"{value} ({who}{', ' + when if when else ''})")
    return " → ".join(steps)


def _clock(time: str | None) -> str:
    """'2026-03-14 08:00 UTC' for a time with an offset (so "10:00+02:00" and "08:30Z" read in one zone), the time
    as written ('2007-11-12 09:00', '2007-11-12') without one; '' for none."""
    moment = utc_moment(time)
    if moment is not None and time and (time.endswith("Z") or "+" in time[10:] or "-" in time[10:]):
        return f"{moment:%Y-%m-%d %H:%M} UTC"
    return (time or "")[:16].replace("T", " ")


def _span(first: str, last: str) -> str:
    """'2007-11-12 09:00 to 2007-11-13 08:00', or within one day '2007-11-12 09:00 to 10:45' ('... to 10:45 UTC')."""
    if first == last:
        return first
    zone = " UTC" if first.endswith(" UTC") and last.endswith(" UTC") else ""
    a, b = (first[:-4], last[:-4]) if zone else (first, last)
    if len(a) == len(b) == 16 and a[:10] == b[:10]:
        return f"{a} to {b[11:]}{zone}"
    return f"{first} to {last}"


def _agreed_value(fact: dict[str, Any]) -> str:
    """The value a corroborated figure's sources agree on ("3" for "people — killed": the label of a figure names
    what is counted, not how many); empty for a statement."""
    if fact.get("kind") != "numeric" or not fact.get("values"):
        return ""
    return str(max(fact["values"], key=lambda v: len(v.get("sources") or []))["label"])


def fact_line(fact: dict[str, Any]) -> dict[str, str]:
    """How the summary words one conflicting, disputed, updated or corroborated fact: `said`, what the outlets or
    claimants say of it ("7 (Harbour Herald) vs 12 (Valley Courier)", "police: 2 — organisers: denies", a
    timeline, "3 — 4 independent sources (Reuters, AP, BBC and 1 more)"), and `line`, the fact's label followed by
    it. The terminal summary shows these words, and the report on its conflict, dispute and timeline cards, so
    readers of a result read one wording."""
    label, status = _short(fact["label"]), fact["status"]
    if status == "conflicting":
        said = _who_says(fact)
    elif status == "disputed":
        said = _dispute(fact)
    elif status == "updated":
        said = _timeline(fact)
    else:
        sources = list(fact.get("sources") or [])
        said = _n(fact["independent_sources"], "independent source")
        if len(sources) > fact["independent_sources"]:  # copies count once
            said += f" among {len(sources)} outlets"
        if sources:
            said += f" ({_outlets(sources)})"
        if fact.get("one_claimant"):
            said += f", all on the word of {fact['one_claimant']}"
        value = _agreed_value(fact)
        return {"said": f"{value} — {said}" if value else said,
                "line": f"{label}: {value} — {said}" if value else f"{label} — {said}"}
    return {"said": said, "line": f"{label}: {said}"}


def summarize(facts: list[dict[str, Any]], quotes: list[dict[str, Any]], sources: list[str],
              independence: dict[str, Any], occasions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Key conflicts, disputes, updates, agreed facts and quote drift, as short lines and one paragraph; when
    the articles report several occasions (compare: Comparison.occasions), the headline says so."""
    by_status: dict[str, list[dict[str, Any]]] = {}
    for fact in facts:
        by_status.setdefault(fact["status"], []).append(fact)
    conflicts = by_status.get("conflicting", [])
    disputed = by_status.get("disputed", [])
    updated = by_status.get("updated", [])
    agreed = sorted(by_status.get("corroborated", []), key=lambda f: (-f["independent_sources"], -f["salience"]))
    exclusives = by_status.get("exclusive", [])
    worded = [(f, fact_line(f)) for f in (*conflicts, *disputed, *updated, *agreed)]  # each fact worded once
    fact_lines = {str(f["id"]): words for f, words in worded if "id" in f}
    line_of = {id(f): words["line"] for f, words in worded}
    conflict_lines, dispute_lines, update_lines, agreed_lines = (
        [line_of[id(f)] for f in group[:MAX_ITEMS]] for group in (conflicts, disputed, updated, agreed))
    drift = [q for q in quotes if q["wording_changed"]]
    drift_lines = []
    for quote in drift[:MAX_ITEMS]:
        key = [c for c in quote["changes"] if c["key"]]
        change = next((c for c in key if c["from"] and c["to"]), key[0])
        drift_lines.append(f"{quote['speaker'] or 'Unattributed'}: {_drift(quote, change)}")
    independent = int(independence.get("independent_sources", len(sources)))
    head = (f"{_n(len(sources), 'source')} compared ({independent} independent): "
            f"{_n(len(agreed), 'fact')} corroborated, {len(conflicts)} in conflict, {len(disputed)} disputed, "
            f"{len(updated)} updated over time, {len(exclusives)} reported by one source only, "
            f"{_n(len(drift), 'quotation')} worded differently.")
    occasions = occasions or []
    if len(occasions) > 1:
        head += (f" The articles report {len(occasions)} occasions ("
                 + "; ".join(f"{_days(o)}: {_n(len(o['articles']), 'article')}" for o in occasions)
                 + "): figures of different occasions are not set against each other.")
    parts = [head]
    for title, lines in (("Conflicts", conflict_lines), ("Disputes", dispute_lines), ("Updates", update_lines),
                         ("Agreed", agreed_lines), ("Quote wording", drift_lines)):
        if lines:
            parts.append(f"{title} — " + "; ".join(lines) + ".")
    return {"text": " ".join(parts), "headline": head, "agreed": agreed_lines, "conflicts": conflict_lines,
            "disputes": dispute_lines, "updates": update_lines, "quote_drift": drift_lines, "fact_lines": fact_lines,
            "counts": {"sources": len(sources), "independent_sources": independent,
                       "corroborated": len(agreed), "conflicting": len(conflicts), "disputed": len(disputed),
                       "updated": len(updated), "exclusive": len(exclusives), "quotes_shared": len(quotes),
                       "quotes_reworded": len(drift), "occasions": len(occasions)}}


def _drift(quote: dict[str, Any], change: dict[str, Any]) -> str:
    """How a quotation's wording changed, with who printed what: '“@michaelsheen” (www.eonline.com) →
    “Michael Sheen and” (www.thesun.co.uk)' (a tweet as posted and The Sun's version of it, unannotated
    Giveme5W1H event 56): the reference's words and outlet, then the words and outlets of the variants that
    change them, not every outlet that printed the quotation; words one outlet leaves out or adds inside the
    quotation; and, for one said in other words (joined by meaning), the two wordings side by side, since a word
    diff of a paraphrase shows nothing a reader can use."""
    reference = next((v for v in quote["variants"] if v.get("is_reference")), None)
    where = f" ({reference['source']})" if reference else ""
    changed = [v for v in quote["variants"] if not v.get("is_reference")
               and any(c["from"] == change["from"] and c["to"] == change["to"] for c in v["changes"])]
    outlets = ", ".join(sorted({v["source"] for v in changed})) or ", ".join(quote["sources"])
    if quote.get("match") == "meaning" and reference is not None and changed and _reworded(changed[0]):
        variant = changed[0]["quote"]
        same = ", ".join(sorted({v["source"] for v in changed if v["quote"] == variant}))
        return f"reworded: “{_short(reference['quote'])}”{where} / “{_short(variant)}” ({same})"
    # each side with the words around it ("death of three of our citizens" → "death of these three people, our
    # fellow"): the changed words alone ("of" → "people,") do not say where the change is
    before = change.get("from_context") or change["from"]
    after = change.get("to_context") or change["to"]
    if not change["to"]:  # the reference's wording around it, then what the others left out of it
        if before != change["from"]:
            return f"“{before}”{where}: “{change['from']}” left out ({outlets})"
        return f"“{change['from']}”{where} left out ({outlets})"
    if not change["from"]:
        around = f": “{after}”" if after != change["to"] else ""
        return f"“{change['to']}” added{around} ({outlets})"
    return f"“{before}”{where} → “{after}” ({outlets})"


def _reworded(variant: dict[str, Any]) -> bool:
    """True when fewer than half of a variant's words are the reference's (a paraphrase, not an edit)."""
    words = [len(segment["text"].split()) for segment in variant.get("segments") or []]
    equal = sum(n for n, segment in zip(words, variant.get("segments") or [], strict=True) if segment["op"] == "equal")
    return equal < sum(words) / 2


def _days(occasion: dict[str, Any]) -> str:
    """'2017-09-15', or '2016-02-07 to 2016-02-09'."""
    first, last = occasion["first_day"], occasion["last_day"]
    return first if first == last else f"{first} to {last}"
