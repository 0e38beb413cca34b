"""Faults the worker side must survive: Redis restarting under a running job, models loaded before fork,
readiness published only by a warm worker."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests

from tests.integration.conftest import TEST_ENV, Stack, seed_payload
from tests.integration.test_resilience import big_job
from tools.local_stack import LocalStack


@pytest.fixture
def restartable() -> Iterator[LocalStack]:
    """A stack of its own whose Redis (AOF-persistent) can be restarted; the tests' fast watchdog."""
    env = {k: v for k, v in TEST_ENV.items() if k not in ("API_KEYS", "LOG_LEVEL")}
    stack = LocalStack(concurrency=2, env={**env, "LOG_LEVEL": "INFO"})
    try:
        yield stack
    finally:
        stack.close()


def test_a_job_in_flight_when_redis_restarts_succeeds_with_every_article_once(restartable: LocalStack) -> None:
    payload = big_job(copies=2)
    job_id = restartable.run(payload)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and restartable.status(job_id)["progress"]["done"] < 1:
        time.sleep(0.05)
    assert restartable.status(job_id)["status"] == "running"
    restartable.restart_redis()
    restartable.wait(job_id, timeout=600)
    result = requests.get(f"{restartable.url}/v1/jobs/{job_id}/result",
                          headers={"X-API-Key": LocalStack.KEYS[0]}, timeout=30).json()
    assert [a["article_id"] for a in result["articles"]] == [a["id"] for a in payload["articles"]]


def test_models_are_loaded_once_before_the_pool_forks(stack: Stack) -> None:
    stack.ensure_worker()
    log = (stack.tmp / "worker.log").read_text()
    starts = log.count("models loaded before fork")
    assert starts == stack.worker_count  # once per worker main process, never per pool child (2 each)


def test_a_warm_worker_publishes_its_readiness_and_withdraws_it_on_shutdown(stack: Stack) -> None:
    stack.ensure_worker()
    assert list(stack.redis.scan_iter("cb:worker:ready:*"))
    assert requests.get(stack.url + "/readyz", timeout=30).status_code == 200
    stack.stop_worker()
    try:
        assert not list(stack.redis.scan_iter("cb:worker:ready:*"))
        assert requests.get(stack.url + "/readyz", timeout=30).status_code == 503
    finally:
        stack.ensure_worker()
    assert seed_payload()["articles"]
