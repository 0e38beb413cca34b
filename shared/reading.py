"""How people read a job result: what the HTML report and the command line's summary both state.

Plain functions over the result JSON (`{"job", "articles", "duplicates", "comparison"}`), tolerant of the
comparison's older shape: a missing field leaves its part empty rather than failing.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any

JsonDict = dict[str, Any]

# English names of the languages an article is most likely written in; any other code is shown as the code.
# (Written out rather than a dependency: the report needs only a name to put in a sentence.)
LANGUAGE_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sr": "Serbian", "sv": "Swedish", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese", "zh": "Chinese",
}
ANALYSED_LANGUAGE = "en"
RELATIONS = {"exact": "exact copies", "near_duplicate": "near-identical copies",
             "containment": "one contains the other", "shared_passages": "share copied passages",
             "same_outlet": "one outlet's articles"}
WORD = re.compile(r"\w+", re.UNICODE)


def language_name(code: str | None) -> str:
    """'French' for 'fr'; the code itself when unknown."""
    return LANGUAGE_NAMES.get(str(code or "").lower(), f"'{code}'")


def when(value: Any) -> str:
    """'14 Mar 2026, 08:00 UTC' for an ISO date-time, '14 Mar 2026' for a date; the text itself otherwise."""
    text = str(value or "")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    day = f"{moment.day} {moment:%b %Y}"
    if len(text) <= 10:
        return day
    offset = moment.utcoffset()
    zone = "" if offset is None else "UTC" if not offset else moment.strftime("UTC%z")
    return f"{day}, {moment:%H:%M} {zone}".strip()


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def outlets(result: JsonDict) -> list[JsonDict]:
    """Every submitted article, in submission order: outlet, headline, date, link, language and whether it
    was compared (with the reason when not)."""
    extracted = {str(a.get("article_id")): a for a in result.get("articles") or [] if isinstance(a, dict)}
    job_articles = [a for a in (result.get("job") or {}).get("articles") or [] if isinstance(a, dict)]
    order = [str(a.get("article_id") or a.get("id")) for a in job_articles] or list(extracted)
    states = {str(a.get("article_id") or a.get("id")): a for a in job_articles}
    rows = []
    for article_id in dict.fromkeys(order + list(extracted)):
        article, state = extracted.get(article_id) or {}, states.get(article_id) or {}
        error = article.get("error") or state.get("error")
        language = article.get("language")
        reason = None
        if error or state.get("status") == "failed":
            reason = (error or {}).get("message") or "the article could not be processed"
        elif language and language != ANALYSED_LANGUAGE:
            reason = f"written in {language_name(language)}; only English is compared"
        rows.append({"article_id": article_id, "source": article.get("source") or state.get("source") or article_id,
                     "title": article.get("title"), "url": article.get("url"),
                     "published_at": article.get("published_at"), "language": language,
                     "site_name": article.get("site_name"), "author": article.get("author"),
                     "words": (article.get("stats") or {}).get("words"), "analysed": reason is None,
                     "reason": reason, "failed": bool(error) or state.get("status") == "failed",
                     "warnings": [w for w in article.get("warnings") or [] if isinstance(w, str)]})
    return rows


def not_analysed(rows: list[JsonDict]) -> list[str]:
    """Sentences for the top of the report: '2 French articles were not analysed (Le Monde, Libération).'"""
    lines = []
    by_language: dict[str, list[str]] = {}
    for row in rows:
        if not row["analysed"] and not row["failed"]:
            by_language.setdefault(str(row["language"]), []).append(str(row["source"]))
    for language, sources in by_language.items():
        verb = "was" if len(sources) == 1 else "were"
        lines.append(f"{_plural(len(sources), language_name(language) + ' article')} {verb} not analysed "
                     f"({', '.join(sources)}): only English articles are compared.")
    for row in rows:
        if row["failed"]:
            lines.append(f"{row['source']} ({row['article_id']}) could not be analysed: {row['reason']}.")
    analysed = sum(1 for row in rows if row["analysed"])
    if rows and analysed == 0:
        lines.append("No article was analysed, so nothing was compared.")
    elif len({row["source"] for row in rows if row["analysed"]}) == 1 and len(rows) > 1:
        lines.append("Only one outlet's articles were analysed, so there is nothing to compare them with.")
    return lines


def story_title(result: JsonDict) -> str | None:
    """The headline that shares the most words with the other headlines (the story's most typical title)."""
    titles = [str(row["title"]).strip() for row in outlets(result) if row.get("title") and row["analysed"]]
    titles = titles or [str(row["title"]).strip() for row in outlets(result) if row.get("title")]
    if not titles:
        return None
    words = [set(WORD.findall(t.lower())) for t in titles]

    def typicality(index: int) -> tuple[float, int]:
        overlap = sum(len(words[index] & other) / (len(words[index] | other) or 1)
                      for j, other in enumerate(words) if j != index)
        return overlap, -len(titles[index])

    return titles[max(range(len(titles)), key=typicality)]


def independence(result: JsonDict) -> JsonDict:
    """The one account of which outlets are independent: groups of articles that count as one source.

    Uses comparison.independence when the comparison gives it, else the duplicates stage's groups.
    """
    comparison = result.get("comparison") or {}
    source_of = {row["article_id"]: row["source"] for row in outlets(result)}
    given = comparison.get("independence")
    groups: list[JsonDict] = []
    if isinstance(given, dict) and isinstance(given.get("groups"), list):
        for group in given["groups"]:
            articles = [str(a) for a in group.get("articles") or []]
            groups.append({"articles": articles,
                           "sources": list(dict.fromkeys(group.get("sources") or
                                                         [source_of.get(a, a) for a in articles])),
                           "relation": group.get("relation") or ("alone" if len(articles) == 1 else "shared_passages")})
        count = int(given.get("independent_sources") or len(groups))
    else:
        for members in (result.get("duplicates") or {}).get("independent_groups") or []:
            articles = [str(a) for a in members]
            groups.append({"articles": articles, "sources": list(dict.fromkeys(source_of.get(a, a) for a in articles)),
                           "relation": "alone" if len(articles) == 1 else "shared_passages"})
        count = len(groups)
    joined = [g for g in groups if len(g["articles"]) > 1]
    return {"groups": groups, "joined": joined, "count": count, "sentence": _independence_sentence(groups, count)}


def _independence_sentence(groups: list[JsonDict], count: int) -> str:
    if not groups:
        return ""
    text = f"{_plural(count, 'independent account')}"
    joined = [g for g in groups if len(g["articles"]) > 1]
    if joined:
        parts = [f"{' and '.join(g['sources'])} ({RELATIONS.get(g['relation'], g['relation'])})" for g in joined]
        text += " — counted once each: " + "; ".join(parts)
    return text + "."


def independent_count(fact: JsonDict, account: JsonDict) -> int:
    """How many independent accounts report a fact: the fact's own count (`independent_sources`), which the
    job's summary, the terminal and the API also give; it counts by the one account of independence (its
    groups) and also counts once two outlets whose sentences lie in a passage one copied from the other. A
    result without it is counted by the groups."""
    given = fact.get("independent_sources")
    if isinstance(given, int) and not isinstance(given, bool) and given >= 0:
        return given
    group_of = {a: index for index, g in enumerate(account.get("groups") or []) for a in g["articles"]}
    article_ids = [str(a) for a in fact.get("article_ids") or []] or [
        str(c.get("article_id")) for c in fact.get("claims") or []]
    if group_of and all(a in group_of for a in article_ids):
        return len({group_of[a] for a in article_ids})
    return len(set(article_ids))


def facts_by_status(result: JsonDict) -> dict[str, list[JsonDict]]:
    """The comparison's facts grouped by status, each group in the comparison's order."""
    grouped: dict[str, list[JsonDict]] = {}
    for fact in (result.get("comparison") or {}).get("facts") or []:
        if isinstance(fact, dict):
            grouped.setdefault(str(fact.get("status") or ""), []).append(fact)
    return grouped


def status_counts(result: JsonDict) -> Counter[str]:
    """How many facts have each status."""
    return Counter({status: len(facts) for status, facts in facts_by_status(result).items()})


def claim_value(claim: JsonDict) -> str:
    """A claim's value as the text words it ("hundreds", "at least 7"), for either contract shape."""
    numbers = [n for n in claim.get("numbers") or [] if isinstance(n, dict)]
    if numbers:
        return ", ".join(str(n.get("label") or "") for n in numbers)
    return str(claim.get("value_label") or "")


def claimant_name(claim: JsonDict) -> str:
    """Who says it: the named or anonymous claimant, else the outlet."""
    claimant = claim.get("claimant")
    if isinstance(claimant, dict) and claimant.get("name"):
        return str(claimant["name"])
    return str(claim.get("source") or "")


def plain_said(fact: JsonDict) -> str:
    """What a result made before the job's summary worded each fact (`summary.fact_lines`) says of a fact, in
    plain words: its values with their outlets, a dispute's sides, a timeline's steps, or its independent
    sources. Readers use it only when the summary has no words for the fact."""
    status = fact.get("status")
    if status == "disputed":
        return " — ".join(f"{d.get('claimant')}: {d.get('value')}" for d in fact.get("disputes") or []
                          if isinstance(d, dict))
    if status == "updated":
        return " → ".join(f"{t.get('value')} ({t.get('source')}, {when(t.get('time')) or 'time unknown'})"
                          for t in timeline(fact))
    values = [v for v in fact.get("values") or [] if isinstance(v, dict)]
    if status == "conflicting":
        return " vs ".join(f"{v.get('label')} ({', '.join(v.get('sources') or [])})" for v in values)
    return f"{fact.get('independent_sources', '?')} independent sources"


def _worded(result: JsonDict, fact: JsonDict, part: str) -> str | None:
    """The job summary's `said` or `line` for a fact (`summary.fact_lines`), None when it has none."""
    summary = (result.get("comparison") or {}).get("summary")
    lines = summary.get("fact_lines") if isinstance(summary, dict) else None
    entry = lines.get(str(fact.get("id"))) if isinstance(lines, dict) else None
    words = entry.get(part) if isinstance(entry, dict) else None
    return words if isinstance(words, str) else None


def said(result: JsonDict, fact: JsonDict) -> str:
    """The job summary's words for what is said of a fact, else plain_said (an older result)."""
    return _worded(result, fact, "said") or plain_said(fact)


def line(result: JsonDict, fact: JsonDict, label: str) -> str:
    """The job summary's line for a fact (its label, then what is said of it), else `label: plain_said`."""
    return _worded(result, fact, "line") or f"{label}: {plain_said(fact)}"


def timeline(fact: JsonDict) -> list[JsonDict]:
    """An updated fact's values in time order (times with offsets compared in UTC; a step without a readable
    time last): {time, value, source, claim}."""
    def order(step: JsonDict) -> tuple[bool, datetime]:
        text = str(step.get("time") or "")
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            coarse = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", text)  # a month's or a year's value: its first day
            if coarse is None:
                return True, datetime.min
            return False, datetime(int(coarse.group(1)), int(coarse.group(2) or 1), 1)
        return False, moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo is not None else moment

    return sorted((t for t in fact.get("timeline") or [] if isinstance(t, dict)), key=order)


def exclusives_worth_reading(result: JsonDict, limit: int = 8) -> list[JsonDict]:
    """The most salient facts only one outlet reports."""
    facts = facts_by_status(result).get("exclusive") or []
    return sorted(facts, key=lambda f: -float(f.get("salience") or 0))[:limit]
