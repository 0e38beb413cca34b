"""/metrics moves after a real job; the gateway's and the worker's logs are JSON lines carrying job ids;
finished_at and article_id are the same in the status and the result."""

from __future__ import annotations

import json
import re
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

from tests.integration.conftest import Stack

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def scrape(stack: Stack) -> Samples:
    """Every sample of GET /metrics (no API key needed), keyed by (name, sorted labels)."""
    response = stack.http.get(stack.url + "/metrics", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(response.text) for s in family.samples}


def value(samples: Samples, name: str, **labels: str) -> float:
    """One sample's value (0 if absent)."""
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_move_after_a_real_job(running: Stack) -> None:
    before = scrape(running)
    job_id = running.submit({"articles": [
        {"source": "Wire", "text": "Forty passengers were rescued after a ferry capsized on Tuesday, officials said."},
        {"source": "Daily", "text": "Twenty-eight passengers were rescued after the ferry capsized, police said."},
        {"source": "Empty", "html": "<html><body><nav>Home</nav></body></html>"},
    ]})
    assert running.wait(job_id)["status"] == "succeeded"
    after = scrape(running)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("corroborate_jobs_total", state="queued") >= 1
    assert grew("corroborate_jobs_total", state="running") >= 1
    assert grew("corroborate_jobs_total", state="succeeded") >= 1
    assert grew("corroborate_articles_total", outcome="done", code="") >= 2
    assert grew("corroborate_articles_total", outcome="failed", code="no_main_text") >= 1
    assert grew("corroborate_stage_duration_seconds_count", stage="extract") >= 3
    assert grew("corroborate_stage_duration_seconds_sum", stage="extract") > 0
    for stage in ("deduplicate", "compare", "finalize"):
        assert grew("corroborate_stage_duration_seconds_count", stage=stage) >= 1, stage
    assert value(after, "corroborate_stage_duration_seconds_bucket", stage="extract", le="+Inf") == \
        value(after, "corroborate_stage_duration_seconds_count", stage="extract")
    assert grew("corroborate_http_requests_total", method="POST", route="/v1/jobs", status="202") >= 1
    assert grew("corroborate_http_requests_total", method="GET", route="/v1/jobs/<string:job_id>",
                status="200") >= 1
    assert grew("corroborate_http_request_duration_seconds_count", method="POST", route="/v1/jobs") >= 1
    assert ("corroborate_queue_depth", (("queue", "corroborate"),)) in after
    assert ("corroborate_jobs_in_progress", ()) in after


def test_queue_depth_counts_waiting_tasks(running: Stack) -> None:
    running.stop_worker()
    try:
        queued = [running.submit({"articles": [{"source": "Wire", "text": "Two drones were shot down."}]})
                  for _ in range(2)]
        samples = scrape(running)
        assert value(samples, "corroborate_queue_depth", queue="corroborate") >= 2
        assert value(samples, "corroborate_jobs_in_progress") >= 2
    finally:
        running.start_worker()
    for job_id in queued:
        assert running.wait(job_id)["status"] == "succeeded"


# Celery's signal handlers write these few lines straight to stdout (not through logging, for signal safety).
CELERY_SIGNAL_LINES = re.compile(r"^(worker: (Warm|Cold) shutdown \(MainProcess\)|worker: Hitting Ctrl\+C|"
                                 r"Waiting gracefully for cold shutdown|Restarting celery worker)")


def json_lines(text: str) -> list[dict[str, Any]]:
    """The lines of a log that are JSON objects (every line must be one, but Celery's signal-handler lines)."""
    lines = [line for line in text.splitlines() if line.strip() and not CELERY_SIGNAL_LINES.match(line)]
    parsed = [json.loads(line) for line in lines]
    assert all(isinstance(p, dict) and {"time", "level", "logger", "message"} <= set(p) for p in parsed)
    return parsed


def test_logs_are_json_lines_with_job_ids(running: Stack) -> None:
    job_id = running.submit({"articles": [{"id": "only", "source": "Wire", "text": "Two drones were shot down."}]})
    running.wait(job_id)
    gateway = json_lines((running.tmp / "gateway.log").read_text())
    access = [line for line in gateway if line["logger"] == "corroborate.access" and line.get("job_id") == job_id]
    assert access and all(line["status"] == 200 for line in access)
    worker = json_lines((running.tmp / "worker.log").read_text())
    mine = [line for line in worker if line.get("job_id") == job_id]
    assert any(line.get("article_id") == "only" for line in mine)
    assert any("corroborate.job.finalize" in line["message"] for line in mine)


def test_finished_at_and_article_id_agree_between_status_and_result(running: Stack) -> None:
    job_id = running.submit({"articles": [{"id": "w1", "source": "Wire", "text": "Two drones were shot down."}]})
    status = running.wait(job_id)
    result = running.result(job_id)
    assert status["finished_at"] and result["job"]["finished_at"] == status["finished_at"]
    assert status["finished_at"] >= status["started_at"] >= status["created_at"]
    assert status["articles"][0]["article_id"] == result["articles"][0]["article_id"] == "w1"
    assert status["articles"][0]["id"] == "w1"  # the deprecated alias, for one version

    failed = running.submit({"articles": [{"source": "Empty", "html": "<html><body><nav>Home</nav></body></html>"}]})
    assert running.wait(failed)["status"] == "failed"
    assert running.status(failed)["finished_at"]
    running.stop_worker()
    try:
        cancelled = running.submit({"articles": [{"source": "Wire", "text": "Two drones were shot down."}]})
        assert running.delete(cancelled).status_code == 204
        assert running.status(cancelled)["finished_at"]
    finally:
        running.start_worker()
