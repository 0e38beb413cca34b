"""gunicorn settings for the gateway (`gunicorn -c python:services.gateway.gunicorn_conf ...`).

gunicorn answers requests it cannot parse itself (bad request line 400, URI too long 414, header fields
too large 431, ...) before the app sees them, with an HTML page. gunicorn has no hook for that page: every
worker class writes it through `gunicorn.util.write_error`, so this module replaces that one function with
one that writes the service's problem+json shape. Loaded in the master before the workers fork.

It also puts gunicorn's own log lines, the master's included, in LOG_FORMAT and LOG_LEVEL like the app's.
"""

from __future__ import annotations

import json
import socket

from gunicorn import util

from services.gateway.security import API_HEADERS
from shared.logs import dict_config
from shared.settings import load_settings

PROBLEM_TYPE_BASE = "urn:corroborate:problem:"  # as services.gateway.problems (not imported: no Flask here)
MAX_DETAIL_CHARS = 300

# gunicorn's own limits, stated: a request line (method, path and query) up to 8 KiB, at most 100 header
# fields of up to 8 KiB each; beyond them gunicorn answers 414 / 431 (as problem+json, see above).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
logconfig_dict = dict_config(load_settings())


def write_problem(sock: socket.socket, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's error answer as application/problem+json (same signature as util.write_error)."""
    detail = (mesg or reason)[:MAX_DETAIL_CHARS]
    body = json.dumps({"type": PROBLEM_TYPE_BASE + reason.lower().replace(" ", "-"), "title": reason,
                       "status": status_int, "detail": detail, "instance": ""}).encode()
    headers = "".join(f"{name}: {value}\r\n" for name, value in API_HEADERS.items())
    head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/problem+json\r\n"
            f"{headers}Content-Length: {len(body)}\r\n\r\n")
    util.write_nonblock(sock, head.encode("latin-1") + body)


util.write_error = write_problem
