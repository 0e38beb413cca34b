"""The gateway's checks of untrusted JSON and its gunicorn error answer, as plain functions."""

from __future__ import annotations

import json
import socket

import pytest

from services.gateway.payload import MAX_NESTING, PayloadError, check_payload, load_json


def test_lone_surrogates_are_refused_with_their_path() -> None:
    with pytest.raises(PayloadError) as error:
        load_json(b'{"articles": [{"text": "ok"}, {"source": "a\\udc00"}]}', "body")
    assert list(error.value.errors) == ["articles.1.source"]
    assert "\\udc00" in error.value.errors["articles.1.source"][0]


def test_surrogate_pairs_and_other_text_pass() -> None:
    data = load_json('{"text": "\\ud83d\\ude00 caf\\u00e9 \\u202e bidi"}', "body")
    assert data["text"].startswith("\U0001f600")


def test_nesting_is_bounded_without_recursion() -> None:
    assert load_json("[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1), "body")
    for raw in ("[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1), "[" * 200_000):
        with pytest.raises(PayloadError, match="nested deeper"):
            load_json(raw, "body")
    deep: list = []
    for _ in range(5_000):  # built in Python: deeper than the recursion limit, checked iteratively
        deep = [deep]
    with pytest.raises(PayloadError):
        check_payload({"articles": deep}, "body")


def test_not_json_is_named() -> None:
    for raw in (b"{not json", b"\xff\xfe\x00garbage", b""):
        with pytest.raises(PayloadError) as error:
            load_json(raw, "files.a.json")
        assert error.value.errors == {"files.a.json": ["is not valid JSON"]}


def test_gunicorn_error_page_is_problem_json() -> None:
    from services.gateway.gunicorn_conf import write_problem

    left, right = socket.socketpair()
    with left, right:
        write_problem(left, 431, "Request Header Fields Too Large", "Error parsing headers: 'limit'")
        left.shutdown(socket.SHUT_WR)
        answer = right.recv(65536)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 431 ") and b"Content-Type: application/problem+json" in head
    assert b"X-Content-Type-Options: nosniff" in head and b"Content-Length: %d" % len(body) in head
    assert json.loads(body)["status"] == 431
