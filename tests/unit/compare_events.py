"""Small hand-written articles about invented events, extracted with the real pipeline, for the comparison
tests. Nothing here comes from the seeds or from an evaluation set."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from workers.analysis.extraction import extract_articles

Article = tuple[str, str, str, str]  # (id, source, published_at, text)


@lru_cache(maxsize=64)
def _extract(articles: tuple[Article, ...]) -> tuple[dict[str, Any], ...]:
    return tuple(extract_articles([{"id": i, "source": s, "published_at": p, "text": t} for i, s, p, t in articles]))


def extract(*articles: Article) -> list[dict[str, Any]]:
    """Extractions of the given articles (cached: the same texts are parsed once per test run)."""
    import copy

    return copy.deepcopy(list(_extract(tuple(articles))))


def no_duplicates(extractions: list[dict[str, Any]]) -> dict[str, Any]:
    """A dedup result saying every article stands alone."""
    return {"exact": [], "near_duplicates": [], "reused_passages": [], "groups": [],
            "independent_groups": [[e["article_id"]] for e in extractions]}


def facts_with(result: dict[str, Any], *words: str) -> list[dict[str, Any]]:
    """The facts one of whose claims contains every given word."""
    return [f for f in result["facts"]
            if any(all(w.lower() in c["excerpt"].lower() for w in words) for c in f["claims"])]


BRIDGE_A = ("The Lundberg river bridge collapsed on Tuesday morning after four days of heavy rain, "
            "trapping commuters on the eastern bank. Engineers had inspected the bridge in March.")
BRIDGE_B = ("Four days of heavy rain brought down the Lundberg river bridge on Tuesday morning, leaving "
            "commuters stranded on the eastern bank. The town council will meet on Friday.")
