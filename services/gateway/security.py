"""Response headers every answer carries: no MIME sniffing, a Content-Security-Policy, caching rules.

Results, reports and errors are private to one API key and may hold third-party text: `no-store`. Job
status is `private, no-cache` (clients revalidate with ETag / If-None-Match). The report sets its own
policy (services.gateway.report: its one script allowed by hash); headers a view set are kept.
"""

from __future__ import annotations

from flask import Flask, Response, request

# On every answer, gunicorn's own error answers included (see gunicorn_conf.py).
API_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
DOCS_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'")
NO_STORE_ENDPOINTS = {"jobs.result", "jobs.report"}


def register_security_headers(app: Flask) -> None:
    """Add the headers to every response the app gives."""
    app.after_request(_with_headers)


def _with_headers(response: Response) -> Response:
    for name, value in API_HEADERS.items():
        response.headers.setdefault(name, value)
    endpoint = request.endpoint or ""
    if endpoint.startswith(("api-docs.", "docs_assets.")):
        response.headers["Content-Security-Policy"] = DOCS_CSP
    response.headers["Cache-Control"] = _cache_control(endpoint, response)
    return response


def _cache_control(endpoint: str, response: Response) -> str:
    """What may keep a copy of this answer."""
    if response.status_code >= 400 or endpoint in NO_STORE_ENDPOINTS:
        current = response.headers.get("Cache-Control", "")
        return current if "no-store" in current else "no-store"
    if endpoint.startswith("jobs."):
        return "private, no-cache"
    if endpoint.startswith("docs_assets."):
        return "public, max-age=3600"
    if endpoint.startswith("api-docs."):
        return "no-cache"
    return "no-store"
