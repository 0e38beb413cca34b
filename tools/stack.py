"""`make run`: the whole service on this machine, no Docker: an embedded Redis (unless REDIS_URL is set),
the gateway (gunicorn) and a worker with the watchdog, in the foreground; Ctrl-C, SIGTERM or SIGHUP (the
terminal closed) stops them all."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

from tools.processes import ROOT, RedisServer, start_gateway, start_worker, stop_process, wait_http

DEV_API_KEY = "dev-key-change-me"
VAR = Path(os.environ.get("CORROBORATE_VAR") or ROOT / "var")  # the embedded Redis's data and the logs
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class StopRequested(Exception):
    """A stop signal arrived (raised from the signal handler, so a start in progress is cut short too)."""


class Stack:
    """Redis (embedded unless REDIS_URL is set), gateway and worker, started together."""

    def __init__(self, port: int | None = None, quiet: bool = False) -> None:
        self.port = port or int(os.environ.get("PORT", "8000"))
        self.quiet = quiet
        self.api_key = (os.environ.get("API_KEYS") or DEV_API_KEY).split(",")[0].strip()
        self.redis: RedisServer | None = None
        self.processes: list[subprocess.Popen[bytes]] = []

    @property
    def url(self) -> str:
        """The gateway's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Stack:
        """Start everything and wait until the gateway is ready (Redis up, a worker answering)."""
        env = {"PORT": str(self.port), "API_KEYS": os.environ.get("API_KEYS") or DEV_API_KEY,
               # signs the reports' browser links; a fresh one per run unless set (links die with the stack)
               "REPORT_LINK_SECRET": os.environ.get("REPORT_LINK_SECRET") or secrets.token_hex(32)}
        if not os.environ.get("REDIS_URL"):
            self.redis = RedisServer(VAR / "redis", persistent=True)  # kept before starting: stop() sees it
            self.redis.start()
            env["REDIS_URL"] = self.redis.url
            self._say(f"embedded Redis: {self.redis.url} (data in {VAR / 'redis'})")
        else:
            self._say("Redis: REDIS_URL from the environment")
        logs = None if not self.quiet else VAR / "logs"
        if logs:
            logs.mkdir(parents=True, exist_ok=True)
        self.processes.append(start_worker(env, "corroborate", beat_schedule=VAR / "celerybeat-schedule",
                                           log_path=logs / "worker.log" if logs else None))
        self.processes.append(start_gateway(env, self.port, log_path=logs / "gateway.log" if logs else None))
        if not wait_http(self.url + "/readyz", timeout=180):
            self.stop()
            raise RuntimeError("the stack did not become ready within 180 s" +
                               (f"; see {logs}" if logs else ""))
        self._say(f"gateway: {self.url}  (docs: {self.url}/docs)  API key: {self.api_key}")
        return self

    def stop(self) -> None:
        """Stop gateway, worker and the embedded Redis, in that order."""
        for process in reversed(self.processes):
            stop_process(process)
        self.processes.clear()
        if self.redis is not None:
            self.redis.stop()
            self.redis = None

    def _say(self, message: str) -> None:
        if not self.quiet:
            print(f"[corroborate] {message}", flush=True)


def main() -> None:
    """Run in the foreground until Ctrl-C, SIGTERM or SIGHUP; then stop everything that was started."""
    stack = Stack()

    def on_signal(signum: int, _: FrameType | None) -> None:
        for stop_signal in STOP_SIGNALS:  # a second signal must not interrupt the stopping
            signal.signal(stop_signal, signal.SIG_IGN)
        raise StopRequested(signal.Signals(signum).name)

    for stop_signal in STOP_SIGNALS:
        signal.signal(stop_signal, on_signal)
    try:
        stack.start()
        print("[corroborate] running; Ctrl-C stops everything", flush=True)
        while True:
            if any(p.poll() is not None for p in stack.processes):
                print("[corroborate] a process exited; stopping", file=sys.stderr, flush=True)
                break
            time.sleep(0.5)
    except StopRequested as stop:
        _say_safely(f"[corroborate] {stop}")
    finally:
        for stop_signal in STOP_SIGNALS:
            signal.signal(stop_signal, signal.SIG_IGN)
        _say_safely("[corroborate] stopping ...")
        stack.stop()
        _say_safely("[corroborate] stopped")


def _say_safely(message: str) -> None:
    """Print unless the terminal is gone (after SIGHUP, writing to it can fail)."""
    with contextlib.suppress(OSError):
        print(message, flush=True)


if __name__ == "__main__":
    main()

