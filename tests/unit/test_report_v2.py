"""The report on a hand-written result in the comparison v2 shape: what a reader needs, up front and escaped."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from typing import Any

from services.gateway.report import CONTENT_SECURITY_POLICY, PRINT_SCRIPT, render_report
from shared import reading
from tests.unit.report_fixture import v2_result

EVIL = "<script>alert('x')</script>"


class _Page(HTMLParser):
    """Start tags with attributes, visible text outside <details>, and text inside them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.reading: list[str] = []
        self.hidden: list[str] = []
        self._details = 0
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._details += tag == "details"
        self._skip += tag in ("style", "script", "title")

    def handle_endtag(self, tag: str) -> None:
        self._details -= tag == "details"
        self._skip -= tag in ("style", "script", "title")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            (self.hidden if self._details else self.reading).append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.reading).split())

    def ids(self) -> list[str]:
        return [str(a["id"]) for _, a in self.tags if a.get("id")]

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if name in (a.get("class") or "").split()]


def _render(result: dict[str, Any] | None = None) -> tuple[str, _Page]:
    html = render_report(result or v2_result())
    page = _Page()
    page.feed(html)
    return html, page


def test_the_title_is_the_story_and_the_outlets_come_first() -> None:
    """h1 is a headline of the story; the outlets, with headline, date and link, precede every finding."""
    html, page = _render()
    h1 = re.search(r"<h1>(.*?)</h1>", html, re.S)
    assert h1 is not None and "Brennock warehouse fire" in h1.group(1)
    assert "job_fixture" not in h1.group(1)
    ids = page.ids()
    assert ids.index("notices") < ids.index("outlets") < ids.index("summary") < ids.index("conflicts")
    outlets = page.with_class("outlet")
    assert len(outlets) == 6
    links = [a.get("href") for t, a in page.tags if t == "a" and "headline" in (a.get("class") or "")]
    assert "https://news.example/ledger" in links
    assert all(a.get("rel") == "noreferrer noopener" for t, a in page.tags if t == "a" and "headline" in
               (a.get("class") or ""))
    assert "14 Mar 2026, 08:00 UTC" in page.text()


def test_articles_not_analysed_are_stated_up_front() -> None:
    """Two French articles and a failure are named in the notice, not hidden behind 'no conflicts'."""
    _, page = _render()
    text = page.text()
    assert "2 French articles were not analysed (Le Quotidien, Le Matin)" in text
    assert "Broken Site (broken) could not be analysed: no main text was found in the HTML" in text
    assert len(page.with_class("skipped")) == 3
    assert "No conflicting facts" not in text


def test_several_occasions_are_stated_up_front_and_on_each_outlet() -> None:
    """A job mixing two occasions says so in 'Read this first' and tells which outlet reports which."""
    result = v2_result()
    result["comparison"]["occasions"] = [
        {"first_day": "2026-02-20", "last_day": "2026-02-20", "articles": ["ledger"]},
        {"first_day": "2026-03-13", "last_day": "2026-03-14", "articles": ["wire", "copy"]}]
    _, page = _render(result)
    text = page.text()
    assert "These articles report 2 different occasions (2026-02-20; 2026-03-13 to 2026-03-14)" in text
    assert "Reports the occasion of 2026-02-20" in text
    assert text.count("Reports the occasion of 2026-03-13 to 2026-03-14") == 2
    one = v2_result()
    one["comparison"]["occasions"] = [{"first_day": "2026-03-13", "last_day": "2026-03-14",
                                       "articles": ["ledger", "wire", "copy"]}]
    assert "occasion" not in _render(one)[1].text()


def test_nothing_analysed_says_so_instead_of_no_conflicts() -> None:
    """Only French articles: the report says nothing was compared and claims no agreement."""
    result = v2_result()
    result["articles"] = [a for a in result["articles"] if a["language"] == "fr"]
    result["job"]["articles"] = [a for a in result["job"]["articles"] if a["id"] in ("lemonde", "matin")]
    result["comparison"].update(facts=[], independence={"groups": [], "independent_sources": 0})
    _, page = _render(result)
    text = page.text()
    assert "No article was analysed, so nothing was compared." in text
    assert "contradicts" not in text and "No conflicting" not in text


def test_conflicts_disputes_and_timelines() -> None:
    """Conflict values with outlets, disputes as 'claimant: value', updated values in time order."""
    _, page = _render()
    text = page.text()
    assert "2 (Brennock Ledger) vs 4 (Northern Wire, Evening Post)" in text
    assert "Ada Mirren: 6 — Harrow Logistics: 3" in text
    assert len(page.with_class("dispute-card")) == 1
    timeline = text[text.index("Changed over time"):]
    seven, nine = timeline.index("7 — Brennock Ledger"), timeline.index("9 — Northern Wire")
    assert seven < nine < timeline.index("9 — Evening Post")
    assert "14 Mar 2026, 07:30 UTC" in timeline


def test_corroborated_statements_side_by_side_and_vague_numbers_as_worded() -> None:
    """A corroborated statement shows each outlet's sentence; 'dozens' stays 'dozens'; 2 independent of 3."""
    _, page = _render()
    text = page.text()
    assert "The blaze broke out shortly after midnight in the building's loading bay." in text
    assert "The fire started shortly after midnight in the loading bay." in text
    assert "2 independent of 3 outlets" in text
    assert "dozens" in text and "Dozens of homes nearby were evacuated overnight" in text


