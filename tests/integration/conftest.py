"""Real parts: a redis-server on a free port, a Celery worker process and the gateway under gunicorn,
talked to over HTTP. No mocks of Redis, no eager mode."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import requests

from tools.processes import (
    ROOT,
    RedisServer,
    free_port,
    kill_process,
    start_gateway,
    start_worker,
    stop_process,
    wait_http,
)

KEY_A = "test-key-a"
KEY_B = "test-key-b"
SEEDS = ROOT / "seeds"
# Small limits so the limit tests need small bodies; a short stall time so the watchdog re-drives fast.
TEST_ENV = {
    "API_KEYS": f"{KEY_A},{KEY_B}",
    "MAX_BODY_BYTES": str(3 * 1024 * 1024),
    "MAX_ARTICLES": "30",
    "MAX_ARTICLE_CHARS": "150000",
    "MAX_HTML_BYTES": str(2 * 1024 * 1024),  # above the largest ScrapingHub page (1.5 MB)
    "STALL_SECONDS": "6",
    "WATCHDOG_INTERVAL": "1",
    "MAX_REDRIVES": "10",
    "TASK_SOFT_TIME_LIMIT": "100",
    "TASK_HARD_TIME_LIMIT": "120",
    "BROKER_VISIBILITY_TIMEOUT": "150",
    "LOG_LEVEL": "INFO",
    "LOG_FORMAT": "json",  # the logs are checked to be JSON lines carrying job ids (test_observability.py)
    "FETCH_ALLOW_PRIVATE": "true",  # URL articles are served by the tests on 127.0.0.1
    "REPORT_LINK_SECRET": "integration-test-secret-0123456789abcdef",
}


class Stack:
    """Handles on the running service for the tests."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.redis_server = RedisServer(tmp / "redis").start()
        self.redis_url = self.redis_server.url
        self.redis = redis.Redis.from_url(self.redis_url, decode_responses=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.key = KEY_A
        self.env = {**TEST_ENV, "REDIS_URL": self.redis_url, "PORT": str(self.port)}
        self.http = requests.Session()
        self.worker: subprocess.Popen[bytes] | None = None
        self.worker_count = 0
        self.gateway = start_gateway(self.env, self.port, log_path=tmp / "gateway.log")
        if not wait_http(self.url + "/healthz", timeout=60):
            raise RuntimeError(f"gateway did not start: {(tmp / 'gateway.log').read_text()[-3000:]}")

    # ---- processes ----------------------------------------------------------------------------------

    def start_worker(self) -> None:
        """Start a worker (with the watchdog) and wait until it answers pings."""
        self.worker_count += 1
        self.worker = start_worker(self.env, f"test{self.worker_count}", beat_schedule=self.tmp / "beat",
                                   log_path=self.tmp / "worker.log")
        if not wait_http(self.url + "/readyz", timeout=120):
            raise RuntimeError(f"worker not ready: {(self.tmp / 'worker.log').read_text()[-3000:]}")

    def stop_worker(self) -> None:
        """A warm shutdown."""
        stop_process(self.worker)
        self.worker = None

    def kill_worker(self) -> None:
        """SIGKILL the worker and its pool children at once."""
        assert self.worker is not None
        kill_process(self.worker)
        self.worker = None

    def ensure_worker(self) -> None:
        """Leave a worker running for the next test."""
        if self.worker is None or self.worker.poll() is not None:
            self.start_worker()

    def close(self) -> None:
        """Stop everything."""
        stop_process(self.worker)
        stop_process(self.gateway)
        self.redis_server.stop()

    # ---- HTTP ---------------------------------------------------------------------------------------

    def headers(self, key: str | None = None, **extra: str) -> dict[str, str]:
        """Auth headers for a key (default: KEY_A)."""
        return {"X-API-Key": key or self.key, **extra}

    def post(self, payload: dict[str, Any], key: str | None = None, **headers: str) -> requests.Response:
        """POST /v1/jobs as JSON."""
        return self.http.post(self.url + "/v1/jobs", json=payload, headers=self.headers(key, **headers), timeout=30)

    def submit(self, payload: dict[str, Any], key: str | None = None) -> str:
        """Submit a job; return its id."""
        response = self.post(payload, key)
        assert response.status_code == 202, response.text
        return str(response.json()["id"])

    def status(self, job_id: str, key: str | None = None) -> dict[str, Any]:
        """GET the job's status (200 expected)."""
        response = self.http.get(f"{self.url}/v1/jobs/{job_id}", headers=self.headers(key), timeout=30)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def wait(self, job_id: str, key: str | None = None, timeout: float = 240) -> dict[str, Any]:
        """Poll until the job is finished; return its final status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            body = self.status(job_id, key)
            if body["status"] in ("succeeded", "failed", "cancelled"):
                return body
            time.sleep(0.2)
        raise AssertionError(f"job {job_id} not finished after {timeout} s: {body}")

    def result(self, job_id: str, key: str | None = None) -> dict[str, Any]:
        """GET the job's result (200 expected)."""
        response = self.http.get(f"{self.url}/v1/jobs/{job_id}/result", headers=self.headers(key), timeout=30)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def delete(self, job_id: str, key: str | None = None) -> requests.Response:
        """DELETE the job."""
        return self.http.delete(f"{self.url}/v1/jobs/{job_id}", headers=self.headers(key), timeout=30)

    def stored_keys(self) -> set[str]:
        """Every key the service has in Redis (to check that a refused request stored nothing)."""
        return {k for k in self.redis.scan_iter("cb:*") if not k.startswith(("cb:active", "cb:metrics"))}


def seed_payload() -> dict[str, Any]:
    """The five seeds as a JSON job, with the manifest's ids and sources."""
    manifest = json.loads((SEEDS / "manifest.json").read_text())
    return {"articles": [{"id": a["id"], "source": a["source"], "text": (SEEDS / a["file"]).read_text()}
                         for a in manifest["articles"]]}


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The running service (gateway, worker with watchdog, Redis) shared by the integration tests."""
    handle = Stack(tmp_path_factory.mktemp("stack"))
    try:
        handle.start_worker()
        yield handle
    finally:
        handle.close()


@pytest.fixture
def running(stack: Stack) -> Iterator[Stack]:
    """The stack with a worker guaranteed running before and after the test."""
    stack.ensure_worker()
    yield stack
    stack.ensure_worker()


@pytest.fixture(scope="session")
def seeds_job(stack: Stack) -> tuple[str, dict[str, Any]]:
    """The seeds submitted once as JSON, finished: (job id, final status)."""
    stack.ensure_worker()
    job_id = stack.submit(seed_payload())
    return job_id, stack.wait(job_id)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/integration is marked integration."""
    for item in items:
        if "integration" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


