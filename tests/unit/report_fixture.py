"""A hand-written job result in the comparison v2 shape (notes: comparison-v2.md), about an invented event.

Six articles: three English ones (two of them a wire copy), two French ones (not analysed) and one that
failed. Facts of every status: conflicting, disputed, updated, corroborated, exclusive (one vague), single.
Offsets are computed from the texts, so they point where the contract says.
"""

from __future__ import annotations

from typing import Any

from workers.analysis.comparison.summary import summarize

LEDGER = ("Seven people were killed in a fire at a warehouse in Brennock, the fire service said on Saturday.\n\n"
          "The fire started shortly after midnight in the loading bay.\n\n"
          "Two firefighters were injured, the fire service said.\n\n"
          "Brennock Fire Service chief Ada Mirren said six workers were still missing.\n\n"
          "The warehouse had failed a fire inspection in January, records show.")
WIRE = ("The death toll from a warehouse fire in Brennock rose to nine on Saturday, officials said.\n\n"
        "The blaze broke out shortly after midnight in the building's loading bay.\n\n"
        "Four firefighters were injured.\n\n"
        "The owner, Harrow Logistics, said three workers were unaccounted for.\n\n"
        "Dozens of homes nearby were evacuated overnight.")
COPY = WIRE.replace("nine on Saturday", "nine by Saturday afternoon")
TEXTS = {"ledger": LEDGER, "wire": WIRE, "copy": COPY}
SOURCES = {"ledger": "Brennock Ledger", "wire": "Northern Wire", "copy": "Evening Post"}
PUBLISHED = {"ledger": "2026-03-14T08:00:00Z", "wire": "2026-03-14T10:30:00Z", "copy": "2026-03-14T11:05:00Z"}
GROUP = {"ledger": 0, "wire": 1, "copy": 1}


def claim(article_id: str, excerpt: str, *, claimant: tuple[str, str] | None = None,
          numbers: list[dict[str, Any]] | None = None, time: str | None = None, marker: str | None = None,
          role: str = "event") -> dict[str, Any]:
    """One claim: the span located in the article's text, its claimant and time."""
    text = TEXTS[article_id]
    start = text.index(excerpt)
    name, kind = claimant or (SOURCES[article_id], "outlet")
    at = text.find(name) if kind != "outlet" else -1
    return {"article_id": article_id, "source": SOURCES[article_id], "start": start, "end": start + len(excerpt),
            "excerpt": excerpt,
            "claimant": {"name": name, "kind": kind, "key": name.lower() if kind == "named" else None,
                         "start": at if at >= 0 else None, "end": at + len(name) if at >= 0 else None},
            "time": {"value": time or PUBLISHED[article_id], "basis": "text" if time else "published",
                     "published_at": PUBLISHED[article_id], "marker": marker},
            "polarity": "affirmed", "numbers": numbers or [], "independent_group": GROUP[article_id], "role": role}


def number(label: str, value: float | None, counted: str, vague: bool = False) -> dict[str, Any]:
    """A number as the claim words it."""
    return {"label": label, "value": value, "low": value, "high": value, "hedge": "exact", "counted": counted,
            "vague": vague}


def fact(fact_id: str, kind: str, label: str, status: str, salience: float, claims: list[dict[str, Any]],
         **parts: Any) -> dict[str, Any]:
    """A fact over its claims; sources, article ids and the independent count follow from them."""
    article_ids = list(dict.fromkeys(c["article_id"] for c in claims))
    return {"id": fact_id, "kind": kind, "label": label, "status": status, "salience": salience,
            "independent_sources": len({GROUP[a] for a in article_ids}),
            "sources": [SOURCES[a] for a in article_ids], "article_ids": article_ids, "claims": claims,
            "values": parts.get("values", []), "conflicts": parts.get("conflicts", []),
            "disputes": parts.get("disputes", []), "timeline": parts.get("timeline", []),
            "one_claimant": parts.get("one_claimant"), "links": []}


