"""Articles given only as a URL: the worker fetches them from a server the test runs on 127.0.0.1
(the test stack sets FETCH_ALLOW_PRIVATE=true; the refusal with it off is in tests/unit/test_fetch.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.integration.conftest import Stack


def page(outlet: str, toll: str) -> bytes:
    """A small news page (navigation, article, footer) about a hand-written event."""
    return f"""<html><head><title>Ferry capsizes on Lake Ontario</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Ferry capsizes on Lake Ontario</h1>
<p>A passenger ferry capsized on Lake Ontario on Tuesday, {outlet} reported.</p>
<p>{toll} passengers were rescued by the coast guard, officials said.</p>
<p>The ferry was carrying tourists from Toronto to Niagara when strong winds hit the lake in the afternoon.</p>
<p>An investigation into the cause of the accident has been opened by the transport authority.</p>
</article><footer>Copyright 2026 {outlet}. All rights reserved.</footer></body></html>""".encode()


PAGES = {"/north": page("North Herald", "Forty"), "/south": page("South Courier", "Twenty-eight")}


class Site(BaseHTTPRequestHandler):
    """Two articles, a redirect to one of them, and nothing else (404)."""

    def do_GET(self) -> None:
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/south")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = PAGES.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8" if body else "text/plain")
        payload = body or b"no such page"
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *_: Any) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """Base URL of the test site."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_url_articles_are_fetched_and_a_failed_fetch_fails_alone(running: Stack, site: str) -> None:
    job_id = running.submit({"articles": [
        {"id": "north", "source": "North Herald", "url": site + "/north"},
        {"id": "south", "source": "South Courier", "url": site + "/moved"},
        {"id": "gone", "source": "Gone Daily", "url": site + "/deleted-story"},
    ]})
    final = running.wait(job_id)
    assert final["status"] == "succeeded", final
    states = {a["article_id"]: a for a in final["articles"]}
    assert states["north"]["status"] == states["south"]["status"] == "done"
    assert states["gone"]["status"] == "failed"
    assert states["gone"]["error"]["code"] == "fetch_http_error" and "404" in states["gone"]["error"]["message"]

    result = running.result(job_id)
    by_id = {a["article_id"]: a for a in result["articles"]}
    assert set(by_id) == {"north", "south"}
    assert by_id["south"]["fetched"] == {"url": site + "/moved", "final_url": site + "/south", "status": 200,
                                         "content_type": "text/html", "bytes": len(PAGES["/south"]), "redirects": 1}
    assert by_id["north"]["input_format"] == "html"
    assert "Forty passengers were rescued" in by_id["north"]["text"]
    assert "All rights reserved" not in by_id["north"]["text"]  # the page went through the HTML extraction


def test_url_with_text_is_only_metadata(running: Stack, site: str) -> None:
    job_id = running.submit({"articles": [{"source": "Wire", "url": site + "/deleted-story",
                                           "text": "A ferry capsized on Lake Ontario on Tuesday, officials said."}]})
    final = running.wait(job_id)
    assert final["status"] == "succeeded" and final["articles"][0]["status"] == "done"
    article = running.result(job_id)["articles"][0]
    assert article["url"] == site + "/deleted-story" and article["fetched"] is None


@pytest.mark.parametrize(("article", "field"), [
    ({"source": "Wire", "url": "ftp://example.org/story"}, "articles.0.url"),
    ({"source": "Wire", "url": "not a url"}, "articles.0.url"),
    ({"source": "Wire"}, "articles.0.text"),
])
def test_bad_urls_are_refused_at_once(stack: Stack, article: dict[str, Any], field: str) -> None:
    before = stack.stored_keys()
    response = stack.post({"articles": [article]})
    assert response.status_code == 422, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"]
    assert stack.stored_keys() == before
