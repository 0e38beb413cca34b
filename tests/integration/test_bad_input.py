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
