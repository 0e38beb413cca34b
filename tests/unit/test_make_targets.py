"""The Makefile's help, `make up` without a Docker engine, and the engine check behind it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

from tools.engine_check import engine_answers
from tools.processes import ROOT

VENV = Path(sys.prefix)


def make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run make in the project with this interpreter's virtualenv, never reinstalling it."""
    return subprocess.run(["make", "--no-print-directory", f"VENV={VENV}", "-o", f"{VENV}/.installed", *args],
                          cwd=ROOT, capture_output=True, text=True, env=env or dict(os.environ), check=False,
                          timeout=120)


def test_help_lists_every_target() -> None:
    phony = re.search(r"^\.PHONY:(.*)$", (ROOT / "Makefile").read_text(), re.M)
    assert phony is not None
    shown = make("help")
    assert shown.returncode == 0, shown.stderr
    listed = {line.split()[1] for line in shown.stdout.splitlines() if line.strip().startswith("make ")}
    assert listed == set(phony.group(1).split())
    assert "make run" in shown.stdout and "embedded Redis" in shown.stdout


def test_make_up_without_an_engine_points_to_make_run(tmp_path: Path) -> None:
    fake = tmp_path / "docker"
    fake.write_text("#!/bin/sh\necho 'Cannot connect to the Docker daemon at unix:///nowhere.sock' >&2\nexit 1\n")
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    done = make("up", env=env)
    assert done.returncode != 0
    assert "No Docker engine answers" in done.stderr and "make run" in done.stderr
    assert "Cannot connect to the Docker daemon" in done.stderr
    assert "compose" not in done.stdout.lower()  # stopped before Compose ran


def test_engine_check_over_the_api_socket(tmp_path: Path) -> None:
    path = str(tmp_path / "engine.sock")
    assert engine_answers(f"unix://{path}")[0] is False  # nothing there
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)

    def answer_once() -> None:
        conn, _ = server.accept()
        with conn:
            request = conn.recv(4096)
            ok = request.startswith(b"GET /_ping ")
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK" if ok else
                         b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")

    thread = threading.Thread(target=answer_once, daemon=True)
    thread.start()
    try:
        assert engine_answers(f"unix://{path}") == (True, f"unix://{path}", "HTTP 200")
    finally:
        thread.join(timeout=10)
        server.close()
