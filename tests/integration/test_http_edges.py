"""HTTP edges: security and caching headers, what /readyz tells the public, and gunicorn's own error
answers (bad request line, URI too long, headers too large) in the one problem+json shape, over raw sockets."""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest

from tests.integration.conftest import Stack
from tools.processes import free_port, start_gateway, stop_process, wait_http


def _raw_request(stack: Stack, data: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are; (status, headers, body) of the answer."""
    with socket.create_connection(("127.0.0.1", stack.port), timeout=30) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


@pytest.mark.parametrize(("request_bytes", "status"), [
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", 400),
    (b"GET /v1/jobs?" + b"a" * 20_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 20_000 + b"\r\n\r\n", 431),
    (b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(200)) + b"\r\n", 431),
], ids=["request-line", "http-version", "uri-too-long", "header-too-large", "too-many-headers"])
def test_gunicorn_errors_are_problem_json(stack: Stack, request_bytes: bytes, status: int) -> None:
    code, headers, body = _raw_request(stack, request_bytes)
    assert code == status, body
    assert headers["content-type"] == "application/problem+json"
    assert headers["x-content-type-options"] == "nosniff"
    problem: dict[str, Any] = json.loads(body)
    assert problem["status"] == status and problem["title"] and problem["detail"]
    assert problem["type"].startswith("urn:corroborate:problem:")


def test_results_reports_and_errors_are_not_stored_and_not_sniffed(
        stack: Stack, seeds_job: tuple[str, dict[str, Any]]) -> None:
    job_id, _ = seeds_job
    for path in ("/result", "/report", "/nothing-here"):
        response = stack.http.get(f"{stack.url}/v1/jobs/{job_id}{path}", headers=stack.headers(), timeout=30)
        assert "no-store" in response.headers["Cache-Control"], path
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], path


def test_report_csp_allows_only_its_own_script(stack: Stack, seeds_job: tuple[str, dict[str, Any]]) -> None:
    job_id, _ = seeds_job
    response = stack.http.get(f"{stack.url}/v1/jobs/{job_id}/report", headers=stack.headers(), timeout=30)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp
    assert "unsafe-eval" not in csp and "script-src 'unsafe-inline'" not in csp
    assert response.text.count("<script") == 1


def test_status_polls_revalidate_and_json_has_a_strict_csp(stack: Stack,
                                                           seeds_job: tuple[str, dict[str, Any]]) -> None:
    job_id, _ = seeds_job
    response = stack.http.get(f"{stack.url}/v1/jobs/{job_id}", headers=stack.headers(), timeout=30)
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    health = stack.http.get(stack.url + "/healthz", timeout=10)
    assert health.headers["Cache-Control"] == "no-store"
    assert health.headers["X-Content-Type-Options"] == "nosniff"


def test_readyz_does_not_tell_the_redis_address(stack: Stack) -> None:
    """A second gateway whose Redis is down: 503, and the answer names no host, port or driver error."""
    dead_port, port = free_port(), free_port()
    env = {**stack.env, "REDIS_URL": f"redis://127.0.0.1:{dead_port}/0", "PORT": str(port)}
    gateway = start_gateway(env, port, log_path=stack.tmp / "gateway-dead-redis.log")
    try:
        assert wait_http(f"http://127.0.0.1:{port}/healthz", timeout=60)
        response = stack.http.get(f"http://127.0.0.1:{port}/readyz", timeout=30)
        assert response.status_code == 503
        assert response.headers["Content-Type"] == "application/problem+json"
        assert "not reachable" in response.json()["detail"]
        for secret in (str(dead_port), "127.0.0.1", "refused", "Error"):
            assert secret not in response.text, secret
    finally:
        stop_process(gateway)
