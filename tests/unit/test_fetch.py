"""workers/fetch.py against a real HTTP server on 127.0.0.1 (http.server in a thread): limits, redirects,
errors, and the address checks (loopback is allowed only where a test says so)."""

from __future__ import annotations

import contextlib
import gzip
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import certifi
import pytest

from workers import fetch
from workers.analysis.errors import ArticleError
from workers.fetch import FetchPolicy, checked_addresses, fetch_page, is_public

PAGE = ("<html><head><title>Dam opens</title></head><body><article><h1>Dam opens</h1>"
        "<p>The new dam opened on Monday, officials said.</p></article></body></html>")
ALLOW = FetchPolicy(allow_private=True, max_bytes=64 * 1024, connect_timeout=2, read_timeout=2, total_timeout=10,
                    max_redirects=3)


class Handler(BaseHTTPRequestHandler):
    """Routes of the test site."""

    requests: ClassVar[list[tuple[str, str]]] = []  # (path, Host header) of every request served

    def do_GET(self) -> None:
        Handler.requests.append((self.path, self.headers.get("Host", "")))
        route = self.path.split("?", 1)[0]
        if route == "/article":
            self._send(200, PAGE.encode(), "text/html; charset=utf-8")
        elif route == "/plain":
            self._send(200, b"The dam opened on Monday.", "text/plain")
        elif route == "/latin1":
            self._send(200, "<html><body><p>Caf\u00e9 owners said the dam opened.</p></body></html>".encode("latin-1"),
                       "text/html; charset=iso-8859-1")
        elif route == "/gzip":
            self._send(200, gzip.compress(PAGE.encode()), "text/html", extra={"Content-Encoding": "gzip"})
        elif route.startswith("/hops/"):
            left = int(route.rsplit("/", 1)[1])
            self._redirect("/article" if left == 0 else f"/hops/{left - 1}")
        elif route == "/loop-a":
            self._redirect("/loop-b")
        elif route == "/loop-b":
            self._redirect("/loop-a")
        elif route == "/to":
            self._redirect(self.path.split("?to=", 1)[1])
        elif route == "/big":
            self._stream(b"<p>" + b"x" * 8192 + b"</p>", chunks=20)
        elif route == "/big-declared":
            self._send(200, b"x" * (ALLOW.max_bytes + 1), "text/html")
        elif route == "/image":
            self._send(200, b"\x89PNG....", "image/png")
        elif route == "/slow":
            time.sleep(1.0)
            self._send(200, PAGE.encode(), "text/html")
        elif route == "/error":
            self._send(500, b"oops", "text/plain")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (time limit)
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream(self, chunk: bytes, chunks: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            for _ in range(chunks):
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading at its limit, as it should

    def log_message(self, *_: Any) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """The test site's base URL on 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def fails(url: str, policy: FetchPolicy = ALLOW) -> ArticleError:
    with pytest.raises(ArticleError) as error:
        fetch_page(url, policy)
    return error.value


def test_fetches_a_page(site: str) -> None:
    page = fetch_page(site + "/article", ALLOW)
    assert (page.status, page.kind, page.redirects) == (200, "html", 0)
    assert "The new dam opened on Monday" in page.body
    assert page.describe()["final_url"] == site + "/article"


def test_plain_text_charsets_and_compression(site: str) -> None:
    assert fetch_page(site + "/plain", ALLOW).kind == "text"
    assert "Caf\u00e9 owners" in fetch_page(site + "/latin1", ALLOW).body
    assert "The new dam opened" in fetch_page(site + "/gzip", ALLOW).body


def test_redirects_are_followed_up_to_the_limit(site: str) -> None:
    page = fetch_page(site + "/hops/2", ALLOW)
    assert page.redirects == 3 and page.final_url == site + "/article"
    assert fails(site + "/hops/3").code == "fetch_too_many_redirects"


def test_a_redirect_loop_stops(site: str) -> None:
    error = fails(site + "/loop-a")
    assert error.code == "fetch_too_many_redirects" and "loop" in error.message


def test_an_oversized_body_is_cut_while_streaming(site: str) -> None:
    error = fails(site + "/big")
    assert error.code == "fetch_too_large" and "FETCH_MAX_BYTES" in error.message
    assert fails(site + "/big-declared").code == "fetch_too_large"


def test_http_errors_and_types(site: str) -> None:
    error = fails(site + "/missing")
    assert error.code == "fetch_http_error" and "404" in error.message
    assert "500" in fails(site + "/error").message
    assert fails(site + "/image").code == "fetch_unsupported_type"


def test_read_timeout(site: str) -> None:
    slow = FetchPolicy(allow_private=True, read_timeout=0.2, total_timeout=5)
    assert fails(site + "/slow", slow).code == "fetch_timeout"


def test_connection_refused_is_a_fetch_failure() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed when the block ends: nobody listens there
    assert fails(f"http://127.0.0.1:{port}/").code == "fetch_failed"


def test_loopback_is_refused_by_default_and_nothing_is_sent(site: str) -> None:
    before = len(Handler.requests)
    default = FetchPolicy()
    assert default.allow_private is False
    for url in (site + "/article", site.replace("127.0.0.1", "localhost") + "/article"):
        error = fails(url, default)
        assert error.code == "fetch_refused" and "loopback" in error.message
    assert len(Handler.requests) == before


def test_only_http_and_https() -> None:
    for url in ("file:///etc/passwd", "ftp://example.org/a", "gopher://example.org/", "http:///nohost"):
        assert fails(url).code == "fetch_refused", url


def test_every_redirect_hop_is_checked(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # 127.0.0.1 counts as public here, any other loopback address does not: the redirect must be refused
    # before anything connects to it.
    monkeypatch.setattr(fetch, "is_public", lambda address: str(address) == "127.0.0.1")
    strict = FetchPolicy(allow_private=False)
    port = site.rsplit(":", 1)[1]
    error = fails(f"{site}/to?to=http://127.0.0.2:{port}/article", strict)
    assert error.code == "fetch_refused" and "127.0.0.2" in error.message
    assert fetch_page(f"{site}/to?to=/article", strict).status == 200


def test_connects_to_the_address_it_checked(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # A host whose name resolves once to the test server and never again (as a rebinding DNS server would
    # answer differently the second time): the page still comes from the checked address, with its Host.
    port = int(site.rsplit(":", 1)[1])
    real = socket.getaddrinfo
    lookups: list[str] = []

    def one_answer(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "news.example":
            lookups.append(host)
            if len(lookups) > 1:
                raise socket.gaierror("resolved a second time")
            return real("127.0.0.1", port, type=socket.SOCK_STREAM)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", one_answer)
    page = fetch_page(f"http://news.example:{port}/article", ALLOW)
    assert page.status == 200 and lookups == ["news.example"]
    assert Handler.requests[-1] == ("/article", f"news.example:{port}")


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
                                     "100.64.0.1", "0.0.0.0", "224.0.0.251", "255.255.255.255", "::1", "fe80::1",
                                     "fc00::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"])
def test_non_public_addresses(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::6810:85e5", "::ffff:93.184.215.14"])
def test_public_addresses(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


def test_a_name_with_any_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 80)),
               (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 80))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: answers)
    with pytest.raises(ArticleError, match=r"10\.0\.0\.7"):
        checked_addresses("mixed.example", 80, allow_private=False)
    assert [str(a) for a in checked_addresses("mixed.example", 80, allow_private=True)] == ["93.184.215.14",
                                                                                            "10.0.0.7"]


def self_signed(tmp: Path, name: str) -> tuple[Path, Path]:
    """A certificate for `name` (and its key), made by the openssl command."""
    cert, key = tmp / f"{name}.pem", tmp / f"{name}.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}"],
                   check=True, capture_output=True)
    return cert, key


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
@pytest.mark.parametrize(("certified", "works"), [("news.example", True), ("other.example", False)])
def test_https_checks_the_certificate_against_the_host_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            certified: str, works: bool) -> None:
    # The socket goes to the checked address (127.0.0.1) while TLS (SNI and the certificate check) uses the
    # URL's host name: a certificate for another name must fail the fetch.
    cert, key = self_signed(tmp_path, certified)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: real("127.0.0.1" if host == "news.example"
                                                                          else host, *a, **k))
    monkeypatch.setattr(certifi, "where", lambda: str(cert))  # trust the test certificate only
    try:
        if works:
            page = fetch_page(f"https://news.example:{port}/article", ALLOW)
            assert page.status == 200 and "The new dam opened" in page.body
        else:
            error = fails(f"https://news.example:{port}/article")
            assert error.code == "fetch_failed" and "CERTIFICATE_VERIFY_FAILED" in error.message
    finally:
        server.shutdown()
        server.server_close()
