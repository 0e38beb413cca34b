"""Real web pages are accepted: HTML is limited by its own byte limit (MAX_HTML_BYTES), not by the text
limit, and a large page goes through the whole pipeline."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest

from tests.integration.conftest import TEST_ENV, Stack

PARAGRAPHS = [f"Paragraph {k}: the council voted on Tuesday to close the bridge for repairs, officials said, "
              f"after inspectors found {k + 3} cracked supports in the span." for k in range(12)]


def _wait_done(stack: Stack, html: str) -> dict[str, Any]:
    response = stack.post({"articles": [{"id": "page", "source": "Big Page News", "html": html}]})
    assert response.status_code == 202, response.text
    final = stack.wait(response.json()["id"], timeout=600)
    assert final["status"] == "succeeded", final
    assert final["articles"][0]["status"] == "done", final["articles"][0]
    return stack.result(response.json()["id"])["articles"][0]


def test_a_page_of_1_5_mb_is_accepted_and_its_article_extracted(running: Stack) -> None:
    """Markup, inline scripts and navigation make the page ~1.5 MB; the article is a few paragraphs."""
    menu = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(400))
    script = "<script>window.__state = {" + ",".join(f'"k{k}": {k}' for k in range(120_000)) + "};</script>"
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (f"<html><head><title>Bridge closed</title>{script}</head><body><nav><ul>{menu}</ul></nav>"
            f"<article><h1>Bridge closed</h1>{body}</article><footer>{menu}</footer></body></html>")
    assert 1_400_000 < len(html.encode()) < int(TEST_ENV["MAX_HTML_BYTES"])
    assert len(html) > int(TEST_ENV["MAX_ARTICLE_CHARS"])
    article = _wait_done(running, html)
    for paragraph in PARAGRAPHS:
        assert paragraph in article["text"]
    assert "window.__state" not in article["text"] and "Section 17" not in article["text"]


def _scrapinghub_pages() -> list[Path]:
    from eval.html_extraction import data_dir

    folder = data_dir() / "html"
    return sorted(folder.glob("*.html.gz"), key=lambda p: -p.stat().st_size) if folder.is_dir() else []


@pytest.mark.skipif(not _scrapinghub_pages(), reason="ScrapingHub benchmark data not present")
def test_largest_scrapinghub_page_is_accepted_and_processed(running: Stack) -> None:
    import json

    from eval.html_extraction import data_dir, score, shingle_counts

    largest = _scrapinghub_pages()[0]
    html = gzip.decompress(largest.read_bytes()).decode("utf-8")
    assert len(html.encode()) > 1_000_000 > int(TEST_ENV["MAX_ARTICLE_CHARS"])
    article = _wait_done(running, html)
    gold = json.loads((data_dir() / "ground-truth.json").read_text())[largest.name.split(".")[0]]
    f1 = score([shingle_counts(gold["articleBody"], article["text"])])[0]
    assert f1 > 0.5, f1  # the page's own article, not its furniture
