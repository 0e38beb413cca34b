"""The service's metrics, kept in Redis: every process adds to the same numbers, and the gateway's /metrics
turns them into the Prometheus text format (services/gateway/metrics.py).

Why Redis and not prometheus_client's multiprocess mode: the numbers come from gunicorn's worker processes,
Celery's prefork pool children (recycled by worker_max_memory_per_child) and any number of worker containers
(`--scale worker=N`). Multiprocess mode needs a directory shared by every process of one host, a scrape
target per host or container, an HTTP server inside each Celery worker and care when children die; Redis
is already the one thing every process talks to, so one scrape of the gateway sees the whole service and the
counters survive a worker restart. The cost is one pipelined round trip per request or task (well under a
millisecond on the same network). Writing a metric never fails the request or task it describes.
"""

from __future__ import annotations

import bisect
import json
import logging
from dataclasses import dataclass
from typing import Any, Literal

import redis

from shared import keys

log = logging.getLogger(__name__)

# Seconds: from a fast HTTP call to a long extraction (the soft time limit is 240 s by default).
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)
INF = "+Inf"
Labels = dict[str, str]


@dataclass(frozen=True)
class Metric:
    """One metric family: its kind, help text and label names (the published name adds `corroborate_`)."""

    name: str
    kind: Literal["counter", "histogram"]
    help: str
    labels: tuple[str, ...]


HTTP_REQUESTS = Metric("http_requests", "counter", "HTTP requests answered by the gateway.",
                       ("method", "route", "status"))
HTTP_DURATION = Metric("http_request_duration_seconds", "histogram", "Time the gateway took to answer.",
                       ("method", "route"))
JOBS = Metric("jobs", "counter", "Jobs that entered each state (queued, running, succeeded, failed, cancelled).",
              ("state",))
ARTICLES = Metric("articles", "counter", "Articles processed, by outcome (done, failed) and error code.",
                  ("outcome", "code"))
STAGE_DURATION = Metric("stage_duration_seconds", "histogram",
                        "Time spent per stage: fetch and extract per article; deduplicate, compare, finalize per job.",
                        ("stage",))
ALL = (HTTP_REQUESTS, HTTP_DURATION, JOBS, ARTICLES, STAGE_DURATION)


@dataclass
class Series:
    """What Redis holds for one label set of a metric: a count, or a histogram's buckets, sum and count."""

    value: float = 0.0
    buckets: dict[str, float] | None = None  # upper bound -> observations in that bucket (not cumulative)
    total: float = 0.0

    def cumulative(self) -> list[tuple[str, float]]:
        """Prometheus buckets: (le, observations <= le), +Inf last."""
        out, running = [], 0.0
        for bound in [*(_bound(b) for b in BUCKETS), INF]:
            running += (self.buckets or {}).get(bound, 0.0)
            out.append((bound, running))
        return out


class Metrics:
    """Adds to and reads the metrics in Redis (hash per metric family; a field per label set)."""

    def __init__(self, client: redis.Redis) -> None:
        self.redis: Any = client

    def count(self, metric: Metric, labels: Labels, amount: float = 1) -> None:
        """Add to a counter."""
        self._write(lambda pipe: pipe.hincrbyfloat(keys.metrics_key(metric.name), _field(metric, labels), amount))

    def observe(self, metric: Metric, labels: Labels, seconds: float) -> None:
        """Record one observation in a histogram."""
        index = bisect.bisect_left(BUCKETS, seconds)
        bound = _bound(BUCKETS[index]) if index < len(BUCKETS) else INF
        key = keys.metrics_key(metric.name)

        def write(pipe: Any) -> None:
            pipe.hincrbyfloat(key, _field(metric, labels, f"le={bound}"), 1)
            pipe.hincrbyfloat(key, _field(metric, labels, "sum"), seconds)
            pipe.hincrbyfloat(key, _field(metric, labels, "count"), 1)

        self._write(write)

    def read(self) -> dict[str, dict[tuple[str, ...], Series]]:
        """Every metric's series, keyed by metric name, then by label values in the metric's label order."""
        pipe = self.redis.pipeline(transaction=False)
        for metric in ALL:
            pipe.hgetall(keys.metrics_key(metric.name))
        out: dict[str, dict[tuple[str, ...], Series]] = {}
        for metric, raw in zip(ALL, pipe.execute(), strict=True):
            series: dict[tuple[str, ...], Series] = {}
            for field, value in raw.items():
                label_values, part = json.loads(field)
                entry = series.setdefault(tuple(label_values), Series())
                if part == "value":
                    entry.value = float(value)
                elif part == "sum":
                    entry.total = float(value)
                elif part == "count":
                    entry.value = float(value)
                else:
                    entry.buckets = {**(entry.buckets or {}), part.removeprefix("le="): float(value)}
            out[metric.name] = series
        return out

    def _write(self, add: Any) -> None:
        try:
            pipe = self.redis.pipeline(transaction=False)
            add(pipe)
            pipe.execute()
        except redis.RedisError as exc:  # a metric must never fail the work it measures
            log.warning("could not record a metric: %s", exc)


def _field(metric: Metric, labels: Labels, part: str = "value") -> str:
    return json.dumps([[str(labels.get(name, "")) for name in metric.labels], part])


def _bound(bucket: float) -> str:
    return repr(float(bucket))
