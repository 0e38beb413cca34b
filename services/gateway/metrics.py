"""GET /metrics in the Prometheus text format: the numbers every process keeps in Redis (shared/metrics.py),
plus gauges read at scrape time (queue depth, jobs in progress). Also times and counts every request."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from functools import lru_cache

import redis
from flask import Blueprint, Flask, Response, g, request
from prometheus_client import CollectorRegistry
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.exposition import choose_encoder

from services.gateway.context import gateway
from shared.metrics import ALL, HTTP_DURATION, HTTP_REQUESTS
from shared.tasks import Queue

PREFIX = "corroborate_"
# kombu's Redis transport keeps one list per priority step; the default steps are 0, 3, 6 and 9.
PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")
log = logging.getLogger(__name__)
blp = Blueprint("metrics", __name__)


@blp.route("/metrics")
def metrics() -> Response:
    """Every metric of the service (gateway and workers), for Prometheus to scrape."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(ServiceCollector())
    encode, content_type = choose_encoder(request.headers.get("Accept", ""))  # text 0.0.4 or OpenMetrics
    return Response(encode(registry), content_type=content_type)


class ServiceCollector:
    """Turns what Redis holds into Prometheus metric families."""

    def collect(self) -> Iterator[Metric]:
        """Counters and histograms from Redis, then the gauges."""
        gw = gateway()
        snapshot = gw.store.metrics.read()
        for spec in ALL:
            series = snapshot.get(spec.name, {})
            if spec.kind == "counter":
                counter = CounterMetricFamily(PREFIX + spec.name, spec.help, labels=list(spec.labels))
                for labels, entry in sorted(series.items()):
                    counter.add_metric(list(labels), entry.value)
                yield counter
            else:
                histogram = HistogramMetricFamily(PREFIX + spec.name, spec.help, labels=list(spec.labels))
                for labels, entry in sorted(series.items()):
                    histogram.add_metric(list(labels), entry.cumulative(), entry.total)
                yield histogram
        yield from _gauges(gw.store.jobs_in_progress())


def _gauges(in_progress: int) -> Iterator[Metric]:
    depth = GaugeMetricFamily(PREFIX + "queue_depth", "Tasks waiting in the broker's queue.", labels=["queue"])
    unacked = GaugeMetricFamily(PREFIX + "tasks_unacknowledged",
                                "Tasks delivered to a worker and not yet acknowledged (running or reserved).")
    broker = _broker(gateway().settings.broker_url)
    pipe = broker.pipeline(transaction=False)
    for queue in Queue:
        for suffix in PRIORITY_SUFFIXES:
            pipe.llen(queue.value + suffix)
    pipe.hlen("unacked")
    counts = pipe.execute()
    steps = len(PRIORITY_SUFFIXES)
    for index, queue in enumerate(Queue):
        depth.add_metric([queue.value], sum(counts[index * steps:(index + 1) * steps]))
    unacked.add_metric([], counts[-1])
    yield depth
    yield unacked
    active = GaugeMetricFamily(PREFIX + "jobs_in_progress", "Jobs queued or running (the watchdog's list).")
    active.add_metric([], in_progress)
    yield active


@lru_cache(maxsize=4)
def _broker(url: str) -> redis.Redis:
    """One connection pool per broker URL and process."""
    return redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)


def register_request_metrics(app: Flask) -> None:
    """Count and time every request, by route template (never the raw path: job ids would explode the labels)."""

    @app.before_request
    def _start_clock() -> None:
        g.metrics_started = time.perf_counter()

    @app.after_request
    def _record(response: Response) -> Response:
        started = g.pop("metrics_started", None)
        if started is None:
            return response
        route = request.url_rule.rule if request.url_rule is not None else "(unmatched)"
        metrics = gateway().store.metrics
        metrics.count(HTTP_REQUESTS, {"method": request.method, "route": route, "status": str(response.status_code)})
        metrics.observe(HTTP_DURATION, {"method": request.method, "route": route}, time.perf_counter() - started)
        return response
