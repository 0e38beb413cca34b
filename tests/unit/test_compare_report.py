"""The HTML report rendered from a job result built with the real comparison functions."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from services.gateway.report import highlight, render_report
from tests.unit.compare_events import BRIDGE_A, BRIDGE_B, extract
from tests.unit.test_compare_factories import make_extraction
from workers.analysis.comparison import compare_sources

EVIL = "<script>alert('x')</script>"


class _Collector(HTMLParser):
    """Collects tags with their attributes, and the visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _result(articles: list[dict[str, Any]]) -> dict[str, Any]:
    duplicates = {"exact": [], "near_duplicates": [], "reused_passages": [],
                  "independent_groups": [[a["article_id"]] for a in articles]}
    return {"job": {"id": "job-1", "status": "succeeded", "articles": []}, "articles": articles,
            "duplicates": duplicates, "comparison": compare_sources(articles, duplicates)}


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def _event() -> list[dict[str, Any]]:
    """Three outlets on an invented bridge collapse: one toll conflict, one statement all three share."""
    toll = "{n} people were killed when the Lundberg river bridge collapsed, police said. "
    return extract(("a", "Northern Post", "2024-03-05T10:00:00+00:00", toll.format(n="Twelve") + BRIDGE_A),
                   ("b", "Valley Herald", "2024-03-05T10:30:00+00:00", toll.format(n="Nine") + BRIDGE_B),
                   ("c", "Coast Daily", "2024-03-05T10:40:00+00:00", toll.format(n="Nine") + BRIDGE_B))


def test_report_has_matrix_conflicts_quotes_profiles() -> None:
    """Key elements: one matrix row per fact with a cell per source, conflict cards, the evidence sentence."""
    result = _result(_event())
    html = render_report(result)
    page = _parse(html)
    rows = [a for t, a in page.tags if t == "tr" and "data-fact" in a]
    shown = [f for f in result["comparison"]["facts"] if f["status"] != "single"]
    assert len(rows) == len(shown)
    cells = [a.get("class") for t, a in page.tags if t == "td" and "cell" in (a.get("class") or "")]
    assert len(cells) == len(shown) * 3
    assert "cell conflict" in cells and "cell agree" in cells
    cards = [a for t, a in page.tags if t == "div" and "conflict-card" in (a.get("class") or "").split()]
    assert len(cards) == sum(1 for f in shown if f["status"] == "conflicting") >= 1
    text = " ".join(page.text)
    assert "Twelve people were killed" in text and "Nine people were killed" in text
    # a claim in a later sentence shows its words too (a sentence index is not a sentence)
    assert "brought down the Lundberg river bridge" in text
    assert "http://" not in html and "https://" not in html  # no external resources


def test_report_escapes_text() -> None:
    """Source names, sentences and quotes with markup are escaped, never injected."""
    quote = f"we will not bow to {EVIL} ever again today"
    articles = [
        make_extraction("a", EVIL, f"Three soldiers were killed in Kabul. “{quote}” the general said.",
                        claims=[("Three soldiers", 3, "exact", "soldiers", "killed")],
                        quotes=[(quote, "the general")], entities=[("Kabul", "GPE")]),
        make_extraction("b", "B & Co", f"Four soldiers were killed in Kabul. “{quote}” the general said.",
                        claims=[("Four soldiers", 4, "exact", "soldiers", "killed")],
                        quotes=[(quote, "the general")], entities=[("Kabul", "GPE")]),
    ]
    html = render_report(_result(articles))
    assert EVIL not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "B &amp; Co" in html
    assert len(re.findall(r"<script>", html)) == 1  # only the report's own print helper


def test_highlight_finds_the_span_in_the_sentence() -> None:
    """The claim span is cut out of its sentence, whitespace differences ignored."""
    parts = highlight("Seven of his\nsecurity guards were wounded.", "Seven of his security guards")
    assert parts == {"before": "", "match": "Seven of his security guards", "after": " were wounded."}
    assert highlight("No match here.", "other")["match"] == ""


def test_report_renders_an_empty_result() -> None:
    """A job whose comparison is empty still renders, its fact and quote sections left out."""
    html = render_report({"job": {"id": "j", "status": "succeeded"}, "articles": [], "duplicates": {},
                          "comparison": {}})
    assert "This result has no comparison of facts." in html
    assert 'id="conflicts"' not in html and 'id="quotes"' not in html
