"""One job of many HTML pages from one source, through the whole stack (Redis, worker, gateway over HTTP).

Every article of a source is cleaned with its siblings' lines as a furniture signal; those lines are
fingerprinted once per article and kept in the job store (before: each sibling task re-read and
re-extracted every sibling's raw HTML, and finalize did it once more). Prints POST-to-succeeded seconds
for N ScrapingHub benchmark pages given one source name, on a warmed-up worker.

Run: `python -m bench.same_source_job [N]` (default 20; data from $CORROBORATE_DATA, default ../shared/data).
"""

from __future__ import annotations

import gzip
import sys
import time

import requests

from eval.html_extraction import data_dir
from tools.processes import private_stack

KEY = "bench-key"


def pages(count: int, max_chars: int = 190_000) -> list[str]:
    """The first `count` benchmark pages by file name under max_chars (a fixed sample that a version
    limiting HTML to 200,000 characters also accepts, so the figure compares like with like)."""
    found = []
    for path in sorted((data_dir() / "html").glob("*.html.gz")):
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
    """Start a private stack, warm the worker with one other page, then time the job (cold page caches)."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    html = pages(count + 1)
    with private_stack(KEY, MAX_BODY_BYTES=str(64 << 20)) as url:
        run_job(url, html[count:])  # loads the models in the pool children; a page not in the job
        print(f"{count} HTML pages ({sum(map(len, html[:count])) / 1e6:.1f} MB), one source, worker -c 2")
        elapsed, states = run_job(url, html[:count])
        print(f"  {elapsed:.1f} s POST to succeeded ({count / elapsed:.2f} articles/s), articles {states}")


if __name__ == "__main__":
    main()
