"""Signed report links: open a job's report in a browser without sending the API key.

The signature is an HMAC-SHA256 (key: REPORT_LINK_SECRET) over the job id, the owning client's id and the
expiry, so a link works for that one job of that one client until it expires, and stops working when the
job is deleted (the job, and so its owner, can no longer be found). The API key never appears in a URL.
"""

from __future__ import annotations

import hashlib
import hmac
import time

# Expiries are rounded up to this step, so a polled status (and its ETag) stays the same within a step.
EXPIRY_STEP_SECONDS = 60


def sign(secret: str, job_id: str, client_id: str, expires: int) -> str:
    """The link's signature: hex HMAC-SHA256 over 'report.v1', job, client and expiry."""
    message = f"report.v1\n{job_id}\n{client_id}\n{expires}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def expiry(lifetime_seconds: int, now: float | None = None) -> int:
    """A Unix time at least `lifetime_seconds` ahead, rounded up to the next step."""
    at = int(now if now is not None else time.time()) + lifetime_seconds
    return -(-at // EXPIRY_STEP_SECONDS) * EXPIRY_STEP_SECONDS


def check(secret: str, job_id: str, client_id: str, expires: str, signature: str,
          now: float | None = None) -> str | None:
    """None if the link is valid, else why not: 'malformed', 'expired' or 'bad-signature'."""
    if not expires.isdigit() or len(signature) != 64:
        return "malformed"
    expected = sign(secret, job_id, client_id, int(expires))
    if not hmac.compare_digest(expected, signature.lower()):
        return "bad-signature"
    if int(expires) <= (now if now is not None else time.time()):
        return "expired"
    return None
