"""Fetching an article given only as a URL (httpx): http and https only, every hop's host resolved and every
address checked before connecting to the checked address itself (no second lookup, so DNS rebinding cannot
swap it), redirects followed by hand and bounded, the body streamed and cut at a byte limit, connect/read
and total time limits. Every failure is an ArticleError with a fetch_* code: the article fails alone."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Any

import httpx

from shared.settings import Settings
from workers.analysis.errors import ArticleError

USER_AGENT = "Corroborate/0.1 (+news comparison; fetches only URLs its users submit)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
DEFAULT_PORTS = {"http": 80, "https": 443}
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchPolicy:
    """The limits of one fetch (from the FETCH_* settings)."""

    allow_private: bool = False
    max_bytes: int = 5 * 1024 * 1024
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0
    max_redirects: int = 5

    @classmethod
    def from_settings(cls, s: Settings) -> FetchPolicy:
        """The policy the settings describe."""
        return cls(allow_private=s.fetch_allow_private, max_bytes=s.fetch_max_bytes,
                   connect_timeout=s.fetch_connect_timeout, read_timeout=s.fetch_read_timeout,
                   total_timeout=s.fetch_total_timeout, max_redirects=s.fetch_max_redirects)


@dataclass(frozen=True)
class FetchedPage:
    """A fetched page: its body as text and where it finally came from."""

    url: str
    final_url: str
    status: int
    content_type: str
    kind: str  # "html" or "text": which input field the body becomes
    body: str
    bytes: int
    redirects: int

    def describe(self) -> dict[str, Any]:
        """What the job records about the fetch (the body itself goes into the article's html or text)."""
        return {"url": self.url, "final_url": self.final_url, "status": self.status,
                "content_type": self.content_type, "bytes": self.bytes, "redirects": self.redirects}


def fetch_page(url: str, policy: FetchPolicy) -> FetchedPage:
    """GET the page at url within the policy's limits; raise ArticleError(fetch_*) on any failure."""
    deadline = time.monotonic() + policy.total_timeout
    timeout = httpx.Timeout(connect=policy.connect_timeout, read=policy.read_timeout,
                            write=policy.read_timeout, pool=policy.connect_timeout)
    # trust_env=False: no proxy from the environment, which would connect on our behalf to unchecked hosts.
    # No keep-alive: connections are pooled by address, and a TLS connection checked for one host name must
    # not carry the next hop's request for another name on the same address.
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                      limits=httpx.Limits(max_keepalive_connections=0),
                      headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
                               "Accept-Encoding": "gzip, deflate"}) as client:
        current = _parse(url)
        seen = {str(current)}
        for hop in range(policy.max_redirects + 1):
            response = _open(client, current, policy)
            try:
                if response.is_redirect:
                    current = _next_hop(url, current, response, seen, policy, hop)
                    continue
                if response.status_code >= 400:
                    raise ArticleError("fetch_http_error", f"{current} answered HTTP {response.status_code}")
                return _read(url, current, response, policy, deadline, hop)
            except httpx.TimeoutException as exc:
                raise ArticleError("fetch_timeout", f"{current}: no answer within the time limit ({exc})") from exc
            except httpx.HTTPError as exc:
                raise ArticleError("fetch_failed", f"{current}: {type(exc).__name__}: {exc}") from exc
            finally:
                response.close()
    raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise ArticleError("fetch_refused", f"{url!r} is not a valid URL: {exc}") from exc
    if parsed.scheme not in DEFAULT_PORTS:
        raise ArticleError("fetch_refused", f"{url!r}: only http and https URLs are fetched")
    if not parsed.host:
        raise ArticleError("fetch_refused", f"{url!r} has no host")
    return parsed