def facts() -> list[dict[str, Any]]:
    """One fact of each status, in the contract's order."""
    injured = [claim("ledger", "Two firefighters were injured", numbers=[number("2", 2, "firefighters")]),
               claim("wire", "Four firefighters were injured", numbers=[number("4", 4, "firefighters")]),
               claim("copy", "Four firefighters were injured", numbers=[number("4", 4, "firefighters")])]
    missing = [claim("ledger", "Brennock Fire Service chief Ada Mirren said six workers were still missing",
                     claimant=("Ada Mirren", "named"), numbers=[number("6", 6, "workers")]),
               claim("wire", "The owner, Harrow Logistics, said three workers were unaccounted for",
                     claimant=("Harrow Logistics", "named"), numbers=[number("3", 3, "workers")])]
    killed = [claim("ledger", "Seven people were killed in a fire at a warehouse in Brennock",
                    numbers=[number("7", 7, "people")], time="2026-03-14T07:30:00Z", marker="on Saturday"),
              claim("wire", "The death toll from a warehouse fire in Brennock rose to nine on Saturday",
                    numbers=[number("9", 9, "people")], time="2026-03-14T10:00:00Z", marker="rose to"),
              claim("copy", "The death toll from a warehouse fire in Brennock rose to nine by Saturday afternoon",
                    numbers=[number("9", 9, "people")], time="2026-03-14T10:45:00Z", marker="rose to")]
    start = [claim("ledger", "The fire started shortly after midnight in the loading bay."),
             claim("wire", "The blaze broke out shortly after midnight in the building's loading bay."),
             claim("copy", "The blaze broke out shortly after midnight in the building's loading bay.")]
    return [
        fact("f1", "numeric", "firefighters injured", "conflicting", 0.8, injured,
             values=[{"label": "2", "claims": [0], "sources": ["Brennock Ledger"], "claimants": ["Brennock Ledger"]},
                     {"label": "4", "claims": [1, 2], "sources": ["Northern Wire", "Evening Post"],
                      "claimants": ["Northern Wire", "Evening Post"]}],
             conflicts=[{"a": 0, "b": 1, "reason": "2 vs 4 firefighters injured at the same time"}]),
        fact("f2", "numeric", "workers missing", "disputed", 0.7, missing,
             values=[{"label": "6", "claims": [0], "sources": ["Brennock Ledger"], "claimants": ["Ada Mirren"]},
                     {"label": "3", "claims": [1], "sources": ["Northern Wire"], "claimants": ["Harrow Logistics"]}],
             disputes=[{"claimant": "Ada Mirren", "value": "6", "claims": [0]},
                       {"claimant": "Harrow Logistics", "value": "3", "claims": [1]}]),
        fact("f3", "numeric", "people killed", "updated", 0.95, killed,
             timeline=[{"time": "2026-03-14T07:30:00Z", "value": "7", "source": "Brennock Ledger", "claim": 0},
                       {"time": "2026-03-14T10:00:00Z", "value": "9", "source": "Northern Wire", "claim": 1},
                       {"time": "2026-03-14T10:45:00Z", "value": "9", "source": "Evening Post", "claim": 2}]),
        fact("f4", "statement", start[0]["excerpt"], "corroborated", 0.6, start),
        fact("f5", "statement", "The warehouse had failed a fire inspection in January", "exclusive", 0.75,
             [claim("ledger", "The warehouse had failed a fire inspection in January")]),
        fact("f6", "numeric", "homes evacuated", "exclusive", 0.5,
             [claim("wire", "Dozens of homes nearby were evacuated overnight",
                    numbers=[number("dozens", None, "homes", vague=True)])]),
        fact("f7", "statement", "records show", "single", 0.05, [claim("ledger", "records show")]),
    ]


def extraction(article_id: str) -> dict[str, Any]:
    """A minimal stage-1 record for an English article."""
    titles = {"ledger": "Seven killed in Brennock warehouse fire",
              "wire": "Brennock warehouse fire death toll rises to nine",
              "copy": "Death toll in Brennock warehouse fire rises to nine"}
    text = TEXTS[article_id]
    return {"article_id": article_id, "source": SOURCES[article_id], "title": titles[article_id],
            "url": f"https://news.example/{article_id}", "published_at": PUBLISHED[article_id],
            "language": "en", "warnings": [], "text": text, "removed": [], "sentences": [],
            "stats": {"words": len(text.split())}}


def french(article_id: str, source: str, title: str) -> dict[str, Any]:
    """A French article: kept, but not compared."""
    return {"article_id": article_id, "source": source, "title": title, "url": None, "language": "fr",
            "published_at": "2026-03-14T09:00:00Z", "text": "Un incendie a fait sept morts.",
            "warnings": ["language 'fr' is not English: entities, quotes, numbers, attributions and dates "
                         "were not extracted"], "removed": [], "stats": {"words": 6}}


def with_summary(comparison: dict[str, Any]) -> dict[str, Any]:
    """The comparison's summary made from its facts by the analysis's own summarize (call again after changing
    the facts)."""
    comparison["summary"] = summarize(comparison["facts"], comparison["quotes"], comparison["sources"],
                                      comparison["independence"])
    return comparison


def v2_result() -> dict[str, Any]:
    """The whole job result."""
    articles = [extraction("ledger"), extraction("wire"), extraction("copy"),
                french("lemonde", "Le Quotidien", "Incendie meurtrier à Brennock"),
                french("matin", "Le Matin", "Brennock : sept morts dans un entrepôt")]
    job_articles = [{"id": a["article_id"], "source": a["source"], "status": "done", "error": None}
                    for a in articles]
    job_articles.append({"id": "broken", "source": "Broken Site", "status": "failed",
                         "error": {"code": "no_main_text", "message": "no main text was found in the HTML"}})
    comparison = {
        "sources": sorted(SOURCES.values()), "entities": [], "entity_variants": [], "quotes": [], "profiles": [],
        "facts": facts(),
        "independence": {"groups": [
            {"id": 0, "articles": ["ledger"], "sources": ["Brennock Ledger"], "relation": "alone",
             "representative": "ledger"},
            {"id": 1, "articles": ["wire", "copy"], "sources": ["Northern Wire", "Evening Post"],
             "relation": "near_duplicate", "representative": "wire"}], "independent_sources": 2},
        "stats": {},
    }
    with_summary(comparison)
    return {"job": {"id": "job_fixture", "status": "succeeded", "finished_at": "2026-03-14T12:00:00Z",
                    "articles": job_articles},
            "articles": articles, "duplicates": {"exact": [], "near_duplicates": [], "reused_passages": [],
                                                 "independent_groups": [["ledger"], ["wire", "copy"]]},
            "comparison": comparison}
