"""Each bad input: a 4xx application/problem+json naming what is wrong, and nothing stored."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests

from tests.integration.conftest import TEST_ENV, Stack

OK_ARTICLE = {"source": "Wire", "text": "Six guards were wounded."}


def refused(stack: Stack, send: Callable[[], requests.Response], status: int, field: str | None = None) -> dict:
    """Send, check the problem answer, and check that no key was written."""
    before = stack.stored_keys()
    response = send()
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    if field is not None:
        assert field in body["errors"], body
        assert field in body["detail"] or status != 422
    assert stack.stored_keys() == before
    return dict(body)


def test_body_too_large_is_413(stack: Stack) -> None:
    big = "x" * (int(TEST_ENV["MAX_BODY_BYTES"]) + 10)
    refused(stack, lambda: stack.post({"articles": [{"source": "Wire", "text": big}]}), 413)


def test_too_many_articles_is_422(stack: Stack) -> None:
    articles = [dict(OK_ARTICLE) for _ in range(int(TEST_ENV["MAX_ARTICLES"]) + 1)]
    refused(stack, lambda: stack.post({"articles": articles}), 422, "articles")


def test_article_too_long_is_422(stack: Stack) -> None:
    text = "word " * (int(TEST_ENV["MAX_ARTICLE_CHARS"]) // 5 + 1)
    refused(stack, lambda: stack.post({"articles": [{"source": "Wire", "text": text}]}), 422, "articles.0.text")


def test_unsupported_file_type_is_415(stack: Stack) -> None:
    files = [("files", ("story.pdf", b"%PDF-1.4", "application/pdf"))]
    refused(stack, lambda: stack.http.post(stack.url + "/v1/jobs", files=files, headers=stack.headers(),
                                           timeout=10), 415, "files.story.pdf")


def test_unsupported_content_type_is_415(stack: Stack) -> None:
    refused(stack, lambda: stack.http.post(stack.url + "/v1/jobs", data="source=x", timeout=10,
                                           headers=stack.headers(**{"Content-Type": "text/plain"})), 415)


def test_unknown_field_is_422(stack: Stack) -> None:
    refused(stack, lambda: stack.post({"articles": [{**OK_ARTICLE, "author": "x"}]}), 422, "articles.0.author")


def test_unknown_top_level_field_is_422(stack: Stack) -> None:
    refused(stack, lambda: stack.post({"articles": [OK_ARTICLE], "priority": 1}), 422, "priority")


@pytest.mark.parametrize(("article", "field"), [
    ({"source": 42, "text": "Six guards were wounded."}, "articles.0.source"),
    ({"source": "Wire", "text": ["a list"]}, "articles.0.text"),
    ({"source": "Wire", "text": "x", "published_at": "last tuesday"}, "articles.0.published_at"),
])
def test_wrong_type_is_422(stack: Stack, article: dict, field: str) -> None:
    refused(stack, lambda: stack.post({"articles": [article]}), 422, field)


def test_empty_text_is_422(stack: Stack) -> None:
    refused(stack, lambda: stack.post({"articles": [{"source": "Wire", "text": "  \n "}]}), 422, "articles.0.text")


def test_missing_source_is_422(stack: Stack) -> None:
    refused(stack, lambda: stack.post({"articles": [{"text": "Six guards."}]}), 422, "articles.0.source")


def test_text_and_html_together_is_422(stack: Stack) -> None:
    refused(stack, lambda: stack.post({"articles": [{**OK_ARTICLE, "html": "<p>x</p>"}]}), 422, "articles.0.html")


def test_duplicate_article_ids_is_422(stack: Stack) -> None:
    articles = [{**OK_ARTICLE, "id": "same"}, {**OK_ARTICLE, "id": "same"}]
    refused(stack, lambda: stack.post({"articles": articles}), 422, "articles.1.id")


def test_invalid_json_is_422(stack: Stack) -> None:
    refused(stack, lambda: stack.http.post(stack.url + "/v1/jobs", data=b"{not json", timeout=10,
                                           headers=stack.headers(**{"Content-Type": "application/json"})),
            422, "body")


def test_bad_list_query_is_422(stack: Stack) -> None:
    refused(stack, lambda: stack.http.get(stack.url + "/v1/jobs?limit=1000", headers=stack.headers(),
                                          timeout=10), 422, "limit")


def test_missing_and_wrong_key_are_401(stack: Stack) -> None:
    refused(stack, lambda: stack.http.post(stack.url + "/v1/jobs", json={"articles": [OK_ARTICLE]}, timeout=10),
            401)
    refused(stack, lambda: stack.post({"articles": [OK_ARTICLE]}, key="not-a-key"), 401)


def _post_raw(stack: Stack, body: bytes, content_type: str) -> requests.Response:
    return stack.http.post(stack.url + "/v1/jobs", data=body, timeout=30,
                           headers=stack.headers(**{"Content-Type": content_type}))


@pytest.mark.parametrize(("body", "field"), [
    (b'{"articles": [{"source": "Wire", "text": "a\\ud800b"}]}', "articles.0.text"),
    (b'{"articles": [{"source": "W\\udfff", "text": "Six guards were wounded."}]}', "articles.0.source"),
    (b'{"articles": [{"source": "Wire", "text": "ok", "\\ud800": 1}]}', "articles.0.\ud800"),
], ids=["in-text", "in-source", "in-a-key"])
def test_lone_surrogate_is_422_naming_the_field(stack: Stack, body: bytes, field: str) -> None:
    problem = refused(stack, lambda: _post_raw(stack, body, "application/json"), 422)
    assert field in problem["errors"] and "surrogate" in problem["detail"]


def test_surrogate_pair_is_accepted(stack: Stack) -> None:
    body = b'{"articles": [{"source": "Wire", "text": "Six guards were wounded \\ud83d\\ude00."}]}'
    response = _post_raw(stack, body, "application/json")
    assert response.status_code == 202, response.text
    stack.wait(response.json()["id"])


@pytest.mark.parametrize("body", [b"[" * 100_000, b'{"articles": ' + b"[" * 100_000, b'{"a":' * 50_000])
def test_deep_nesting_is_422(stack: Stack, body: bytes) -> None:
    problem = refused(stack, lambda: _post_raw(stack, body, "application/json"), 422, "body")
    assert "nested deeper" in problem["detail"]


def test_nesting_inside_a_field_names_the_field(stack: Stack) -> None:
    body = b'{"articles": [{"source": "Wire", "text": "x", "title": ' + b"[" * 40 + b"]" * 40 + b"}]}"
    problem = refused(stack, lambda: _post_raw(stack, body, "application/json"), 422)
    assert [field.startswith("articles.0.title.0.0") for field in problem["errors"]] == [True]


def test_deep_nesting_in_an_uploaded_json_file_is_422(stack: Stack) -> None:
    files = [("files", ("deep.json", b"[" * 100_000, "application/json"))]
    refused(stack, lambda: stack.http.post(stack.url + "/v1/jobs", files=files, headers=stack.headers(),
                                           timeout=30), 422, "files.deep.json")


@pytest.mark.parametrize("parts", [
    [b'Content-Disposition: form-data\r\n\r\nhello', b'Content-Disposition: form-data; name="other"\r\n\r\nx'],
    [b'Content-Disposition: form-data; filename="a.txt"\r\n\r\nSix guards were wounded.',
     b'Content-Disposition: form-data; name="files"; filename="b.txt"\r\n\r\nTwo drones fell.'],
])
def test_multipart_part_without_a_name_is_422(stack: Stack, parts: list[bytes]) -> None:
    body = b"".join(b"--BOUNDARY\r\n" + part + b"\r\n" for part in parts) + b"--BOUNDARY--\r\n"
    problem = refused(stack, lambda: _post_raw(stack, body, "multipart/form-data; boundary=BOUNDARY"), 422,
                      "multipart")
    assert "no name" in problem["detail"]


def test_html_over_its_byte_limit_is_422_naming_the_setting(stack: Stack) -> None:
    limit = int(TEST_ENV["MAX_HTML_BYTES"])
    html = "<html><body>" + "<p>Six guards were wounded.</p>" * (limit // 30) + "</body></html>"
    problem = refused(stack, lambda: stack.post({"articles": [{"source": "Wire", "html": html}]}), 422,
                      "articles.0.html")
    assert "MAX_HTML_BYTES" in problem["detail"]


def test_html_is_not_held_to_the_text_limit(stack: Stack) -> None:
    """A page far longer in characters than MAX_ARTICLE_CHARS (markup, scripts) is accepted."""
    chars = int(TEST_ENV["MAX_ARTICLE_CHARS"])
    html = ("<html><head><script>" + "var x = 1;" * (chars // 10) + "</script></head><body><article>"
            + "<p>Six guards were wounded when two drones struck the base on Sunday, officials said.</p>" * 5
            + "</article></body></html>")
    assert chars < len(html) < int(TEST_ENV["MAX_HTML_BYTES"])
    response = stack.post({"articles": [{"source": "Wire", "html": html}]})
    assert response.status_code == 202, response.text
    stack.wait(response.json()["id"])


def test_cursor_beyond_the_integer_range_is_422_not_503(stack: Stack) -> None:
    for cursor in (2**63, 2**64 + 5, 2**31):
        refused(stack, lambda cursor=cursor: stack.http.get(f"{stack.url}/v1/jobs?cursor={cursor}",
                                                            headers=stack.headers(), timeout=10), 422, "cursor")