def test_a_corroborated_fact_resting_on_one_claimant_says_so() -> None:
    """Outlets agreeing on what one party said: the card names that one origin; other facts say nothing of it."""
    _, page = _render()
    assert "All on the word of" not in page.text()
    result = v2_result()
    [agreed] = [f for f in result["comparison"]["facts"] if f["status"] == "corroborated"]
    agreed["one_claimant"] = "Ada Mirren"
    _, page = _render(result)
    assert "All on the word of Ada Mirren" in page.text()


def test_offsets_stay_out_of_the_reading_view() -> None:
    """Character offsets appear only inside collapsed evidence."""
    _, page = _render()
    assert not re.search(r"\d+[–-]\d+\]|characters \d+", page.text())
    assert any(re.search(r"characters \d+–\d+", t) for t in page.hidden)


def test_one_account_of_independence() -> None:
    """The groups of comparison.independence are the only count used: 2 independent accounts, everywhere."""
    _, page = _render()
    text = page.text()
    assert text.count("2 independent accounts") == 2  # header and the independence section: the same sentence
    assert "Counted as one source with Evening Post (near-identical copies)" in text
    assert reading.independence(v2_result())["count"] == 2


def test_the_older_shape_renders_with_its_missing_parts_left_out() -> None:
    """A comparison without facts or independence: no fact sections, no crash, the outlets still shown."""
    result = v2_result()
    result["comparison"] = {"sources": ["Brennock Ledger"]}
    _, page = _render(result)
    ids = page.ids()
    assert "conflicts" not in ids and "disputes" not in ids and "updates" not in ids and "matrix" not in ids
    assert "outlets" in ids and "This result has no comparison of facts." in page.text()
    assert "2 independent accounts" in page.text()  # from duplicates.independent_groups


def test_everything_is_escaped_and_nothing_external_loads() -> None:
    """Markup in outlet names and sentences is text; the one script is the report's, allowed by its hash."""
    result = v2_result()
    for article in result["articles"]:
        if article["article_id"] == "ledger":
            article["source"] = EVIL
            article["title"] = EVIL
    html, page = _render(result)
    assert EVIL not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert len(re.findall(r"<script>", html)) == 1
    assert not [a for t, a in page.tags if a.get("src") or (t == "link")]
    digest = base64.b64encode(hashlib.sha256(PRINT_SCRIPT.encode()).digest()).decode()
    assert f"<script>{PRINT_SCRIPT}</script>" in html and f"'sha256-{digest}'" in CONTENT_SECURITY_POLICY


def test_story_title_is_the_most_typical_headline() -> None:
    """Of three headlines, the one sharing most words with the others; none without headlines."""
    assert reading.story_title(v2_result()) in {"Brennock warehouse fire death toll rises to nine",
                                                "Death toll in Brennock warehouse fire rises to nine"}
    assert reading.story_title({"articles": [{"article_id": "a", "source": "A"}]}) is None


def test_a_quotation_printed_without_marks_says_so_and_is_not_shown_in_quotation_marks() -> None:
    result = v2_result()
    words = "we are turning around because of a passenger mix-up"

    def variant(article: str, source: str, marked: bool) -> dict[str, Any]:
        return {"article_id": article, "source": source, "start": 0, "end": len(words), "text": words,
                "sentence_start": 0, "sentence_end": len(words), "sentence": words, "quote": words,
                "speaker": "Teigen" if marked else None, "cue": None, "marked": marked, "is_reference": marked,
                "segments": [{"op": "equal", "text": words}], "changes": []}

    result["comparison"]["quotes"] = [{
        "id": "q1", "speaker": "Teigen", "reference": words, "sources": ["Brennock Ledger", "Northern Wire"],
        "article_ids": ["ledger", "wire"], "independent_sources": 2, "match": "wording", "wording_changed": False,
        "changes": [],
        "variants": [variant("ledger", "Brennock Ledger", True), variant("wire", "Northern Wire", False)]}]
    _, page = _render(result)
    text = page.text()
    assert "Northern Wire (printed as its own text, without quotation marks)" in text
    assert f"“ {words} ”" in text  # the quoted variant in marks
    assert f"without quotation marks) {words} Which" in text  # the bare one without


def test_the_claimants_words_are_marked_where_they_are_not_where_the_same_letters_first_appear() -> None:
    """A speaker named by a pronoun ("he") is marked at its place, not inside the "the" before it."""
    from services.gateway.report import _evidence_for

    text = "Intro. Maynard said the gorilla was calm, but he said it was strong."
    start = text.index("Maynard")
    pronoun = text.index(" he ") + 1
    claim = {"article_id": "a", "source": "x", "start": start, "end": len(text), "excerpt": text[start:],
             "claimant": {"name": "Maynard", "kind": "named", "start": pronoun, "end": pronoun + 2}}
    parts = _evidence_for({"a": {"text": text}})(claim)["parts"]
    assert parts == {"before": "Maynard said the gorilla was calm, but ", "match": "he",
                     "after": " said it was strong."}
    outside = {**claim, "claimant": {"name": "Ada", "kind": "named", "start": 0, "end": 5}}
    assert _evidence_for({"a": {"text": text}})(outside)["parts"]["match"] == ""