def _next_hop(original: str, current: httpx.URL, response: httpx.Response, seen: set[str],
              policy: FetchPolicy, hop: int) -> httpx.URL:
    location = response.headers.get("Location")
    if not location:
        raise ArticleError("fetch_http_error", f"{current} answered HTTP {response.status_code} without Location")
    target = _parse(str(current.join(location)))
    if str(target) in seen:
        raise ArticleError("fetch_too_many_redirects", f"{original}: redirect loop back to {target}")
    if hop >= policy.max_redirects:
        raise ArticleError("fetch_too_many_redirects", f"{original}: more than {policy.max_redirects} redirects")
    seen.add(str(target))
    return target


def _open(client: httpx.Client, url: httpx.URL, policy: FetchPolicy) -> httpx.Response:
    """Send the request to each checked address of the host in turn; the first that connects answers."""
    host = url.host
    port = url.port or DEFAULT_PORTS[url.scheme]
    headers = {"Host": host if url.port in (None, DEFAULT_PORTS[url.scheme]) else f"{host}:{url.port}"}
    # TLS is checked against the host name (SNI and certificate), while the socket goes to the checked address.
    extensions = {"sni_hostname": host} if url.scheme == "https" else {}
    last_error: httpx.HTTPError | None = None
    for address in checked_addresses(host, port, policy.allow_private):
        request = client.build_request("GET", url.copy_with(host=str(address)), headers=headers,
                                       extensions=extensions)
        try:
            return client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise ArticleError("fetch_timeout", f"{url}: no connection within {policy.connect_timeout} s") from exc
        except httpx.ConnectError as exc:
            last_error = exc
        except httpx.HTTPError as exc:
            raise ArticleError("fetch_failed", f"{url}: {type(exc).__name__}: {exc}") from exc
    raise ArticleError("fetch_failed", f"{url}: could not connect ({last_error})")


def checked_addresses(host: str, port: int, allow_private: bool) -> list[IpAddress]:
    """Every address the host resolves to, in the resolver's order; ArticleError(fetch_refused) if any of them
    is not a public unicast address (unless allowed), fetch_failed if the name does not resolve."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ArticleError("fetch_failed", f"cannot resolve host {host!r}: {exc}") from exc
    addresses: list[IpAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise ArticleError("fetch_refused", f"host {host!r} resolves to {address}, a private, loopback, "
                                   "link-local, multicast or reserved address: not fetched")
    if not addresses:
        raise ArticleError("fetch_failed", f"host {host!r} has no address")
    return addresses


def is_public(address: IpAddress) -> bool:
    """A globally routable unicast address (IPv4-mapped IPv6 judged by its IPv4 address)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _read(url: str, final: httpx.URL, response: httpx.Response, policy: FetchPolicy, deadline: float,
          redirects: int) -> FetchedPage:
    content_type = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if content_type and content_type not in HTML_TYPES | TEXT_TYPES:
        raise ArticleError("fetch_unsupported_type", f"{final} is {content_type}, not an HTML or text page")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise ArticleError("fetch_too_large", f"{final} is {declared} bytes (limit FETCH_MAX_BYTES={policy.max_bytes})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # decompressed bytes: the limit bounds what we hold, not the wire
        size += len(chunk)
        if size > policy.max_bytes:
            raise ArticleError("fetch_too_large", f"{final} is larger than FETCH_MAX_BYTES={policy.max_bytes} bytes")
        if time.monotonic() > deadline:
            raise ArticleError("fetch_timeout",
                               f"{final}: not read within FETCH_TOTAL_TIMEOUT={policy.total_timeout} s")
        chunks.append(chunk)
    body = _decode(b"".join(chunks), response.charset_encoding)
    return FetchedPage(url=url, final_url=str(final), status=response.status_code,
                       content_type=content_type or "text/html", kind="text" if content_type in TEXT_TYPES else "html",
                       body=body, bytes=size, redirects=redirects)


def _decode(data: bytes, charset: str | None) -> str:
    """The declared charset if it is one Python knows, else trafilatura's detection (meta tags, statistics)."""
    if charset:
        try:
            return data.decode(charset, errors="replace")
        except LookupError:
            pass
    from trafilatura.utils import decode_file

    return str(decode_file(data))
