"""The ScrapingHub benchmark (181 pages) through the whole service: POSTed as HTML over HTTP, extracted by
the worker, the clean `text` of the result scored with the benchmark's metric (eval.html_extraction).

Each page is its own source (no sibling or earlier-job furniture signal), 10 pages per job. A page the API
refuses scores as an empty prediction, so the F1 says what a client gets.

Run: `python -m eval.html_extraction_api` (data from $CORROBORATE_DATA, default ../shared/data).
"""

from __future__ import annotations

import gzip
import json
import time

import requests

from eval.html_extraction import data_dir, score, shingle_counts
from tools.processes import private_stack

KEY = "eval-key"
PER_JOB = 10


def run_job(session: requests.Session, url: str, pages: dict[str, str]) -> tuple[dict[str, str], int]:
    """(page id -> clean text of the pages that succeeded, pages refused or failed)."""
    articles = [{"id": f"p{k}", "source": page_id, "html": html} for k, (page_id, html) in enumerate(pages.items())]
    response = session.post(url + "/v1/jobs", json={"articles": articles}, timeout=300)
    if response.status_code != 202:
        return {}, len(pages)
    job_url = url + response.json()["links"]["self"]
    while session.get(job_url, timeout=30).json()["status"] not in ("succeeded", "failed"):
        time.sleep(0.5)
    result = session.get(job_url + "/result", timeout=60)
    if result.status_code != 200:
        return {}, len(pages)
    texts = {a["source"]: a["text"] for a in result.json()["articles"] if "text" in a}
    return texts, len(pages) - len(texts)


def main() -> None:
    """Start a private stack, send every page, print F1 / precision / recall and the refused count."""
    folder = data_dir()
    gold = {k: v["articleBody"] for k, v in json.loads((folder / "ground-truth.json").read_text()).items()}
    html = {path.name.split(".")[0]: gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
            for path in sorted((folder / "html").glob("*.html.gz"))}
    predicted: dict[str, str] = {}
    missing = 0
    started = time.perf_counter()
    with private_stack(KEY) as url:
        session = requests.Session()
        session.headers["X-API-Key"] = KEY
        ids = sorted(html)
        for start in range(0, len(ids), PER_JOB):
            texts, lost = run_job(session, url, {i: html[i] for i in ids[start:start + PER_JOB]})
            predicted.update(texts)
            missing += lost
    f1, precision, recall = score(shingle_counts(gold[i], predicted.get(i, "")) for i in sorted(gold))
    print(f"ScrapingHub benchmark through the API: {len(gold)} pages, {missing} refused or failed, "
          f"{time.perf_counter() - started:.0f} s")
    print(f"  F1 {f1:.3f}  precision {precision:.3f}  recall {recall:.3f}")


if __name__ == "__main__":
    main()
