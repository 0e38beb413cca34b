"""Response headers every answer carries: no MIME sniffing, a Content-Security-Policy, caching rules.

Results, reports and errors are private to one API key and may hold third-party text: `no-store`. Job
status is `private, no-cache` (clients revalidate with ETag / If-None-Match). The report is the only
page that runs a script: its one inline script carries a per-response nonce.
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, g, request

# On every answer, gunicorn's own error answers included (see gunicorn_conf.py).
API_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-{nonce}'; "
              "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
DOCS_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'")
NO_STORE_ENDPOINTS = {"jobs.result", "jobs.report"}


def script_nonce() -> str:
    """This response's script nonce (created on first use)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return str(g.csp_nonce)


def register_security_headers(app: Flask) -> None:
    """Add the headers to every response the app gives."""
    app.after_request(_with_headers)


def _with_headers(response: Response) -> Response:
    for name, value in API_HEADERS.items():
        response.headers.setdefault(name, value)
    endpoint = request.endpoint or ""
    if endpoint == "jobs.report" and "csp_nonce" in g:
        response.headers["Content-Security-Policy"] = REPORT_CSP.format(nonce=g.csp_nonce)
    elif endpoint.startswith(("api-docs.", "docs_assets.")):
        response.headers["Content-Security-Policy"] = DOCS_CSP
    if response.status_code >= 400 or endpoint in NO_STORE_ENDPOINTS:
        response.headers["Cache-Control"] = "no-store"
    elif endpoint.startswith("jobs."):
        response.headers["Cache-Control"] = "private, no-cache"
    elif endpoint.startswith("docs_assets."):
        response.headers["Cache-Control"] = "public, max-age=3600"
    elif endpoint.startswith("api-docs."):
        response.headers["Cache-Control"] = "no-cache"
    return response
