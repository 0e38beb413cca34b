"""`make up`'s first step: is there a Docker-compatible engine to talk to? If not, say so and point to
`make run` (the same stack without Docker) instead of letting Compose fail with its own message.

With a docker CLI on PATH, asks it (`docker version`, which follows DOCKER_HOST and the current context);
without one, asks the engine's API `GET /_ping` where Compose would look: DOCKER_HOST (unix:// or tcp://),
else /var/run/docker.sock. Exit 0 if it answers, 1 with an explanation otherwise."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
from urllib.parse import urlparse

DEFAULT_SOCKET = "/var/run/docker.sock"
HINT = ("No Docker engine answers ({where}: {reason}).\n"
        "`make up` runs the stack in Docker Compose and needs a running engine (Docker, or Podman's service with\n"
        "DOCKER_HOST set). Without Docker, `make run` starts the same stack on this machine: an embedded Redis,\n"
        "the gateway and a worker, in the foreground (Ctrl-C stops it).")


class UnixConnection(http.client.HTTPConnection):
    """HTTP over a unix socket (the engine's API)."""

    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self) -> None:
        """Connect to the socket file instead of a TCP port."""
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


def engine_answers(docker_host: str | None, timeout: float = 3.0) -> tuple[bool, str, str]:
    """(answers, where it looked, why not)."""
    target = docker_host or f"unix://{DEFAULT_SOCKET}"
    parsed = urlparse(target)
    connection: http.client.HTTPConnection
    if parsed.scheme == "unix":
        connection = UnixConnection(parsed.path, timeout)
    elif parsed.scheme in ("tcp", "http"):
        connection = http.client.HTTPConnection(parsed.hostname or "localhost", parsed.port or 2375, timeout=timeout)
    else:
        return True, target, ""  # ssh:// and others: leave it to Compose
    try:
        connection.request("GET", "/_ping")
        status = connection.getresponse().status
    except OSError as exc:
        return False, target, exc.strerror or type(exc).__name__
    finally:
        connection.close()
    return status == 200, target, f"HTTP {status}"


def cli_engine_answers(docker: str, timeout: float = 10.0) -> tuple[bool, str, str]:
    """Ask the docker CLI for the server's version: fails when no engine answers."""
    try:
        done = subprocess.run([docker, "version", "--format", "{{.Server.Version}}"], capture_output=True,
                              text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, "docker CLI", str(exc)
    reason = (done.stderr.strip().splitlines() or ["no answer"])[-1]
    return done.returncode == 0, "docker CLI", reason


def main() -> None:
    """Exit 0 if an engine answers, else print why and how to do without one."""
    docker = shutil.which("docker")
    ok, where, reason = cli_engine_answers(docker) if docker else engine_answers(os.environ.get("DOCKER_HOST"))
    if not ok:
        print(HINT.format(where=where, reason=reason), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
