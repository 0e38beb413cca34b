"""A throw-away stack (Redis, gateway, worker) in a temporary directory, driven over HTTP: what the benchmarks
and the fault script (`make chaos`) run against. Loopback only."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any, ClassVar

import requests

from tools.processes import RedisServer, free_port, kill_process, start_gateway, start_worker, stop_process, wait_http


class LocalStack:
    """Redis (AOF-persistent, so it can be restarted), gateway and a worker with `concurrency` processes."""

    KEYS: ClassVar[tuple[str, str]] = ("local-a", "local-b")

    def __init__(self, concurrency: int, env: dict[str, str] | None = None) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="corroborate-stack-"))
        self.redis = RedisServer(self.tmp / "redis", persistent=True).start()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.concurrency = concurrency
        self.env = {"API_KEYS": ",".join(self.KEYS), "REDIS_URL": self.redis.url, "PORT": str(self.port),
                    "LOG_LEVEL": "WARNING", **(env or {})}
        self.gateway = start_gateway(self.env, self.port, log_path=self.tmp / "gateway.log")
        self.worker = self.start_worker()

    def start_worker(self) -> Any:
        """Start the worker (with the watchdog) and wait until /readyz says its pool is warm."""
        self.worker = start_worker(self.env, "local", beat_schedule=self.tmp / "beat",
                                   log_path=self.tmp / "worker.log", concurrency=self.concurrency)
        if not wait_http(self.url + "/readyz", timeout=300):
            self.close()
            raise RuntimeError(f"stack not ready; see {self.tmp}")
        return self.worker

    def kill_worker(self) -> None:
        """SIGKILL the worker and its pool at once (a crash)."""
        kill_process(self.worker)

    def restart_redis(self, down_seconds: float = 2.0) -> float:
        """Stop Redis, wait, start it again on the same port and data; returns when it answers (monotonic)."""
        self.redis.stop()
        time.sleep(down_seconds)
        self.redis.start()
        return time.monotonic()

    def run(self, payload: dict[str, Any], key: str = KEYS[0]) -> str:
        """Submit a job; return its id."""
        response = requests.post(self.url + "/v1/jobs", json=payload, headers={"X-API-Key": key}, timeout=60)
        response.raise_for_status()
        return str(response.json()["id"])

    def status(self, job_id: str, key: str = KEYS[0]) -> dict[str, Any]:
        """The job's status; {"status": "unavailable"} while the gateway answers 503."""
        response = requests.get(f"{self.url}/v1/jobs/{job_id}", headers={"X-API-Key": key}, timeout=60)
        return {"status": "unavailable"} if response.status_code == 503 else dict(response.json())

    def wait(self, job_id: str, key: str = KEYS[0], timeout: float = 1800) -> float:
        """Poll until the job succeeded; return the time it finished (monotonic)."""
        deadline = time.monotonic() + timeout
        body: dict[str, Any] = {}
        while time.monotonic() < deadline:
            body = self.status(job_id, key)
            if body["status"] == "succeeded":
                return time.monotonic()
            if body["status"] in ("failed", "cancelled"):
                raise RuntimeError(f"job {job_id} {body['status']}: {body.get('error')}")
            time.sleep(0.1)
        # What a hang looked like, for whoever reads the failure: the last status and the worker's last lines
        # (the logs stay in the stack's directory).
        raise RuntimeError(f"job {job_id} not finished in {timeout} s; last status {body}; logs in {self.tmp}; "
                           f"worker log ends:\n{self.log_tail('worker.log')}")

    def log_tail(self, name: str, lines: int = 40) -> str:
        """The last lines of one of the stack's logs ('' if it has none)."""
        path = self.tmp / name
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.is_file() else ""

    def timed(self, payload: dict[str, Any], key: str = KEYS[0]) -> float:
        """POST to succeeded, in seconds."""
        started = time.monotonic()
        return self.wait(self.run(payload, key), key) - started

    def pool_children(self) -> list[int]:
        """Pids of the worker's pool processes (the Celery main process's children that run tasks)."""
        main = children(self.worker.pid)
        return [pid for m in main for pid in children(m)] or main

    def close(self) -> None:
        """Stop everything."""
        stop_process(self.worker)
        stop_process(self.gateway)
        self.redis.stop()


def children(pid: int) -> list[int]:
    """Direct children of a process (Linux /proc)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []
