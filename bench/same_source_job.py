"""One job of many HTML pages from one source, through the whole stack (Redis, worker, gateway over HTTP).

Every article of a source is cleaned with its siblings' lines as a furniture signal; those lines are
fingerprinted once per article and kept in the job store (before: each sibling task re-read and
re-extracted every sibling's raw HTML, and finalize did it once more). Prints POST-to-succeeded seconds
for N ScrapingHub benchmark pages given one source name.

Run: `python -m bench.same_source_job [N]` (default 20; data from $CORROBORATE_DATA, default ../shared/data).
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import time
from pathlib import Path

import requests

from eval.html_extraction import BENCHMARK, data_dir
from tools.processes import RedisServer, free_port, start_gateway, start_worker, stop_process, wait_http

KEY = "bench-key"


def pages(count: int, max_chars: int = 190_000) -> list[str]:
    """The first `count` benchmark pages by file name under max_chars (a fixed sample that a version
    limiting HTML to 200,000 characters also accepts, so the figure compares like with like)."""
    found = []
    for path in sorted((data_dir() / BENCHMARK / "html").glob("*.html.gz")):
        page = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        if len(page) <= max_chars:
            found.append(page)
        if len(found) == count:
            break
    return found


def run_job(url: str, html: list[str]) -> tuple[float, dict[str, int]]:
    """Seconds from POST to succeeded, and the article states."""
    articles = [{"id": f"p{k}", "source": "one-outlet", "html": page} for k, page in enumerate(html)]
    session = requests.Session()
    session.headers["X-API-Key"] = KEY
    started = time.perf_counter()
    response = session.post(url + "/v1/jobs", json={"articles": articles}, timeout=120)
    response.raise_for_status()
    job_url = url + response.json()["links"]["self"]
    while (body := session.get(job_url, timeout=30).json())["status"] not in ("succeeded", "failed"):
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    states: dict[str, int] = {}
    for article in body["articles"]:
        states[article["status"]] = states.get(article["status"], 0) + 1
    return elapsed, states


def main() -> None:
    """Start a private stack, run the job twice (cold and warm worker), print the figures."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    html = pages(count)
    with tempfile.TemporaryDirectory() as tmp:
        redis_server = RedisServer(Path(tmp) / "redis").start()
        port = free_port()
        env = {"API_KEYS": KEY, "REDIS_URL": redis_server.url, "PORT": str(port), "MAX_BODY_BYTES": str(64 << 20)}
        worker = start_worker(env, "bench", log_path=Path(tmp) / "worker.log")
        gateway = start_gateway(env, port, log_path=Path(tmp) / "gateway.log")
        try:
            url = f"http://127.0.0.1:{port}"
            if not wait_http(url + "/readyz", timeout=180):
                raise RuntimeError("stack not ready")
            print(f"{count} HTML pages ({sum(map(len, html)) / 1e6:.1f} MB), one source, worker -c 2")
            for label in ("first job", "second job"):
                elapsed, states = run_job(url, html)
                print(f"  {label}: {elapsed:.1f} s POST to succeeded, articles {states}", flush=True)
        finally:
            stop_process(gateway)
            stop_process(worker)
            redis_server.stop()


if __name__ == "__main__":
    main()
