"""`make run` (tools/stack.py): closing its terminal (SIGHUP) stops Redis, gunicorn and Celery with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tools.processes import ROOT, free_port


def children(pid: int) -> list[int]:
    """Direct children of a process (Linux /proc)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def live_in_session(sid: int) -> list[str]:
    """Processes of a session that are not zombies, as `ps` sees them (each child of the stack leads its own)."""
    listed = subprocess.run(["ps", "-s", str(sid), "-o", "pid=,stat=,args="], capture_output=True, text=True,
                            check=False).stdout
    return [line.strip() for line in listed.splitlines() if line.split()[1:2] and not line.split()[1].startswith("Z")]


def wait_for(path: Path, text: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in path.read_text():
            return
        if process.poll() is not None:
            break
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not seen: {path.read_text()[-3000:]}")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_sighup_stops_redis_gateway_and_worker(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(PORT=str(free_port()), CORROBORATE_VAR=str(tmp_path), API_KEYS="signal-test-key")
    out = tmp_path / "stack.out"
    with open(out, "wb") as sink:
        stack = subprocess.Popen([sys.executable, "-m", "tools.stack"], cwd=ROOT, env=env, stdout=sink,
                                 stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(out, "running; Ctrl-C stops everything", stack, timeout=240)
        started = children(stack.pid)
        commands = [Path(f"/proc/{c}/cmdline").read_bytes().replace(b"\0", b" ").decode() for c in started]
        assert len(started) == 3, commands
        assert any("redis-server" in c for c in commands)
        assert any("gunicorn" in c for c in commands)
        assert any("celery" in c for c in commands)
        os.kill(stack.pid, signal.SIGHUP)
        assert stack.wait(timeout=90) == 0
        assert "SIGHUP" in out.read_text() and "[corroborate] stopped" in out.read_text()
        left = [line for pid in started for line in live_in_session(pid)]
        assert not left, f"still running after SIGHUP: {left}"
    finally:
        if stack.poll() is None:
            os.killpg(stack.pid, signal.SIGKILL)
            stack.wait(timeout=10)
