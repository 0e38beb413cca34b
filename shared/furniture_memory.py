"""Lines a source repeats across articles (its page furniture), remembered per client across jobs.

Stores counts of short-line fingerprints per (client, source) — never the lines themselves — with the
job retention as expiry. The cleaning step uses them as one signal among several (see
workers/analysis/cleaning); a line is never removed on this signal alone.
"""

from __future__ import annotations

import hashlib
from typing import Any

import redis

from shared import keys

MAX_LINE_CHARS = 300  # furniture lines are short; long lines are article prose
MAX_FIELDS = 50_000  # per (client, source): bounds memory for a prolific source


def source_digest(source: str) -> str:
    """A stable key part for an outlet name."""
    return hashlib.sha1(source.strip().lower().encode()).hexdigest()[:16]


class FurnitureMemory:
    """Per-client, per-source counts of line fingerprints."""

    def __init__(self, client: redis.Redis, ttl_seconds: int) -> None:
        self.redis: Any = client  # decoded replies (see JobStore.__init__)
        self.ttl_seconds = ttl_seconds

    def seen_lines(self, client_id: str, source: str) -> dict[str, int]:
        """Fingerprint -> how many earlier articles of this source contained the line."""
        raw = self.redis.hgetall(keys.furniture_lines_key(client_id, source_digest(source)))
        return {k: int(v) for k, v in raw.items()}

    def record(self, client_id: str, source: str, fingerprints: set[str]) -> None:
        """Count one article's distinct line fingerprints."""
        if not fingerprints:
            return
        key = keys.furniture_lines_key(client_id, source_digest(source))
        if int(self.redis.hlen(key)) >= MAX_FIELDS:
            # full: only lines already known keep counting (those are the ones that matter)
            known = self.redis.hmget(key, sorted(fingerprints))
            fingerprints = {fp for fp, count in zip(sorted(fingerprints), known, strict=True) if count}
        pipe = self.redis.pipeline(transaction=False)
        for fingerprint in fingerprints:
            pipe.hincrby(key, fingerprint, 1)
        pipe.expire(key, self.ttl_seconds)
        pipe.execute()
